#pragma once

#include "core/domain/Clock.h"
#include "core/domain/Result.h"
#include "server/store/Database.h"
#include "server/store/LockRepository.h"

#include <QJsonArray>
#include <QStringList>

namespace Keydesk::Server {

/// What one uploaded log (one lock, one phone connection) did.
struct UploadOutcome
{
    int accepted = 0; ///< new activity rows
    int duplicates = 0; ///< already uploaded (same lock, same seq)
    int rejected = 0; ///< failed verification; listed in `errors`
    QJsonArray errors; ///< error_details entries
};

/// /upload/: verifies each lock response with lockproto, de-duplicates by (lock, seq), records sequence gaps,
/// turns entries into activity (with the tracking key they concern) and applies what they report: battery,
/// the revocation version the lock holds, used quick clicks and one-time keys, last seen.
class LogUploadService final
{
public:
    LogUploadService(Database &db, const Core::Clock &clock, const QByteArray &kek)
        : m_db(db)
        , m_clock(clock)
        , m_kek(kek)
    { }

    /// All-or-nothing per call: a storage failure rolls back the whole log.
    Core::Result<UploadOutcome> upload(const LockRecord &lock, const QString &session, qint64 receivedTimeSecs,
                                       const QStringList &responses);

private:
    Database &m_db;
    const Core::Clock &m_clock;
    QByteArray m_kek;
};

} // namespace Keydesk::Server
