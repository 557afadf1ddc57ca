#include "ui/views/users/UserDetailsPanel.h"

#include "core/cache/CacheStore.h"
#include "core/models/ModelText.h"
#include "ui/views/CacheRead.h"
#include "ui/views/FacilityDirectory.h"
#include "ui/views/StatusStyle.h"
#include "ui/views/keys/KeyRowJson.h"

#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace Keydesk::Ui {

namespace {

QTreeWidget *makeList(QWidget *parent, const QString &name, const QStringList &headers)
{
    auto *list = new QTreeWidget(parent);
    list->setObjectName(name);
    list->setRootIsDecorated(false);
    list->setHeaderLabels(headers);
    list->setSelectionMode(QAbstractItemView::NoSelection);
    list->header()->setStretchLastSection(true);
    return list;
}

void colour(QTreeWidgetItem *item, int column, StatusStyle::Tone tone, const QPalette &palette)
{
    item->setForeground(column, StatusStyle::foreground(tone, palette));
    QFont f = item->font(column);
    f.setBold(tone == StatusStyle::Tone::Danger || tone == StatusStyle::Tone::Warning);
    item->setFont(column, f);
}

} // namespace

UserDetailsPanel::UserDetailsPanel(const ViewContext &ctx, const FacilityDirectory &directory, QWidget *parent)
    : QWidget(parent)
    , m_ctx(ctx)
    , m_directory(directory)
{
    setObjectName(QStringLiteral("userDetails"));
    auto *layout = new QVBoxLayout(this);
    m_name = new QLabel(this);
    m_name->setObjectName(QStringLiteral("userName"));
    QFont big = m_name->font();
    big.setPointSizeF(big.pointSizeF() * 1.3);
    big.setBold(true);
    m_name->setFont(big);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("userStatus"));
    m_profile = new QLabel(this);
    m_profile->setObjectName(QStringLiteral("userProfile"));
    m_profile->setTextFormat(Qt::PlainText);
    m_profile->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *head = new QHBoxLayout;
    head->addWidget(m_name);
    head->addWidget(m_status);
    head->addStretch(1);
    layout->addLayout(head);
    layout->addWidget(m_profile);
    layout->addWidget(new QLabel(tr("Digital keys"), this));
    m_keys = makeList(this, QStringLiteral("userKeys"), { tr("Key"), tr("Lock"), tr("Status") });
    layout->addWidget(m_keys, 2);
    layout->addWidget(new QLabel(tr("Offline keys per lock"), this));
    m_offline = makeList(this, QStringLiteral("offlineKeys"), { tr("Lock"), tr("Offline key") });
    layout->addWidget(m_offline, 1);
    layout->addWidget(new QLabel(tr("Recent activity"), this));
    m_activity = makeList(this, QStringLiteral("recentActivity"), { tr("When"), tr("Lock"), tr("What") });
    layout->addWidget(m_activity, 2);

    if (m_ctx.cache) {
        connect(m_ctx.cache, &Core::CacheStore::rowsChanged, this, [this](const QString &entity, const QStringList &) {
            static const QStringList mine { QStringLiteral("users"), QStringLiteral("keys"),
                                            QStringLiteral("offline_keys"), QStringLiteral("activity") };
            if (m_userId.isEmpty() || !mine.contains(entity) || m_reloadQueued)
                return;
            m_reloadQueued = true;
            QTimer::singleShot(0, this, [this] {
                m_reloadQueued = false;
                reload();
            });
        });
    }
    // Lock names come from the directory, which may learn a lock after the panel read the user's keys.
    connect(&m_directory, &FacilityDirectory::changed, this, [this] {
        if (m_loaded)
            show(m_details);
    });
    setUserId({});
}

void UserDetailsPanel::setUserId(const QString &userId)
{
    m_userId = userId;
    m_loaded = false;
    if (userId.isEmpty()) {
        ++m_generation;
        m_name->setText(tr("No user selected"));
        m_status->clear();
        m_status->setStyleSheet({});
        m_profile->clear();
        m_keys->clear();
        m_offline->clear();
        m_activity->clear();
        return;
    }
    reload();
}

void UserDetailsPanel::reload()
{
    if (!m_ctx.cache || m_userId.isEmpty())
        return;
    const quint64 generation = ++m_generation;
    const QString userId = m_userId;
    auto read = [userId](Core::CacheDatabase &db) -> Core::Result<Details> {
        Details d;
        auto user = db.row(QStringLiteral("users"), userId);
        if (!user)
            return user.error();
        if (*user)
            d.user = (*user)->data;
        const QString tracking = d.user.value(QStringLiteral("tracking_key")).toString();
        auto withId = [](const Core::CachedRow &row) {
            QJsonObject o = row.data;
            o.insert(QStringLiteral("id"), row.id);
            return o;
        };
        auto keys = db.rows(QStringLiteral("keys"));
        if (!keys)
            return keys.error();
        for (const Core::CachedRow &row : *keys) {
            if (row.data.value(QStringLiteral("user_id")).toString() == userId)
                d.keys.append(withId(row));
        }
        if (auto offline = db.rows(QStringLiteral("offline_keys"))) {
            for (const Core::CachedRow &row : *offline) {
                if (row.data.value(QStringLiteral("user_id")).toString() == userId)
                    d.offlineKeys.append(withId(row));
            }
        }
        if (auto activity = db.rows(QStringLiteral("activity")); activity && !tracking.isEmpty()) {
            for (const Core::CachedRow &row : *activity) {
                if (row.data.value(QStringLiteral("tracking_key")).toString() == tracking)
                    d.activity.append(withId(row));
            }
            auto when = [](const QJsonObject &o) {
                const QJsonValue r = o.value(QStringLiteral("recorded_time"));
                return r.isDouble() ? r.toInteger() : o.value(QStringLiteral("range_end")).toInteger();
            };
            std::sort(d.activity.begin(), d.activity.end(),
                      [&when](const QJsonObject &a, const QJsonObject &b) { return when(a) > when(b); });
            if (d.activity.size() > kRecentActivity)
                d.activity.resize(kRecentActivity);
        }
        return d;
    };
    whenRead(this, m_ctx.cache->run(std::move(read)), [this, generation](Core::Result<Details> details) {
        if (generation != m_generation || !details)
            return;
        m_details = std::move(details).value();
        show(m_details);
        m_loaded = true;
        Q_EMIT refreshed();
    });
}

QString UserDetailsPanel::instant(const QJsonValue &ms) const
{
    return ms.isDouble() ? Core::ModelText::instant(m_ctx.zone, ms.toInteger()) : QString();
}

void UserDetailsPanel::show(const Details &d)
{
    const QString name = d.user.value(QStringLiteral("name")).toString();
    m_name->setText(name.isEmpty() ? m_userId : name);
    const QString status = d.user.value(QStringLiteral("status")).toString();
    const StatusStyle::Tone statusTone = status == QLatin1String("active") ? StatusStyle::Tone::Ok
        : status == QLatin1String("delinquent")                            ? StatusStyle::Tone::Warning
                                                                           : StatusStyle::Tone::Danger;
    const QString statusWord = status == QLatin1String("active") ? tr("Active")
        : status == QLatin1String("delinquent")                  ? tr("Delinquent")
        : status == QLatin1String("suspended")                   ? tr("Suspended")
                                                                 : status;
    StatusStyle::applyBadge(m_status, statusWord, statusTone);
    QStringList profile;
    for (const auto &[field, label] :
         { std::pair { "email", tr("E-mail") }, std::pair { "phone", tr("Phone") }, std::pair { "kind", tr("Kind") },
           std::pair { "tracking_key", tr("Tracking key") } }) {
        const QString value = d.user.value(QLatin1String(field)).toString();
        if (!value.isEmpty())
            profile.append(tr("%1: %2").arg(label, value));
    }
    m_profile->setText(profile.join(QLatin1Char('\n')));

    const QDateTime now = m_ctx.clock->now();
    m_keys->clear();
    for (const QJsonObject &row : d.keys) {
        const Core::DigitalKey key = KeyRowJson::fromFeedRow(row.value(QStringLiteral("id")).toString(), row);
        const Core::KeyStatus s = Core::keyStatus(key, now);
        auto *item
            = new QTreeWidgetItem(m_keys, { key.displayName(), m_directory.lockName(key.lockId), Core::toString(s) });
        item->setData(0, Qt::UserRole, key.id);
        colour(item, 2, StatusStyle::toneOf(Core::ModelText::keyStatusTone(s)), palette());
    }

    // Per lock: the latest expiry among the offline keys not invalidated, else Expired / Invalidated.
    struct PerLock
    {
        qint64 latest = -1;
        bool invalidated = false;
    };
    QHash<QString, PerLock> perLock;
    for (const QJsonObject &row : d.offlineKeys) {
        PerLock &p = perLock[row.value(QStringLiteral("lock_id")).toString()];
        if (row.value(QStringLiteral("invalidated_at")).isDouble()) {
            p.invalidated = true;
            continue;
        }
        p.latest = std::max(p.latest, row.value(QStringLiteral("expires_at")).toInteger());
    }
    m_offline->clear();
    const qint64 nowMs = now.toMSecsSinceEpoch();
    for (auto it = perLock.constBegin(); it != perLock.constEnd(); ++it) {
        QString text;
        StatusStyle::Tone tone = StatusStyle::Tone::Danger;
        if (it->latest > nowMs) {
            //: Offline key still valid until the instant
            text = tr("Valid until %1").arg(Core::ModelText::instant(m_ctx.zone, it->latest));
            tone = StatusStyle::Tone::Ok;
        } else if (it->invalidated && it->latest < 0) {
            //: Offline key invalidated by a security check, revocation or account change
            text = tr("Invalidated");
        } else {
            text = tr("Expired");
        }
        auto *item = new QTreeWidgetItem(m_offline, { m_directory.lockName(it.key()), text });
        colour(item, 1, tone, palette());
    }
    m_offline->sortItems(0, Qt::AscendingOrder);

    m_activity->clear();
    for (const QJsonObject &row : d.activity) {
        QString when = instant(row.value(QStringLiteral("recorded_time")));
        if (when.isEmpty())
            //: An event whose exact time is unknown: between two instants
            when = tr("between %1 and %2")
                       .arg(instant(row.value(QStringLiteral("range_start"))),
                            instant(row.value(QStringLiteral("range_end"))));
        new QTreeWidgetItem(m_activity,
                            { when, m_directory.lockName(row.value(QStringLiteral("lock_id")).toString()),
                              row.value(QStringLiteral("action")).toString() });
    }
}

} // namespace Keydesk::Ui
