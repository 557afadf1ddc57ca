#include "MainWindowJobsFixture.h"
#include "app/CacheCounts.h"
#include "core/models/KeysModel.h"
#include "core/models/UsersModel.h"
#include "core/sync/Mutations.h"
#include "tests/ui/PickerKeys.h"
#include "ui/dialogs/KeyDialog.h"
#include "ui/status/OfflineBanner.h"
#include "ui/status/StatusBarWidget.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QJsonDocument>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QTextEdit>
#include <QTimeEdit>
#include <QTimeZone>

using namespace MainWindowJobs;

namespace {

template <typename T> T *child(const QWidget *parent, const char *name)
{
    return parent ? parent->findChild<T *>(QString::fromLatin1(name)) : nullptr;
}

/// An error label as a person sees it: its text when shown, empty when hidden.
QString shownError(const QWidget *dialog, const char *name)
{
    auto *label = child<QLabel>(dialog, name);
    return label && label->isVisibleTo(dialog) ? label->text() : QString();
}

/// The visible dialog of that objectName, once it is open.
template <typename T = QWidget> T *openDialog(const char *name)
{
    for (QWidget *w : QApplication::topLevelWidgets())
        if (w->objectName() == QLatin1String(name) && w->isVisible())
            return qobject_cast<T *>(w);
    return nullptr;
}

void typeReason(QWidget *dialog, const QString &reason)
{
    QWidget *field = child<QWidget>(dialog, "reason");
    QVERIFY(field);
    field->setFocus();
    QTest::keyClicks(field, reason);
}

} // namespace

/// The three daily jobs of issue 6 end to end on the real main window over the embedded server (demo facility),
/// the whole app on one FakeClock: the admin's scheduled contractor key (UPCOMING, then ACTIVE when time passes
/// its start), the manager's forced security check, the front desk's "revoke every key of a user", and a
/// revocation made offline that becomes effective when the server is back. Role hiding is covered by
/// tests/ui/TestMainWindow.
class TestMainWindowJobs final : public QObject
{
    Q_OBJECT

    Session m_session;
    QStringList m_usedUsers; ///< users a job changed: later jobs pick others

    Ui::MainWindow *window() const { return m_session.window(); }

    /// A shortcut typed into the main window (made active first: a dialog closed just before may have left no
    /// active window offscreen).
    void press(Qt::Key key, Qt::KeyboardModifiers modifiers = Qt::ControlModifier)
    {
        window()->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(window()));
        QTest::keyClick(window(), key, modifiers);
    }

    /// Moves the fake clock, and nothing else: the app hears the jump (Clock::notifier()) by itself.
    void moveClockTo(const QDateTime &instant) { m_session.clock->set(instant); }

private Q_SLOTS:
    void initTestCase()
    {
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedKingdom));
        QVERIFY(m_session.dir.isValid());
        QVERIFY(m_session.start());
        window()->show();
        window()->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(window()));
    }

    void cleanupTestCase()
    {
        // The views go before the cache and the engine they read.
        if (m_session.controller)
            window()->detachViews();
        m_session.controller.reset();
    }

    // ---- b. manager -------------------------------------------------------------------------------------

    void manager_forceSecurityCheckOfUserWithExpiredOfflineKeys()
    {
        press(Qt::Key_2); // View ▸ Users
        QCOMPARE(window()->currentSection(), Section::Users);
        QWidget *view = window()->view(Section::Users);
        QTableView *users = m_session.table(Section::Users, "usersTable");
        QVERIFY(users);
        QAbstractItemModel *model = users->model();
        const int offline = Core::UsersModel::OfflineKeyColumn;
        QCOMPARE(model->headerData(offline, Qt::Horizontal).toString(), QStringLiteral("Offline Key Expiration"));

        // The quick filter leaves only users whose offline keys expired.
        QVERIFY(clickToolAction(view, "expiredOfflineFilter"));
        QTRY_VERIFY(model->rowCount() > 0);
        for (int r = 0; r < model->rowCount(); ++r)
            QCOMPARE(text(model, r, offline), QStringLiteral("Expired"));
        clickRow(users, 0);
        const QString expiredUser = text(model, 0, 0, Core::IdRole);
        QVERIFY(!expiredUser.isEmpty());
        const qint64 epochBefore = m_session.get(QStringLiteral("/v1/users/%1").arg(expiredUser))
                                       .value(QStringLiteral("user"))
                                       .toObject()
                                       .value(QStringLiteral("offline_epoch"))
                                       .toInteger();

        QVERIFY(clickToolAction(view, "forceSecurityCheckAction"));
        QVERIFY(m_session.waitIdle());
        // The server forced the check (a new offline epoch: keys issued before it are refused).
        QTRY_VERIFY(m_session.get(QStringLiteral("/v1/users/%1").arg(expiredUser))
                        .value(QStringLiteral("user"))
                        .toObject()
                        .value(QStringLiteral("offline_epoch"))
                        .toInteger()
                    > epochBefore);
        const int row = rowWhere(model, Core::IdRole, expiredUser);
        QVERIFY(row >= 0);
        QCOMPARE(text(model, row, offline), QStringLiteral("Expired"));
        m_usedUsers << expiredUser;
    }

    void manager_forceSecurityCheckInvalidatesValidOfflineKeys()
    {
        QWidget *view = window()->view(Section::Users);
        QTableView *users = m_session.table(Section::Users, "usersTable");
        QAbstractItemModel *model = users->model();
        const int offline = Core::UsersModel::OfflineKeyColumn;
        auto *filter = view->findChild<QAction *>(QStringLiteral("expiredOfflineFilter"));
        if (filter->isChecked())
            QVERIFY(clickToolAction(view, "expiredOfflineFilter"));
        QTRY_VERIFY(rowWhere(model, Core::StatusColorRole, QStringLiteral("ok"), offline) >= 0);

        int row = -1;
        for (int r = 0; r < model->rowCount() && row < 0; ++r)
            if (text(model, r, offline, Core::StatusColorRole) == QLatin1String("ok")
                && !m_usedUsers.contains(text(model, r, 0, Core::IdRole)))
                row = r;
        QVERIFY2(row >= 0, "the demo has a user with a valid offline key");
        const QString userId = text(model, row, 0, Core::IdRole);
        const QString before = text(model, row, offline);
        QVERIFY(before != QLatin1String("Expired") && before != QLatin1String("Never issued"));
        const auto validOnServer = [this, &userId] {
            int valid = 0;
            const QJsonArray keys = m_session.get(QStringLiteral("/v1/users/%1/offline-keys").arg(userId))
                                        .value(QStringLiteral("offline_keys"))
                                        .toArray();
            for (const QJsonValue &k : keys)
                valid += k.toObject().value(QStringLiteral("state")).toString() == QLatin1String("valid");
            return valid;
        };
        QVERIFY(validOnServer() > 0);

        clickRow(users, row);
        QVERIFY(clickToolAction(view, "forceSecurityCheckAction"));
        // The column changes at once (queued) and stays so once the server has invalidated them.
        QTRY_COMPARE(text(model, rowWhere(model, Core::IdRole, userId), offline), QStringLiteral("Expired"));
        QVERIFY(m_session.waitIdle());
        QCOMPARE(validOnServer(), 0);
        QCOMPARE(text(model, rowWhere(model, Core::IdRole, userId), offline), QStringLiteral("Expired"));
        m_usedUsers << userId;
    }

    // ---- c. front desk ----------------------------------------------------------------------------------

    void frontDesk_revokeEveryKeyOfAUser()
    {
        // A user with several unrevoked keys on single locks whose locks have nothing pending yet.
        QHash<QString, QStringList> keysOfUser;
        QHash<QString, QStringList> locksOfUser;
        QHash<QString, int> allKeysOfUser; ///< revoked ones too: the view lists every key
        const QJsonArray all = m_session.get(QStringLiteral("/v1/keys")).value(QStringLiteral("keys")).toArray();
        for (const QJsonValue &v : all) {
            const QJsonObject k = v.toObject();
            const QString user = k.value(QStringLiteral("user_id")).toString();
            if (user.isEmpty() || m_usedUsers.contains(user))
                continue;
            ++allKeysOfUser[user];
            if (!k.value(QStringLiteral("revoked_at")).isNull() && k.contains(QStringLiteral("revoked_at")))
                continue;
            keysOfUser[user] << k.value(QStringLiteral("id")).toString();
            const QString lock = k.value(QStringLiteral("lock_id")).toString();
            if (!lock.isEmpty())
                locksOfUser[user] << lock;
        }
        QString userId;
        for (auto it = keysOfUser.cbegin(); it != keysOfUser.cend(); ++it)
            if (it.value().size() >= 2 && !locksOfUser.value(it.key()).isEmpty()
                && (userId.isEmpty() || it.value().size() > keysOfUser.value(userId).size()))
                userId = it.key();
        QVERIFY2(!userId.isEmpty(), "the demo has a user with two or more keys");
        const QStringList locks = locksOfUser.value(userId);

        press(Qt::Key_2); // View ▸ Users
        QWidget *usersView = window()->view(Section::Users);
        QTableView *users = m_session.table(Section::Users, "usersTable");
        auto *filter = usersView->findChild<QAction *>(QStringLiteral("expiredOfflineFilter"));
        if (filter->isChecked())
            QVERIFY(clickToolAction(usersView, "expiredOfflineFilter"));
        int userRow = -1;
        QTRY_VERIFY((userRow = rowWhere(users->model(), Core::IdRole, userId)) >= 0);
        clickRow(users, userRow);
        QVERIFY(clickToolAction(usersView, "revokeUserKeysAction"));

        QWidget *confirm = nullptr;
        QTRY_VERIFY((confirm = openDialog("revokeDialog")));
        auto *revoke = child<QPushButton>(confirm, "revokeButton");
        typeReason(confirm, QStringLiteral("Moved out; keys handed back at the desk"));
        QTRY_VERIFY(revoke->isEnabled());
        QTest::mouseClick(revoke, Qt::LeftButton);
        QTRY_VERIFY(!confirm->isVisible());

        // Every key of the user: REVOKED, then confirmed by the server (no longer "not yet effective").
        press(Qt::Key_4); // View ▸ Digital keys
        QTableView *keys = m_session.table(Section::Keys, "keysTable");
        QAbstractItemModel *model = keys->model();
        const int status = Core::KeysModel::StatusColumn;
        const auto keysOf = [&] {
            QList<int> rows;
            for (int r = 0; r < model->rowCount(); ++r)
                if (text(model, r, 0, Core::UserIdRole) == userId)
                    rows << r;
            return rows;
        };
        QTRY_COMPARE(keysOf().size(), allKeysOfUser.value(userId));
        const auto allRevoked = [&] {
            for (int r : keysOf())
                if (text(model, r, status, Core::StatusRole) != QLatin1String("REVOKED"))
                    return false;
            return true;
        };
        QTRY_VERIFY(allRevoked());
        QVERIFY(m_session.waitIdle());
        QTRY_VERIFY([&] {
            for (int r : keysOf())
                if (text(model, r, status, Core::PendingOpRole) == QLatin1String("key.revoke"))
                    return false;
            return true;
        }());
        for (int r : keysOf()) {
            QCOMPARE(text(model, r, status, Core::StatusRole), QStringLiteral("REVOKED"));
            QVERIFY2(!text(model, r, status).contains(QLatin1String("not yet effective")),
                     qPrintable(text(model, r, status)));
        }
        for (const QString &id : keysOfUser.value(userId))
            QVERIFY(m_session.get(QStringLiteral("/v1/keys/%1").arg(id))
                        .value(QStringLiteral("key"))
                        .toObject()
                        .value(QStringLiteral("revoked_at"))
                        .isString());

        // The Locks view flags each of the user's locks: the revocation waits for the lock's next contact.
        press(Qt::Key_3); // View ▸ Locks
        QTableView *lockTable = m_session.table(Section::Locks, "locksTable");
        QVERIFY(lockTable);
        QAbstractItemModel *lockModel = lockTable->model();
        const int flags = columnTitled(lockModel, QStringLiteral("Flags"));
        QVERIFY(flags >= 0);
        for (const QString &lock : locks) {
            QTRY_VERIFY(rowWhere(lockModel, Core::IdRole, lock) >= 0);
            QTRY_VERIFY2(text(lockModel, rowWhere(lockModel, Core::IdRole, lock), flags)
                             .contains(QLatin1String("revocation pending delivery")),
                         qPrintable(text(lockModel, rowWhere(lockModel, Core::IdRole, lock), flags)));
        }
        m_usedUsers << userId;
    }

    // ---- d. offline -------------------------------------------------------------------------------------

    void offline_revocationQueuedUntilTheServerIsBack()
    {
        Ui::OfflineBanner *banner = window()->offlineBanner();
        QVERIFY(!banner->isVisible());
        press(Qt::Key_4); // View ▸ Digital keys
        QTableView *keys = m_session.table(Section::Keys, "keysTable");
        QAbstractItemModel *model = keys->model();
        const int status = Core::KeysModel::StatusColumn;
        int row = -1;
        for (int r = 0; r < model->rowCount() && row < 0; ++r)
            if (text(model, r, status, Core::StatusRole) == QLatin1String("ACTIVE")
                && !m_usedUsers.contains(text(model, r, 0, Core::UserIdRole))
                && !text(model, r, 0, Core::LockIdRole).isEmpty())
                row = r;
        QVERIFY2(row >= 0, "the demo has an active key");
        const QString keyId = text(model, row, 0, Core::IdRole);
        App::CacheCounts *counts = m_session.controller->counts();
        QVERIFY(counts);
        const int activeBefore = counts->counts().activeKeys;
        QVERIFY(activeBefore > 0);

        m_session.controller->embeddedServer()->stop();
        QTRY_VERIFY_WITH_TIMEOUT(banner->isVisible(), 10000);
        QVERIFY2(banner->text().contains(QLatin1String("queued")), qPrintable(banner->text()));

        row = rowWhere(model, Core::IdRole, keyId);
        clickRow(keys, row);
        QVERIFY(clickToolAction(window()->view(Section::Keys), "revokeKeyAction"));
        QWidget *confirm = nullptr;
        QTRY_VERIFY((confirm = openDialog("revokeDialog")));
        typeReason(confirm, QStringLiteral("Lost phone"));
        auto *revoke = child<QPushButton>(confirm, "revokeButton");
        QTRY_VERIFY(revoke->isEnabled());
        QTest::mouseClick(revoke, Qt::LeftButton);
        QTRY_VERIFY(!confirm->isVisible());

        QTRY_VERIFY2(
            text(model, rowWhere(model, Core::IdRole, keyId), status).contains(QLatin1String("not yet effective")),
            qPrintable(text(model, rowWhere(model, Core::IdRole, keyId), status)));
        QCOMPARE(text(model, rowWhere(model, Core::IdRole, keyId), status, Core::StatusColorRole),
                 QStringLiteral("danger"));
        QVERIFY(banner->isVisible());
        // The status bar counts from the cache: right offline, and within a second of the change.
        QTRY_COMPARE_WITH_TIMEOUT(counts->counts().activeKeys, activeBefore - 1, 1000);
        QVERIFY2(
            window()->connectionStatus()->countsText().contains(QStringLiteral("%1 active keys").arg(activeBefore - 1)),
            qPrintable(window()->connectionStatus()->countsText()));

        QVERIFY(m_session.controller->embeddedServer()->resume());
        QTRY_VERIFY_WITH_TIMEOUT(!banner->isVisible(), 20000);
        QTRY_VERIFY_WITH_TIMEOUT(
            !text(model, rowWhere(model, Core::IdRole, keyId), status).contains(QLatin1String("not yet effective")),
            20000);
        QCOMPARE(text(model, rowWhere(model, Core::IdRole, keyId), status, Core::StatusRole),
                 QStringLiteral("REVOKED"));
        QVERIFY(m_session.get(QStringLiteral("/v1/keys/%1").arg(keyId))
                    .value(QStringLiteral("key"))
                    .toObject()
                    .value(QStringLiteral("revoked_at"))
                    .isString());
    }

    // ---- a. admin ---------------------------------------------------------------------------------------

    void admin_scheduledKeyIsUpcomingThenActive()
    {
        const QTimeZone zone(window()->session().facilityTimeZone.toUtf8());
        QVERIFY(zone.isValid());

        // File ▸ New digital key… by its shortcut.
        press(Qt::Key_N);
        Ui::KeyDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = window()->findChild<Ui::KeyDialog *>(QStringLiteral("keyDialog")))
                    && dialog->isVisible());
        QCOMPARE(window()->currentSection(), Section::Keys);
        auto *submit = child<QPushButton>(dialog, "submit");

        const QString description = QStringLiteral("Roofer access (H3 job test)");
        auto *descriptionField = child<QLineEdit>(dialog, "description");
        QVERIFY(descriptionField);
        descriptionField->setFocus();
        QTest::keyClicks(descriptionField, description);

        auto *locks = child<QListWidget>(dialog, "locks");
        QVERIFY(locks);
        QVERIFY2(locks->count() > 0, qPrintable(child<QLabel>(dialog, "lockEmpty")->text()));
        QListWidgetItem *lockItem = locks->item(0);
        const QString lockName = lockItem->text();
        lockItem->setCheckState(Qt::Checked);
        // The user is typed and searched (a facility has 200,000): Down lists the first by name, Down, Enter.
        auto *user = child<Ui::DirectoryPicker>(dialog, "user");
        QVERIFY(user);
        user->setFocus();
        Test::pressIn(*user, Qt::Key_Down);
        QVERIFY(!user->matches().isEmpty());
        Test::pressIn(*user, Qt::Key_Down);
        Test::pressIn(*user, Qt::Key_Return);
        const QString userId = user->currentId();
        QCOMPARE(userId, user->matches().first().id);

        // Start tomorrow 00:00 (facility time), three weeks long, Mon–Fri 08:00–17:00.
        const QDate tomorrow = m_session.clock->now().toTimeZone(zone).date().addDays(1);
        const QDateTime start(tomorrow, QTime(0, 0), zone);
        child<QDateEdit>(dialog, "validFromDate")->setDate(tomorrow);
        child<QTimeEdit>(dialog, "validFromTime")->setTime(QTime(0, 0));
        child<QCheckBox>(dialog, "noEndDate")->setChecked(false);
        QTest::mouseClick(child<QRadioButton>(dialog, "restrictionScheduled"), Qt::LeftButton);
        QVERIFY(child<QRadioButton>(dialog, "restrictionScheduled")->isChecked());
        QVERIFY(child<QWidget>(dialog, "windowRow0"));

        // Validation next to the field: an end before the start.
        auto *toDate = child<QDateEdit>(dialog, "validToDate");
        toDate->setDate(tomorrow.addDays(-3));
        QTRY_VERIFY(!shownError(dialog, "validToError").isEmpty());
        QCOMPARE(child<QLabel>(dialog, "validToError")->parentWidget(), toDate->parentWidget());
        QVERIFY(!submit->isEnabled());
        toDate->setDate(tomorrow.addDays(21));
        QTRY_VERIFY(shownError(dialog, "validToError").isEmpty());
        QTRY_VERIFY(submit->isEnabled());

        // Overlapping windows are flagged naming both, and Submit waits.
        QTest::mouseClick(child<QPushButton>(dialog, "addWindow"), Qt::LeftButton);
        QWidget *second = nullptr;
        QTRY_VERIFY((second = child<QWidget>(dialog, "windowRow1")));
        QTest::mouseClick(child<QToolButton>(second, "day5"), Qt::LeftButton); // Friday, as window 1
        child<QTimeEdit>(second, "start")->setTime(QTime(16, 0));
        QTRY_VERIFY(!shownError(dialog, "windowsStatusError").isEmpty());
        const QString overlap = shownError(dialog, "windowsStatusError");
        QVERIFY2(overlap.contains(QLatin1String("Window 1")) && overlap.contains(QLatin1String("window 2")),
                 qPrintable(overlap));
        QVERIFY(!submit->isEnabled());
        QTest::mouseClick(child<QAbstractButton>(second, "remove"), Qt::LeftButton);
        QTRY_VERIFY(shownError(dialog, "windowsStatusError").isEmpty());
        QTRY_VERIFY(submit->isEnabled());

        auto *preview = child<QLabel>(dialog, "preview");
        QVERIFY2(preview->text().contains(QLatin1String("UPCOMING")), qPrintable(preview->text()));
        QTest::mouseClick(submit, Qt::LeftButton);
        QTRY_VERIFY(!dialog->isVisible());

        // The Keys view shows it UPCOMING, and so does the server once it has it.
        QTableView *keys = m_session.table(Section::Keys, "keysTable");
        QVERIFY(keys && keys->isVisible());
        QAbstractItemModel *model = keys->model();
        int row = -1;
        QTRY_VERIFY((row = rowWhere(model, Qt::DisplayRole, description, Core::KeysModel::DescriptionColumn)) >= 0);
        QCOMPARE(text(model, row, Core::KeysModel::LockColumn), lockName);
        QCOMPARE(text(model, row, Core::KeysModel::StatusColumn), QStringLiteral("UPCOMING"));
        QVERIFY(m_session.waitIdle());
        // The row under the local id goes once the model has read the confirmation (a moment after the outbox
        // emptied): until then the server's row and the local one may both be listed.
        QString keyId;
        QTRY_VERIFY_WITH_TIMEOUT(
            (row = rowWhere(model, Qt::DisplayRole, description, Core::KeysModel::DescriptionColumn)) >= 0
                && !Core::Mutations::isLocalId(keyId = text(model, row, 0, Core::IdRole)),
            10000);
        const QJsonObject onServer = m_session.get(QStringLiteral("/v1/keys/%1").arg(keyId));
        const QJsonObject key = onServer.value(QStringLiteral("key")).toObject();
        QVERIFY2(key.value(QStringLiteral("user_id")).toString() == userId,
                 qPrintable(keyId + QLatin1Char(' ') + QString::fromUtf8(QJsonDocument(onServer).toJson())));
        QCOMPARE(key.value(QStringLiteral("restriction")).toString(), QStringLiteral("scheduled"));
        QCOMPARE(QDateTime::fromString(key.value(QStringLiteral("valid_from")).toString(), Qt::ISODateWithMs), start);

        // The model's one timer is armed for the start: with the real clock it flips there by itself.
        Core::CacheTableModel *keysModel = cacheModel(model);
        QVERIFY(keysModel);
        QVERIFY(keysModel->boundaryTimer().isActive());
        QVERIFY(keysModel->nextBoundaryMs() <= start.toMSecsSinceEpoch());

        // A minute before the start nothing changes; the first weekday 10:00 after it is inside the window. (Runs
        // last: the fake clock stays days ahead.)
        moveClockTo(start.addSecs(-60));
        // The model re-checked its boundaries: the next one is the start at the latest.
        QTRY_VERIFY(keysModel->nextBoundaryMs() > start.addSecs(-60).toMSecsSinceEpoch()
                    && keysModel->nextBoundaryMs() <= start.toMSecsSinceEpoch());
        QCOMPARE(text(model, row, Core::KeysModel::StatusColumn), QStringLiteral("UPCOMING"));
        QDate day = tomorrow;
        while (day.dayOfWeek() > 5)
            day = day.addDays(1);
        moveClockTo(QDateTime(day, QTime(10, 0), zone).toUTC());
        row = rowWhere(model, Qt::DisplayRole, description, Core::KeysModel::DescriptionColumn);
        QTRY_COMPARE(text(model, row, Core::KeysModel::StatusColumn), QStringLiteral("ACTIVE"));
        m_usedUsers << userId;
    }
};

QTEST_MAIN(TestMainWindowJobs)
#include "TestMainWindowJobs.moc"
