#pragma once

#include "core/domain/DigitalKey.h"
#include "core/domain/FacilityZone.h"

#include <QList>
#include <QString>

#include <memory>
#include <optional>

namespace Keydesk::Ui {

class KeyChoices;

/// A lock the key dialog offers: its id and the name people know it by ("B-104").
struct LockChoice
{
    QString id;
    QString name;
};

/// A named group of locks ("Floor 1"); a key on a group opens every lock in it.
struct LockGroupChoice
{
    QString id;
    QString name;
};

/// An existing user the key dialog offers, with the contacts notifications can go to.
struct UserChoice
{
    QString id;
    QString name;
    QString email;
    QString phone;
};

/// A user typed in inline in the key dialog. The id is made by the dialog (a UUID) so the keys can refer to
/// the user before the server has created it; the client creates the user first, with this id.
struct NewUser
{
    QString id;
    QString name;
    QString email;
    QString phone;

    friend bool operator==(const NewUser &, const NewUser &) = default;
};

/// How the key holder hears about the new key.
enum class NotifyChannel { None, Email, Sms };

/// Everything the key dialog knows about the facility (no models, no network): the locks, groups and users to pick
/// from as `choices` (searched: the app hands on its FacilityDirectory's), or else as plain lists.
struct KeyDialogContext
{
    Core::FacilityZone zone;
    std::shared_ptr<const KeyChoices> choices; ///< when set, the lists below are not used
    QList<LockChoice> locks;
    QList<LockGroupChoice> lockGroups;
    QList<UserChoice> users;
};

/// The validated result of the key dialog.
///
/// `keys` holds one key per chosen lock. When a lock group was chosen instead, `lockGroupId` is set and
/// `keys` holds exactly one key whose lockId is that group id (the server expands the group). Every key has
/// passed Core::validateKey(). For a new user, every key's userId is `newUser->id`.
struct KeyDraft
{
    QList<Core::DigitalKey> keys;
    QString lockGroupId;
    std::optional<NewUser> newUser;
    NotifyChannel notify = NotifyChannel::None;
};

} // namespace Keydesk::Ui
