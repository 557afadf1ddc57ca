#pragma once

#include "core/domain/DigitalKey.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

namespace Keydesk::Ui {

/// One key about to be revoked, as the revoke dialog shows it.
struct RevokeItem
{
    QString keyId;
    QString description;
    QString lockName;
    QString userName;
    Core::KeyStatus status = Core::KeyStatus::Active;
};

/// Why these keys are being revoked together: the one the staff member picked, a selection, every key of
/// a user, or every key on a lock. `subject` is the user's or lock's name for the last two.
struct RevokeScope
{
    enum class Kind { OneKey, SelectedKeys, AllOfUser, AllOnLock };
    Kind kind = Kind::OneKey;
    QString subject;
};

/// The revoke confirmation's texts: what exactly stops working, as plain functions for tests.
class RevokeText final
{
    Q_DECLARE_TR_FUNCTIONS(Keydesk::Ui::RevokeText)

public:
    /// "Revoke the key “Plumber”?", "Revoke 3 keys?", "Revoke every key of Bob Smith?", ...
    static QString title(const RevokeScope &scope, const QList<RevokeItem> &items);
    /// What will stop working: "Bob Smith will no longer open B-104 and B-105 (3 keys)." plus sentences for
    /// upcoming keys that will never start, keys that already expired and keys already revoked.
    static QString summary(const RevokeScope &scope, const QList<RevokeItem> &items);
    /// How many of the items revoking changes (those not already revoked).
    static qsizetype revocableCount(const QList<RevokeItem> &items);
    /// Offline keys already on phones: when they stop working.
    static QString offlineNote();
};

} // namespace Keydesk::Ui
