#include "ui/views/keys/RejectionBanner.h"

#include "core/cache/CacheStore.h"
#include "core/sync/SyncEngine.h"
#include "ui/views/StatusStyle.h"

#include <QCoroTask>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace Keydesk::Ui {

RejectionBanner::RejectionBanner(const ViewContext &ctx, QStringList opPrefixes, QWidget *parent)
    : QFrame(parent)
    , m_ctx(ctx)
    , m_prefixes(std::move(opPrefixes))
{
    setObjectName(QStringLiteral("rejections"));
    setFrameShape(QFrame::StyledPanel);
    m_rows = new QVBoxLayout(this);
    m_rows->setContentsMargins(6, 4, 6, 4);
    hide();
    if (m_ctx.sync)
        connect(m_ctx.sync, &Core::SyncEngine::rejected, this, &RejectionBanner::add);
    // Rejections from an earlier run stay in the outbox until dismissed: show them too.
    if (m_ctx.cache) {
        QCoro::connect(m_ctx.cache->rejected(), this, [this](const Core::Result<QList<Core::OutboxEntry>> &entries) {
            if (!entries)
                return;
            for (const Core::OutboxEntry &e : *entries)
                add(e.seq, e.op, e.errorMessage, e.errorField);
        });
    }
}

QHash<qint64, QString> RejectionBanner::shown() const
{
    return m_messages;
}

QString RejectionBanner::describeOp(const QString &op)
{
    if (op == QLatin1String("key.revoke"))
        return tr("Revoking a key");
    if (op == QLatin1String("key.create"))
        return tr("Creating a key");
    if (op == QLatin1String("key.edit"))
        return tr("Changing a key");
    if (op == QLatin1String("user.create"))
        return tr("Adding a user");
    if (op == QLatin1String("user.edit"))
        return tr("Changing a user");
    if (op == QLatin1String("user.invalidate_offline_keys"))
        return tr("Forcing a new security check");
    return op;
}

void RejectionBanner::add(qint64 seq, const QString &op, const QString &message, const QString &field)
{
    Q_UNUSED(field)
    if (m_rowOf.contains(seq))
        return;
    const bool mine
        = std::any_of(m_prefixes.cbegin(), m_prefixes.cend(), [&op](const QString &p) { return op.startsWith(p); });
    if (!mine)
        return;
    auto *row = new QWidget(this);
    row->setObjectName(QStringLiteral("rejection-%1").arg(seq));
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *text = new QLabel(row);
    text->setWordWrap(true);
    text->setTextFormat(Qt::PlainText);
    //: A change the server refused: "<what> was refused by the server: <reason>"
    const QString sentence = tr("%1 was refused by the server and undone here: %2").arg(describeOp(op), message);
    text->setText(sentence);
    QPalette p = text->palette();
    p.setColor(QPalette::WindowText, StatusStyle::foreground(StatusStyle::Tone::Danger, palette()));
    text->setPalette(p);
    auto *dismissButton = new QPushButton(tr("Dismiss"), row);
    dismissButton->setObjectName(QStringLiteral("dismiss"));
    connect(dismissButton, &QPushButton::clicked, this, [this, seq] { dismiss(seq); });
    layout->addWidget(text, 1);
    layout->addWidget(dismissButton);
    m_rows->addWidget(row);
    m_rowOf.insert(seq, row);
    m_messages.insert(seq, sentence);
    show();
}

void RejectionBanner::dismiss(qint64 seq)
{
    if (QWidget *row = m_rowOf.take(seq))
        row->deleteLater();
    m_messages.remove(seq);
    if (m_rowOf.isEmpty())
        hide();
    if (m_ctx.sync)
        QCoro::connect(m_ctx.sync->dismissRejection(seq), this, [](const Core::Result<void> &) {});
}

} // namespace Keydesk::Ui
