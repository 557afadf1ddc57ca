#include "tests/server/CoreApiHelpers.h"

#include <QJsonArray>
#include <QTest>

using namespace Keydesk;
using Keydesk::Test::HttpReply;
using Keydesk::Test::ServerFixture;
using Keydesk::Test::TestLock;

/// /qc/issue/, /qc/revoke/, /qc/display/, /qc/: every quick-click rule, pending/revoked states, the sync by an
/// online unlock and the countdown of limited codes from uploaded logs.
class TestCoreApiQuickClicks final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<ServerFixture> m_fixture;
    std::optional<TestLock> m_lock;

    HttpReply post(const QString &path, const QJsonObject &body)
    {
        return m_fixture->companyClient()->post(path, body);
    }

    HttpReply issue(const QJsonArray &quickClicks)
    {
        return post(
            QStringLiteral("/qc/issue/"),
            QJsonObject { { QStringLiteral("mac"), m_lock->mac() }, { QStringLiteral("quick_clicks"), quickClicks } });
    }
    HttpReply revoke(const QStringList &codes)
    {
        QJsonArray items;
        for (const QString &code : codes)
            items.append(QJsonObject { { QStringLiteral("code"), code } });
        return post(
            QStringLiteral("/qc/revoke/"),
            QJsonObject { { QStringLiteral("mac"), m_lock->mac() }, { QStringLiteral("quick_clicks"), items } });
    }
    static QJsonObject qc(const QString &code, int uses)
    {
        return QJsonObject { { QStringLiteral("code"), code }, { QStringLiteral("uses"), uses } };
    }

    /// code → its display entry on the test lock.
    QHash<QString, QJsonObject> display()
    {
        const HttpReply reply = post(QStringLiteral("/qc/display/"),
                                     QJsonObject { { QStringLiteral("macs"), QJsonArray { m_lock->mac() } } });
        QHash<QString, QJsonObject> codes;
        for (const QJsonValue &lock : Test::dataArray(reply)) {
            for (const QJsonValue &entry : lock.toObject().value(QStringLiteral("quick_clicks")).toArray())
                codes.insert(entry.toObject().value(QStringLiteral("code")).toString(), entry.toObject());
        }
        return codes;
    }

    QString flags()
    {
        return Test::dataObject(post(QStringLiteral("/lock/"), QJsonObject()))
            .value(QStringLiteral("locks"))
            .toArray()
            .first()
            .toObject()
            .value(QStringLiteral("flags"))
            .toString();
    }

    void syncAndUpload()
    {
        const Core::LockOutcome outcome = Test::onlineCommand(*m_fixture, *m_lock);
        QVERIFY2(outcome.opened(), qPrintable(outcome.message));
        QCOMPARE(Test::uploadResponses(*m_fixture, *m_lock, outcome.responses).status, 200);
    }

private Q_SLOTS:
    void init()
    {
        m_fixture = std::make_unique<ServerFixture>();
        QVERIFY2(m_fixture->ok(), qPrintable(m_fixture->error()));
        m_lock = Test::addTestLock(*m_fixture, QStringLiteral("AA:BB:CC:00:00:01"));
        QVERIFY(m_lock);
    }
    void cleanup()
    {
        m_lock.reset();
        m_fixture.reset();
    }

    void issueSyncUseCountDown()
    {
        const HttpReply issued = issue(QJsonArray { qc(QStringLiteral("101"), 255), qc(QStringLiteral("0110"), 2) });
        QCOMPARE(issued.status, 200);
        const QJsonObject json = issued.json();
        QCOMPARE(json.value(QStringLiteral("request")).toString(), QStringLiteral("qc/issue"));
        QVERIFY(json.value(QStringLiteral("error_details")).isNull());
        const QJsonObject lock = Test::dataArray(issued).first().toObject();
        QCOMPARE(lock.value(QStringLiteral("mac")).toString(), m_lock->mac());
        const QJsonObject limited = lock.value(QStringLiteral("quick_clicks")).toArray().at(1).toObject();
        QCOMPARE(limited.value(QStringLiteral("code")).toString(), QStringLiteral("0110"));
        QCOMPARE(limited.value(QStringLiteral("pending")).toBool(), true);
        QCOMPARE(limited.value(QStringLiteral("revoked")).toBool(), false);
        QCOMPARE(limited.value(QStringLiteral("uses")).toInt(), 2);
        QCOMPARE(limited.value(QStringLiteral("start_uses")).toInt(), 2);
        QCOMPARE(flags(), QStringLiteral("quick_clicks"));

        // Not on the lock yet: the code does not open it.
        QVERIFY(!m_lock->vlock->quickClick(QStringLiteral("0110")).opened());

        syncAndUpload();
        QCOMPARE(flags(), QStringLiteral("none"));
        QCOMPARE(display().value(QStringLiteral("0110")).value(QStringLiteral("pending")).toBool(), false);

        const Core::LockOutcome used = m_lock->vlock->quickClick(QStringLiteral("0110"));
        QVERIFY2(used.opened(), qPrintable(used.message));
        QCOMPARE(Test::uploadResponses(*m_fixture, *m_lock, used.responses).status, 200);
        QCOMPARE(display().value(QStringLiteral("0110")).value(QStringLiteral("uses")).toInt(), 1);
        QCOMPARE(display().value(QStringLiteral("0110")).value(QStringLiteral("start_uses")).toInt(), 2);
        // Uploading the same responses again changes nothing (de-duplicated by sequence number).
        QCOMPARE(Test::uploadResponses(*m_fixture, *m_lock, used.responses).status, 200);
        QCOMPARE(display().value(QStringLiteral("0110")).value(QStringLiteral("uses")).toInt(), 1);

        const Core::LockOutcome unlimited = m_lock->vlock->quickClick(QStringLiteral("101"));
        QVERIFY(unlimited.opened());
        QCOMPARE(Test::uploadResponses(*m_fixture, *m_lock, unlimited.responses).status, 200);
        QCOMPARE(display().value(QStringLiteral("101")).value(QStringLiteral("uses")).toInt(), 255);
    }

    void revokeIsPendingUntilSyncedThenCodeIsFree()
    {
        QCOMPARE(issue(QJsonArray { qc(QStringLiteral("0110"), 5) }).status, 200);
        syncAndUpload();
        const HttpReply revoked = revoke({ QStringLiteral("0110") });
        QCOMPARE(revoked.status, 200);
        QCOMPARE(revoked.json().value(QStringLiteral("request")).toString(), QStringLiteral("qc/revoke"));
        const QJsonObject entry = display().value(QStringLiteral("0110"));
        QCOMPARE(entry.value(QStringLiteral("revoked")).toBool(), true);
        QCOMPARE(entry.value(QStringLiteral("pending")).toBool(), false);
        QCOMPARE(flags(), QStringLiteral("quick_clicks"));
        // Reuse only after the removal reached the lock.
        const HttpReply early = issue(QJsonArray { qc(QStringLiteral("0110"), 3) });
        QCOMPARE(Test::errorCode(early), 3);
        QCOMPARE(early.json().value(QStringLiteral("error_details")).toArray().size(), 1);
        QVERIFY(m_lock->vlock->quickClick(QStringLiteral("0110")).opened()); // still on the lock

        syncAndUpload();
        QVERIFY(!display().contains(QStringLiteral("0110")));
        QVERIFY(!m_lock->vlock->quickClick(QStringLiteral("0110")).opened());
        QCOMPARE(issue(QJsonArray { qc(QStringLiteral("0110"), 3) }).status, 200);
    }

    void revokingANeverSyncedCodeFreesItAtOnce()
    {
        QCOMPARE(issue(QJsonArray { qc(QStringLiteral("111"), 4) }).status, 200);
        QCOMPARE(revoke({ QStringLiteral("111") }).status, 200);
        QVERIFY(!display().contains(QStringLiteral("111")));
        QCOMPARE(flags(), QStringLiteral("none"));
        QCOMPARE(issue(QJsonArray { qc(QStringLiteral("111"), 4) }).status, 200);
    }

    void invalidItemsAreListedAndValidOnesApplied_data()
    {
        QTest::addColumn<QJsonObject>("bad");
        QTest::newRow("code with a 2") << qc(QStringLiteral("012"), 5);
        QTest::newRow("code too short") << qc(QStringLiteral("01"), 5);
        QTest::newRow("code too long") << qc(QString(25, QLatin1Char('1')), 5);
        QTest::newRow("uses 0") << qc(QStringLiteral("0011"), 0);
        QTest::newRow("uses 256") << qc(QStringLiteral("0011"), 256);
        QTest::newRow("uses missing") << QJsonObject { { QStringLiteral("code"), QStringLiteral("0011") } };
        QTest::newRow("code a number") << QJsonObject { { QStringLiteral("code"), 101 },
                                                        { QStringLiteral("uses"), 1 } };
    }
    void invalidItemsAreListedAndValidOnesApplied()
    {
        QFETCH(QJsonObject, bad);
        const HttpReply reply = issue(QJsonArray { qc(QStringLiteral("1010"), 10), bad });
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.json().value(QStringLiteral("result")).toString(), QStringLiteral("success"));
        const QJsonArray details = reply.json().value(QStringLiteral("error_details")).toArray();
        QCOMPARE(details.size(), 1);
        const QJsonObject detail = details.first().toObject();
        QCOMPARE(detail.value(QStringLiteral("mac")).toString(), m_lock->mac());
        QCOMPARE(detail.value(QStringLiteral("action")).toString(), QStringLiteral("issue"));
        QVERIFY(!detail.value(QStringLiteral("msg")).toString().isEmpty());
        QVERIFY(detail.contains(QStringLiteral("code")));
        QCOMPARE(Test::dataArray(reply).first().toObject().value(QStringLiteral("quick_clicks")).toArray().size(), 1);
        QCOMPARE(display().keys(), QStringList { QStringLiteral("1010") });
    }

    void issuingAnExistingCodeUpdatesItsUses()
    {
        QCOMPARE(issue(QJsonArray { qc(QStringLiteral("1010"), 10) }).status, 200);
        syncAndUpload();
        QCOMPARE(issue(QJsonArray { qc(QStringLiteral("1010"), 20) }).status, 200);
        const QJsonObject entry = display().value(QStringLiteral("1010"));
        QCOMPARE(entry.value(QStringLiteral("uses")).toInt(), 20);
        QCOMPARE(entry.value(QStringLiteral("pending")).toBool(), true);
        QCOMPARE(display().size(), 1);
    }

    void aLockHoldsAtMostOneHundredCodes()
    {
        QJsonArray hundred;
        for (int i = 0; i < 100; ++i)
            hundred.append(qc(QStringLiteral("1%1").arg(i, 7, 2, QLatin1Char('0')), 1));
        QCOMPARE(issue(hundred).status, 200);
        QCOMPARE(display().size(), 100);
        const HttpReply full = issue(QJsonArray { qc(QStringLiteral("000000000"), 1) });
        QCOMPARE(Test::errorCode(full), 3);
        QCOMPARE(full.json().value(QStringLiteral("error_details")).toArray().size(), 1);
        // One online unlock carries all hundred to the lock.
        syncAndUpload();
        QCOMPARE(m_lock->vlock->quickClickCount(), 100);
    }

    void combinedCallIsAnsweredAsADisplay()
    {
        auto other = Test::addTestLock(*m_fixture, QStringLiteral("AA:BB:CC:00:00:02"));
        QVERIFY(other);
        const QJsonObject body {
            { QStringLiteral("issue"),
              QJsonArray {
                  QJsonObject { { QStringLiteral("mac"), m_lock->mac() },
                                { QStringLiteral("quick_clicks"), QJsonArray { qc(QStringLiteral("101"), 255) } } },
                  QJsonObject { { QStringLiteral("mac"), QStringLiteral("AA:BB:CC:00:00:77") },
                                { QStringLiteral("quick_clicks"), QJsonArray { qc(QStringLiteral("101"), 1) } } } } },
            { QStringLiteral("revoke"),
              QJsonArray { QJsonObject {
                  { QStringLiteral("mac"), other->mac() },
                  { QStringLiteral("quick_clicks"),
                    QJsonArray { QJsonObject { { QStringLiteral("code"), QStringLiteral("101") } } } } } } },
            { QStringLiteral("display"), QJsonObject { { QStringLiteral("macs"), QJsonArray { m_lock->mac() } } } },
        };
        const HttpReply reply = post(QStringLiteral("/qc/"), body);
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.json().value(QStringLiteral("request")).toString(), QStringLiteral("qc"));
        const QJsonArray data = Test::dataArray(reply);
        QCOMPARE(data.size(), 1);
        QCOMPARE(data.first().toObject().value(QStringLiteral("mac")).toString(), m_lock->mac());
        const QJsonArray details = reply.json().value(QStringLiteral("error_details")).toArray();
        QCOMPARE(details.size(), 2); // unknown lock, and a revoke of a code the other lock does not have
        QStringList actions;
        for (const QJsonValue &detail : details)
            actions.append(detail.toObject().value(QStringLiteral("action")).toString());
        actions.sort();
        QCOMPARE(actions, QStringList({ QStringLiteral("issue"), QStringLiteral("revoke") }));
    }

    void wholeRequestErrors_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QJsonObject>("body");
        QTest::addColumn<int>("code");
        QTest::newRow("issue: unknown lock")
            << QStringLiteral("/qc/issue/")
            << QJsonObject { { QStringLiteral("mac"), QStringLiteral("AA:BB:CC:00:00:99") },
                             { QStringLiteral("quick_clicks"), QJsonArray { qc(QStringLiteral("101"), 1) } } }
            << 7;
        QTest::newRow("issue: bad mac") << QStringLiteral("/qc/issue/")
                                        << QJsonObject { { QStringLiteral("mac"), QStringLiteral("no") },
                                                         { QStringLiteral("quick_clicks"),
                                                           QJsonArray { qc(QStringLiteral("101"), 1) } } }
                                        << 3;
        QTest::newRow("issue: no quick_clicks")
            << QStringLiteral("/qc/issue/")
            << QJsonObject { { QStringLiteral("mac"), QStringLiteral("AA:BB:CC:00:00:01") } } << 3;
        QTest::newRow("display: unknown lock")
            << QStringLiteral("/qc/display/")
            << QJsonObject { { QStringLiteral("macs"), QJsonArray { QStringLiteral("AA:BB:CC:00:00:99") } } } << 7;
        QTest::newRow("revoke: unknown code")
            << QStringLiteral("/qc/revoke/")
            << QJsonObject { { QStringLiteral("mac"), QStringLiteral("AA:BB:CC:00:00:01") },
                             { QStringLiteral("quick_clicks"),
                               QJsonArray { QJsonObject { { QStringLiteral("code"), QStringLiteral("111") } } } } }
            << 3;
    }
    void wholeRequestErrors()
    {
        QFETCH(QString, path);
        QFETCH(QJsonObject, body);
        QFETCH(int, code);
        const qint64 before = m_fixture->db().revision();
        const HttpReply reply = post(path, body);
        QCOMPARE(Test::errorCode(reply), code);
        QCOMPARE(reply.status, code == 7 ? 404 : 400);
        QCOMPARE(m_fixture->db().revision(), before);
    }
};

QTEST_GUILESS_MAIN(TestCoreApiQuickClicks)
#include "TestCoreApiQuickClicks.moc"
