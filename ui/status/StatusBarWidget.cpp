#include "ui/status/StatusBarWidget.h"

#include "core/domain/Clock.h"

#include <QCoreApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QTimer>

namespace Keydesk::Ui {

namespace {

QString stateName(ConnectionState state)
{
    switch (state) {
    case ConnectionState::Connecting:
        return StatusBarWidget::tr("Connecting\u2026");
    case ConnectionState::Online:
        return StatusBarWidget::tr("\u25cf Online");
    case ConnectionState::Syncing:
        return StatusBarWidget::tr("\u21bb Syncing\u2026");
    case ConnectionState::Offline:
        return StatusBarWidget::tr("\u25cb Offline");
    case ConnectionState::Error:
        return StatusBarWidget::tr("\u26a0 Error");
    }
    return {};
}

QFrame *separator(QWidget *parent)
{
    auto *line = new QFrame(parent);
    line->setFrameShape(QFrame::VLine);
    line->setFrameShadow(QFrame::Sunken);
    return line;
}

} // namespace

QString syncedAgoText(qint64 seconds, const QDateTime &when)
{
    if (!when.isValid())
        return StatusBarWidget::tr("not synced yet");
    if (seconds < 5)
        return StatusBarWidget::tr("synced just now");
    if (seconds < 60)
        return StatusBarWidget::tr("synced %1 s ago").arg(seconds);
    if (seconds < 3600)
        return StatusBarWidget::tr("synced %1 min ago").arg(seconds / 60);
    if (seconds < 86400)
        return StatusBarWidget::tr("synced %1 h ago").arg(seconds / 3600);
    return StatusBarWidget::tr("synced on %1").arg(QLocale().toString(when.toLocalTime().date(), QLocale::ShortFormat));
}

StatusBarWidget::StatusBarWidget(const Core::Clock &clock, QWidget *parent)
    : QWidget(parent)
    , m_clock(clock)
{
    setObjectName(QStringLiteral("connectionStatus"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 0, 4, 0);
    layout->setSpacing(8);

    m_identity = new QLabel(this);
    m_identity->setObjectName(QStringLiteral("statusIdentity"));
    m_counts = new QLabel(this);
    m_counts->setObjectName(QStringLiteral("statusCounts"));
    m_stateLabel = new QLabel(this);
    m_stateLabel->setObjectName(QStringLiteral("statusState"));
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("statusProgress"));
    m_progress->setMaximumWidth(120);
    m_progress->setMaximumHeight(14);
    m_progress->setTextVisible(false);
    m_progress->hide();
    m_synced = new QLabel(this);
    m_synced->setObjectName(QStringLiteral("statusSynced"));

    m_identitySeparator = separator(this);
    m_countsSeparator = separator(this);
    layout->addWidget(m_identity);
    layout->addWidget(m_identitySeparator);
    layout->addWidget(m_counts);
    layout->addWidget(m_countsSeparator);
    layout->addWidget(m_stateLabel);
    layout->addWidget(m_progress);
    layout->addWidget(m_synced);

    // One timer for the age text; a second is the text's resolution.
    m_ageTimer = new QTimer(this);
    m_ageTimer->setInterval(1000);
    connect(m_ageTimer, &QTimer::timeout, this, &StatusBarWidget::refreshAge);
    m_ageTimer->start();
    // A jump of the clock (a resume from suspend, a moved fake clock) shows at once, not at the next tick.
    connect(m_clock.notifier(), &Core::ClockNotifier::jumped, this, &StatusBarWidget::refreshAge);

    setState(ConnectionState::Connecting);
    setCounts({});
    setIdentity({});
    refreshAge();
}

StatusBarWidget::~StatusBarWidget() = default;

void StatusBarWidget::setState(ConnectionState state, const QString &detail)
{
    if (state == ConnectionState::Syncing && m_state != ConnectionState::Syncing)
        m_syncStarted.start();
    m_state = state;
    QString text = stateName(state);
    if (state == ConnectionState::Error && !detail.isEmpty())
        text = tr("%1: %2").arg(text, detail);
    m_stateLabel->setText(text);
    m_stateLabel->setToolTip(detail);
    if (state != ConnectionState::Syncing)
        m_progress->hide();
}

void StatusBarWidget::setProgress(int done, int total)
{
    // A quick refresh would only flash the bar; a long one (a big first sync) shows where it is.
    const bool longSync = m_syncStarted.isValid() && m_syncStarted.elapsed() >= kLongSyncMs;
    if (total <= 0 || m_state != ConnectionState::Syncing || !longSync) {
        m_progress->hide();
        return;
    }
    m_progress->setRange(0, total);
    m_progress->setValue(qBound(0, done, total));
    m_progress->show();
}

void StatusBarWidget::setLastSynced(const QDateTime &when)
{
    m_lastSynced = when;
    refreshAge();
}

void StatusBarWidget::setCounts(const FacilityCounts &counts)
{
    if (counts.locks < 0) {
        m_counts->clear();
        m_counts->hide();
        m_countsSeparator->hide();
        return;
    }
    // Singular and plural spelled out, so the text reads right even before a translation is loaded.
    QStringList parts { counts.locks == 1 ? tr("1 lock") : tr("%1 locks").arg(counts.locks),
                        counts.users == 1 ? tr("1 user") : tr("%1 users").arg(counts.users),
                        counts.activeKeys == 1 ? tr("1 active key") : tr("%1 active keys").arg(counts.activeKeys) };
    if (counts.lowBatteries > 0)
        parts.append(counts.lowBatteries == 1 ? tr("1 low battery") : tr("%1 low batteries").arg(counts.lowBatteries));
    m_counts->setText(parts.join(QStringLiteral(" \u00b7 ")));
    m_counts->setToolTip(tr("Digital keys in all states: %1").arg(counts.keys));
    m_counts->show();
    m_countsSeparator->show();
}

void StatusBarWidget::setIdentity(const QString &text)
{
    m_identity->setText(text);
    m_identity->setVisible(!text.isEmpty());
    m_identitySeparator->setVisible(!text.isEmpty());
}

QString StatusBarWidget::stateText() const
{
    return m_stateLabel->text();
}

QString StatusBarWidget::syncedText() const
{
    return m_synced->text();
}

QString StatusBarWidget::countsText() const
{
    return m_counts->text();
}

void StatusBarWidget::refreshAge()
{
    const qint64 seconds = m_lastSynced.isValid() ? qMax<qint64>(0, m_lastSynced.secsTo(m_clock.now())) : 0;
    m_synced->setText(syncedAgoText(seconds, m_lastSynced));
}

} // namespace Keydesk::Ui
