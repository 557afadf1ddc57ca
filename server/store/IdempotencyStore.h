#pragma once

#include "core/domain/Result.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace Keydesk::Server {

class Database;

/// The first response to a mutation sent with an Idempotency-Key.
struct StoredResponse
{
    QString method;
    QString path;
    int status = 0;
    QByteArray body;
};

/// Idempotency keys of mutations (`idempotency` table), per caller. The response is stored in the same
/// transaction as the mutation, so a replay either finds it or finds nothing was applied.
class IdempotencyStore final
{
public:
    /// Replays are honoured for a day; older keys may be reused.
    static constexpr qint64 kRetentionMs = 24LL * 3600 * 1000;
    static constexpr int kMaxKeyLength = 200;

    explicit IdempotencyStore(Database &db);

    Core::Result<std::optional<StoredResponse>> find(const QString &key, const QString &scope, qint64 nowMs) const;
    Core::Result<void> store(const QString &key, const QString &scope, const StoredResponse &response, qint64 nowMs);
    Core::Result<void> purgeOlderThan(qint64 cutoffMs);

    /// 1..200 printable ASCII characters.
    static bool isValidKey(const QString &key);

private:
    Database &m_db;
};

} // namespace Keydesk::Server
