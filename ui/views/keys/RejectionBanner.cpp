#include "ui/views/keys/RejectionBanner.h"

#include "core/cache/CacheStore.h"
#include "core/sync/SyncEngine.h"
#include "ui/views/CacheRead.h"
#include "ui/views/StatusStyle.h"

#include <QCoroTask>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace Keydesk::Ui {

namespace {

QString quoted(const QString &name)
{
    //: A name inside a sentence, e.g. the key “Unit 4”
    return RejectionBanner::tr("\u201c%1\u201d").arg(name);
}

} // namespace

RejectionBanner::RejectionBanner(const ViewContext &ctx, QStringList opPrefixes, QWidget *parent)
    : QFrame(parent)
    , m_ctx(ctx)
    , m_prefixes(std::move(opPrefixes))
{
    setObjectName(QStringLiteral("rejections"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(12, 6, 12, 6);
    outer->setSpacing(4);

    auto *header = new QHBoxLayout;
    m_heading = new QLabel(this);
    m_heading->setObjectName(QStringLiteral("rejectionsHeading"));
    m_heading->setWordWrap(true);
    QFont bold = m_heading->font();
    bold.setBold(true);
    m_heading->setFont(bold);
    m_dismissAll = new QPushButton(tr("Dismiss all"), this);
    m_dismissAll->setObjectName(QStringLiteral("dismissAll"));
    m_dismissAll->setToolTip(tr("Remove every refused change from this list (they stay undone)"));
    connect(m_dismissAll, &QPushButton::clicked, this, &RejectionBanner::dismissAll);
    header->addWidget(m_heading, 1);
    header->addWidget(m_dismissAll);
    outer->addLayout(header);

    m_rows = new QVBoxLayout;
    m_rows->setSpacing(2);
    outer->addLayout(m_rows);
    m_more = new QLabel(this);
    m_more->setObjectName(QStringLiteral("rejectionsMore"));
    m_more->hide();
    outer->addWidget(m_more);

    applyColors();
    hide();
    // The outbox is the list: the engine's signal says a new refusal is written there; outboxChanged also covers
    // dismissals made in another banner and rejections left over from an earlier run.
    if (m_ctx.sync)
        connect(m_ctx.sync, &Core::SyncEngine::rejected, this, &RejectionBanner::reload);
    if (m_ctx.cache) {
        connect(m_ctx.cache, &Core::CacheStore::outboxChanged, this, &RejectionBanner::reload);
        reload();
    }
}

RejectionBanner::~RejectionBanner() = default;

bool RejectionBanner::mine(const QString &op) const
{
    return m_prefixes.isEmpty()
        || std::any_of(m_prefixes.cbegin(), m_prefixes.cend(), [&op](const QString &p) { return op.startsWith(p); });
}

QHash<qint64, QString> RejectionBanner::shown() const
{
    QHash<qint64, QString> out;
    for (int i = 0; i < std::min<qsizetype>(m_list.size(), kMaxRows); ++i)
        out.insert(m_list.at(i).seq, sentence(m_list.at(i)));
    return out;
}

ShownRejection RejectionBanner::describe(const Core::OutboxEntry &entry, const Core::CacheDatabase &db)
{
    // What the row said before the change: the cached row (rolled back), then what the change itself carried (a
    // refused create left no row behind).
    QJsonObject data;
    if (!entry.entityId.isEmpty()) {
        if (auto row = db.row(entry.entity, entry.entityId); row && row->has_value())
            data = (*row)->data;
    }
    for (const QJsonObject &extra : { entry.effectData, entry.body.value_or(QJsonObject()) })
        for (auto it = extra.constBegin(); it != extra.constEnd(); ++it)
            if (!data.contains(it.key()))
                data.insert(it.key(), it.value());
    const auto text = [&data](const char *key) { return data.value(QLatin1String(key)).toString(); };
    const auto lockName = [&db, &data]() -> QString {
        const QString lockId = data.value(QStringLiteral("lock_id")).toString();
        if (lockId.isEmpty())
            return {};
        auto row = db.row(QStringLiteral("locks"), lockId);
        return row && row->has_value() ? (*row)->data.value(QStringLiteral("name")).toString() : QString();
    };

    const QString &op = entry.op;
    QString what;
    if (op == QLatin1String("key.revoke") || op == QLatin1String("key.create") || op == QLatin1String("key.edit")) {
        const QString name = text("description");
        if (op == QLatin1String("key.revoke"))
            what = name.isEmpty() ? tr("Revoking a key") : tr("Revoking the key %1").arg(quoted(name));
        else if (op == QLatin1String("key.create"))
            what = name.isEmpty() ? tr("Creating a key") : tr("Creating the key %1").arg(quoted(name));
        else
            what = name.isEmpty() ? tr("Changing a key") : tr("Changing the key %1").arg(quoted(name));
    } else if (op.startsWith(QLatin1String("user."))) {
        const QString name = text("name");
        if (op == QLatin1String("user.create"))
            what = name.isEmpty() ? tr("Adding a user") : tr("Adding the user %1").arg(quoted(name));
        else if (op == QLatin1String("user.edit"))
            what = name.isEmpty() ? tr("Changing a user") : tr("Changing the user %1").arg(quoted(name));
        else if (op == QLatin1String("user.invalidate_offline_keys"))
            what = name.isEmpty() ? tr("Forcing a new security check")
                                  : tr("Forcing a new security check for %1").arg(quoted(name));
    } else if (op.startsWith(QLatin1String("quick_click."))) {
        const QString code = text("code");
        const QString lock = lockName();
        const bool issue = op == QLatin1String("quick_click.issue");
        if (code.isEmpty())
            what = issue ? tr("Issuing a quick click") : tr("Revoking a quick click");
        else if (lock.isEmpty())
            what = issue ? tr("Issuing quick click %1").arg(code) : tr("Revoking quick click %1").arg(code);
        else
            //: "Issuing quick click 4711 on B-104"
            what = issue ? tr("Issuing quick click %1 on %2").arg(code, lock)
                         : tr("Revoking quick click %1 on %2").arg(code, lock);
    } else if (op == QLatin1String("staff.edit")) {
        const QString name = text("username");
        what = name.isEmpty() ? tr("Changing a staff member") : tr("Changing the staff member %1").arg(quoted(name));
    }
    if (what.isEmpty())
        what = op; // a newer operation than this banner knows: its name is still better than nothing

    ShownRejection r;
    r.seq = entry.seq;
    r.what = what;
    r.reason = entry.errorMessage;
    r.field = entry.errorField;
    return r;
}

QString RejectionBanner::sentence(const ShownRejection &rejection)
{
    if (rejection.reason.isEmpty())
        //: A change the server refused, without a reason given
        return tr("%1 was refused by the server and undone here.").arg(rejection.what);
    //: A change the server refused: "<what> was refused by the server and undone here: <reason>"
    return tr("%1 was refused by the server and undone here: %2").arg(rejection.what, rejection.reason);
}

void RejectionBanner::reload()
{
    if (!m_ctx.cache)
        return;
    const quint64 generation = ++m_generation;
    const QStringList prefixes = m_prefixes;
    auto job = [prefixes](Core::CacheDatabase &db) -> Core::Result<QList<ShownRejection>> {
        auto entries = db.rejected();
        if (!entries)
            return entries.error();
        QList<ShownRejection> out;
        for (const Core::OutboxEntry &e : *entries) {
            const bool wanted = prefixes.isEmpty()
                || std::any_of(prefixes.cbegin(), prefixes.cend(),
                               [&e](const QString &p) { return e.op.startsWith(p); });
            if (wanted)
                out.append(describe(e, db));
        }
        return out;
    };
    whenRead(this, m_ctx.cache->run(std::move(job)),
             [this, generation](const Core::Result<QList<ShownRejection>> &list) {
                 // A later read (or a dismissal) has happened since: this answer is stale.
                 if (generation != m_generation || !list)
                     return;
                 present(*list);
             });
}

void RejectionBanner::present(QList<ShownRejection> list)
{
    std::sort(list.begin(), list.end(), [](const ShownRejection &a, const ShownRejection &b) { return a.seq < b.seq; });
    m_list = std::move(list);
    rebuildRows();
    Q_EMIT changed();
}

void RejectionBanner::rebuildRows()
{
    for (QWidget *row : std::as_const(m_rowWidgets))
        delete row;
    m_rowWidgets.clear();
    for (int i = 0; i < std::min<qsizetype>(m_list.size(), kMaxRows); ++i) {
        const ShownRejection &r = m_list.at(i);
        auto *row = new QWidget(this);
        row->setObjectName(QStringLiteral("rejection-%1").arg(r.seq));
        auto *layout = new QHBoxLayout(row);
        layout->setContentsMargins(0, 0, 0, 0);
        auto *label = new QLabel(sentence(r), row);
        label->setObjectName(QStringLiteral("rejectionText"));
        label->setWordWrap(true);
        label->setTextFormat(Qt::PlainText);
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
        auto *dismissButton = new QPushButton(tr("Dismiss"), row);
        dismissButton->setObjectName(QStringLiteral("dismiss"));
        //: Tooltip of a Dismiss button beside a refused change
        dismissButton->setToolTip(tr("Remove from this list (the change stays undone)"));
        const qint64 seq = r.seq;
        connect(dismissButton, &QPushButton::clicked, this, [this, seq] { dismiss(seq); });
        layout->addWidget(label, 1);
        layout->addWidget(dismissButton, 0, Qt::AlignTop);
        m_rows->addWidget(row);
        m_rowWidgets.append(row);
    }
    const int count = int(m_list.size());
    m_heading->setText(count == 1
                           ? tr("The server refused a change; it was undone on this computer.")
                           : tr("The server refused %n changes; they were undone on this computer.", nullptr, count));
    const int hidden = count - kMaxRows;
    m_more->setVisible(hidden > 0);
    if (hidden > 0)
        m_more->setText(tr("\u2026 and %n more; dismiss these to see them.", nullptr, hidden));
    m_dismissAll->setVisible(count > 1);
    setVisible(count > 0);
}

void RejectionBanner::dismiss(qint64 seq)
{
    ++m_generation; // a read in flight may still list it
    m_list.erase(std::remove_if(m_list.begin(), m_list.end(), [seq](const ShownRejection &r) { return r.seq == seq; }),
                 m_list.end());
    rebuildRows();
    Q_EMIT changed();
    // The outbox forgets it; outboxChanged then makes every banner read the list again.
    if (m_ctx.sync)
        QCoro::connect(m_ctx.sync->dismissRejection(seq), this, [](const Core::Result<void> &) {});
    else if (m_ctx.cache)
        QCoro::connect(m_ctx.cache->dismiss(seq), this, [](const Core::Result<void> &) {});
}

void RejectionBanner::dismissAll()
{
    const QList<ShownRejection> all = m_list;
    for (const ShownRejection &r : all)
        dismiss(r.seq);
}

void RejectionBanner::changeEvent(QEvent *event)
{
    QFrame::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && !property("applyingColors").toBool())
        applyColors();
}

void RejectionBanner::applyColors()
{
    // A red wash that reads on light and dark palettes, judged by the surroundings (our own Window colour is the
    // wash set here).
    setProperty("applyingColors", true);
    const QPalette surroundings = parentWidget() ? parentWidget()->palette() : QPalette();
    QPalette p = palette();
    QPalette basis = surroundings;
    basis.setColor(QPalette::Base, surroundings.color(QPalette::Window));
    p.setColor(QPalette::Window, StatusStyle::background(StatusStyle::Tone::Danger, basis));
    p.setColor(QPalette::WindowText, StatusStyle::foreground(StatusStyle::Tone::Danger, basis));
    setPalette(p);
    setProperty("applyingColors", false);
}

} // namespace Keydesk::Ui
