#include "server/store/Companies.h"
#include "server/store/Database.h"
#include "server/store/KeyEncryptionKey.h"
#include "server/store/LockRepository.h"

#include <QFile>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Keydesk::Server;

/// The SQLite store: pragmas, quick_check, migrations, revision triggers, tombstones, WriteTransaction.
class TestStoreDatabase final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_counter = 0;

    QString freshPath() { return m_dir.filePath(QStringLiteral("db%1.sqlite").arg(++m_counter)); }

    std::unique_ptr<Database> openFresh()
    {
        auto db = Database::open(freshPath(), Database::OpenMode::CreateNew);
        if (!db)
            qWarning() << db.error().message;
        return db ? std::move(db).value() : nullptr;
    }

    QString insertFacility(Database &db)
    {
        auto company = CompanyRepository(db).create(QStringLiteral("Acme"), QStringLiteral("UTC"), 1000);
        return company ? company.value().facilityId : QString();
    }

private Q_SLOTS:
    void createAppliesMigrationsAndPragmas()
    {
        auto db = openFresh();
        QVERIFY(db);
        QVERIFY(Database::latestSchemaVersion() >= 1);
        QCOMPARE(db->schemaVersion(), Database::latestSchemaVersion());
        QCOMPARE(db->scalar(QStringLiteral("SELECT MIN(version) FROM schema_version")).value().toInt(), 1);
        QCOMPARE(db->scalar(QStringLiteral("PRAGMA journal_mode")).value().toString(), QStringLiteral("wal"));
        QCOMPARE(db->scalar(QStringLiteral("PRAGMA synchronous")).value().toInt(), 1); // NORMAL
        QCOMPARE(db->scalar(QStringLiteral("PRAGMA foreign_keys")).value().toInt(), 1);
        QCOMPARE(db->scalar(QStringLiteral("PRAGMA busy_timeout")).value().toInt(), 5000);
        const QStringList tables { QStringLiteral("meta"),           QStringLiteral("companies"),
                                   QStringLiteral("facilities"),     QStringLiteral("units"),
                                   QStringLiteral("locks"),          QStringLiteral("users"),
                                   QStringLiteral("user_groups"),    QStringLiteral("user_group_members"),
                                   QStringLiteral("lock_groups"),    QStringLiteral("lock_group_members"),
                                   QStringLiteral("keys"),           QStringLiteral("offline_keys"),
                                   QStringLiteral("quick_clicks"),   QStringLiteral("activity"),
                                   QStringLiteral("log_gaps"),       QStringLiteral("staff"),
                                   QStringLiteral("staff_sessions"), QStringLiteral("audit_log"),
                                   QStringLiteral("idempotency"),    QStringLiteral("notifications"),
                                   QStringLiteral("tombstones"),     QStringLiteral("schema_version") };
        for (const QString &table : tables) {
            auto n = db->scalar(QStringLiteral("SELECT COUNT(*) FROM sqlite_master WHERE type='table' AND name=?"),
                                { table });
            QVERIFY2(n && n.value().toInt() == 1, qPrintable(table));
        }
    }

    void createRefusesExistingFile()
    {
        const QString path = freshPath();
        QVERIFY(Database::open(path, Database::OpenMode::CreateNew).ok());
        auto again = Database::open(path, Database::OpenMode::CreateNew);
        QVERIFY(!again);
        QCOMPARE(again.error().code, QStringLiteral("already_exists"));
    }

    void openExistingRequiresFile()
    {
        auto db = Database::open(m_dir.filePath(QStringLiteral("missing.sqlite")), Database::OpenMode::OpenExisting);
        QVERIFY(!db);
        QVERIFY(db.error().message.contains(QStringLiteral("init")));
    }

    void reopenDoesNotReapplyMigrations()
    {
        const QString path = freshPath();
        {
            auto db = Database::open(path, Database::OpenMode::CreateNew);
            QVERIFY(db);
            QVERIFY(!insertFacility(*db.value()).isEmpty());
        }
        auto db = Database::open(path, Database::OpenMode::OpenExisting);
        QVERIFY(db);
        QCOMPARE(db.value()->schemaVersion(), Database::latestSchemaVersion());
        QCOMPARE(db.value()->scalar(QStringLiteral("SELECT COUNT(*) FROM schema_version")).value().toInt(),
                 Database::migrationCount());
        QCOMPARE(db.value()->scalar(QStringLiteral("SELECT COUNT(*) FROM companies")).value().toInt(), 1);
    }

    void corruptFileIsRefused()
    {
        const QString path = freshPath();
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray(8192, 'x'));
        file.close();
        auto db = Database::open(path, Database::OpenMode::OpenExisting);
        QVERIFY(!db);
        QCOMPARE(db.error().code, QStringLiteral("corrupt_database"));
    }

    void insertUpdateDeleteStampRevisionsAndTombstones()
    {
        auto db = openFresh();
        QVERIFY(db);
        const QString facility = insertFacility(*db);
        const qint64 before = db->revision();
        QVERIFY(before >= 1); // the facility insert bumped it
        QVERIFY(db->exec(QStringLiteral("INSERT INTO units(id, facility_id, name) VALUES ('u1', ?, 'A-101')"),
                         { facility }));
        const qint64 afterInsert = db->revision();
        QCOMPARE(afterInsert, before + 1);
        QCOMPARE(db->scalar(QStringLiteral("SELECT revision FROM units WHERE id='u1'")).value().toLongLong(),
                 afterInsert);
        QVERIFY(db->exec(QStringLiteral("UPDATE units SET name='A-102' WHERE id='u1'")));
        QCOMPARE(db->revision(), afterInsert + 1);
        QCOMPARE(db->scalar(QStringLiteral("SELECT revision FROM units WHERE id='u1'")).value().toLongLong(),
                 afterInsert + 1);
        QVERIFY(db->exec(QStringLiteral("DELETE FROM units WHERE id='u1'")));
        QCOMPARE(db->revision(), afterInsert + 2);
        auto tomb = db->exec(QStringLiteral("SELECT entity, entity_id, revision FROM tombstones"));
        QVERIFY(tomb);
        QVERIFY(tomb.value().next());
        QCOMPARE(tomb.value().value(0).toString(), QStringLiteral("units"));
        QCOMPARE(tomb.value().value(1).toString(), QStringLiteral("u1"));
        QCOMPARE(tomb.value().value(2).toLongLong(), afterInsert + 2);
    }

    void auditLogIsAppendOnly()
    {
        auto db = openFresh();
        QVERIFY(db);
        QVERIFY(db->exec(QStringLiteral("INSERT INTO audit_log(id, at, action, entity) VALUES ('a1', 1, 'x', 'y')")));
        QVERIFY(db->scalar(QStringLiteral("SELECT revision FROM audit_log WHERE id='a1'")).value().toLongLong() > 0);
        QVERIFY(!db->exec(QStringLiteral("UPDATE audit_log SET action='z' WHERE id='a1'")));
        QVERIFY(!db->exec(QStringLiteral("DELETE FROM audit_log WHERE id='a1'")));
    }

    void writeTransactionRollsBackUnlessCommitted()
    {
        auto db = openFresh();
        QVERIFY(db);
        const QString facility = insertFacility(*db);
        {
            WriteTransaction tx(*db);
            QVERIFY(tx.isActive());
            QVERIFY(db->exec(QStringLiteral("INSERT INTO units(id, facility_id, name) VALUES ('r1', ?, 'x')"),
                             { facility }));
        } // destroyed without commit
        QCOMPARE(db->scalar(QStringLiteral("SELECT COUNT(*) FROM units")).value().toInt(), 0);
        {
            WriteTransaction tx(*db);
            QVERIFY(db->exec(QStringLiteral("INSERT INTO units(id, facility_id, name) VALUES ('c1', ?, 'x')"),
                             { facility }));
            {
                WriteTransaction inner(*db);
                QVERIFY(inner.isActive());
                QVERIFY(db->exec(QStringLiteral("INSERT INTO units(id, facility_id, name) VALUES ('c2', ?, 'y')"),
                                 { facility }));
                inner.rollback();
            }
            QVERIFY(tx.commit());
        }
        QCOMPARE(db->scalar(QStringLiteral("SELECT group_concat(id) FROM units")).value().toString(),
                 QStringLiteral("c1"));
    }

    void splitKeepsTriggerBodiesWhole()
    {
        const QStringList statements = Database::splitStatements(QStringLiteral(
            "CREATE TABLE t (a); -- comment; with semicolon\n"
            "CREATE TRIGGER x AFTER INSERT ON t BEGIN\n UPDATE t SET a = 1; UPDATE t SET a = ';';\nEND;\n"
            "INSERT INTO t VALUES ('a;b');"));
        QCOMPARE(statements.size(), 3);
        QVERIFY(statements.at(1).startsWith(QStringLiteral("CREATE TRIGGER")));
        QVERIFY(statements.at(1).endsWith(QStringLiteral("END")));
        QCOMPARE(statements.at(2), QStringLiteral("INSERT INTO t VALUES ('a;b')"));
    }

    void apiKeysAreStoredHashedAndResolve()
    {
        auto db = openFresh();
        QVERIFY(db);
        CompanyRepository companies(*db);
        auto company = companies.create(QStringLiteral("Acme"), QStringLiteral("UTC"), 5);
        QVERIFY(company);
        QCOMPARE(companies.companyForApiKey(company.value().companyApiKey), company.value().companyId);
        QCOMPARE(companies.companyForMobileKey(company.value().mobileApiKey), company.value().companyId);
        QVERIFY(!companies.companyForApiKey(company.value().mobileApiKey));
        QVERIFY(!companies.companyForMobileKey(company.value().companyApiKey));
        auto stored = db->scalar(QStringLiteral("SELECT company_api_key_hash FROM companies"));
        QVERIFY(stored.value().toString() != company.value().companyApiKey);
        QCOMPARE(stored.value().toString(), ApiKeys::hash(company.value().companyApiKey));
    }

    void kekFileIsPrivateAndNotOverwritten()
    {
        const QString path = freshPath();
        auto created = KeyEncryptionKey::create(path);
        QVERIFY(created);
        QCOMPARE(created.value().size(), 32);
        QFile file(KeyEncryptionKey::filePathFor(path));
        QCOMPARE(file.permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther), QFileDevice::Permissions());
        QVERIFY(!KeyEncryptionKey::create(path));
        auto loaded = KeyEncryptionKey::load(path);
        QVERIFY(loaded);
        QCOMPARE(loaded.value(), created.value());
    }

    void kekFromEnvironmentOverridesTheFile_data()
    {
        QTest::addColumn<QByteArray>("env");
        QTest::addColumn<bool>("valid");
        QTest::newRow("64 hex digits") << QByteArray(64, 'a') << true;
        QTest::newRow("too short") << QByteArray(62, 'a') << false;
        QTest::newRow("not hex") << QByteArray(64, 'z') << false;
    }
    void kekFromEnvironmentOverridesTheFile()
    {
        QFETCH(QByteArray, env);
        QFETCH(bool, valid);
        const QString path = freshPath();
        QVERIFY(KeyEncryptionKey::create(path));
        qputenv(KeyEncryptionKey::kEnvironmentVariable, env);
        auto loaded = KeyEncryptionKey::load(path);
        qunsetenv(KeyEncryptionKey::kEnvironmentVariable);
        QCOMPARE(loaded.ok(), valid);
        if (valid)
            QCOMPARE(loaded.value(), QByteArray::fromHex(env));
        else
            QCOMPARE(loaded.error().field, QStringLiteral("KEYDESK_KEK"));
    }

    void missingKekSaysWhatToDo()
    {
        auto loaded = KeyEncryptionKey::load(freshPath());
        QVERIFY(!loaded);
        QVERIFY(loaded.error().message.contains(QStringLiteral("KEYDESK_KEK")));
    }

    void lockSecretsAreSealedAndBoundToTheKek()
    {
        auto db = openFresh();
        QVERIFY(db);
        auto company = CompanyRepository(*db).create(QStringLiteral("Acme"), QStringLiteral("UTC"), 1);
        QVERIFY(company);
        const QByteArray kek(32, '\x11');
        NewLock lock;
        lock.companyId = company.value().companyId;
        lock.facilityId = company.value().facilityId;
        lock.mac = Keydesk::Core::MacAddress::parse(QStringLiteral("AA:BB:CC:DD:EE:01")).value();
        lock.serial = QStringLiteral("S1");
        LockRepository locks(*db);
        auto added = locks.add(lock, kek, 1);
        QVERIFY(added);
        const LockRecord &record = added.value().first;
        QVERIFY(!record.sealedSecret.contains(added.value().second.bytes()));
        QCOMPARE(LockRepository::secretOf(record, kek).value().bytes(), added.value().second.bytes());
        QVERIFY(!LockRepository::secretOf(record, QByteArray(32, '\x22')));
        QCOMPARE(LockRepository::secretOf(record, QByteArray(32, '\x22')).error().code, QStringLiteral("kek_mismatch"));
        auto duplicate = locks.add(lock, kek, 2);
        QVERIFY(!duplicate);
        QCOMPARE(duplicate.error().code, QStringLiteral("duplicate_mac"));
        QCOMPARE(record.status, QStringLiteral("awaiting_setup"));
    }
};

QTEST_GUILESS_MAIN(TestStoreDatabase)
#include "TestStoreDatabase.moc"
