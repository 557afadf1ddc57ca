#include "ui/dialogs/RevokeText.h"

#include "ui/dialogs/DialogText.h"

#include <algorithm>

namespace Keydesk::Ui {

namespace {

// Items grouped by a name (user or lock), in the order the names first appear.
struct Group
{
    QString name;
    QStringList others; ///< the other side: locks of a user, or users of a lock
    qsizetype count = 0;
};

QList<Group> groupBy(const QList<RevokeItem> &items, bool byLock)
{
    QList<Group> groups;
    for (const RevokeItem &item : items) {
        const QString &name = byLock ? item.lockName : item.userName;
        auto it = std::find_if(groups.begin(), groups.end(), [&](const Group &g) { return g.name == name; });
        if (it == groups.end()) {
            groups.append(Group { name, {}, 0 });
            it = groups.end() - 1;
        }
        it->others.append(byLock ? item.userName : item.lockName);
        ++it->count;
    }
    return groups;
}

QList<RevokeItem> withStatus(const QList<RevokeItem> &items, Core::KeyStatus status)
{
    QList<RevokeItem> result;
    for (const RevokeItem &item : items) {
        if (item.status == status)
            result.append(item);
    }
    return result;
}

// More sentences than this and the dialog becomes a list nobody reads; the rest is summed up.
constexpr qsizetype kMaxSentences = 5;

} // namespace

QString RevokeText::title(const RevokeScope &scope, const QList<RevokeItem> &items)
{
    switch (scope.kind) {
    case RevokeScope::Kind::OneKey: {
        const QString name = items.isEmpty() ? QString() : items.front().description;
        return name.isEmpty() ? tr("Revoke this key?") : tr("Revoke the key \u201c%1\u201d?").arg(name);
    }
    case RevokeScope::Kind::SelectedKeys:
        return tr("Revoke %1?").arg(DialogText::keyCount(items.size()));
    case RevokeScope::Kind::AllOfUser:
        return tr("Revoke every key of %1?").arg(scope.subject);
    case RevokeScope::Kind::AllOnLock:
        return tr("Revoke every key on %1?").arg(scope.subject);
    }
    return {};
}

qsizetype RevokeText::revocableCount(const QList<RevokeItem> &items)
{
    return std::count_if(items.begin(), items.end(),
                         [](const RevokeItem &item) { return item.status != Core::KeyStatus::Revoked; });
}

QString RevokeText::summary(const RevokeScope &scope, const QList<RevokeItem> &items)
{
    if (items.isEmpty()) {
        switch (scope.kind) {
        case RevokeScope::Kind::AllOfUser:
            return tr("%1 has no keys, so there is nothing to revoke.").arg(scope.subject);
        case RevokeScope::Kind::AllOnLock:
            return tr("There are no keys on %1, so there is nothing to revoke.").arg(scope.subject);
        default:
            return tr("No key is selected, so there is nothing to revoke.");
        }
    }

    QStringList sentences;
    // For a lock, people ask "who can no longer get in here?"; otherwise "what can this person no longer open?".
    const bool byLock = scope.kind == RevokeScope::Kind::AllOnLock;
    const QList<RevokeItem> active = withStatus(items, Core::KeyStatus::Active);
    const QList<Group> activeGroups = groupBy(active, byLock);
    qsizetype left = 0;
    qsizetype leftKeys = 0;
    for (const Group &g : activeGroups) {
        if (sentences.size() >= kMaxSentences) {
            ++left;
            leftKeys += g.count;
            continue;
        }
        const QString others = DialogText::joinNames(g.others);
        if (scope.kind == RevokeScope::Kind::OneKey && active.size() == 1 && !active.front().description.isEmpty()) {
            sentences.append(tr("%1 will no longer open %2 (key \u201c%3\u201d).")
                                 .arg(active.front().userName, active.front().lockName, active.front().description));
        } else if (byLock) {
            sentences.append(tr("%1 will no longer open %2 (%3).").arg(others, g.name, DialogText::keyCount(g.count)));
        } else {
            sentences.append(tr("%1 will no longer open %2 (%3).").arg(g.name, others, DialogText::keyCount(g.count)));
        }
    }
    if (left > 0) {
        sentences.append(
            byLock ? tr("%1 more locks stop opening for their key holders (%2).")
                         .arg(left)
                         .arg(DialogText::keyCount(leftKeys))
                   : tr("%1 more people lose access too (%2).").arg(left).arg(DialogText::keyCount(leftKeys)));
    }

    for (const Group &g : groupBy(withStatus(items, Core::KeyStatus::Upcoming), false)) {
        sentences.append(tr("%1 will not get the access planned for %2 (%3 not started yet).")
                             .arg(g.name, DialogText::joinNames(g.others), DialogText::keyCount(g.count)));
    }
    const qsizetype expired = withStatus(items, Core::KeyStatus::Expired).size();
    if (expired == 1)
        sentences.append(tr("1 key has already expired and opens nothing; it is marked revoked too."));
    else if (expired > 1)
        sentences.append(
            tr("%1 keys have already expired and open nothing; they are marked revoked too.").arg(expired));
    const qsizetype revoked = withStatus(items, Core::KeyStatus::Revoked).size();
    if (revoked == items.size())
        sentences.append(revoked == 1 ? tr("This key is already revoked; there is nothing left to revoke.")
                                      : tr("These keys are already revoked; there is nothing left to revoke."));
    else if (revoked == 1)
        sentences.append(tr("1 key is already revoked and stays as it is."));
    else if (revoked > 1)
        sentences.append(tr("%1 keys are already revoked and stay as they are.").arg(revoked));
    return sentences.join(QLatin1Char(' '));
}

QString RevokeText::offlineNote()
{
    return tr("Offline keys already on phones stop working when the lock next receives the revocation (at its next "
              "online unlock), or at the end of the facility day at the latest.");
}

} // namespace Keydesk::Ui
