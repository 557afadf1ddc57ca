#pragma once

#include "core/domain/Result.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace Keydesk::Server {

class Database;

/// One page of the change feed, already serialised (a million-row export must not build a DOM per page).
struct ChangePage
{
    QByteArray rowsJson; ///< a JSON array: [{"entity","id","revision","deleted","data"}...]
    int count = 0;
    qint64 nextRevision = 0; ///< pass as `since` for the next page
    bool hasMore = false;
};

/// Reads the change feed of one company: every row of every synced table whose revision is above `since`,
/// merged in revision order, plus tombstones for deletions. Secret columns (lock secrets, password hashes,
/// issued offline credentials, tenant secrets) are never part of a row.
class V1ChangeFeed final
{
public:
    static constexpr int kDefaultLimit = 500;
    static constexpr int kMaxLimit = 10000;

    explicit V1ChangeFeed(Database &db);

    /// Entities the feed carries, in the order they are documented.
    static QStringList entities();

    /// Rows with since < revision <= the database revision at the time of the call, at most `limit`.
    Core::Result<ChangePage> read(const QString &companyId, qint64 since, int limit) const;

private:
    Database &m_db;
};

} // namespace Keydesk::Server
