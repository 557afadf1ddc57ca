#pragma once

#include "core/domain/Result.h"

#include <QObject>
#include <QString>
#include <QUrl>

#include <functional>

namespace Keydesk::App {

/// Remote servers' passwords in the system keyring (QtKeychain), one entry per server URL + user name. Every
/// call answers through its callback, on the GUI thread, possibly before the call returns. When no keyring is
/// available (no Secret Service/KWallet, no D-Bus session) the callbacks get an error that says so.
class CredentialStore final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CredentialStore)

public:
    explicit CredentialStore(QObject *parent = nullptr);
    ~CredentialStore() override;

    /// The keyring entry's name: "keydesk:<user>@<url>" (the URL without a trailing slash).
    static QString entryKey(const QUrl &serverUrl, const QString &username);

    void save(const QUrl &serverUrl, const QString &username, const QString &password,
              std::function<void(Core::Result<void>)> done);
    /// An absent entry is an error with code "not_found".
    void load(const QUrl &serverUrl, const QString &username, std::function<void(Core::Result<QString>)> done);
    void remove(const QUrl &serverUrl, const QString &username, std::function<void(Core::Result<void>)> done);
};

} // namespace Keydesk::App
