#include "core/domain/StaffRole.h"

#include <QSet>
#include <QTest>

using namespace Keydesk::Core;

Q_DECLARE_METATYPE(Keydesk::Core::StaffRole)
Q_DECLARE_METATYPE(Keydesk::Core::Permission)

// The table is usable at compile time, e.g. for static UI tables.
static_assert(hasPermission(StaffRole::Owner, Permission::ManageStaff));
static_assert(!hasPermission(StaffRole::Auditor, Permission::RevokeKeys));

namespace {

// DESIGN.md, written out independently of the code: owner/admin everything; manager users, keys, offline
// keys (and what front desk does); front_desk view, revoke, quick clicks, activity; auditor read only.
const char *const kExpected[] = {
    //               view staff facility locks users create edit revoke offline qc activity audit explain
    "owner      1 1 1 1 1 1 1 1 1 1 1 1 1", "admin      1 1 1 1 1 1 1 1 1 1 1 1 1",
    "manager    1 0 0 0 1 1 1 1 1 1 1 0 1", "front_desk 1 0 0 0 0 0 0 1 0 1 1 0 1",
    "auditor    1 0 0 0 0 0 0 0 0 0 1 1 1",
};

} // namespace

/// Staff roles and permissions: the table matches DESIGN.md, names round-trip.
class TestStaffRole final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void table_data()
    {
        QTest::addColumn<StaffRole>("role");
        QTest::addColumn<Permission>("permission");
        QTest::addColumn<bool>("allowed");
        for (const char *line : kExpected) {
            const QStringList parts = QString::fromLatin1(line).split(QLatin1Char(' '), Qt::SkipEmptyParts);
            QCOMPARE(parts.size(), kPermissionCount + 1);
            const StaffRole role = *roleFromString(parts[0]);
            for (int p = 0; p < kPermissionCount; ++p) {
                const bool allowed = parts[p + 1] == QLatin1String("1");
                QTest::addRow("%s %s %s", qPrintable(parts[0]), allowed ? "may" : "may not",
                              qPrintable(toString(Permission(p))))
                    << role << Permission(p) << allowed;
            }
        }
    }

    void table()
    {
        QFETCH(StaffRole, role);
        QFETCH(Permission, permission);
        QFETCH(bool, allowed);
        QCOMPARE(hasPermission(role, permission), allowed);
        QCOMPARE(permissionsOf(role).contains(permission), allowed);
    }

    void auditorIsReadOnly()
    {
        for (const Permission p : permissionsOf(StaffRole::Auditor))
            QVERIFY2(toString(p).startsWith(QLatin1String("view_")) || p == Permission::ExplainAccess,
                     qPrintable(toString(p)));
    }

    void roleNames_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("valid");
        QTest::newRow("owner") << QStringLiteral("owner") << true;
        QTest::newRow("admin") << QStringLiteral("admin") << true;
        QTest::newRow("manager") << QStringLiteral("manager") << true;
        QTest::newRow("front_desk") << QStringLiteral("front_desk") << true;
        QTest::newRow("auditor") << QStringLiteral("auditor") << true;
        QTest::newRow("fail: display name is not a wire name") << QStringLiteral("Front desk") << false;
        QTest::newRow("fail: upper case") << QStringLiteral("OWNER") << false;
        QTest::newRow("fail: empty") << QString() << false;
    }

    void roleNames()
    {
        QFETCH(QString, text);
        QFETCH(bool, valid);
        const Result<StaffRole> role = roleFromString(text);
        QCOMPARE(role.ok(), valid);
        if (valid) {
            QCOMPARE(toString(*role), text);
        } else {
            QCOMPARE(role.error().code, QStringLiteral("invalid_staff_role"));
            QVERIFY(role.error().message.contains(QStringLiteral("front_desk")));
        }
    }

    void displayNamesAreDistinct()
    {
        QSet<QString> names;
        for (const StaffRole r : allStaffRoles())
            names.insert(describe(r));
        QCOMPARE(names.size(), 5);
        QCOMPARE(describe(StaffRole::FrontDesk), QStringLiteral("Front desk"));
    }

    void permissionNamesRoundTrip()
    {
        QSet<QString> names;
        for (int p = 0; p < kPermissionCount; ++p) {
            const QString name = toString(Permission(p));
            QVERIFY(!name.isEmpty());
            names.insert(name);
            QVERIFY(*permissionFromString(name) == Permission(p));
        }
        QCOMPARE(names.size(), kPermissionCount);
        QCOMPARE(permissionFromString(QStringLiteral("fly")).error().code, QStringLiteral("invalid_permission"));
    }
};

QTEST_GUILESS_MAIN(TestStaffRole)
#include "TestStaffRole.moc"
