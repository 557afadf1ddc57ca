#pragma once

#include "core/cache/CacheDatabase.h"
#include "ui/dialogs/KeyDialog.h"
#include "ui/views/ViewContext.h"

#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QPointer>

namespace Keydesk::Ui {

class FacilityDirectory;

/// New, edit and duplicate of digital keys: opens KeyDialog over the facility's locks and users, and turns its
/// KeyDraft into outbox entries (Mutations::createKey / editKey, and createUser for a user typed in inline).
///
/// A new user gets the dialog's UUID as tracking key; its keys wait here until the feed brings the server's
/// user row with that tracking key (the server assigns the id), then they are submitted with the real id.
class KeyEditFlow final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(KeyEditFlow)

public:
    KeyEditFlow(const ViewContext &ctx, FacilityDirectory &directory, QWidget *dialogParent);

    void newKey();
    void editKey(const QString &keyId);
    void duplicateKey(const QString &keyId);

    /// The dialog currently open, if any (tests drive it).
    KeyDialog *dialog() const { return m_dialog; }
    /// Keys waiting for their new user to be created on the server.
    int waitingKeys() const;

Q_SIGNALS:
    void submitted(int count);
    void failed(const QString &message);

private:
    KeyDialogContext dialogContext() const;
    void openFor(const QString &keyId, KeyDialog::Mode mode);
    void open(KeyDialog::Mode mode, const Core::DigitalKey &source);
    void apply(KeyDialog::Mode mode, const Core::DigitalKey &source, const KeyDraft &draft);
    void submit(Core::OutboxEntry entry);
    void releaseWaitingKeys();

    ViewContext m_ctx;
    FacilityDirectory &m_directory;
    QPointer<QWidget> m_parent;
    QPointer<KeyDialog> m_dialog;
    QHash<QString, QList<QJsonObject>> m_waiting; ///< tracking key of a new user → create bodies of their keys
};

} // namespace Keydesk::Ui
