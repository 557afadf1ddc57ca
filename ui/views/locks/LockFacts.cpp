#include "ui/views/locks/LockFacts.h"

#include "core/cache/CacheDatabase.h"

#include <QStringList>

namespace Keydesk::Ui {

QString LockText::flagsText(const LockFacts &facts)
{
    QStringList parts;
    if (facts.pendingQuickClicks > 0)
        parts << (facts.pendingQuickClicks == 1 ? tr("1 quick click pending")
                                                : tr("%1 quick clicks pending").arg(facts.pendingQuickClicks));
    if (facts.revocationPending)
        parts << tr("revocation pending delivery");
    return parts.join(QStringLiteral(", "));
}

Core::Result<QHash<QString, LockFacts>> readLockFacts(Core::CacheDatabase &db)
{
    auto locks = db.rows(QStringLiteral("locks"));
    if (!locks)
        return locks.error();
    auto units = db.rows(QStringLiteral("units"));
    if (!units)
        return units.error();
    auto quickClicks = db.rows(QStringLiteral("quick_clicks"));
    if (!quickClicks)
        return quickClicks.error();
    auto activity = db.rows(QStringLiteral("activity"));
    if (!activity)
        return activity.error();

    QHash<QString, QString> unitNames;
    for (const Core::CachedRow &u : *units)
        unitNames.insert(u.id, u.data.value(QStringLiteral("name")).toString());

    QHash<QString, LockFacts> facts;
    for (const Core::CachedRow &l : *locks) {
        LockFacts f;
        f.unitName = unitNames.value(l.data.value(QStringLiteral("unit_id")).toString());
        f.revocationPending = l.data.value(QStringLiteral("revocation_version")).toInteger()
            > l.data.value(QStringLiteral("delivered_revocation_version")).toInteger();
        facts.insert(l.id, f);
    }
    for (const Core::CachedRow &q : *quickClicks) {
        const bool revoked = q.data.value(QStringLiteral("revoked")).toInteger() != 0;
        const bool waiting = revoked ? q.data.value(QStringLiteral("removal_delivered")).toInteger() == 0
                                     : q.data.value(QStringLiteral("pending")).toInteger() != 0;
        auto it = facts.find(q.data.value(QStringLiteral("lock_id")).toString());
        if (waiting && it != facts.end())
            ++it->pendingQuickClicks;
    }
    for (const Core::CachedRow &a : *activity) {
        auto it = facts.find(a.data.value(QStringLiteral("lock_id")).toString());
        if (it == facts.end())
            continue;
        qint64 at = a.data.value(QStringLiteral("range_end")).toInteger(-1);
        if (at < 0)
            at = a.data.value(QStringLiteral("recorded_time")).toInteger(-1);
        it->lastActivityMs = std::max(it->lastActivityMs, at);
    }
    return facts;
}

} // namespace Keydesk::Ui
