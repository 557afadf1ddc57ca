// VirtualLock persistence: the JSON state file, and the secret-free description for `keydesk-vlock show`.
#include "core/lockproto/VirtualLock.h"
#include "core/lockproto/Wire.h"

#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>

namespace Keydesk::Core {

namespace {

constexpr int StateFormat = 1;

Error badState(const QString &path, const QString &what)
{
    return Error::make(QStringLiteral("bad_state"),
                       QStringLiteral("Lock state file %1 is not usable: %2. Recreate it with "
                                      "`keydesk-vlock --state FILE init`.")
                           .arg(path, what),
                       QStringLiteral("state"));
}

// 64-bit ids as decimal strings: JSON numbers are doubles and would round ids above 2^53.
QJsonValue idValue(quint64 id)
{
    return QString::number(id);
}
std::optional<quint64> idFrom(const QJsonValue &value)
{
    bool ok = false;
    const quint64 id = value.toString().toULongLong(&ok);
    return ok ? std::optional<quint64>(id) : std::nullopt;
}

QString iso(qint64 t)
{
    return QDateTime::fromSecsSinceEpoch(t, Qt::UTC).toString(Qt::ISODate);
}

QJsonObject revocationJson(const RevocationState &state)
{
    QJsonArray ids;
    for (const quint64 id : state.revokedKeyIds)
        ids.append(idValue(id));
    return { { QStringLiteral("version"), qint64(state.version) },
             { QStringLiteral("min_epoch"), qint64(state.minEpoch) },
             { QStringLiteral("revoked_key_ids"), ids } };
}

} // namespace

Result<VirtualLock> VirtualLock::create(const QString &path, const MacAddress &mac, const LockSecret &secret,
                                        const Clock &clock, const Crypto::RandomSource &random)
{
    if (QFileInfo::exists(path))
        return Error::make(QStringLiteral("state_exists"),
                           QStringLiteral("%1 already exists; choose another file or delete it first.").arg(path),
                           QStringLiteral("state"));
    if (mac.isNull() || secret.isNull())
        return Error::make(QStringLiteral("bad_input"), QStringLiteral("A lock needs a MAC address and a secret."));
    auto keys = LockKeys::derive(secret, mac);
    if (!keys)
        return keys.error();
    VirtualLock lock(clock, random);
    lock.m_path = path;
    lock.m_mac = mac;
    lock.m_secret = secret;
    lock.m_keys = std::move(keys).value();
    if (auto saved = lock.save(); !saved)
        return saved.error();
    return lock;
}

Result<VirtualLock> VirtualLock::load(const QString &path, const Clock &clock, const Crypto::RandomSource &random)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error::make(QStringLiteral("no_state"),
                           QStringLiteral("Cannot read lock state %1 (%2); create it with `keydesk-vlock --state "
                                          "FILE init --mac MAC --secret HEX`.")
                               .arg(path, file.errorString()),
                           QStringLiteral("state"));
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (!doc.isObject())
        return badState(path, parseError.errorString());
    return fromJson(doc.object(), path, clock, random);
}

Result<VirtualLock> VirtualLock::fromJson(const QJsonObject &json, const QString &path, const Clock &clock,
                                          const Crypto::RandomSource &random)
{
    if (json.value(QStringLiteral("format")).toInt() != StateFormat)
        return badState(path, QStringLiteral("unknown format"));
    auto mac = MacAddress::parse(json.value(QStringLiteral("mac")).toString());
    if (!mac)
        return badState(path, mac.errorMessage());
    auto secret = LockSecret::fromHex(json.value(QStringLiteral("secret")).toString());
    if (!secret)
        return badState(path, secret.errorMessage());
    auto keys = LockKeys::derive(*secret, *mac);
    if (!keys)
        return keys.error();

    VirtualLock lock(clock, random);
    lock.m_path = path;
    lock.m_mac = *mac;
    lock.m_secret = *secret;
    lock.m_keys = std::move(keys).value();
    const auto integer = [&](const char *name) { return json.value(QLatin1String(name)).toInteger(); };
    lock.m_sessionCounter = quint32(integer("session_counter"));
    const QString sessionHex = json.value(QStringLiteral("session")).toString();
    if (!sessionHex.isEmpty()) {
        auto session = Session::parse(sessionHex);
        if (!session)
            return badState(path, session.errorMessage());
        lock.m_session = *session;
    }
    lock.m_sessionOpenedAt = integer("session_opened_at");
    lock.m_clockOffset = integer("clock_offset");
    lock.m_clockUnset = json.value(QStringLiteral("clock_unset")).toBool(true);
    lock.m_highWater = integer("high_water");
    lock.m_lastSync = integer("last_sync");

    const QJsonObject revocation = json.value(QStringLiteral("revocation")).toObject();
    lock.m_revocation.version = quint32(revocation.value(QStringLiteral("version")).toInteger());
    lock.m_revocation.minEpoch = quint32(revocation.value(QStringLiteral("min_epoch")).toInteger());
    const QJsonArray revokedIds = revocation.value(QStringLiteral("revoked_key_ids")).toArray();
    for (const QJsonValue &value : revokedIds) {
        const auto id = idFrom(value);
        if (!id)
            return badState(path, QStringLiteral("a revoked key id is not a number"));
        lock.m_revocation.revokedKeyIds.append(*id);
    }
    const QJsonArray quickClicks = json.value(QStringLiteral("quick_clicks")).toArray();
    for (const QJsonValue &value : quickClicks) {
        bool ok = false;
        const QByteArray id = Wire::fromHex(value.toObject().value(QStringLiteral("id")).toString(), &ok);
        const int uses = value.toObject().value(QStringLiteral("uses")).toInt();
        if (!ok || id.size() != 16 || uses < 1 || uses > 255)
            return badState(path, QStringLiteral("a stored quick click is damaged"));
        lock.m_quickClicks.append({ id, uses });
    }
    const QJsonArray usedOneTime = json.value(QStringLiteral("used_one_time")).toArray();
    for (const QJsonValue &value : usedOneTime) {
        const auto id = idFrom(value.toObject().value(QStringLiteral("key_id")));
        if (!id)
            return badState(path, QStringLiteral("a used one-time id is not a number"));
        lock.m_usedOneTime.append({ *id, value.toObject().value(QStringLiteral("not_after")).toInteger() });
    }
    lock.m_logSeq = quint32(integer("log_seq"));
    const QJsonArray pending = json.value(QStringLiteral("pending_log")).toArray();
    for (const QJsonValue &value : pending)
        lock.m_pendingLog.append(value.toString());
    lock.m_quickClickFailures = json.value(QStringLiteral("quick_click_failures")).toInt();
    lock.m_quickClickBlockedUntil = integer("quick_click_blocked_until");
    return lock;
}

QJsonObject VirtualLock::toJson() const
{
    QJsonArray quickClicks;
    for (const StoredQuickClick &q : m_quickClicks)
        quickClicks.append(
            QJsonObject { { QStringLiteral("id"), Wire::toHex(q.id) }, { QStringLiteral("uses"), q.uses } });
    QJsonArray usedOneTime;
    for (const UsedOneTime &u : m_usedOneTime)
        usedOneTime.append(QJsonObject { { QStringLiteral("key_id"), idValue(u.keyId) },
                                         { QStringLiteral("not_after"), u.notAfter } });
    return {
        { QStringLiteral("format"), StateFormat },
        { QStringLiteral("mac"), m_mac.toString() },
        { QStringLiteral("secret"), m_secret.toHex() },
        { QStringLiteral("session_counter"), qint64(m_sessionCounter) },
        { QStringLiteral("session"), m_session.isNull() ? QString() : m_session.toHex() },
        { QStringLiteral("session_opened_at"), m_sessionOpenedAt },
        { QStringLiteral("clock_offset"), m_clockOffset },
        { QStringLiteral("clock_unset"), m_clockUnset },
        { QStringLiteral("high_water"), m_highWater },
        { QStringLiteral("last_sync"), m_lastSync },
        { QStringLiteral("revocation"), revocationJson(m_revocation) },
        { QStringLiteral("quick_clicks"), quickClicks },
        { QStringLiteral("used_one_time"), usedOneTime },
        { QStringLiteral("log_seq"), qint64(m_logSeq) },
        { QStringLiteral("pending_log"), QJsonArray::fromStringList(m_pendingLog) },
        { QStringLiteral("quick_click_failures"), m_quickClickFailures },
        { QStringLiteral("quick_click_blocked_until"), m_quickClickBlockedUntil },
    };
}

Result<void> VirtualLock::save() const
{
    // QSaveFile writes a temporary file and renames it: a crash mid-write never leaves half a state.
    QSaveFile file(m_path);
    if (!file.open(QIODevice::WriteOnly) || file.write(QJsonDocument(toJson()).toJson(QJsonDocument::Indented)) < 0
        || !file.commit())
        return Error::make(QStringLiteral("state_write_failed"),
                           QStringLiteral("Cannot write lock state %1: %2. Check the directory's permissions.")
                               .arg(m_path, file.errorString()),
                           QStringLiteral("state"));
    return {};
}

QJsonObject VirtualLock::describe() const
{
    QJsonArray quickClicks;
    for (const StoredQuickClick &q : m_quickClicks)
        quickClicks.append(
            QJsonObject { { QStringLiteral("id"), Wire::toHex(q.id) }, { QStringLiteral("uses"), q.uses } });
    QJsonArray usedOneTime;
    for (const UsedOneTime &u : m_usedOneTime)
        usedOneTime.append(idValue(u.keyId));
    const qint64 t = now();
    return {
        { QStringLiteral("mac"), m_mac.toString() },
        { QStringLiteral("session_counter"), qint64(m_sessionCounter) },
        { QStringLiteral("session_open"), !m_session.isNull() },
        { QStringLiteral("clock"),
          QJsonObject {
              { QStringLiteral("unset"), m_clockUnset },
              { QStringLiteral("now"), m_clockUnset ? QJsonValue() : QJsonValue(t) },
              { QStringLiteral("now_iso"), m_clockUnset ? QJsonValue() : QJsonValue(iso(t)) },
              { QStringLiteral("offset"), m_clockOffset },
              { QStringLiteral("high_water"), m_highWater },
              { QStringLiteral("last_sync"), m_lastSync },
          } },
        { QStringLiteral("revocation"), revocationJson(m_revocation) },
        { QStringLiteral("quick_clicks"), quickClicks },
        { QStringLiteral("used_one_time"), usedOneTime },
        { QStringLiteral("log_seq"), qint64(m_logSeq) },
        { QStringLiteral("pending_responses"), qint64(m_pendingLog.size()) },
        { QStringLiteral("quick_click_failures"), m_quickClickFailures },
        { QStringLiteral("quick_click_blocked_until"), m_quickClickBlockedUntil },
    };
}

} // namespace Keydesk::Core
