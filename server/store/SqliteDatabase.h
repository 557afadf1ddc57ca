#pragma once

#include "server/store/Database.h"

namespace Keydesk::Server {

/// The SQLite engine of the store: WAL, synchronous=NORMAL, busy_timeout, foreign keys, quick_check on open,
/// BEGIN IMMEDIATE for writes, and the SQLite migration scripts.
class SqliteDatabase final : public Database
{
public:
    static constexpr QLatin1String kMigrationDirectory { ":/keydesk/migrations" };

    /// Opens (or creates) the file, sets the pragmas, runs quick_check (a corrupt file is refused with a
    /// message that says so) and applies pending migrations.
    static Core::Result<std::unique_ptr<Database>> open(const QString &path, OpenMode mode);

    QString engine() const override { return QStringLiteral("SQLite"); }

protected:
    QString beginWriteStatement() const override { return QStringLiteral("BEGIN IMMEDIATE"); }
    QString migrationDirectory() const override { return kMigrationDirectory; }

private:
    using Database::Database;

    Core::Result<void> applyPragmas();
    Core::Result<void> checkIntegrity();
};

} // namespace Keydesk::Server
