#pragma once

// The keys model's test facility with awkward data (sorting and filtering tests share it), and helpers to feed
// change pages into a model and read what it shows.
#include "ModelFixtures.h"
#include "core/models/KeysModel.h"

#include <QRandomGenerator>

namespace Keydesk::Test {

inline const qint64 kNow = ms("2026-11-25T12:00:00Z");
inline const qint64 kHour = 3600 * 1000LL;
inline const qint64 kDay = 24 * kHour;

/// A facility with awkward data for sorting and filtering: names equal but for case, accents, a Kelvin sign that folds
/// to ASCII, an emoji, empty descriptions, a key on a lock the cache does not know (its id shows).
struct Facility
{
    QStringList locks;
    QStringList users;
    QStringList keys;
    QRandomGenerator rng { 7 };

    void fill(FeedCache &cache, int keyCount)
    {
        QList<Core::ChangeRow> rows;
        const QStringList lockNames { QStringLiteral("Gate"),      QStringLiteral("gate"),
                                      QString::fromUtf8("Écluse"), QString::fromUtf8("Zoë's door"),
                                      QStringLiteral("B-104"),     QStringLiteral("b-104 annex"),
                                      QString::fromUtf8("Ωmega"),  QStringLiteral("A-1") };
        for (const QString &name : lockNames) {
            locks.append(newId());
            rows.append(cache.lock(locks.last(), name));
        }
        locks.append(newId()); // never cached: nameless
        const QStringList userNames { QStringLiteral("alice"), QStringLiteral("Alice"),  QString::fromUtf8("Élodie"),
                                      QStringLiteral("bob"),   QString::fromUtf8("Zoë"), QStringLiteral("Kim") };
        for (const QString &name : userNames) {
            users.append(newId());
            rows.append(cache.user(users.last(), name));
        }
        cache.apply(rows);
        rows.clear();
        for (int i = 0; i < keyCount; ++i)
            rows.append(randomKey(cache, newId()));
        cache.apply(rows);
    }

    Core::ChangeRow randomKey(FeedCache &cache, const QString &id)
    {
        if (!keys.contains(id))
            keys.append(id);
        static const char *const descriptions[] = { "Cleaner",
                                                    "cleaner",
                                                    "CLEANER",
                                                    "Élodie",
                                                    "élodie",
                                                    "Zoë",
                                                    "\xe2\x84\xaa"
                                                    "elvin sign",
                                                    "Kelvin",
                                                    "\xf0\x9f\x94\x91 spare",
                                                    "",
                                                    "plumber",
                                                    "Plumber 2",
                                                    "z",
                                                    "ZZ top" };
        const QString restrictions[]
            = { QStringLiteral("none"), QStringLiteral("one_time"), QStringLiteral("scheduled") };
        const QString windows[] = { QStringLiteral(R"([{"days":[1,2,3,4,5],"start":"08:00","end":"17:00"}])"),
                                    QStringLiteral(R"([{"days":[6],"start":"22:00","end":"06:00"}])"),
                                    QStringLiteral(R"([{"days":[7],"start":"10:00","end":"12:00"}])") };
        const qint64 from = kNow + rng.bounded(-30, 30) * kDay;
        FeedCache::KeySpec spec;
        spec.description = QString::fromUtf8(descriptions[rng.bounded(int(std::size(descriptions)))]);
        if (rng.bounded(2))
            spec.description += QStringLiteral(" %1").arg(rng.bounded(20));
        spec.lockId = locks.at(rng.bounded(int(locks.size())));
        spec.userId = users.at(rng.bounded(int(users.size())));
        spec.validFrom = from;
        spec.validTo = rng.bounded(4) == 0 ? -1 : from + rng.bounded(1, 60) * kDay;
        spec.restriction = restrictions[rng.bounded(3)];
        if (spec.restriction == QLatin1String("one_time") && rng.bounded(2))
            spec.usedAt = kNow - rng.bounded(1, 1000) * kHour;
        if (spec.restriction == QLatin1String("scheduled"))
            spec.windowsJson = windows[rng.bounded(3)];
        spec.revokedAt = rng.bounded(8) == 0 ? kNow - kHour : -1;
        spec.role = rng.bounded(5) == 0 ? QStringLiteral("ADMIN") : QStringLiteral("USER");
        return cache.key(id, spec);
    }

    /// `count` changes: edits of existing keys, new keys and a few tombstones, as one page.
    QList<Core::ChangeRow> changes(FeedCache &cache, int count)
    {
        QList<Core::ChangeRow> rows;
        for (int i = 0; i < count; ++i) {
            const int kind = rng.bounded(10);
            if (kind < 6)
                rows.append(randomKey(cache, keys.at(rng.bounded(int(keys.size())))));
            else if (kind < 9)
                rows.append(randomKey(cache, newId()));
            else
                rows.append(cache.tombstone(QStringLiteral("keys"), keys.takeAt(rng.bounded(int(keys.size())))));
        }
        return rows;
    }
};

inline void feed(FeedCache &cache, Core::KeysModel &model, const QList<Core::ChangeRow> &rows)
{
    const auto announced = cache.apply(rows);
    for (auto it = announced.cbegin(); it != announced.cend(); ++it)
        model.onRowsChanged(it.key(), it.value());
}

inline QStringList shownIds(const QAbstractItemModel &model)
{
    QStringList out;
    for (int r = 0; r < model.rowCount(); ++r)
        out.append(model.index(r, 0).data(Core::IdRole).toString());
    return out;
}

} // namespace Keydesk::Test
