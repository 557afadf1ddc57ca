#include "core/models/KeySchedules.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace Keydesk::Core {

namespace {

int dayOf(const QJsonValue &v)
{
    static const QStringList names { QStringLiteral("mon"), QStringLiteral("tue"), QStringLiteral("wed"),
                                     QStringLiteral("thu"), QStringLiteral("fri"), QStringLiteral("sat"),
                                     QStringLiteral("sun") };
    if (v.isString())
        return int(names.indexOf(v.toString().left(3).toLower())) + 1;
    const int day = v.toInt(-1);
    return day >= 1 && day <= 7 ? day : 0;
}

QTime timeOf(const QJsonValue &v)
{
    const QString text = v.toString();
    QTime t = QTime::fromString(text, QStringLiteral("HH:mm"));
    if (!t.isValid())
        t = QTime::fromString(text, QStringLiteral("HH:mm:ss"));
    return t;
}

QByteArray canonical(const QList<AccessWindow> &windows)
{
    QByteArray out;
    for (const AccessWindow &w : windows) {
        out.append(char(w.days.mask()));
        for (const QTime &t : { w.start, w.end }) {
            const int minutes = t.msecsSinceStartOfDay() / 60000;
            out.append(char(minutes >> 8)).append(char(minutes & 0xff));
        }
    }
    return out;
}

} // namespace

QList<AccessWindow> WindowSets::parse(QByteArrayView json)
{
    QList<AccessWindow> out;
    const QJsonArray array = QJsonDocument::fromJson(json.toByteArray()).array();
    for (const QJsonValue &v : array) {
        const QJsonObject o = v.toObject();
        AccessWindow w;
        const QJsonValue days = o.value(QStringLiteral("days"));
        if (days.isArray()) {
            for (const QJsonValue &d : days.toArray()) {
                if (const int day = dayOf(d))
                    w.days.add(Qt::DayOfWeek(day));
            }
        } else if (days.isDouble()) {
            w.days = Weekdays::fromMask(days.toInt());
        }
        w.start = timeOf(o.value(QStringLiteral("start")));
        w.end = timeOf(o.value(QStringLiteral("end")));
        if (!w.days.isEmpty() && w.start.isValid() && w.end.isValid())
            out.append(w);
    }
    return out;
}

int WindowSets::intern(QByteArrayView json)
{
    if (json.isEmpty())
        return -1;
    const QByteArray text = json.toByteArray();
    if (auto it = m_byText.constFind(text); it != m_byText.constEnd())
        return it.value();
    const QList<AccessWindow> windows = parse(json);
    int set = -1;
    if (!windows.isEmpty()) {
        const QByteArray key = canonical(windows);
        set = m_byWindows.value(key, -1);
        if (set < 0) {
            set = int(m_sets.size());
            m_sets.push_back(windows);
            m_byWindows.insert(key, set);
        }
    }
    m_byText.insert(text, set);
    return set;
}

std::size_t WindowSets::bytes() const
{
    std::size_t total = m_sets.capacity() * sizeof(QList<AccessWindow>);
    for (const QList<AccessWindow> &set : m_sets)
        total += std::size_t(set.capacity()) * sizeof(AccessWindow);
    for (auto it = m_byText.cbegin(); it != m_byText.cend(); ++it)
        total += std::size_t(it.key().capacity()) + 48;
    return total + std::size_t(m_byWindows.size()) * 64;
}

} // namespace Keydesk::Core
