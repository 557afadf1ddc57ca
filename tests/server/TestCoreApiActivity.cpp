#include "core/lockproto/OfflineCredential.h"
#include "tests/server/CoreApiHelpers.h"

#include <QJsonArray>
#include <QTest>

using namespace Keydesk;
using Keydesk::Test::HttpReply;
using Keydesk::Test::ServerFixture;
using Keydesk::Test::TestLock;

/// /upload/ (verify, de-duplicate, gaps) and /activity/ (every filter, default exclusions, ranges), with
/// activity produced by VirtualLocks through the real code paths.
class TestCoreApiActivity final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<ServerFixture> m_fixture;
    std::optional<TestLock> m_a;
    std::optional<TestLock> m_b;

    HttpReply activity(const QJsonObject &body)
    {
        return m_fixture->companyClient()->post(QStringLiteral("/activity/"), body);
    }
    QJsonArray activityItems(const QJsonObject &body)
    {
        return Test::dataObject(activity(body)).value(QStringLiteral("activity")).toArray();
    }
    static QStringList actionsOf(const QJsonArray &items)
    {
        QStringList actions;
        for (const QJsonValue &item : items)
            actions.append(item.toObject().value(QStringLiteral("action")).toString());
        actions.sort();
        return actions;
    }

    /// Lock A: online unlock by bob (setup), an offline unlock by bob, a quick click. Lock B: online unlock by
    /// linda. Plus a button_touched and a wake_stats row written directly (no lock code path produces them).
    void produceActivity()
    {
        QVERIFY(!Test::addUserWithKey(*m_fixture, *m_a, QStringLiteral("bob")).isEmpty());
        QCOMPARE(
            m_fixture->companyClient()
                ->post(QStringLiteral("/qc/issue/"),
                       QJsonObject { { QStringLiteral("mac"), m_a->mac() },
                                     { QStringLiteral("quick_clicks"),
                                       QJsonArray { QJsonObject { { QStringLiteral("code"), QStringLiteral("0101") },
                                                                  { QStringLiteral("uses"), 255 } } } } })
                .status,
            200);
        const Core::LockOutcome online = Test::onlineCommand(*m_fixture, *m_a, QStringLiteral("bob"));
        QVERIFY(online.opened());
        QCOMPARE(Test::uploadResponses(*m_fixture, *m_a, online.responses).status, 200);

        m_fixture->clock().advance(3600);
        const HttpReply keys = m_fixture->companyClient()->post(
            QStringLiteral("/keys/"),
            QJsonObject { { QStringLiteral("issue"),
                            QJsonArray { QJsonObject {
                                { QStringLiteral("macs"), QJsonArray { m_a->mac() } },
                                { QStringLiteral("tracking_keys"), QJsonArray { QStringLiteral("bob") } } } } } });
        const QJsonObject credential = Test::dataObject(keys)
                                           .value(QStringLiteral("locks"))
                                           .toArray()
                                           .first()
                                           .toObject()
                                           .value(QStringLiteral("keys"))
                                           .toArray()
                                           .first()
                                           .toObject();
        auto session = m_a->vlock->newSession();
        QVERIFY(session);
        auto proof
            = Core::makeOfflineProof(credential.value(QStringLiteral("offline_key")).toString(),
                                     credential.value(QStringLiteral("unlock_command")).toString(), session.value());
        QVERIFY(proof);
        const Core::LockOutcome offline = m_a->vlock->applyOfflineProof(proof.value());
        QVERIFY2(offline.opened(), qPrintable(offline.message));
        const Core::LockOutcome click = m_a->vlock->quickClick(QStringLiteral("0101"));
        QVERIFY(click.opened());
        m_fixture->clock().advance(600);
        QCOMPARE(Test::uploadResponses(*m_fixture, *m_a, offline.responses + click.responses).status, 200);

        m_fixture->clock().advance(3600);
        const Core::LockOutcome linda = Test::onlineCommand(*m_fixture, *m_b, QStringLiteral("linda"));
        QVERIFY(linda.opened());
        QCOMPARE(Test::uploadResponses(*m_fixture, *m_b, linda.responses).status, 200);

        const qint64 now = m_fixture->clock().now().toMSecsSinceEpoch();
        for (const QString &action : { QStringLiteral("button_touched"), QStringLiteral("wake_stats") }) {
            QVERIFY(m_fixture->db().exec(
                QStringLiteral("INSERT INTO activity(id, lock_id, lock_mac, action, "
                               "recorded_time, range_start, range_end) VALUES (?, ?, ?, ?, ?, ?, ?)"),
                { action, m_b->record.id, m_b->mac(), action, now, now, now }));
        }
    }

private Q_SLOTS:
    void init()
    {
        m_fixture = std::make_unique<ServerFixture>();
        QVERIFY2(m_fixture->ok(), qPrintable(m_fixture->error()));
        m_a = Test::addTestLock(*m_fixture, QStringLiteral("AA:BB:CC:00:00:0A"));
        m_b = Test::addTestLock(*m_fixture, QStringLiteral("AA:BB:CC:00:00:0B"));
        QVERIFY(m_a && m_b);
    }
    void cleanup()
    {
        m_a.reset();
        m_b.reset();
        m_fixture.reset();
    }

    void defaultExcludesNoiseAndShowsRanges()
    {
        produceActivity();
        const HttpReply reply = activity(QJsonObject());
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.json().value(QStringLiteral("request")).toString(), QStringLiteral("activity"));
        const QJsonArray items = Test::dataObject(reply).value(QStringLiteral("activity")).toArray();
        const QStringList actions = actionsOf(items);
        QVERIFY2(!actions.contains(QStringLiteral("button_touched")), qPrintable(actions.join(u',')));
        QVERIFY(!actions.contains(QStringLiteral("wake_stats")));
        QVERIFY(actions.contains(QStringLiteral("unlocked")) || actions.contains(QStringLiteral("setup_unlocked")));
        QVERIFY(actions.contains(QStringLiteral("unlocked_via_quick_click")));
        for (const QJsonValue &value : items) {
            const QJsonObject item = value.toObject();
            for (const QString &field : { QStringLiteral("lock_mac"), QStringLiteral("action"),
                                          QStringLiteral("recorded_time"), QStringLiteral("range_date_start"),
                                          QStringLiteral("range_date_end"), QStringLiteral("tracking_key") })
                QVERIFY2(item.value(field).isString(), qPrintable(field));
            QVERIFY(item.value(QStringLiteral("recorded_time")).toString().endsWith(QLatin1Char('Z')));
            const QString action = item.value(QStringLiteral("action")).toString();
            const QString start = item.value(QStringLiteral("range_date_start")).toString();
            const QString end = item.value(QStringLiteral("range_date_end")).toString();
            QVERIFY(start <= end);
            // The quick click happened on the lock's own clock: a range, not an instant.
            if (action == QLatin1String("unlocked_via_quick_click")) {
                QVERIFY2(start < end, qPrintable(start + QLatin1Char(' ') + end));
                QCOMPARE(item.value(QStringLiteral("tracking_key")).toString(), QString());
            }
        }
        // Newest first.
        QVERIFY(items.first().toObject().value(QStringLiteral("recorded_time")).toString()
                >= items.last().toObject().value(QStringLiteral("recorded_time")).toString());
    }

    void filters_data()
    {
        QTest::addColumn<QJsonObject>("body");
        QTest::addColumn<QStringList>("expectedMacs"); // distinct, sorted
        QTest::addColumn<QString>("onlyAction"); // every item has this action ("" = any)
        QTest::addColumn<QString>("onlyTrackingKey");
        QTest::newRow("lock_macs") << QJsonObject { { QStringLiteral("lock_macs"),
                                                      QJsonArray { QStringLiteral("aa:bb:cc:00:00:0b") } } }
                                   << QStringList { QStringLiteral("AA:BB:CC:00:00:0B") } << QString() << QString();
        QTest::newRow("asked-for noise") << QJsonObject { { QStringLiteral("actions"),
                                                            QJsonArray { QStringLiteral("button_touched") } } }
                                         << QStringList { QStringLiteral("AA:BB:CC:00:00:0B") }
                                         << QStringLiteral("button_touched") << QString();
        QTest::newRow("documented alias unlock")
            << QJsonObject { { QStringLiteral("actions"), QJsonArray { QStringLiteral("unlock") } } }
            << QStringList { QStringLiteral("AA:BB:CC:00:00:0A"), QStringLiteral("AA:BB:CC:00:00:0B") }
            << QStringLiteral("unlocked") << QString();
        QTest::newRow("tracking_keys") << QJsonObject { { QStringLiteral("tracking_keys"),
                                                          QJsonArray { QStringLiteral("linda") } } }
                                       << QStringList { QStringLiteral("AA:BB:CC:00:00:0B") } << QString()
                                       << QStringLiteral("linda");
        QTest::newRow("after the last hour")
            << QJsonObject { { QStringLiteral("after"), QStringLiteral("2026-03-10T17:00:00Z") } }
            << QStringList { QStringLiteral("AA:BB:CC:00:00:0B") } << QString() << QString();
        QTest::newRow("before the first upload ended")
            << QJsonObject { { QStringLiteral("before"), QStringLiteral("2026-03-10T15:00:00Z") } }
            << QStringList { QStringLiteral("AA:BB:CC:00:00:0A") } << QString() << QStringLiteral("bob");
        QTest::newRow("nothing in range")
            << QJsonObject { { QStringLiteral("before"), QStringLiteral("2026-03-10T14:00:00Z") } } << QStringList()
            << QString() << QString();
    }
    void filters()
    {
        QFETCH(QJsonObject, body);
        QFETCH(QStringList, expectedMacs);
        QFETCH(QString, onlyAction);
        QFETCH(QString, onlyTrackingKey);
        produceActivity();
        const QJsonArray items = activityItems(body);
        QStringList macs;
        for (const QJsonValue &item : items) {
            const QString mac = item.toObject().value(QStringLiteral("lock_mac")).toString();
            if (!macs.contains(mac))
                macs.append(mac);
            if (!onlyAction.isEmpty())
                QCOMPARE(item.toObject().value(QStringLiteral("action")).toString(), onlyAction);
            if (!onlyTrackingKey.isEmpty())
                QCOMPARE(item.toObject().value(QStringLiteral("tracking_key")).toString(), onlyTrackingKey);
        }
        macs.sort();
        QCOMPARE(macs, expectedMacs);
    }

    void badFilters_data()
    {
        QTest::addColumn<QJsonObject>("body");
        QTest::addColumn<int>("code");
        QTest::newRow("unknown action") << QJsonObject { { QStringLiteral("actions"),
                                                           QJsonArray { QStringLiteral("opened") } } }
                                        << 3;
        QTest::newRow("before not ISO") << QJsonObject { { QStringLiteral("before"), QStringLiteral("yesterday") } }
                                        << 3;
        QTest::newRow("after without Z") << QJsonObject { { QStringLiteral("after"),
                                                            QStringLiteral("2018-05-21T23:22:16") } }
                                         << 3;
        QTest::newRow("bad mac") << QJsonObject { { QStringLiteral("lock_macs"), QJsonArray { QStringLiteral("xx") } } }
                                 << 3;
        QTest::newRow("unknown lock") << QJsonObject { { QStringLiteral("lock_macs"),
                                                         QJsonArray { QStringLiteral("AA:BB:CC:00:00:99") } } }
                                      << 7;
        QTest::newRow("tracking_keys not strings")
            << QJsonObject { { QStringLiteral("tracking_keys"), QJsonArray { 1 } } } << 3;
    }
    void badFilters()
    {
        QFETCH(QJsonObject, body);
        QFETCH(int, code);
        QCOMPARE(Test::errorCode(activity(body)), code);
    }

    void uploadDeduplicatesAndRecordsGaps()
    {
        // Three online unlocks: the lock logs entries with consecutive sequence numbers.
        QStringList all;
        for (int i = 0; i < 3; ++i) {
            const Core::LockOutcome outcome = Test::onlineCommand(*m_fixture, *m_a, QStringLiteral("bob"));
            QVERIFY(outcome.opened());
            all += outcome.responses;
        }
        QVERIFY(all.size() >= 3);
        const QString middle = all.at(1);
        QStringList withoutMiddle = all;
        withoutMiddle.removeAt(1);
        HttpReply reply = Test::uploadResponses(*m_fixture, *m_a, withoutMiddle);
        QCOMPARE(reply.status, 200);
        QCOMPARE(Test::dataObject(reply)
                     .value(QStringLiteral("logs"))
                     .toArray()
                     .first()
                     .toObject()
                     .value(QStringLiteral("accepted"))
                     .toInt(),
                 int(withoutMiddle.size()));
        QCOMPARE(m_fixture->db().scalar(QStringLiteral("SELECT COUNT(*) FROM log_gaps")).value().toInt(), 1);

        reply = Test::uploadResponses(*m_fixture, *m_a, all); // the late entry fills the gap; the rest are duplicates
        const QJsonObject log = Test::dataObject(reply).value(QStringLiteral("logs")).toArray().first().toObject();
        QCOMPARE(log.value(QStringLiteral("accepted")).toInt(), 1);
        QCOMPARE(log.value(QStringLiteral("duplicates")).toInt(), int(all.size()) - 1);
        QCOMPARE(m_fixture->db().scalar(QStringLiteral("SELECT COUNT(*) FROM log_gaps")).value().toInt(), 0);
        QCOMPARE(m_fixture->db().scalar(QStringLiteral("SELECT COUNT(*) FROM activity")).value().toInt(),
                 int(all.size()));
        Q_UNUSED(middle);
    }

    void forgedResponsesAreRejectedOthersKept()
    {
        const Core::LockOutcome outcome = Test::onlineCommand(*m_fixture, *m_a, QStringLiteral("bob"));
        QVERIFY(outcome.opened());
        QString forged = outcome.responses.first();
        forged[10] = forged.at(10) == QLatin1Char('0') ? QLatin1Char('1') : QLatin1Char('0');
        // The other lock's key does not verify this lock's responses either.
        const HttpReply reply = Test::uploadResponses(*m_fixture, *m_b, outcome.responses);
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.json().value(QStringLiteral("error_details")).toArray().size(), int(outcome.responses.size()));
        const HttpReply mixed
            = Test::uploadResponses(*m_fixture, *m_a, QStringList { forged } + outcome.responses.mid(1));
        const QJsonObject log = Test::dataObject(mixed).value(QStringLiteral("logs")).toArray().first().toObject();
        QCOMPARE(log.value(QStringLiteral("rejected")).toInt(), 1);
        QCOMPARE(log.value(QStringLiteral("accepted")).toInt(), int(outcome.responses.size()) - 1);
        QCOMPARE(mixed.json()
                     .value(QStringLiteral("error_details"))
                     .toArray()
                     .first()
                     .toObject()
                     .value(QStringLiteral("action"))
                     .toString(),
                 QStringLiteral("upload"));
    }

    void badUploadsChangeNothing_data()
    {
        QTest::addColumn<QJsonObject>("body");
        QTest::addColumn<int>("code");
        QTest::newRow("no logs") << QJsonObject() << 3;
        QTest::newRow("logs not an array") << QJsonObject { { QStringLiteral("logs"), 5 } } << 3;
        QTest::newRow("log without mac") << QJsonObject { { QStringLiteral("logs"), QJsonArray { QJsonObject() } } }
                                         << 3;
        QTest::newRow("received_time a string") << QJsonObject {
            { QStringLiteral("logs"),
              QJsonArray { QJsonObject { { QStringLiteral("mac"), QStringLiteral("AA:BB:CC:00:00:0A") },
                                         { QStringLiteral("received_time"), QStringLiteral("now") } } } }
        } << 3;
        QTest::newRow("unknown lock") << QJsonObject {
            { QStringLiteral("logs"),
              QJsonArray { QJsonObject { { QStringLiteral("mac"), QStringLiteral("AA:BB:CC:00:00:99") },
                                         { QStringLiteral("responses"), QJsonArray() } } } }
        } << 7;
    }
    void badUploadsChangeNothing()
    {
        QFETCH(QJsonObject, body);
        QFETCH(int, code);
        const qint64 before = m_fixture->db().revision();
        const HttpReply reply = m_fixture->mobileClient()->post(QStringLiteral("/upload/"), body);
        QCOMPARE(Test::errorCode(reply), code);
        QCOMPARE(m_fixture->db().revision(), before);
    }
};

QTEST_GUILESS_MAIN(TestCoreApiActivity)
#include "TestCoreApiActivity.moc"
