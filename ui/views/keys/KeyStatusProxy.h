#pragma once

#include <QIdentityProxyModel>

namespace Keydesk::Ui {

class FacilityDirectory;

/// The keys model as the keys view shows it: the status column says, beyond ACTIVE/UPCOMING/EXPIRED/REVOKED,
/// whether a revocation is effective yet ("not yet effective" while only queued here), and whether it has
/// reached the lock ("pending delivery to lock" until the lock's revocation version is acknowledged).
class KeyStatusProxy final : public QIdentityProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(KeyStatusProxy)

public:
    KeyStatusProxy(const FacilityDirectory &directory, int statusColumn, QObject *parent = nullptr);

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

    /// The status text for a key: "ACTIVE", "REVOKED · not yet effective", "REVOKED · pending delivery to lock".
    static QString statusText(const QString &status, const QString &shownStatus, const QString &pendingOp,
                              bool lockPendingDelivery, bool lockKnown);

private:
    void lockStateChanged();

    const FacilityDirectory &m_directory;
    int m_statusColumn;
};

} // namespace Keydesk::Ui
