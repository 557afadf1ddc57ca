#include "ui/views/keys/KeyStatusProxy.h"

#include "core/models/ModelRoles.h"
#include "ui/views/FacilityDirectory.h"

namespace Keydesk::Ui {

KeyStatusProxy::KeyStatusProxy(const FacilityDirectory &directory, int statusColumn, QObject *parent)
    : QIdentityProxyModel(parent)
    , m_directory(directory)
    , m_statusColumn(statusColumn)
{
    connect(&m_directory, &FacilityDirectory::changed, this, &KeyStatusProxy::lockStateChanged);
}

void KeyStatusProxy::lockStateChanged()
{
    const int rows = rowCount();
    if (rows > 0)
        Q_EMIT dataChanged(index(0, m_statusColumn), index(rows - 1, m_statusColumn),
                           { Qt::DisplayRole, Qt::ToolTipRole, Core::StatusColorRole });
}

QString KeyStatusProxy::statusText(const QString &status, const QString &shownStatus, const QString &pendingOp,
                                   bool lockPendingDelivery, bool lockKnown)
{
    const QString word = shownStatus.toUpper();
    if (status != QLatin1String("REVOKED"))
        return word;
    if (pendingOp == QLatin1String("key.revoke"))
        //: A revocation queued on this desktop that the server has not confirmed: the key still opens the lock
        return tr("%1 · not yet effective").arg(word);
    if (!lockKnown)
        return word;
    if (lockPendingDelivery)
        //: The server revoked the key, but the lock has not received the revocation yet
        return tr("%1 · pending delivery to lock").arg(word);
    //: The lock has received the revocation
    return tr("%1 · delivered to lock").arg(word);
}

QVariant KeyStatusProxy::data(const QModelIndex &index, int role) const
{
    if (index.column() != m_statusColumn
        || (role != Qt::DisplayRole && role != Qt::ToolTipRole && role != Core::StatusColorRole))
        return QIdentityProxyModel::data(index, role);
    const QString status = QIdentityProxyModel::data(index, Core::StatusRole).toString();
    const QString pendingOp = QIdentityProxyModel::data(index, Core::PendingOpRole).toString();
    const auto lock = m_directory.lock(QIdentityProxyModel::data(index, Core::LockIdRole).toString());
    const bool revoked = status == QLatin1String("REVOKED");
    if (role == Core::StatusColorRole) {
        if (revoked && pendingOp == QLatin1String("key.revoke"))
            return QStringLiteral("danger"); // not yet effective: the key still works
        if (revoked && lock && lock->pendingDelivery())
            return QStringLiteral("warning");
        return QIdentityProxyModel::data(index, role);
    }
    const QString shown = QIdentityProxyModel::data(index, Qt::DisplayRole).toString();
    const QString text = statusText(status, shown, pendingOp, lock && lock->pendingDelivery(), lock.has_value());
    if (role == Qt::DisplayRole)
        return text;
    if (revoked && pendingOp == QLatin1String("key.revoke"))
        return tr("The revocation is queued on this computer. The key keeps working until the server confirms it.");
    if (revoked && lock && lock->pendingDelivery())
        return tr("Revoked on the server. Lock %1 receives it at its next online contact (a phone unlock or an "
                  "offline-key download); until then offline keys issued today may still open it.")
            .arg(lock->name);
    return text;
}

} // namespace Keydesk::Ui
