#include "core/domain/OfflineKey.h"

#include <QLocale>
#include <QTest>

using namespace Keydesk::Core;

Q_DECLARE_METATYPE(Keydesk::Core::DigitalKey)
Q_DECLARE_METATYPE(Keydesk::Core::OfflineKeySummary::Kind)

namespace {

QDateTime utc(const char *iso)
{
    QDateTime t = QDateTime::fromString(QLatin1String(iso), Qt::ISODate);
    t.setTimeSpec(Qt::UTC);
    return t;
}

QDateTime wall(const QString &zone, const char *iso)
{
    const QDateTime t = QDateTime::fromString(QLatin1String(iso), Qt::ISODate);
    return FacilityZone::fromIanaId(zone)->toUtc(t.date(), t.time());
}

DigitalKey key(QDateTime from, QDateTime to = {}, Restriction restriction = Restriction::None,
               QList<AccessWindow> windows = {})
{
    DigitalKey k;
    k.id = QStringLiteral("k1");
    k.lockId = QStringLiteral("lock-1");
    k.userId = QStringLiteral("user-1");
    k.validFrom = std::move(from);
    k.validTo = std::move(to);
    k.restriction = restriction;
    k.windows = std::move(windows);
    return k;
}

AccessWindow window(Weekdays d, int sh, int sm, int eh, int em)
{
    return { d, QTime(sh, sm), QTime(eh, em) };
}

} // namespace

/// Offline key expiry (end of the facility day, or earlier) and the user's "Offline Key Expiration".
class TestOfflineKey final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }

    void expiry_data()
    {
        QTest::addColumn<QString>("zone");
        QTest::addColumn<DigitalKey>("key");
        QTest::addColumn<QDateTime>("issuedAt");
        QTest::addColumn<QDateTime>("expected"); // invalid = cannot be issued

        const QString berlin = QStringLiteral("Europe/Berlin");
        const QString ny = QStringLiteral("America/New_York");
        const QString lhi = QStringLiteral("Australia/Lord_Howe");
        const QDateTime from = utc("2026-01-01T00:00:00");
        const Weekdays everyDay = Weekdays::everyDay();

        QTest::newRow("open-ended key → end of the facility day")
            << berlin << key(from) << wall(berlin, "2026-11-25T10:00") << wall(berlin, "2026-11-26T00:00");
        QTest::newRow("issued a minute before midnight → midnight")
            << berlin << key(from) << wall(berlin, "2026-11-25T23:59") << wall(berlin, "2026-11-26T00:00");
        QTest::newRow("validity ends today → its end")
            << berlin << key(from, wall(berlin, "2026-11-25T15:00")) << wall(berlin, "2026-11-25T10:00")
            << wall(berlin, "2026-11-25T15:00");
        QTest::newRow("validity ends tomorrow → end of today")
            << berlin << key(from, wall(berlin, "2026-11-26T15:00")) << wall(berlin, "2026-11-25T10:00")
            << wall(berlin, "2026-11-26T00:00");
        QTest::newRow("inside window 08–17 → window end")
            << berlin << key(from, {}, Restriction::Scheduled, { window(everyDay, 8, 0, 17, 0) })
            << wall(berlin, "2026-11-25T10:00") << wall(berlin, "2026-11-25T17:00");
        QTest::newRow("adjacent windows count as one → later end")
            << berlin
            << key(from, {}, Restriction::Scheduled, { window(everyDay, 8, 0, 12, 0), window(everyDay, 12, 0, 17, 0) })
            << wall(berlin, "2026-11-25T10:00") << wall(berlin, "2026-11-25T17:00");
        QTest::newRow("window crossing midnight → cut at midnight")
            << berlin << key(from, {}, Restriction::Scheduled, { window(everyDay, 22, 0, 2, 0) })
            << wall(berlin, "2026-11-25T23:00") << wall(berlin, "2026-11-26T00:00");
        QTest::newRow("after midnight in a crossing window → window end")
            << berlin << key(from, {}, Restriction::Scheduled, { window(everyDay, 22, 0, 2, 0) })
            << wall(berlin, "2026-11-26T01:00") << wall(berlin, "2026-11-26T02:00");
        QTest::newRow("outside the window → cannot be issued")
            << berlin << key(from, {}, Restriction::Scheduled, { window(everyDay, 8, 0, 17, 0) })
            << wall(berlin, "2026-11-25T18:00") << QDateTime();
        DigitalKey revoked = key(from);
        revoked.revokedAt = wall(berlin, "2026-11-25T13:00");
        QTest::newRow("revocation later today → revocation")
            << berlin << revoked << wall(berlin, "2026-11-25T10:00") << wall(berlin, "2026-11-25T13:00");
        QTest::newRow("revoked → cannot be issued")
            << berlin << revoked << wall(berlin, "2026-11-25T14:00") << QDateTime();
        QTest::newRow("upcoming → cannot be issued")
            << berlin << key(wall(berlin, "2026-11-26T08:00")) << wall(berlin, "2026-11-25T10:00") << QDateTime();
        QTest::newRow("expired → cannot be issued")
            << berlin << key(from, wall(berlin, "2026-11-25T08:00")) << wall(berlin, "2026-11-25T10:00") << QDateTime();
        QTest::newRow("one-time unused → end of day")
            << berlin << key(from, {}, Restriction::OneTime) << wall(berlin, "2026-11-25T10:00")
            << wall(berlin, "2026-11-26T00:00");
        DigitalKey used = key(from, {}, Restriction::OneTime);
        used.usedAt = wall(berlin, "2026-11-25T09:00");
        QTest::newRow("one-time used → cannot be issued")
            << berlin << used << wall(berlin, "2026-11-25T10:00") << QDateTime();
        QTest::newRow("NY fall-back day lasts 25 h")
            << ny << key(from) << utc("2026-11-01T14:00:00") << utc("2026-11-02T05:00:00");
        QTest::newRow("NY spring-forward day lasts 23 h")
            << ny << key(from) << utc("2026-03-08T14:00:00") << utc("2026-03-09T04:00:00");
        QTest::newRow("Lord Howe spring day ends at midnight +11")
            << lhi << key(from) << utc("2026-10-04T01:00:00") << utc("2026-10-04T13:00:00");
    }

    void expiry()
    {
        QFETCH(QString, zone);
        QFETCH(DigitalKey, key);
        QFETCH(QDateTime, issuedAt);
        QFETCH(QDateTime, expected);
        QVERIFY(validateKey(key).ok());
        const FacilityZone z = *FacilityZone::fromIanaId(zone);
        const QDateTime actual = offlineKeyExpiry(key, z, issuedAt);
        QCOMPARE(actual, expected);
        if (expected.isValid()) {
            QVERIFY(actual > issuedAt);
            QVERIFY(actual <= z.endOfDay(z.localDate(issuedAt)));
        }
    }

    void summary_data()
    {
        QTest::addColumn<QList<QDateTime>>("expiries");
        QTest::addColumn<bool>("everIssued");
        QTest::addColumn<OfflineKeySummary::Kind>("kind");
        QTest::addColumn<QDateTime>("until");
        QTest::addColumn<QString>("text");

        const QDateTime later = utc("2026-11-25T23:00:00");
        const QDateTime earlier = utc("2026-11-25T16:00:00");
        QTest::newRow("never issued") << QList<QDateTime> {} << false << OfflineKeySummary::NeverIssued << QDateTime()
                                      << QStringLiteral("Never issued");
        QTest::newRow("issued once, none valid now → Expired")
            << QList<QDateTime> {} << true << OfflineKeySummary::Expired << QDateTime() << QStringLiteral("Expired");
        QTest::newRow("all expiries past → Expired")
            << QList<QDateTime> { utc("2026-11-24T23:00:00"), utc("2026-11-25T09:00:00") } << false
            << OfflineKeySummary::Expired << QDateTime() << QStringLiteral("Expired");
        QTest::newRow("expiry exactly now → Expired")
            << QList<QDateTime> { utc("2026-11-25T12:00:00") } << true << OfflineKeySummary::Expired << QDateTime()
            << QStringLiteral("Expired");
        QTest::newRow("latest of several valid")
            << QList<QDateTime> { earlier, later, utc("2026-11-25T09:00:00") } << true << OfflineKeySummary::ValidUntil
            << later << QStringLiteral("Thu 26 Nov 2026 00:00 (Europe/Berlin)");
        QTest::newRow("invalid entries ignored")
            << QList<QDateTime> { QDateTime(), earlier } << true << OfflineKeySummary::ValidUntil << earlier
            << QStringLiteral("Wed 25 Nov 2026 17:00 (Europe/Berlin)");
    }

    void summary()
    {
        QFETCH(QList<QDateTime>, expiries);
        QFETCH(bool, everIssued);
        QFETCH(OfflineKeySummary::Kind, kind);
        QFETCH(QDateTime, until);
        QFETCH(QString, text);
        const FacilityZone berlin = *FacilityZone::fromIanaId(QStringLiteral("Europe/Berlin"));
        const OfflineKeySummary s = summarizeOfflineKeys(expiries, everIssued, utc("2026-11-25T12:00:00"));
        QCOMPARE(s.kind, kind);
        QCOMPARE(s.until, until);
        QCOMPARE(s.text(berlin), text);
    }
};

QTEST_GUILESS_MAIN(TestOfflineKey)
#include "TestOfflineKey.moc"
