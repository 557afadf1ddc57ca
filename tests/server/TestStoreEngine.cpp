// The store interface: a second engine plugs in by subclassing Database with its own migration folder and
// write-transaction statement, and the shared machinery (migrations, WriteTransaction, exec/scalar) runs on it.

#include "server/store/Database.h"
#include "server/store/SqliteDatabase.h"

#include <QFile>
#include <QSqlDatabase>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using Keydesk::Server::Database;
using Keydesk::Server::SqliteDatabase;
using Keydesk::Server::WriteTransaction;

namespace {

/// A stand-in second engine: QtSql's SQLite driver (the only one installed here) driven through the interface
/// with its own scripts and a plain BEGIN, as a PostgreSQL store would be.
class ScratchEngine final : public Database
{
public:
    static Keydesk::Core::Result<std::unique_ptr<ScratchEngine>> open(const QString &path, const QString &migrations)
    {
        const QString name = QStringLiteral("scratch-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
        std::unique_ptr<ScratchEngine> db(new ScratchEngine(path, name, migrations));
        {
            QSqlDatabase connection = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
            connection.setDatabaseName(path);
            if (!connection.open())
                return Keydesk::Server::storageError(QStringLiteral("open"), connection.lastError());
        }
        if (auto r = db->migrate(); !r)
            return r.error();
        return db;
    }

    QString engine() const override { return QStringLiteral("Scratch"); }
    mutable int begins = 0;

protected:
    QString beginWriteStatement() const override
    {
        ++begins;
        return QStringLiteral("BEGIN");
    }
    QString migrationDirectory() const override { return m_migrations; }

private:
    ScratchEngine(QString path, QString name, QString migrations)
        : Database(std::move(path), std::move(name))
        , m_migrations(std::move(migrations))
    { }
    QString m_migrations;
};

void writeFile(const QString &path, const QByteArray &text)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(text);
}

} // namespace

class TestStoreEngine final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sqliteIsTheDefaultEngine()
    {
        QTemporaryDir dir;
        auto db = Database::open(dir.filePath(QStringLiteral("s.sqlite")), Database::OpenMode::CreateNew);
        QVERIFY2(db.ok(), qPrintable(db.errorMessage()));
        QCOMPARE(db.value()->engine(), QStringLiteral("SQLite"));
        QVERIFY(dynamic_cast<SqliteDatabase *>(db.value().get()));
        QCOMPARE(db.value()->schemaVersion(), Database::latestSchemaVersion());
    }

    void anotherEngineRunsItsOwnMigrationsAndTransactions()
    {
        QTemporaryDir dir;
        const QString scripts = dir.filePath(QStringLiteral("migrations"));
        QVERIFY(QDir().mkpath(scripts));
        writeFile(scripts + QStringLiteral("/0001_things.sql"),
                  "CREATE TABLE things (id INTEGER PRIMARY KEY, name "
                  "TEXT NOT NULL);\nCREATE TABLE meta (key TEXT, value "
                  "INTEGER);\nINSERT INTO meta VALUES ('revision', 7);\n");
        writeFile(scripts + QStringLiteral("/0002_more.sql"), "ALTER TABLE things ADD COLUMN colour TEXT;\n");

        auto opened = ScratchEngine::open(dir.filePath(QStringLiteral("x.db")), scripts);
        QVERIFY2(opened.ok(), qPrintable(opened.errorMessage()));
        ScratchEngine &db = *opened.value();
        QCOMPARE(db.schemaVersion(), 2);
        QCOMPARE(db.revision(), qint64(7));
        QCOMPARE(db.begins, 2); // one transaction per migration, begun with the engine's own statement

        {
            WriteTransaction tx(db);
            QVERIFY(tx.isActive());
            QVERIFY(db.exec(QStringLiteral("INSERT INTO things(name, colour) VALUES (?, ?)"),
                            { QStringLiteral("a"), QStringLiteral("red") })
                        .ok());
            // no commit: rolled back
        }
        QCOMPARE(db.scalar(QStringLiteral("SELECT COUNT(*) FROM things")).value().toInt(), 0);
        {
            WriteTransaction tx(db);
            QVERIFY(db.exec(QStringLiteral("INSERT INTO things(name) VALUES (?)"), { QStringLiteral("b") }).ok());
            QVERIFY(tx.commit().ok());
        }
        QCOMPARE(db.scalar(QStringLiteral("SELECT COUNT(*) FROM things")).value().toInt(), 1);
        QCOMPARE(db.begins, 4);
    }

    void aFailingMigrationOfAnotherEngineNamesTheScript()
    {
        QTemporaryDir dir;
        const QString scripts = dir.filePath(QStringLiteral("migrations"));
        QVERIFY(QDir().mkpath(scripts));
        writeFile(scripts + QStringLiteral("/0001_things.sql"), "CREATE TABLE things (id INTEGER PRIMARY KEY);\n");
        writeFile(scripts + QStringLiteral("/0002_broken.sql"), "CREATE TABLE half (id INTEGER);\nTHIS IS NOT SQL;\n");
        auto opened = ScratchEngine::open(dir.filePath(QStringLiteral("y.db")), scripts);
        QVERIFY(!opened.ok());
        QCOMPARE(opened.error().code, QStringLiteral("migration_failed"));
        QVERIFY(opened.error().message.contains(QStringLiteral("0002_broken")));
    }
};

QTEST_GUILESS_MAIN(TestStoreEngine)
#include "TestStoreEngine.moc"
