// New digital key for a user typed in inline, made while the server is away: the user and the keys go to the
// outbox together (the keys naming the user's local id), survive a restart of the desktop, and reach the server
// in order with the server's id for the user — nothing is held in memory.
#include "TestKeyDialogFixture.h"
#include "TestKeysViewFixture.h"
#include "server/store/Database.h"
#include "ui/views/FacilityDirectory.h"
#include "ui/views/keys/KeyEditFlow.h"
#include "ui/views/keys/KeysView.h"

#include <QAction>
#include <QApplication>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>

using namespace Keydesk;
using namespace Keydesk::Test;
using namespace KeyDialogFixture;

class TestKeyEditFlow final : public QObject
{
    Q_OBJECT

    std::unique_ptr<LiveServer> m_server;
    QNetworkAccessManager m_network;
    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase()
    {
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_dir.path());
        m_server = std::make_unique<LiveServer>();
        QVERIFY2(m_server->ok(), qPrintable(m_server->error()));
    }

    void aNewUserTypedInlineAndTheirKeySurviveARestartWhileOffline()
    {
        Facility facility(m_network, *m_server);
        QString error;
        QVERIFY2(facility.login(&error), qPrintable(error));
        const QString lock = facility.addLock(QStringLiteral("K-501"), QStringLiteral("AA:BB:CC:20:00:01"));
        QVERIFY2(!lock.isEmpty(), qPrintable(facility.lastError));
        const QString cachePath = m_dir.filePath(QStringLiteral("desk.sqlite"));
        {
            Desk desk(m_network, *m_server, cachePath);
            QVERIFY2(desk.start(LiveServer::kOwner, &error), qPrintable(error));
            Ui::KeysView view(desk.ctx);
            view.show();
            QTRY_VERIFY_WITH_TIMEOUT(
                desk.engine.state() == Core::SyncEngine::State::Idle && view.directory()->lock(lock), 20000);
            m_server->stop();
            QTRY_COMPARE_WITH_TIMEOUT(desk.engine.state(), Core::SyncEngine::State::Offline, 10000);

            view.findChild<QAction *>(QStringLiteral("newKeyAction"))->trigger();
            QTRY_VERIFY(view.editFlow()->dialog());
            Ui::KeyDialog &dialog = *view.editFlow()->dialog();
            find<QLineEdit>(dialog, "description")->setText(QStringLiteral("Painter, unit K-501"));
            tickLock(dialog, QStringLiteral("K-501"));
            find<QRadioButton>(dialog, "userModeNew")->setChecked(true);
            QTest::keyClicks(find<QLineEdit>(dialog, "newUserName"), QStringLiteral("Pat Painter"));
            QTest::keyClicks(find<QLineEdit>(dialog, "newUserEmail"), QStringLiteral("pat@example.com"));
            auto *submit = find<QPushButton>(dialog, "submit");
            QVERIFY2(submit && submit->isEnabled(), qPrintable(dialog.previewText()));
            submit->click();
            QTRY_COMPARE_WITH_TIMEOUT(awaitTask(desk.cache.queued())->value().size(), 2, 5000);
            const QList<Core::OutboxEntry> queued = awaitTask(desk.cache.queued())->value();
            QCOMPARE(queued.at(0).op, QStringLiteral("user.create"));
            QCOMPARE(queued.at(1).op, QStringLiteral("key.create"));
            QCOMPARE(queued.at(1).body->value(QStringLiteral("user_id")).toString(), queued.at(0).entityId);
            // The desktop is closed while still offline.
        }
        QVERIFY(m_server->start());
        Desk desk(m_network, *m_server, cachePath);
        QVERIFY2(desk.start(LiveServer::kOwner, &error), qPrintable(error));
        QTRY_VERIFY_WITH_TIMEOUT(awaitTask(desk.cache.allOutbox())->value().isEmpty(), 15000);
        auto user = m_server->db().scalar(QStringLiteral("SELECT id FROM users WHERE name = 'Pat Painter'"));
        QVERIFY(user && !user->toString().isEmpty());
        auto keys = m_server->db().scalar(
            QStringLiteral("SELECT COUNT(*) FROM keys WHERE user_id = ? AND lock_id = ? AND description = ?"),
            { user->toString(), lock, QStringLiteral("Painter, unit K-501") });
        QCOMPARE(keys->toInt(), 1);
    }
};

QTEST_MAIN(TestKeyEditFlow)
#include "TestKeyEditFlow.moc"
