#include "core/models/UsersModel.h"

#include "core/models/ReleaseOnWorker.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>

namespace Keydesk::Core {

namespace {

QString trm(const char *text, const char *disambiguation = nullptr)
{
    return QCoreApplication::translate("Keydesk::Core::Models", text, disambiguation);
}

/// Offline-key states of the given users (all users when empty).
Result<QHash<QString, UsersModel::OfflineState>> readOfflineStates(CacheDatabase &db, const QStringList &users)
{
    QSqlQuery q(db.connection());
    q.setForwardOnly(true);
    const QString select = QStringLiteral(
        "SELECT user_id, COUNT(*), MAX(CASE WHEN invalidated_at IS NULL THEN expires_at END) FROM offline_keys");
    if (users.isEmpty()) {
        if (!q.exec(select + QStringLiteral(" WHERE user_id IS NOT NULL GROUP BY user_id")))
            return Error::make(QStringLiteral("model_sql"), q.lastError().text());
    } else {
        q.prepare(select
                  + QStringLiteral(" WHERE user_id IN (%1) GROUP BY user_id")
                        .arg(QStringLiteral("?,").repeated(users.size()).chopped(1)));
        for (const QString &u : users)
            q.addBindValue(u);
        if (!q.exec())
            return Error::make(QStringLiteral("model_sql"), q.lastError().text());
    }
    QHash<QString, UsersModel::OfflineState> out;
    while (q.next())
        out.insert(q.value(0).toString(),
                   { q.value(1).toInt() > 0, q.value(2).isNull() ? qint64(-1) : q.value(2).toLongLong() });
    return out;
}

OfflineKeySummary summaryOf(const UsersModel::OfflineState &state, qint64 nowMs)
{
    QList<QDateTime> expiries;
    if (state.latestValid >= 0)
        expiries.append(QDateTime::fromMSecsSinceEpoch(state.latestValid, Qt::UTC));
    return summarizeOfflineKeys(expiries, state.everIssued, QDateTime::fromMSecsSinceEpoch(nowMs, Qt::UTC));
}

/// A full load's offline-key column, derived on the cache's thread.
struct LoadedOffline
{
    QHash<QString, UsersModel::OfflineState> states;
    QList<OfflineKeySummary> summaries; ///< per slot
    std::vector<std::pair<qint64, int>> boundaries; ///< (instant, slot) of the summaries valid until then
};

/// Config::extraRead: every user's summary at `nowMs` and its boundary (200,000 users: not on the GUI thread).
std::any readOffline(CacheDatabase &db, const QList<RecordTableModel::Record> &records, qint64 nowMs)
{
    auto states = readOfflineStates(db, {});
    if (!states) {
        qCWarning(lcModels) << "users model: cannot read offline keys:" << states.error().message;
        return {};
    }
    LoadedOffline out;
    out.summaries.reserve(records.size());
    for (qsizetype slot = 0; slot < records.size(); ++slot) {
        out.summaries.append(summaryOf(states->value(records.at(slot).id), nowMs));
        const OfflineKeySummary &s = out.summaries.last();
        if (s.kind == OfflineKeySummary::ValidUntil)
            out.boundaries.emplace_back(s.until.toMSecsSinceEpoch(), int(slot));
    }
    out.states = std::move(states).value();
    return out;
}

RecordTableModel::Config usersConfig()
{
    using Kind = RecordTableModel::Kind;
    RecordTableModel::Config c;
    c.entity = QStringLiteral("users");
    c.columns = { { trm("Name"), QStringLiteral("name"), Kind::Text, true },
                  { trm("Email"), QStringLiteral("email"), Kind::Text, true },
                  //: Column header: tenant, shared user or contractor
                  { trm("Kind", "kind of user"), QStringLiteral("kind"), Kind::Text, false },
                  { trm("Status", "user account state"), QStringLiteral("status"), Kind::Text, false },
                  { trm("Tracking key"), QStringLiteral("tracking_key"), Kind::Text, true } };
    c.filterFields = { QStringLiteral("status"), QStringLiteral("kind"), QStringLiteral("tracking_key") };
    c.statusField = QStringLiteral("status");
    c.statusText = &UsersModel::statusWord;
    c.extraRead = &readOffline;
    return c;
}

int rankOf(const OfflineKeySummary &s)
{
    return s.kind == OfflineKeySummary::NeverIssued ? 0 : (s.kind == OfflineKeySummary::Expired ? 1 : 2);
}

/// The offline column's order as one number: Never issued (0) < Expired (1) < valid until, by instant (mapped
/// from signed to unsigned in order; only the three earliest instants of qint64, never a future expiry, tie).
quint64 sortKeyOf(const OfflineKeySummary &s)
{
    switch (s.kind) {
    case OfflineKeySummary::NeverIssued:
        return 0;
    case OfflineKeySummary::Expired:
        return 1;
    case OfflineKeySummary::ValidUntil:
        break;
    }
    return std::max<quint64>(quint64(s.until.toMSecsSinceEpoch()) ^ (quint64(1) << 63), 2);
}

} // namespace

UsersModel::UsersModel(const Clock &clock, QObject *parent)
    : RecordTableModel(usersConfig(), clock, parent)
{ }

QString UsersModel::toneOf(const Record &record) const
{
    if (record.status == QLatin1String("active"))
        return QStringLiteral("ok");
    if (record.status == QLatin1String("delinquent"))
        return QStringLiteral("warning");
    return QStringLiteral("danger");
}

QString UsersModel::statusWord(const QString &status)
{
    if (status == QLatin1String("active"))
        //: User account state
        return tr("Active");
    if (status == QLatin1String("delinquent"))
        //: User account state: behind on payments, access denied
        return tr("Delinquent");
    if (status == QLatin1String("suspended"))
        //: User account state
        return tr("Suspended");
    return status;
}

QVariant UsersModel::extraHeader(int) const
{
    return tr("Offline Key Expiration");
}

OfflineKeySummary UsersModel::summaryAt(int slot, qint64 nowMs) const
{
    return summaryOf(m_offline.value(record(slot).id), nowMs);
}

void UsersModel::recordUpdated(int slot)
{
    if (m_summaries.size() <= slot)
        m_summaries.resize(slot + 1);
    const qint64 now = nowMs();
    m_summaries[slot] = summaryAt(slot, now);
    if (m_summaries.at(slot).kind == OfflineKeySummary::ValidUntil)
        scheduleBoundary(slot, m_summaries.at(slot).until.toMSecsSinceEpoch());
}

void UsersModel::installExtra(std::any &&extra)
{
    // Swapped in as derived on the cache's thread; the previous load's states and summaries die on a worker.
    LoadedOffline *loaded = std::any_cast<LoadedOffline>(&extra);
    releaseOnWorker(std::exchange(m_offline, loaded ? std::move(loaded->states) : QHash<QString, OfflineState>()),
                    std::exchange(m_summaries, loaded ? std::move(loaded->summaries) : QList<OfflineKeySummary>()));
    // One heapify; boundaries that passed while loading are due at once.
    if (loaded)
        scheduleBoundaries(std::move(loaded->boundaries));
}

void UsersModel::boundaryReached(int slot, qint64 now)
{
    const OfflineKeySummary next = summaryAt(slot, now);
    if (next != m_summaries.value(slot))
        changeSlot(slot, [&] { m_summaries[slot] = next; });
    // Also when unchanged: after the clock jumped back, this is the slot's only boundary.
    if (next.kind == OfflineKeySummary::ValidUntil)
        scheduleBoundary(slot, next.until.toMSecsSinceEpoch());
}

bool UsersModel::slotStaleAt(int slot, qint64 now) const
{
    return summaryAt(slot, now) != m_summaries.value(slot);
}

void UsersModel::applyExtraChanges(const QString &entity, const QStringList &ids)
{
    if (entity != QLatin1String("offline_keys"))
        return;
    // The users whose offline keys changed; a deleted offline key no longer names its user, so then every
    // user's state is read again (one GROUP BY over the table).
    runOnCache(
        [ids](CacheDatabase &db) -> Result<std::pair<QStringList, QHash<QString, OfflineState>>> {
            QStringList users;
            bool someDeleted = false;
            for (const QString &id : ids) {
                auto row = db.row(QStringLiteral("offline_keys"), id);
                if (!row)
                    return row.error();
                if (!row->has_value()) {
                    someDeleted = true;
                    continue;
                }
                const QString user = (*row)->data.value(QStringLiteral("user_id")).toString();
                if (!user.isEmpty() && !users.contains(user))
                    users.append(user);
            }
            if (someDeleted)
                users.clear();
            auto states = readOfflineStates(db, users);
            if (!states)
                return states.error();
            return std::pair(users, states.value());
        },
        [this](Result<std::pair<QStringList, QHash<QString, OfflineState>>> r) {
            if (!r) {
                qCWarning(lcModels) << "users model: cannot read offline keys:" << r.error().message;
                return;
            }
            updateOfflineStates(r->second, r->first);
        });
}

void UsersModel::updateOfflineStates(const QHash<QString, OfflineState> &states, const QStringList &users)
{
    QStringList touched = users;
    if (users.isEmpty()) {
        // Every user: those that lost all their rows drop to "never issued".
        for (auto it = m_offline.cbegin(); it != m_offline.cend(); ++it)
            touched.append(it.key());
        for (auto it = states.cbegin(); it != states.cend(); ++it)
            touched.append(it.key());
        touched.removeDuplicates();
        m_offline = states;
    } else {
        for (const QString &u : users) {
            if (states.contains(u))
                m_offline.insert(u, states.value(u));
            else
                m_offline.remove(u);
        }
    }
    const qint64 now = nowMs();
    for (const QString &u : std::as_const(touched)) {
        const int slot = slotOfId(u);
        if (slot < 0 || !slotAlive(slot))
            continue;
        const OfflineKeySummary next = summaryAt(slot, now);
        if (next == m_summaries.value(slot))
            continue;
        changeSlot(slot, [&] { m_summaries[slot] = next; });
        if (next.kind == OfflineKeySummary::ValidUntil)
            scheduleBoundary(slot, next.until.toMSecsSinceEpoch());
    }
}

QVariant UsersModel::extraData(int slot, int, int role) const
{
    const OfflineKeySummary s = m_summaries.value(slot);
    switch (role) {
    case Qt::DisplayRole:
        return s.text(zone());
    case SortRole:
        return s.kind == OfflineKeySummary::ValidUntil ? s.until.toMSecsSinceEpoch() : qint64(rankOf(s) - 2);
    case StatusColorRole:
        return s.kind == OfflineKeySummary::ValidUntil ? QStringLiteral("ok")
            : s.kind == OfflineKeySummary::Expired     ? QStringLiteral("danger")
                                                       : QStringLiteral("muted");
    default:
        return {};
    }
}

std::optional<SortJob> UsersModel::sortJob(int column) const
{
    if (column != OfflineKeyColumn)
        return RecordTableModel::sortJob(column);
    // One pass here, no comparison: the key alone orders as compareExtra() does (ties by slot).
    SortJob job;
    const int n = slotCount();
    job.entries.reserve(std::size_t(n));
    for (int slot = 0; slot < n; ++slot) {
        if (slotAlive(slot))
            job.entries.push_back({ sortKeyOf(m_summaries.value(slot)), 0, qint32(slot) });
    }
    return job;
}

int UsersModel::compareExtra(int, int a, int b) const
{
    const OfflineKeySummary x = m_summaries.value(a);
    const OfflineKeySummary y = m_summaries.value(b);
    if (rankOf(x) != rankOf(y))
        return rankOf(x) < rankOf(y) ? -1 : 1;
    if (x.kind == OfflineKeySummary::ValidUntil && x.until != y.until)
        return x.until < y.until ? -1 : 1;
    return 0;
}

bool UsersModel::passes(OfflineKeyFilter filter, const OfflineKeySummary &summary)
{
    switch (filter) {
    case OfflineKeyFilter::Any:
        return true;
    case OfflineKeyFilter::Expired:
        return summary.kind == OfflineKeySummary::Expired;
    case OfflineKeyFilter::NeverIssued:
        return summary.kind == OfflineKeySummary::NeverIssued;
    case OfflineKeyFilter::Valid:
        return summary.kind == OfflineKeySummary::ValidUntil;
    }
    return true;
}

bool UsersModel::acceptsExtra(int slot) const
{
    return passes(m_offlineFilter, m_summaries.value(slot));
}

std::function<bool(int)> UsersModel::extraFilter() const
{
    if (m_offlineFilter == OfflineKeyFilter::Any)
        return {};
    // The summaries are shared copy-on-write: a flip here while the job runs detaches this model's list.
    return
        [summaries = m_summaries, filter = m_offlineFilter](int slot) { return passes(filter, summaries.value(slot)); };
}

void UsersModel::setOfflineKeyFilter(OfflineKeyFilter filter)
{
    if (filter == m_offlineFilter)
        return;
    m_offlineFilter = filter;
    refilter();
}

std::optional<OfflineKeySummary> UsersModel::offlineKeySummary(const QString &userId) const
{
    const int slot = slotOfId(userId);
    if (slot < 0 || !slotAlive(slot))
        return std::nullopt;
    return m_summaries.value(slot);
}

} // namespace Keydesk::Core
