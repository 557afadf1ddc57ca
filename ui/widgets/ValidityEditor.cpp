#include "ui/widgets/ValidityEditor.h"

#include "ui/widgets/FieldErrorLabel.h"

#include <QCheckBox>
#include <QDateEdit>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QSignalBlocker>
#include <QTimeEdit>

namespace Keydesk::Ui {

namespace {

QString offsetText(int seconds)
{
    const int minutes = std::abs(seconds) / 60;
    return QStringLiteral("UTC%1%2:%3")
        .arg(seconds < 0 ? QLatin1Char('-') : QLatin1Char('+'))
        .arg(minutes / 60, 2, 10, QLatin1Char('0'))
        .arg(minutes % 60, 2, 10, QLatin1Char('0'));
}

QString hhmm(QTime time)
{
    return time.toString(QStringLiteral("HH:mm"));
}

QLabel *makeNote(const QString &objectName, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setWordWrap(true);
    label->setVisible(false);
    return label;
}

} // namespace

ValidityEditor::ValidityEditor(const Core::FacilityZone &zone, QWidget *parent)
    : QWidget(parent)
    , m_zone(zone)
{
    auto *grid = new QGridLayout(this);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setColumnStretch(3, 1);

    const QString dateFormat = QStringLiteral("ddd d MMM yyyy");
    const auto makeDate = [&](const QString &name, const QString &accessible) {
        auto *edit = new QDateEdit(this);
        edit->setObjectName(name);
        edit->setCalendarPopup(true);
        edit->setDisplayFormat(dateFormat);
        edit->setAccessibleName(accessible);
        // The style's size hint clips the longest dates ("Wed 30 Sep 2026") next to the popup button.
        const int text = edit->fontMetrics().horizontalAdvance(QLocale().toString(QDate(2026, 9, 30), dateFormat));
        edit->setMinimumWidth(text + edit->fontMetrics().height() * 3);
        connect(edit, &QDateEdit::dateChanged, this, [this] {
            refreshNotes();
            Q_EMIT changed();
        });
        return edit;
    };
    const auto makeTime = [&](const QString &name, const QString &accessible) {
        auto *edit = new QTimeEdit(this);
        edit->setObjectName(name);
        edit->setDisplayFormat(QStringLiteral("HH:mm"));
        edit->setAccessibleName(accessible);
        connect(edit, &QTimeEdit::timeChanged, this, [this] {
            refreshNotes();
            Q_EMIT changed();
        });
        return edit;
    };

    auto *fromLabel = new QLabel(tr("&Starts:"), this);
    m_fromDate = makeDate(QStringLiteral("validFromDate"), tr("Start date"));
    m_fromTime = makeTime(QStringLiteral("validFromTime"), tr("Start time"));
    fromLabel->setBuddy(m_fromDate);
    grid->addWidget(fromLabel, 0, 0);
    grid->addWidget(m_fromDate, 0, 1);
    grid->addWidget(m_fromTime, 0, 2);
    m_fromNote = makeNote(QStringLiteral("validFromNote"), this);
    m_fromError = new FieldErrorLabel(QStringLiteral("validFromError"), this);
    grid->addWidget(m_fromNote, 1, 1, 1, 3);
    grid->addWidget(m_fromError, 2, 1, 1, 3);

    auto *toLabel = new QLabel(tr("&Ends:"), this);
    m_toDate = makeDate(QStringLiteral("validToDate"), tr("End date"));
    m_toTime = makeTime(QStringLiteral("validToTime"), tr("End time"));
    toLabel->setBuddy(m_toDate);
    m_noEnd = new QCheckBox(tr("&No end date"), this);
    m_noEnd->setObjectName(QStringLiteral("noEndDate"));
    connect(m_noEnd, &QCheckBox::toggled, this, [this](bool noEnd) {
        m_toDate->setEnabled(!noEnd);
        m_toTime->setEnabled(!noEnd);
        refreshNotes();
        Q_EMIT changed();
    });
    grid->addWidget(toLabel, 3, 0);
    grid->addWidget(m_toDate, 3, 1);
    grid->addWidget(m_toTime, 3, 2);
    grid->addWidget(m_noEnd, 3, 3);
    m_toNote = makeNote(QStringLiteral("validToNote"), this);
    m_toError = new FieldErrorLabel(QStringLiteral("validToError"), this);
    grid->addWidget(m_toNote, 4, 1, 1, 3);
    grid->addWidget(m_toError, 5, 1, 1, 3);

    m_zoneLabel = new QLabel(tr("Dates and times are facility time, %1.").arg(m_zone.describe()), this);
    m_zoneLabel->setObjectName(QStringLiteral("zone"));
    m_zoneLabel->setWordWrap(true);
    grid->addWidget(m_zoneLabel, 6, 0, 1, 4);
}

void ValidityEditor::setRange(const QDateTime &fromUtc, const QDateTime &toUtc)
{
    {
        const QSignalBlocker b1(m_fromDate), b2(m_fromTime), b3(m_toDate), b4(m_toTime), b5(m_noEnd);
        const QDateTime from = m_zone.toLocal(fromUtc);
        m_fromGiven = fromUtc;
        m_fromGivenWall = QDateTime(from.date(), QTime(from.time().hour(), from.time().minute()), Qt::UTC);
        m_toGiven = toUtc;
        m_toGivenWall = {};
        m_fromDate->setDate(from.date());
        m_fromTime->setTime(from.time());
        const bool open = !toUtc.isValid();
        m_noEnd->setChecked(open);
        m_toDate->setEnabled(!open);
        m_toTime->setEnabled(!open);
        if (!open) {
            const QDateTime to = m_zone.toLocal(toUtc);
            m_toGivenWall = QDateTime(to.date(), QTime(to.time().hour(), to.time().minute()), Qt::UTC);
            m_toDate->setDate(to.date());
            m_toTime->setTime(to.time());
        } else {
            // Unticking "No end date" then offers a week after the start rather than the year 2000.
            m_toDate->setDate(from.date().addDays(7));
            m_toTime->setTime(from.time());
        }
    }
    refreshNotes();
    Q_EMIT changed();
}

QDateTime ValidityEditor::validFrom() const
{
    if (m_fromGiven.isValid() && QDateTime(m_fromDate->date(), m_fromTime->time(), Qt::UTC) == m_fromGivenWall)
        return m_fromGiven;
    return m_zone.toUtc(m_fromDate->date(), m_fromTime->time());
}

QDateTime ValidityEditor::validTo() const
{
    if (m_noEnd->isChecked())
        return {};
    if (m_toGiven.isValid() && QDateTime(m_toDate->date(), m_toTime->time(), Qt::UTC) == m_toGivenWall)
        return m_toGiven;
    return m_zone.toUtc(m_toDate->date(), m_toTime->time());
}

void ValidityEditor::setFromError(const QString &message)
{
    m_fromError->setMessage(message);
}

void ValidityEditor::setToError(const QString &message)
{
    m_toError->setMessage(message);
}

QString ValidityEditor::wallTimeNote(const Core::FacilityZone &zone, QDate date, QTime time)
{
    const Core::WallTimeResolution r = zone.resolve(date, time);
    const QString day = QLocale().toString(date, QStringLiteral("ddd d MMM"));
    switch (r.kind) {
    case Core::WallTimeResolution::Unique:
        return {};
    case Core::WallTimeResolution::InGap:
        return tr("%1 does not exist on %2 in %3: the clocks go forward that night. Keydesk uses %4 instead "
                  "(the same moment on a clock that was not set forward).")
            .arg(hhmm(time), day, zone.describe(), hhmm(zone.toLocal(zone.toUtc(date, time)).time()));
    case Core::WallTimeResolution::InOverlap:
        return tr("%1 happens twice on %2 in %3: the clocks go back that night. Keydesk uses the first one "
                  "(%4, before the clocks go back).")
            .arg(hhmm(time), day, zone.describe(), offsetText(zone.offsetAtMSecs(r.earlier.toMSecsSinceEpoch())));
    }
    return {};
}

QWidget *ValidityEditor::firstFocusWidget() const
{
    return m_fromDate;
}

QWidget *ValidityEditor::lastFocusWidget() const
{
    return m_noEnd;
}

void ValidityEditor::refreshNotes()
{
    const QString fromNote = wallTimeNote(m_zone, m_fromDate->date(), m_fromTime->time());
    m_fromNote->setText(fromNote);
    m_fromNote->setVisible(!fromNote.isEmpty());
    const QString toNote = m_noEnd->isChecked() ? QString() : wallTimeNote(m_zone, m_toDate->date(), m_toTime->time());
    m_toNote->setText(toNote);
    m_toNote->setVisible(!toNote.isEmpty());
}

} // namespace Keydesk::Ui
