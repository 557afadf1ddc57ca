#include "ui/views/keys/KeyEditFlow.h"

#include "core/cache/CacheStore.h"
#include "core/sync/Mutations.h"
#include "core/sync/SyncEngine.h"
#include "ui/views/FacilityDirectory.h"
#include "ui/views/keys/KeyRowJson.h"

#include <QCoroTask>

namespace Keydesk::Ui {

namespace {

QString notifyName(NotifyChannel channel)
{
    switch (channel) {
    case NotifyChannel::Email:
        return QStringLiteral("email");
    case NotifyChannel::Sms:
        return QStringLiteral("sms");
    case NotifyChannel::None:
        break;
    }
    return QStringLiteral("none");
}

} // namespace

KeyEditFlow::KeyEditFlow(const ViewContext &ctx, FacilityDirectory &directory, QWidget *dialogParent)
    : QObject(dialogParent)
    , m_ctx(ctx)
    , m_directory(directory)
    , m_parent(dialogParent)
{ }

KeyDialogContext KeyEditFlow::dialogContext() const
{
    KeyDialogContext c;
    c.zone = m_ctx.zone;
    for (const LockInfo &l : m_directory.locks())
        c.locks.append({ l.id, l.name });
    for (const auto &[id, name] : m_directory.lockGroups())
        c.lockGroups.append({ id, name });
    for (const UserInfo &u : m_directory.users()) {
        if (!Core::Mutations::isLocalId(u.id))
            c.users.append({ u.id, u.name, u.email, u.phone });
    }
    return c;
}

void KeyEditFlow::newKey()
{
    open(KeyDialog::Mode::New, {});
}

void KeyEditFlow::editKey(const QString &keyId)
{
    openFor(keyId, KeyDialog::Mode::Edit);
}

void KeyEditFlow::duplicateKey(const QString &keyId)
{
    openFor(keyId, KeyDialog::Mode::Duplicate);
}

void KeyEditFlow::openFor(const QString &keyId, KeyDialog::Mode mode)
{
    if (!m_ctx.cache || keyId.isEmpty())
        return;
    QCoro::connect(m_ctx.cache->row(QStringLiteral("keys"), keyId), this,
                   [this, keyId, mode](const Core::Result<std::optional<Core::CachedRow>> &row) {
                       if (!row || !*row) {
                           Q_EMIT failed(tr("The key is no longer in the local copy; it may have been removed."));
                           return;
                       }
                       open(mode, KeyRowJson::fromFeedRow(keyId, (*row)->data));
                   });
}

void KeyEditFlow::open(KeyDialog::Mode mode, const Core::DigitalKey &source)
{
    if (m_dialog)
        m_dialog->close();
    m_dialog = new KeyDialog(dialogContext(), *m_ctx.clock, mode, source, m_parent);
    m_dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_dialog, &QDialog::accepted, this, [this, mode, source, dialog = m_dialog] {
        if (dialog)
            apply(mode, source, dialog->draft());
    });
    m_dialog->open();
}

void KeyEditFlow::apply(KeyDialog::Mode mode, const Core::DigitalKey &source, const KeyDraft &draft)
{
    const QDateTime now = m_ctx.clock->now();
    if (mode == KeyDialog::Mode::Edit) {
        if (draft.keys.isEmpty())
            return;
        const QJsonObject changes = KeyRowJson::editChanges(source, draft.keys.first());
        if (!changes.isEmpty())
            submit(Core::Mutations::editKey(source.id, changes));
        return;
    }
    const QString notify = notifyName(draft.notify);
    if (draft.newUser) {
        const NewUser &u = *draft.newUser;
        QJsonObject user { { QStringLiteral("name"), u.name }, { QStringLiteral("tracking_key"), u.id } };
        if (!u.email.isEmpty())
            user.insert(QStringLiteral("email"), u.email);
        if (!u.phone.isEmpty())
            user.insert(QStringLiteral("phone"), u.phone);
        const Core::OutboxEntry created = Core::Mutations::createUser(user, m_ctx.facilityId, now);
        submit(created);
        for (const Core::DigitalKey &k : draft.keys) {
            QJsonObject body = KeyRowJson::createBody(k, !draft.lockGroupId.isEmpty(), notify);
            body.insert(QStringLiteral("user_id"), created.entityId);
            submit(Core::Mutations::createKey(body, m_ctx.facilityId, m_ctx.staffId, now));
        }
        return;
    }
    for (const Core::DigitalKey &k : draft.keys)
        submit(Core::Mutations::createKey(KeyRowJson::createBody(k, !draft.lockGroupId.isEmpty(), notify),
                                          m_ctx.facilityId, m_ctx.staffId, now));
}

void KeyEditFlow::submit(Core::OutboxEntry entry)
{
    if (!m_ctx.sync)
        return;
    QCoro::connect(m_ctx.sync->submit(std::move(entry)), this, [this](const Core::Result<qint64> &result) {
        if (result)
            Q_EMIT submitted(1);
        else
            Q_EMIT failed(result.error().message);
    });
}

} // namespace Keydesk::Ui
