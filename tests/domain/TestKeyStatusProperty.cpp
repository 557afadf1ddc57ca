#include "core/domain/DigitalKey.h"

#include <QElapsedTimer>
#include <QHash>
#include <QTest>

#include <optional>
#include <random>
#include <vector>

using namespace Keydesk::Core;

namespace {

// The year checked minute by minute, with a margin so windows crossing its edges are complete.
const QDateTime kYearStart = QDateTime(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC);
const QDateTime kYearEnd = QDateTime(QDate(2027, 1, 1), QTime(0, 0), Qt::UTC);
constexpr qint64 kMarginMinutes = 4 * 24 * 60;
constexpr int kKeys = 60;
constexpr int kSamplesPerKey = 200;
constexpr quint32 kDefaultSeed = 20261125;

/// Brute-force reference for one zone, built only from Qt's list of UTC offset transitions (not from
/// FacilityZone): the local wall minute of every UTC minute, and the rule for wall → UTC spelled out
/// minute by minute: the first UTC minute showing that wall minute, or the first one after it when the
/// clocks skipped it.
class ReferenceZone final
{
public:
    explicit ReferenceZone(const QTimeZone &zone)
    {
        m_base = kYearStart.toSecsSinceEpoch() / 60 - kMarginMinutes;
        const qint64 count = (kYearEnd.toSecsSinceEpoch() - kYearStart.toSecsSinceEpoch()) / 60 + 2 * kMarginMinutes;
        const QDateTime from = QDateTime::fromSecsSinceEpoch(m_base * 60, Qt::UTC);
        const QDateTime to = QDateTime::fromSecsSinceEpoch((m_base + count) * 60, Qt::UTC);
        const QTimeZone::OffsetDataList transitions = zone.transitions(from, to);
        int offsetMinutes = zone.offsetFromUtc(from) / 60;
        qsizetype next = 0;
        m_localMinute.resize(size_t(count));
        for (qint64 u = 0; u < count; ++u) {
            const qint64 utcMinute = m_base + u;
            while (next < transitions.size() && transitions[next].atUtc.toSecsSinceEpoch() / 60 <= utcMinute)
                offsetMinutes = transitions[next++].offsetFromUtc / 60;
            m_localMinute[size_t(u)] = utcMinute + offsetMinutes;
        }
        m_localBase = m_localMinute.front();
        const qint64 localEnd = m_localMinute.back();
        m_firstUtcOfLocal.assign(size_t(localEnd - m_localBase + 1), -1);
        for (qint64 u = 0; u < count; ++u) {
            qint64 &slot = m_firstUtcOfLocal[size_t(m_localMinute[size_t(u)] - m_localBase)];
            if (slot < 0)
                slot = u;
        }
        for (qint64 w = qint64(m_firstUtcOfLocal.size()) - 2; w >= 0; --w) {
            if (m_firstUtcOfLocal[size_t(w)] < 0)
                m_firstUtcOfLocal[size_t(w)] = m_firstUtcOfLocal[size_t(w + 1)];
        }
    }

    qint64 size() const { return qint64(m_localMinute.size()); }
    qint64 indexOf(const QDateTime &utc) const { return utc.toSecsSinceEpoch() / 60 - m_base; }
    QDateTime instantOf(qint64 index) const { return QDateTime::fromSecsSinceEpoch((m_base + index) * 60, Qt::UTC); }
    qint64 localMinuteAt(qint64 index) const { return m_localMinute[size_t(index)]; }
    qint64 localBase() const { return m_localBase; }
    qint64 localEnd() const { return m_localBase + qint64(m_firstUtcOfLocal.size()) - 1; }
    /// The reference boundary rule; nullopt when outside the table.
    std::optional<qint64> boundaryIndex(qint64 localMinute) const
    {
        if (localMinute < m_localBase || localMinute > localEnd())
            return std::nullopt;
        return m_firstUtcOfLocal[size_t(localMinute - m_localBase)];
    }

private:
    qint64 m_base = 0;
    qint64 m_localBase = 0;
    std::vector<qint64> m_localMinute;
    std::vector<qint64> m_firstUtcOfLocal;
};

/// The key's status and "can open" at every minute of the table, by definition.
struct ReferenceKey
{
    std::vector<char> inWindow;
    std::vector<char> status; // KeyStatus
    std::vector<char> open;
    std::vector<qint64> nextOpenChange; // index of the next minute where `open` differs; size() when none
};

qint64 minuteIndexOr(const ReferenceZone &ref, const QDateTime &t, qint64 fallback)
{
    return t.isValid() ? ref.indexOf(t) : fallback;
}

ReferenceKey referenceFor(const DigitalKey &key, const ReferenceZone &ref)
{
    const qint64 n = ref.size();
    ReferenceKey r;
    r.inWindow.assign(size_t(n), 0);
    for (const AccessWindow &w : key.windows) {
        const int startMinute = w.start.hour() * 60 + w.start.minute();
        const int endMinute = w.end.hour() * 60 + w.end.minute() + (w.crossesMidnight() ? 24 * 60 : 0);
        // Local midnights, as minutes since 1970-01-01 00:00 local.
        for (qint64 midnight = (ref.localBase() / 1440) * 1440; midnight <= ref.localEnd(); midnight += 1440) {
            const QDate day = QDate(1970, 1, 1).addDays(midnight / 1440);
            if (!w.days.contains(day.dayOfWeek()))
                continue;
            const auto s = ref.boundaryIndex(midnight + startMinute);
            const auto e = ref.boundaryIndex(midnight + endMinute);
            if (!s || !e)
                continue;
            for (qint64 u = *s; u < *e; ++u)
                r.inWindow[size_t(u)] = 1;
        }
    }
    const qint64 never = std::numeric_limits<qint64>::max();
    const qint64 from = minuteIndexOr(ref, key.validFrom, std::numeric_limits<qint64>::min());
    const qint64 to = minuteIndexOr(ref, key.validTo, never);
    const qint64 used = key.restriction == Restriction::OneTime ? minuteIndexOr(ref, key.usedAt, never) : never;
    const qint64 revoked = minuteIndexOr(ref, key.revokedAt, never);
    r.status.resize(size_t(n));
    r.open.resize(size_t(n));
    for (qint64 u = 0; u < n; ++u) {
        KeyStatus s = KeyStatus::Active;
        if (u >= revoked)
            s = KeyStatus::Revoked;
        else if (u >= used || u >= to)
            s = KeyStatus::Expired;
        else if (u < from)
            s = KeyStatus::Upcoming;
        r.status[size_t(u)] = char(s);
        r.open[size_t(u)]
            = s == KeyStatus::Active && (key.restriction != Restriction::Scheduled || r.inWindow[size_t(u)]);
    }
    r.nextOpenChange.resize(size_t(n));
    r.nextOpenChange[size_t(n - 1)] = n;
    for (qint64 u = n - 2; u >= 0; --u)
        r.nextOpenChange[size_t(u)]
            = r.open[size_t(u + 1)] != r.open[size_t(u)] ? u + 1 : r.nextOpenChange[size_t(u + 1)];
    return r;
}

class KeyGenerator final
{
public:
    explicit KeyGenerator(quint32 seed)
        : m_rng(seed)
    { }

    int uniform(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(m_rng); }
    bool chance(int percent) { return uniform(1, 100) <= percent; }

    QTime randomTime()
    {
        // Midnight often (windows touching across days), and half the rest in the small hours, where the
        // DST transitions of the test zones are.
        if (chance(10))
            return QTime(0, 0);
        if (chance(50))
            return QTime(0, 0).addSecs(60 * uniform(0, 4 * 60));
        return QTime(0, 0).addSecs(60 * (chance(50) ? uniform(0, 95) * 15 : uniform(0, 1439)));
    }

    QDateTime randomMinute(const QDateTime &from, qint64 spanMinutes)
    {
        return from.addSecs(60 * qint64(std::uniform_int_distribution<qint64>(0, spanMinutes)(m_rng)));
    }

    DigitalKey key(int index)
    {
        DigitalKey k;
        k.id = QStringLiteral("k%1").arg(index);
        k.lockId = QStringLiteral("lock");
        k.userId = QStringLiteral("user");
        k.validFrom = randomMinute(kYearStart.addDays(-20), 380 * 24 * 60);
        if (chance(70))
            k.validTo = randomMinute(k.validFrom.addSecs(60), 200 * 24 * 60);
        const int r = uniform(1, 100);
        k.restriction = r <= 15 ? Restriction::None : r <= 30 ? Restriction::OneTime : Restriction::Scheduled;
        if (k.restriction == Restriction::OneTime && chance(60))
            k.usedAt = randomMinute(k.validFrom, 120 * 24 * 60);
        if (chance(20))
            k.revokedAt = randomMinute(k.validFrom.addDays(-10), 250 * 24 * 60);
        if (k.restriction == Restriction::Scheduled) {
            const int windows = uniform(1, 4);
            for (int attempt = 0; attempt < 20 && k.windows.size() < windows; ++attempt) {
                AccessWindow w { Weekdays::fromMask(uniform(1, 0x7f)), randomTime(), {} };
                w.end = w.start.addSecs(60 * uniform(1, 1439));
                QList<AccessWindow> candidate = k.windows;
                candidate.append(w);
                if (validateWindows(candidate).ok())
                    k.windows = candidate;
            }
        }
        return k;
    }

private:
    std::mt19937 m_rng;
};

QString describeKey(const DigitalKey &k, const FacilityZone &zone)
{
    return QStringLiteral("%1 in %2: %3 from %4 to %5 used %6 revoked %7 windows [%8]")
        .arg(k.id, zone.id(), toString(k.restriction), k.validFrom.toString(Qt::ISODate),
             k.validTo.toString(Qt::ISODate), k.usedAt.toString(Qt::ISODate), k.revokedAt.toString(Qt::ISODate),
             describeWindows(k.windows));
}

} // namespace

/// Property: the fast O(windows) evaluation (keyStatus, canOpenAt, nextStatusChange, nextOpenChange) equals
/// a brute-force, minute-by-minute scan for random keys over a whole year, in zones with 60-minute,
/// 30-minute and midnight DST transitions.
class TestKeyStatusProperty final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fastEqualsBruteForce()
    {
        bool seedOk = false;
        const quint32 envSeed = qEnvironmentVariable("KEYDESK_PROPERTY_SEED").toUInt(&seedOk);
        const quint32 seed = seedOk ? envSeed : kDefaultSeed;
        KeyGenerator gen(seed);
        const QStringList zoneIds { QStringLiteral("America/New_York"), QStringLiteral("Europe/Berlin"),
                                    QStringLiteral("Australia/Lord_Howe"), QStringLiteral("America/Santiago"),
                                    QStringLiteral("Asia/Kolkata") };
        QHash<QString, std::shared_ptr<ReferenceZone>> references;
        QElapsedTimer timer;
        timer.start();
        qint64 minutesChecked = 0;
        qint64 changesChecked = 0;

        for (int i = 0; i < kKeys; ++i) {
            const FacilityZone zone = *FacilityZone::fromIanaId(zoneIds[i % zoneIds.size()]);
            auto &refZone = references[zone.id()];
            if (!refZone)
                refZone = std::make_shared<ReferenceZone>(zone.zone());
            const ReferenceZone &ref = *refZone;
            const DigitalKey key = gen.key(i);
            QVERIFY2(validateKey(key).ok(), qPrintable(validateKey(key).errorMessage()));
            const ReferenceKey expected = referenceFor(key, ref);
            const QString context = QStringLiteral("seed %1 (set KEYDESK_PROPERTY_SEED to replay), key %2")
                                        .arg(seed)
                                        .arg(describeKey(key, zone));
            const auto fail = [&](const QString &what, qint64 index) {
                return QStringLiteral("%1 at %2: %3").arg(what, ref.instantOf(index).toString(Qt::ISODate), context);
            };

            // 1. Walk canOpenAt's change points through the year; between them every minute must agree.
            const qint64 first = ref.indexOf(kYearStart);
            const qint64 last = ref.indexOf(kYearEnd);
            QDateTime t = kYearStart;
            bool open = canOpenAt(key, zone, t);
            QVERIFY2(open == bool(expected.open[size_t(first)]), qPrintable(fail(QStringLiteral("canOpenAt"), first)));
            for (;;) {
                const QDateTime change = nextOpenChange(key, zone, t);
                const qint64 stop = change.isValid() && change < kYearEnd ? ref.indexOf(change) : last;
                for (qint64 u = ref.indexOf(t) + 1; u < stop; ++u) {
                    if (bool(expected.open[size_t(u)]) != open)
                        QFAIL(qPrintable(fail(QStringLiteral("nextOpenChange missed a change before %1")
                                                  .arg(change.toString(Qt::ISODate)),
                                              u)));
                }
                minutesChecked += stop - ref.indexOf(t);
                if (!change.isValid() || change >= kYearEnd)
                    break;
                QVERIFY2(change > t, qPrintable(fail(QStringLiteral("nextOpenChange not after its argument"), stop)));
                QVERIFY2(change.time().second() == 0, qPrintable(fail(QStringLiteral("change not on a minute"), stop)));
                QVERIFY2(bool(expected.open[size_t(stop)]) != open,
                         qPrintable(fail(QStringLiteral("nextOpenChange reported a change that is none"), stop)));
                open = !open;
                QVERIFY2(canOpenAt(key, zone, change) == open, qPrintable(fail(QStringLiteral("canOpenAt"), stop)));
                t = change;
                ++changesChecked;
            }

            // 2. The same for the status.
            t = kYearStart;
            KeyStatus status = keyStatus(key, t);
            QVERIFY2(char(status) == expected.status[size_t(first)],
                     qPrintable(fail(QStringLiteral("keyStatus"), first)));
            for (;;) {
                const QDateTime change = nextStatusChange(key, t);
                const qint64 stop = change.isValid() && change < kYearEnd ? ref.indexOf(change) : last;
                for (qint64 u = ref.indexOf(t) + 1; u < stop; ++u) {
                    if (expected.status[size_t(u)] != char(status))
                        QFAIL(qPrintable(fail(QStringLiteral("nextStatusChange missed a change"), u)));
                }
                if (!change.isValid() || change >= kYearEnd)
                    break;
                QVERIFY2(expected.status[size_t(stop)] != char(status),
                         qPrintable(fail(QStringLiteral("nextStatusChange reported a change that is none"), stop)));
                status = keyStatus(key, change);
                QVERIFY2(char(status) == expected.status[size_t(stop)],
                         qPrintable(fail(QStringLiteral("keyStatus"), stop)));
                t = change;
            }

            // 3. Random instants, including ones between minutes: the point functions agree with the scan.
            for (int s = 0; s < kSamplesPerKey; ++s) {
                const qint64 u = first + gen.uniform(0, int(last - first - 1));
                const QDateTime at = ref.instantOf(u).addSecs(gen.chance(50) ? gen.uniform(0, 59) : 0);
                QVERIFY2(canOpenAt(key, zone, at) == bool(expected.open[size_t(u)]),
                         qPrintable(fail(QStringLiteral("canOpenAt (sample)"), u)));
                QVERIFY2(char(keyStatus(key, at)) == expected.status[size_t(u)],
                         qPrintable(fail(QStringLiteral("keyStatus (sample)"), u)));
                QVERIFY2(insideWindows(key.windows, zone, at) == bool(expected.inWindow[size_t(u)]),
                         qPrintable(fail(QStringLiteral("insideWindows (sample)"), u)));
                // The brute-force next change of "can open" from here, if inside the table.
                const qint64 v = expected.nextOpenChange[size_t(u)];
                const QDateTime fast = nextOpenChange(key, zone, at);
                if (v < last)
                    QVERIFY2(fast == ref.instantOf(v), qPrintable(fail(QStringLiteral("nextOpenChange (sample)"), u)));
                else
                    QVERIFY2(!fast.isValid() || fast >= kYearEnd,
                             qPrintable(fail(QStringLiteral("nextOpenChange (sample, none expected)"), u)));
            }
        }
        qInfo("seed %u: %d keys, %lld minutes compared, %lld open/close changes, %lld ms", seed, kKeys, minutesChecked,
              changesChecked, timer.elapsed());
    }

    // The wall → UTC rules of FacilityZone equal the minute table's, for every wall minute of the year.
    void boundaryRuleEqualsReference_data()
    {
        QTest::addColumn<QString>("zone");
        QTest::newRow("New York") << QStringLiteral("America/New_York");
        QTest::newRow("Lord Howe") << QStringLiteral("Australia/Lord_Howe");
        QTest::newRow("Santiago") << QStringLiteral("America/Santiago");
    }

    void boundaryRuleEqualsReference()
    {
        QFETCH(QString, zone);
        const FacilityZone z = *FacilityZone::fromIanaId(zone);
        const ReferenceZone ref(z.zone());
        // Every wall minute is too slow for a Debug build; every 7th covers every minute-of-hour residue
        // class and, with the transitions' neighbourhoods below, every gap and overlap.
        const qint64 from = ref.localMinuteAt(ref.indexOf(kYearStart));
        const qint64 to = ref.localMinuteAt(ref.indexOf(kYearEnd));
        QList<qint64> walls;
        for (qint64 w = from; w < to; w += 7)
            walls.append(w);
        for (qint64 u = ref.indexOf(kYearStart) + 1; u < ref.indexOf(kYearEnd); ++u) {
            if (ref.localMinuteAt(u) != ref.localMinuteAt(u - 1) + 1) { // a transition: check its neighbourhood
                for (qint64 w = ref.localMinuteAt(u) - 150; w <= ref.localMinuteAt(u) + 150; ++w)
                    walls.append(w);
            }
        }
        for (const qint64 w : walls) {
            const QDate date = QDate(1970, 1, 1).addDays(w / 1440);
            const QTime time = QTime(0, 0).addSecs(int(w % 1440) * 60);
            const QDateTime fast = z.boundaryToUtc(date, time);
            QCOMPARE(fast, ref.instantOf(*ref.boundaryIndex(w)));
        }
    }
};

QTEST_GUILESS_MAIN(TestKeyStatusProperty)
#include "TestKeyStatusProperty.moc"
