#include "ui/views/keys/KeyEditFlow.h"

#include "core/cache/CacheStore.h"
#include "core/sync/Mutations.h"
#include "core/sync/SyncEngine.h"
#include "ui/dialogs/KeyChoices.h"
#include "ui/views/FacilityDirectory.h"
#include "ui/views/keys/KeyRowJson.h"

#include <QCoroTask>

namespace Keydesk::Ui {

namespace {

/// The directory's users without those only this desktop knows yet (created offline, not on the server): a key
/// names a user the server has.
class ServerUsers final : public ChoiceSource
{
public:
    explicit ServerUsers(ChoiceSource *users)
        : m_users(users)
    {
        connect(users, &ChoiceSource::changed, this, &ChoiceSource::changed);
    }

    QList<Choice> search(const QString &text, int limit) const override
    {
        if (!m_users)
            return {};
        for (int asked = limit + 8;; asked *= 4) {
            QList<Choice> found = m_users->search(text, asked);
            const bool all = found.size() < asked;
            found.removeIf([](const Choice &c) { return Core::Mutations::isLocalId(c.id); });
            if (found.size() >= limit || all) {
                found.resize(std::min<qsizetype>(found.size(), limit));
                return found;
            }
        }
    }
    std::optional<Choice> choice(const QString &id) const override
    {
        return !m_users || Core::Mutations::isLocalId(id) ? std::nullopt : m_users->choice(id);
    }
    bool isReady() const override { return !m_users || m_users->isReady(); }
    int count() const override { return m_users ? m_users->count() : 0; }

private:
    QPointer<ChoiceSource> m_users;
};

/// What the key dialog picks from, searched in the session's directory: nothing is copied when it opens.
class DirectoryKeyChoices final : public KeyChoices
{
public:
    explicit DirectoryKeyChoices(FacilityDirectory &directory)
        : m_directory(&directory)
        , m_users(std::make_unique<ServerUsers>(directory.choices(FacilityDirectory::Kind::Users)))
    { }

    ChoiceSource *locks() const override
    {
        return m_directory ? m_directory->choices(FacilityDirectory::Kind::Locks) : m_none.get();
    }
    QList<LockGroupChoice> lockGroups() const override
    {
        QList<LockGroupChoice> out;
        if (m_directory) {
            for (const auto &[id, name] : m_directory->lockGroups())
                out.append({ id, name });
        }
        return out;
    }
    ChoiceSource *users() const override { return m_users.get(); }
    std::optional<UserChoice> user(const QString &id) const override
    {
        if (!m_directory || Core::Mutations::isLocalId(id))
            return std::nullopt;
        const auto u = m_directory->user(id);
        if (!u)
            return std::nullopt;
        return UserChoice { u->id, u->name, u->email, u->phone };
    }

private:
    QPointer<FacilityDirectory> m_directory; ///< the dialog may outlive a view's own directory by a moment
    std::unique_ptr<ServerUsers> m_users;
    std::unique_ptr<ListChoiceSource> m_none = std::make_unique<ListChoiceSource>();
};

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
    // 50,000 locks and 200,000 users are searched where they are, not copied into the dialog (Ctrl+N stays quick).
    KeyDialogContext c;
    c.zone = m_ctx.zone;
    c.choices = std::make_shared<DirectoryKeyChoices>(m_directory);
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
