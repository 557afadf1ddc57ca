#pragma once

#include "ui/dialogs/KeyDraft.h"
#include "ui/widgets/ChoiceSource.h"

#include <QList>

#include <memory>
#include <optional>

namespace Keydesk::Ui {

/// What the key dialog offers to pick: locks and users searched, never listed whole (a facility has 50,000 locks and
/// 200,000 users), and its few lock groups. In the app the session's FacilityDirectory provides them (KeyEditFlow);
/// ListKeyChoices serves plain lists (tests, a window not yet connected).
class KeyChoices
{
public:
    KeyChoices() = default;
    virtual ~KeyChoices();
    KeyChoices(const KeyChoices &) = delete;
    KeyChoices &operator=(const KeyChoices &) = delete;

    /// Single locks (groups are offered apart).
    virtual ChoiceSource *locks() const = 0;
    /// Every lock group, by name (a facility has tens of them).
    virtual QList<LockGroupChoice> lockGroups() const = 0;
    virtual ChoiceSource *users() const = 0;
    /// The user with this id and their contacts (for the notification choice); nothing for an unknown id.
    virtual std::optional<UserChoice> user(const QString &id) const = 0;
};

/// KeyChoices over plain lists.
class ListKeyChoices final : public KeyChoices
{
public:
    ListKeyChoices(const QList<LockChoice> &locks, QList<LockGroupChoice> groups, QList<UserChoice> users);
    ~ListKeyChoices() override;

    ChoiceSource *locks() const override { return m_locks.get(); }
    QList<LockGroupChoice> lockGroups() const override { return m_groups; }
    ChoiceSource *users() const override { return m_users.get(); }
    std::optional<UserChoice> user(const QString &id) const override;

private:
    std::unique_ptr<ListChoiceSource> m_locks;
    std::unique_ptr<ListChoiceSource> m_users;
    QList<LockGroupChoice> m_groups;
    QList<UserChoice> m_userList;
};

} // namespace Keydesk::Ui
