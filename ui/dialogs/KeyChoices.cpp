#include "ui/dialogs/KeyChoices.h"

namespace Keydesk::Ui {

KeyChoices::~KeyChoices() = default;

ListKeyChoices::ListKeyChoices(const QList<LockChoice> &locks, QList<LockGroupChoice> groups, QList<UserChoice> users)
    : m_locks(std::make_unique<ListChoiceSource>())
    , m_users(std::make_unique<ListChoiceSource>())
    , m_groups(std::move(groups))
    , m_userList(std::move(users))
{
    QList<Choice> lockChoices;
    for (const LockChoice &l : locks)
        lockChoices.append({ l.id, l.name.isEmpty() ? l.id : l.name, {} });
    m_locks->setChoices(std::move(lockChoices));
    QList<Choice> userChoices;
    for (const UserChoice &u : std::as_const(m_userList))
        userChoices.append({ u.id, u.name.isEmpty() ? u.id : u.name, u.email.isEmpty() ? u.phone : u.email });
    m_users->setChoices(std::move(userChoices));
}

ListKeyChoices::~ListKeyChoices() = default;

std::optional<UserChoice> ListKeyChoices::user(const QString &id) const
{
    for (const UserChoice &u : m_userList) {
        if (u.id == id)
            return u;
    }
    return std::nullopt;
}

} // namespace Keydesk::Ui
