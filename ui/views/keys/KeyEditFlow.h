#pragma once

#include "core/cache/CacheDatabase.h"
#include "ui/dialogs/KeyDialog.h"
#include "ui/views/ViewContext.h"

#include <QJsonObject>
#include <QObject>
#include <QPointer>

namespace Keydesk::Ui {

class FacilityDirectory;

/// New, edit and duplicate of digital keys: opens KeyDialog over the facility's locks and users, and turns its
/// KeyDraft into outbox entries (Mutations::createKey / editKey, and createUser for a user typed in inline).
///
/// A new user's keys are queued right behind the user, naming its local id; the outbox passes the server's id on
/// to them once the user is created (CacheDatabase::remapLocalId), so nothing waits in memory and a restart or an
/// offline spell loses nothing.
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

Q_SIGNALS:
    void submitted(int count);
    void failed(const QString &message);

private:
    KeyDialogContext dialogContext() const;
    void openFor(const QString &keyId, KeyDialog::Mode mode);
    void open(KeyDialog::Mode mode, const Core::DigitalKey &source);
    void apply(KeyDialog::Mode mode, const Core::DigitalKey &source, const KeyDraft &draft);
    void submit(Core::OutboxEntry entry);

    ViewContext m_ctx;
    FacilityDirectory &m_directory;
    QPointer<QWidget> m_parent;
    QPointer<KeyDialog> m_dialog;
};

} // namespace Keydesk::Ui
