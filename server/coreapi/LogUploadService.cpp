#include "server/coreapi/LogUploadService.h"

#include "core/lockproto/LockLog.h"
#include "server/coreapi/QuickClickService.h"
#include "server/coreapi/RevocationService.h"
#include "server/store/AccessRepository.h"
#include "server/store/Companies.h"

#include <QHash>
#include <QJsonObject>
#include <QSqlQuery>

#include <algorithm>

namespace Keydesk::Server {

using Core::Error;
using Core::Result;

namespace {

/// Resolves who a log entry concerns, caching per upload.
class TrackingKeyResolver
{
public:
    TrackingKeyResolver(Database &db, const LockRecord &lock, const Core::LockKeys &keys)
        : m_db(db)
        , m_lock(lock)
        , m_keys(keys)
    { }

    QString forEntry(const Core::LockLogEntry &entry)
    {
        if (entry.keyId != 0) {
            auto r = m_db.scalar(QStringLiteral("SELECT tracking_key FROM offline_keys WHERE lock_id = ? AND "
                                                "key_id = ?"),
                                 { m_lock.id, qint64(entry.keyId) });
            if (r && !r.value().isNull())
                return r.value().toString();
        }
        if (!entry.session.isEmpty()) {
            auto r = m_db.scalar(QStringLiteral("SELECT tracking_key FROM issued_commands WHERE lock_id = ? AND "
                                                "session = ?"),
                                 { m_lock.id, QString::fromLatin1(entry.session.toHex()) });
            if (r && !r.value().isNull())
                return r.value().toString();
        }
        if (entry.trackingKeyHash.isEmpty())
            return {};
        // Last resort: the lock's pseudonym against the facility's users (keyed per lock, so computed here).
        if (!m_loadedUsers) {
            m_loadedUsers = true;
            auto r = m_db.exec(QStringLiteral("SELECT tracking_key FROM users WHERE facility_id = ?"),
                               { m_lock.facilityId });
            if (r) {
                while (r.value().next()) {
                    const QString key = r.value().value(0).toString();
                    m_byHash.insert(Core::trackingKeyHash(m_keys, key), key);
                }
            }
        }
        return m_byHash.value(entry.trackingKeyHash);
    }

private:
    Database &m_db;
    const LockRecord &m_lock;
    const Core::LockKeys &m_keys;
    bool m_loadedUsers = false;
    QHash<QByteArray, QString> m_byHash;
};

Result<void> recordSequence(Database &db, const QString &lockId, quint32 seq, quint32 &high, qint64 nowMs)
{
    if (seq > high + 1) {
        auto r = db.exec(QStringLiteral("INSERT OR IGNORE INTO log_gaps(lock_id, from_seq, to_seq, detected_at) "
                                        "VALUES (?, ?, ?, ?)"),
                         { lockId, high + 1, seq - 1, nowMs });
        if (!r)
            return r.error();
    } else if (seq <= high) {
        // A late entry fills (part of) a recorded gap: split the gap around it.
        auto gap = db.exec(QStringLiteral("SELECT from_seq, to_seq FROM log_gaps WHERE lock_id = ? AND from_seq <= ? "
                                          "AND to_seq >= ?"),
                           { lockId, seq, seq });
        if (!gap)
            return gap.error();
        if (gap.value().next()) {
            const quint32 from = gap.value().value(0).toUInt();
            const quint32 to = gap.value().value(1).toUInt();
            if (auto r
                = db.exec(QStringLiteral("DELETE FROM log_gaps WHERE lock_id = ? AND from_seq = ?"), { lockId, from });
                !r)
                return r.error();
            if (from < seq) {
                if (auto r = db.exec(QStringLiteral("INSERT INTO log_gaps(lock_id, from_seq, to_seq, detected_at) "
                                                    "VALUES (?, ?, ?, ?)"),
                                     { lockId, from, seq - 1, nowMs });
                    !r)
                    return r.error();
            }
            if (seq < to) {
                if (auto r = db.exec(QStringLiteral("INSERT INTO log_gaps(lock_id, from_seq, to_seq, detected_at) "
                                                    "VALUES (?, ?, ?, ?)"),
                                     { lockId, seq + 1, to, nowMs });
                    !r)
                    return r.error();
            }
        }
    }
    high = std::max(high, seq);
    return {};
}

} // namespace

Result<UploadOutcome> LogUploadService::upload(const LockRecord &lock, const QString &session, qint64 receivedTimeSecs,
                                               const QStringList &responses)
{
    UploadOutcome outcome;
    auto secret = LockRepository::secretOf(lock, m_kek);
    if (!secret)
        return secret.error();
    auto keys = Core::LockKeys::derive(secret.value(), lock.mac);
    if (!keys)
        return Error::make(QStringLiteral("internal"), keys.error().message);

    QList<Core::LockLogEntry> entries;
    for (qsizetype i = 0; i < responses.size(); ++i) {
        auto entry = Core::decodeLockResponse(keys.value(), lock.mac, responses.at(i));
        if (!entry) {
            ++outcome.rejected;
            outcome.errors.append(QJsonObject {
                { QStringLiteral("mac"), lock.mac.toString() },
                { QStringLiteral("response"), int(i) },
                { QStringLiteral("msg"),
                  QStringLiteral("Response %1 failed verification (%2) and was ignored.")
                      .arg(i)
                      .arg(entry.error().message) },
                { QStringLiteral("action"), QStringLiteral("upload") },
            });
            continue;
        }
        entries.append(entry.value());
    }
    std::sort(entries.begin(), entries.end(),
              [](const Core::LockLogEntry &a, const Core::LockLogEntry &b) { return a.seq < b.seq; });

    const qint64 nowMs = m_clock.now().toMSecsSinceEpoch();
    const qint64 receivedMs = receivedTimeSecs * 1000;
    TrackingKeyResolver resolver(m_db, lock, keys.value());
    QuickClickService quickClicks(m_db, m_clock);
    AccessRepository access(m_db);
    quint32 high = lock.logSeqHigh;
    quint32 deliveredVersion = 0;
    int batteryMv = -1;
    quint32 batterySeq = 0;

    WriteTransaction tx(m_db);
    if (!tx.isActive())
        return tx.error();
    for (const Core::LockLogEntry &entry : std::as_const(entries)) {
        const QString trackingKey = resolver.forEntry(entry);
        const qint64 start = entry.rangeStart * 1000;
        const qint64 end = entry.exactTime ? start : (entry.rangeEnd > 0 ? entry.rangeEnd * 1000 : receivedMs);
        auto inserted = m_db.exec(
            // ON CONFLICT names the (lock, seq) key: only a duplicate is skipped, any other constraint still fails.
            QStringLiteral("INSERT INTO activity(id, lock_id, lock_mac, action, recorded_time, range_start, "
                           "range_end, tracking_key, key_id, seq, session) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                           "ON CONFLICT(lock_id, seq) DO NOTHING"),
            { newId(), lock.id, lock.mac.toString(), Core::lockEventName(entry.event), receivedMs, start, end,
              textOrEmpty(trackingKey),
              entry.keyId ? QVariant(qint64(entry.keyId)) : QVariant(QMetaType::fromType<qint64>()), entry.seq,
              entry.session.isEmpty() ? textOrEmpty(session) : QString::fromLatin1(entry.session.toHex()) });
        if (!inserted)
            return inserted.error();
        if (inserted.value().numRowsAffected() == 0) {
            ++outcome.duplicates;
            continue;
        }
        ++outcome.accepted;
        if (auto r = recordSequence(m_db, lock.id, entry.seq, high, nowMs); !r)
            return r.error();
        deliveredVersion = std::max(deliveredVersion, entry.revocationVersion);
        if (entry.batteryMv >= 0 && entry.seq >= batterySeq) {
            batteryMv = entry.batteryMv;
            batterySeq = entry.seq;
        }
        if (entry.event == Core::LockEvent::UnlockedViaQuickClick && !entry.quickClickId.isEmpty()) {
            if (auto r = quickClicks.countDownUse(lock, keys.value(), entry.quickClickId); !r)
                return r.error();
        }
        if (entry.event == Core::LockEvent::Unlocked && entry.keyId != 0) {
            // A one-time grant used offline is spent: the server must not issue it again.
            auto grant = m_db.scalar(QStringLiteral("SELECT k.id FROM offline_keys o JOIN keys k ON k.id = o.grant_id "
                                                    "WHERE o.lock_id = ? AND o.key_id = ? AND "
                                                    "k.restriction = 'one_time'"),
                                     { lock.id, qint64(entry.keyId) });
            if (grant && !grant.value().isNull()) {
                if (auto r = access.markUsed(grant.value().toString(), start); !r)
                    return r.error();
            }
        }
    }
    if (outcome.accepted > 0) {
        QString sql
            = QStringLiteral("UPDATE locks SET log_seq_high = ?, last_seen_at = MAX(COALESCE(last_seen_at, 0), ?)");
        QVariantList bindings { high, receivedMs };
        // Only a newer entry's battery reading replaces the stored one.
        if (batteryMv >= 0 && batterySeq >= lock.logSeqHigh) {
            sql += QStringLiteral(", internal_battery_mv = ?");
            bindings.append(batteryMv);
        }
        sql += QStringLiteral(" WHERE id = ?");
        bindings.append(lock.id);
        if (auto r = m_db.exec(sql, bindings); !r)
            return r.error();
        if (deliveredVersion > 0) {
            if (auto r = RevocationService(m_db, m_clock).markDelivered(lock.id, deliveredVersion); !r)
                return r.error();
        }
    }
    if (auto r = tx.commit(); !r)
        return r.error();
    return outcome;
}

} // namespace Keydesk::Server
