#pragma once

#include "core/domain/OfflineKey.h"
#include "core/models/RecordTableModel.h"

namespace Keydesk::Core {

/// Tenants, shared users and contractors, with the facility manager's "Offline Key Expiration" column
/// (Expired / Never issued / the latest expiry in the facility zone) that turns to Expired by itself at that
/// instant (the model's one boundary timer). Filter fields: "status", "kind", "tracking_key".
class UsersModel final : public RecordTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UsersModel)

public:
    enum Column { NameColumn, EmailColumn, KindColumn, StatusColumn, TrackingKeyColumn, OfflineKeyColumn, ColumnCount };
    /// The quick filters on the offline-key column.
    enum class OfflineKeyFilter { Any, Expired, NeverIssued, Valid };

    /// A status value in words (translated); the raw value when unknown. Thread-safe.
    static QString statusWord(const QString &status);
    explicit UsersModel(const Clock &clock = Clock::system(), QObject *parent = nullptr);

    void setOfflineKeyFilter(OfflineKeyFilter filter);
    OfflineKeyFilter offlineKeyFilter() const { return m_offlineFilter; }
    /// The summary the model shows for a user (by id).
    std::optional<OfflineKeySummary> offlineKeySummary(const QString &userId) const;

    /// Per user, from the offline_keys table: was one ever issued, and the latest expiry among those not
    /// invalidated (-1: none).
    struct OfflineState
    {
        bool everIssued = false;
        qint64 latestValid = -1;
    };

protected:
    QString toneOf(const Record &record) const override;
    int extraColumnCount() const override { return 1; }
    QVariant extraHeader(int section) const override;
    QVariant extraData(int slot, int column, int role) const override;
    int compareExtra(int column, int a, int b) const override;
    /// The offline column sorts on a worker too (keys computed here in one pass), base columns as the base does.
    std::optional<SortJob> sortJob(int column) const override;
    bool acceptsExtra(int slot) const override;
    std::function<bool(int)> extraFilter() const override;
    bool hasExtraFilter() const override { return m_offlineFilter != OfflineKeyFilter::Any; }
    void recordUpdated(int slot) override;
    QStringList extraEntities() const override { return { QStringLiteral("offline_keys") }; }
    void applyExtraChanges(const QString &entity, const QStringList &ids) override;
    void installExtra(std::any &&extra) override;
    void boundaryReached(int slot, qint64 nowMs) override;
    bool slotStaleAt(int slot, qint64 nowMs) const override;

private:
    /// Shown kind and its sort key: Never issued < Expired < valid until (by instant).
    OfflineKeySummary summaryAt(int slot, qint64 nowMs) const;
    static bool passes(OfflineKeyFilter filter, const OfflineKeySummary &summary);
    void updateOfflineStates(const QHash<QString, OfflineState> &states, const QStringList &users);

    QHash<QString, OfflineState> m_offline; ///< user id → state
    QList<OfflineKeySummary> m_summaries; ///< per slot, as shown (kept in step by the boundary timer)
    OfflineKeyFilter m_offlineFilter = OfflineKeyFilter::Any;
};

} // namespace Keydesk::Core
