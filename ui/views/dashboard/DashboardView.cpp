#include "ui/views/dashboard/DashboardView.h"

#include "core/cache/CacheStore.h"
#include "core/domain/Battery.h"
#include "core/models/ModelText.h"
#include "ui/views/CacheRead.h"
#include "ui/views/StatusStyle.h"

#include <QEvent>
#include <QGridLayout>
#include <QGroupBox>
#include <QHeaderView>
#include <QShowEvent>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <functional>
#include <utility>

namespace Keydesk::Ui {

struct DashboardView::Today
{
    QList<QStringList> offline; ///< user, lock, expiry
    QList<QStringList> keys; ///< description, what happens, when
    QList<QStringList> batteries; ///< lock, battery text
    QList<int> batteryMillivolts; ///< per battery row
    QList<QStringList> revocations; ///< key, lock, state
    QList<bool> revocationNotEffective; ///< per revocation row: not yet effective (red) or pending delivery
};

namespace {

/// The status tone token ("warning", "danger") of a coloured cell.
constexpr int kToneRole = Qt::UserRole + 1;

QTreeWidget *section(QWidget *parent, QGridLayout *grid, int row, int column, const QString &name, const QString &title,
                     const QStringList &headers)
{
    auto *box = new QGroupBox(title, parent);
    auto *layout = new QVBoxLayout(box);
    auto *list = new QTreeWidget(box);
    list->setObjectName(name);
    list->setRootIsDecorated(false);
    list->setHeaderLabels(headers);
    list->header()->setStretchLastSection(true);
    layout->addWidget(list);
    grid->addWidget(box, row, column);
    return list;
}

} // namespace

DashboardView::DashboardView(const ViewContext &ctx, QWidget *parent)
    : QWidget(parent)
    , m_ctx(ctx)
{
    setObjectName(QStringLiteral("dashboardView"));
    auto *grid = new QGridLayout(this);
    m_offline = section(this, grid, 0, 0, QStringLiteral("offlineExpiringToday"), tr("Offline keys expiring today"),
                        { tr("User"), tr("Lock"), tr("Expires") });
    m_keys = section(this, grid, 0, 1, QStringLiteral("keysChangingToday"), tr("Keys starting or ending today"),
                     { tr("Key"), tr("Becomes"), tr("At") });
    m_batteries = section(this, grid, 1, 0, QStringLiteral("lowBatteries"), tr("Locks with a low battery"),
                          { tr("Lock"), tr("Battery") });
    m_revocations = section(this, grid, 1, 1, QStringLiteral("pendingRevocations"), tr("Revocations on their way"),
                            { tr("Key"), tr("Lock"), tr("State") });
    // Re-read at the facility's midnight ("today" moves on), and when the clock jumps (its real-time interval to
    // midnight is wrong then, and so is what expires "today").
    m_midnight = new QTimer(this);
    m_midnight->setSingleShot(true);
    connect(m_midnight, &QTimer::timeout, this, &DashboardView::reload);
    connect(m_ctx.clock->notifier(), &Core::ClockNotifier::jumped, this, &DashboardView::queueReload);
    if (m_ctx.cache)
        connect(m_ctx.cache, &Core::CacheStore::rowsChanged, this, &DashboardView::queueReload);
    reload();
}

void DashboardView::queueReload()
{
    if (window()->isVisible() && !isVisible()) {
        m_stale = true; // nobody looks: read when shown
        return;
    }
    if (m_reloadQueued)
        return;
    m_reloadQueued = true;
    const qint64 wait = m_lastRead.isValid() ? std::max<qint64>(0, kMinReadGapMs - m_lastRead.elapsed()) : 0;
    QTimer::singleShot(int(wait), this, [this] {
        m_reloadQueued = false;
        reload();
    });
}

void DashboardView::reload()
{
    if (!m_ctx.cache)
        return;
    const quint64 generation = ++m_generation;
    m_stale = false;
    m_lastRead.start();
    const Core::FacilityZone zone = m_ctx.zone;
    const QDateTime now = m_ctx.clock->now();
    const QDate day = zone.toLocal(now).date();
    const qint64 dayStart = zone.startOfDay(day).toMSecsSinceEpoch();
    const qint64 dayEnd = zone.endOfDay(day).toMSecsSinceEpoch();
    const qint64 nowMs = now.toMSecsSinceEpoch();
    m_midnight->start(int(std::clamp<qint64>(dayEnd - nowMs + 1000, 1000, kMaxMidnightWaitMs)));
    auto read = [zone, dayStart, dayEnd, nowMs](Core::CacheDatabase &db) -> Core::Result<Today> {
        Today t;
        QHash<QString, QString> lockNames;
        QHash<QString, bool> lockPending;
        auto locks = db.rows(QStringLiteral("locks"));
        if (!locks)
            return locks.error();
        for (const Core::CachedRow &row : *locks) {
            const QString name = row.data.value(QStringLiteral("name")).toString();
            lockNames.insert(row.id, name);
            lockPending.insert(row.id,
                               row.data.value(QStringLiteral("revocation_version")).toInteger()
                                   > row.data.value(QStringLiteral("delivered_revocation_version")).toInteger());
            const QJsonValue mv = row.data.value(QStringLiteral("internal_battery_mv"));
            const int millivolts = mv.isDouble() ? int(mv.toInteger()) : 0;
            if (Core::Battery::needsReplacement(millivolts)) {
                t.batteries.append({ name, Core::Battery::text(millivolts) });
                t.batteryMillivolts.append(millivolts);
            }
        }
        QHash<QString, QString> userNames;
        if (auto users = db.rows(QStringLiteral("users"))) {
            for (const Core::CachedRow &row : *users)
                userNames.insert(row.id, row.data.value(QStringLiteral("name")).toString());
        }
        if (auto offline = db.rows(QStringLiteral("offline_keys"))) {
            for (const Core::CachedRow &row : *offline) {
                const qint64 expires = row.data.value(QStringLiteral("expires_at")).toInteger();
                if (row.data.value(QStringLiteral("invalidated_at")).isDouble() || expires <= nowMs || expires > dayEnd)
                    continue;
                t.offline.append({ userNames.value(row.data.value(QStringLiteral("user_id")).toString()),
                                   lockNames.value(row.data.value(QStringLiteral("lock_id")).toString()),
                                   Core::ModelText::instant(zone, expires) });
            }
        }
        auto keys = db.rows(QStringLiteral("keys"));
        if (!keys)
            return keys.error();
        for (const Core::CachedRow &row : *keys) {
            const QJsonObject &k = row.data;
            const QString description = k.value(QStringLiteral("description")).toString();
            const QString lockId = k.value(QStringLiteral("lock_id")).toString();
            const bool revoked = k.value(QStringLiteral("revoked_at")).isDouble();
            if (revoked && (row.pendingOp == QLatin1String("key.revoke") || lockPending.value(lockId))) {
                const bool notEffective = row.pendingOp == QLatin1String("key.revoke");
                t.revocations.append({ description, lockNames.value(lockId),
                                       notEffective ? DashboardView::tr("not yet effective")
                                                    : DashboardView::tr("pending delivery to lock") });
                t.revocationNotEffective.append(notEffective);
                continue;
            }
            if (revoked)
                continue;
            const QJsonValue from = k.value(QStringLiteral("valid_from"));
            const QJsonValue to = k.value(QStringLiteral("valid_to"));
            if (from.isDouble() && from.toInteger() >= dayStart && from.toInteger() < dayEnd)
                t.keys.append(
                    { description, QStringLiteral("ACTIVE"), Core::ModelText::instant(zone, from.toInteger()) });
            if (to.isDouble() && to.toInteger() >= dayStart && to.toInteger() < dayEnd)
                t.keys.append(
                    { description, QStringLiteral("EXPIRED"), Core::ModelText::instant(zone, to.toInteger()) });
        }
        return t;
    };
    whenRead(this, m_ctx.cache->run(std::move(read)), [this, generation](Core::Result<Today> today) {
        if (generation != m_generation || !today)
            return;
        if (window()->isVisible() && !isVisible())
            m_pending = std::make_shared<Today>(std::move(today).value());
        else
            present(*today);
        m_loaded = true;
        Q_EMIT refreshed();
    });
}

void DashboardView::present(const Today &today)
{
    // Each coloured cell keeps its tone token (kToneRole); the colour is derived from the palette in applyColors(),
    // again whenever the palette changes (light ↔ dark).
    auto fill = [](QTreeWidget *list, const QList<QStringList> &rows, const std::function<QString(int)> &tone,
                   int toneColumn) {
        list->clear();
        for (int i = 0; i < rows.size(); ++i) {
            auto *item = new QTreeWidgetItem(list, rows.at(i));
            if (tone)
                item->setData(toneColumn, kToneRole, tone(i));
        }
        list->sortItems(0, Qt::AscendingOrder);
        for (int c = 0; c + 1 < list->columnCount(); ++c)
            list->resizeColumnToContents(c);
    };
    fill(m_offline, today.offline, {}, 0);
    fill(m_keys, today.keys, {}, 0);
    fill(
        m_batteries, today.batteries,
        [&today](int i) { return Core::Battery::tone(Core::Battery::level(today.batteryMillivolts.at(i))); }, 1);
    fill(
        m_revocations, today.revocations,
        [&today](int i) {
            return today.revocationNotEffective.at(i) ? QStringLiteral("danger") : QStringLiteral("warning");
        },
        2);
    applyColors();
    applySearch();
}

void DashboardView::applyColors()
{
    for (QTreeWidget *list : { m_offline, m_keys, m_batteries, m_revocations }) {
        for (int i = 0; i < list->topLevelItemCount(); ++i) {
            QTreeWidgetItem *item = list->topLevelItem(i);
            for (int c = 0; c < item->columnCount(); ++c) {
                const QString tone = item->data(c, kToneRole).toString();
                if (!tone.isEmpty())
                    item->setForeground(c, StatusStyle::foreground(tone, palette())); // the lists get theirs after us
            }
        }
    }
}

void DashboardView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_stale) {
        m_pending.reset(); // older than what changed since
        reload();
        return;
    }
    if (m_pending) {
        const std::shared_ptr<Today> today = std::exchange(m_pending, nullptr);
        present(*today);
    }
}

void DashboardView::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyColors();
}

void DashboardView::setSearchText(const QString &text)
{
    m_search = text;
    applySearch();
}

void DashboardView::applySearch()
{
    for (QTreeWidget *list : { m_offline, m_keys, m_batteries, m_revocations }) {
        for (int i = 0; i < list->topLevelItemCount(); ++i) {
            QTreeWidgetItem *item = list->topLevelItem(i);
            bool match = m_search.isEmpty();
            for (int c = 0; !match && c < item->columnCount(); ++c)
                match = item->text(c).contains(m_search, Qt::CaseInsensitive);
            item->setHidden(!match);
        }
    }
}

} // namespace Keydesk::Ui
