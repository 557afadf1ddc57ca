#include "ui/views/users/ExplainAccessDialog.h"

#include "ui/views/FacilityDirectory.h"
#include "ui/views/StatusStyle.h"
#include "ui/widgets/DirectoryPicker.h"

#include <QCheckBox>
#include <QCoroTask>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QJsonArray>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace Keydesk::Ui {

ExplainAccessDialog::ExplainAccessDialog(const ViewContext &ctx, const FacilityDirectory &directory,
                                         const QString &userId, QWidget *parent)
    : QDialog(parent)
    , m_ctx(ctx)
    , m_userId(userId)
{
    setObjectName(QStringLiteral("explainAccessDialog"));
    //: Dialog title: the access decision for a user at a lock, with reasons
    setWindowTitle(tr("Why can't %1 get in?").arg(directory.userName(userId)));
    auto *layout = new QVBoxLayout(this);
    auto *form = new QFormLayout;
    // Up to 50,000 locks: typed and searched, never listed whole.
    m_lock = new DirectoryPicker(this);
    m_lock->setObjectName(QStringLiteral("lockChoice"));
    m_lock->setSource(directory.choices(FacilityDirectory::Kind::Locks));
    //: Placeholder of the lock field of "Why can't they get in?"
    m_lock->setPlaceholderText(tr("Type the lock's name"));
    form->addRow(tr("Lock:"), m_lock);
    auto *atRow = new QHBoxLayout;
    m_atEnabled = new QCheckBox(tr("At a given time"), this);
    m_atEnabled->setObjectName(QStringLiteral("atEnabled"));
    m_at = new QDateTimeEdit(this);
    m_at->setObjectName(QStringLiteral("atTime"));
    m_at->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm"));
    m_at->setCalendarPopup(true);
    const QDateTime local = m_ctx.zone.toLocal(m_ctx.clock->now());
    m_at->setDateTime(QDateTime(local.date(), QTime(local.time().hour(), local.time().minute())));
    m_at->setEnabled(false);
    connect(m_atEnabled, &QCheckBox::toggled, m_at, &QWidget::setEnabled);
    atRow->addWidget(m_atEnabled);
    atRow->addWidget(m_at, 1);
    //: The time the question is about, in the facility's time zone
    form->addRow(tr("When (%1):").arg(m_ctx.zone.id().isEmpty() ? tr("now") : m_ctx.zone.id()), atRow);
    layout->addLayout(form);
    m_verdict = new QLabel(this);
    m_verdict->setObjectName(QStringLiteral("verdict"));
    m_verdict->setWordWrap(true);
    m_reasonsLabel = new QLabel(this);
    m_reasonsLabel->setObjectName(QStringLiteral("reasons"));
    m_reasonsLabel->setWordWrap(true);
    m_reasonsLabel->setTextFormat(Qt::PlainText);
    m_reasonsLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_verdict);
    layout->addWidget(m_reasonsLabel, 1);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_explain = buttons->addButton(tr("Explain"), QDialogButtonBox::ActionRole);
    m_explain->setObjectName(QStringLiteral("explainButton"));
    m_explain->setDefault(true);
    m_explain->setEnabled(false);
    connect(m_lock, &DirectoryPicker::currentIdChanged, this, [this] { m_explain->setEnabled(mayExplain()); });
    connect(m_explain, &QPushButton::clicked, this, &ExplainAccessDialog::explain);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    if (directory.isLoaded() && directory.lockCount() == 0)
        m_verdict->setText(tr("There are no locks to ask about."));
    resize(520, 360);
}

bool ExplainAccessDialog::selectLock(const QString &lockId)
{
    if (!m_lock->source() || !m_lock->source()->choice(lockId))
        return false;
    m_lock->setCurrentId(lockId);
    return true;
}

bool ExplainAccessDialog::mayExplain() const
{
    return !m_busy && !m_lock->currentId().isEmpty();
}

QString ExplainAccessDialog::verdictText() const
{
    return m_verdict->text();
}

void ExplainAccessDialog::explain()
{
    if (!m_ctx.api || !mayExplain())
        return;
    Core::ApiRequest request;
    request.path = QStringLiteral("/v1/access/explain");
    request.query.addQueryItem(QStringLiteral("user"), m_userId);
    request.query.addQueryItem(QStringLiteral("lock"), m_lock->currentId());
    if (m_atEnabled->isChecked()) {
        const QDateTime wall = m_at->dateTime();
        const QDateTime at = m_ctx.zone.toUtc(wall.date(), wall.time());
        request.query.addQueryItem(QStringLiteral("at"), at.toUTC().toString(Qt::ISODate));
    }
    m_busy = true;
    m_explain->setEnabled(false);
    m_verdict->setStyleSheet({});
    m_verdict->setText(tr("Asking the server…"));
    m_reasonsLabel->clear();
    m_reasons.clear();
    QCoro::connect(m_ctx.api->send(std::move(request)), this,
                   [this](const Core::ApiResult<Core::ApiResponse> &answer) { showAnswer(answer); });
}

void ExplainAccessDialog::showAnswer(const Core::ApiResult<Core::ApiResponse> &answer)
{
    m_busy = false;
    m_explain->setEnabled(mayExplain());
    if (!answer) {
        const Core::ApiError &e = answer.error();
        const bool offline = e.kind == Core::ApiErrorKind::Unreachable || e.kind == Core::ApiErrorKind::Timeout;
        StatusStyle::applyBadge(m_verdict,
                                offline ? tr("The server cannot be reached, so this cannot be answered now.")
                                        : tr("The server could not answer."),
                                StatusStyle::Tone::Warning);
        m_reasonsLabel->setText(offline ? tr("Only the server knows the current state of the account, its keys and "
                                             "schedules. Try again when the connection is back.\n(%1)")
                                              .arg(e.message)
                                        : e.message);
        Q_EMIT answered();
        return;
    }
    const QJsonObject decision = answer->json.value(QStringLiteral("decision")).toObject();
    const bool allowed = decision.value(QStringLiteral("allowed")).toBool();
    const QString lockName = decision.value(QStringLiteral("lock_name")).toString(m_lock->text());
    StatusStyle::applyBadge(
        m_verdict, allowed ? tr("Access allowed at %1").arg(lockName) : tr("Access denied at %1").arg(lockName),
        allowed ? StatusStyle::Tone::Ok : StatusStyle::Tone::Danger);
    for (const QJsonValue &r : decision.value(QStringLiteral("reasons")).toArray())
        m_reasons.append(r.toString());
    QStringList lines;
    for (const QString &r : std::as_const(m_reasons))
        lines.append(QStringLiteral("• ") + r);
    if (lines.isEmpty())
        lines.append(allowed ? tr("Nothing stands in the way.") : tr("The server gave no reason."));
    m_reasonsLabel->setText(lines.join(QLatin1Char('\n')));
    Q_EMIT answered();
}

} // namespace Keydesk::Ui
