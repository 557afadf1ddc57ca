#include "ui/views/locks/LocksView.h"

#include "core/cache/CacheStore.h"
#include "core/models/FacilityModels.h"
#include "ui/views/CacheRead.h"
#include "ui/views/locks/LockDetails.h"
#include "ui/views/locks/LocksTableModel.h"
#include "ui/views/locks/TableSetup.h"

#include <QHeaderView>
#include <QLabel>
#include <QSettings>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace Keydesk::Ui {

namespace {
const QString kHeaderKey = QStringLiteral("views/locks/header");
const QStringList kFactEntities { QStringLiteral("locks"), QStringLiteral("units"), QStringLiteral("quick_clicks"),
                                  QStringLiteral("activity") };
} // namespace

LocksView::LocksView(const ViewContext &context, QWidget *parent)
    : QWidget(parent)
    , m_context(context)
{
    setObjectName(QStringLiteral("locksView"));
    m_locks = new Core::LocksModel(*context.clock, this);
    m_locks->setFacilityZone(context.zone);
    m_table = new LocksTableModel(m_locks, this);
    m_table->setFacilityZone(context.zone);

    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("locksSummary"));

    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("locksTable"));
    m_view->setModel(m_table);
    m_view->sortByColumn(Core::LocksModel::NameColumn, Qt::AscendingOrder); // unless a saved order says otherwise
    const bool saved = !QSettings().value(kHeaderKey).toByteArray().isEmpty();
    setUpTable(m_view, kHeaderKey);
    if (!saved) // "name / unit": the unit right after the name (a moved section is saved like a width)
        m_view->horizontalHeader()->moveSection(m_table->extraColumn(LocksTableModel::UnitColumn), 1);
    m_fitFactColumns = !saved;
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &LocksView::showSelected);

    m_details = new LockDetails(context, this);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_view);
    splitter->addWidget(m_details);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(splitter, 1);

    auto updateSummary = [this] {
        const int n = m_table->rowCount();
        m_summary->setText(n == 1 ? tr("1 lock") : tr("%1 locks").arg(n));
    };
    connect(m_table, &QAbstractItemModel::rowsInserted, this, updateSummary);
    connect(m_table, &QAbstractItemModel::rowsRemoved, this, updateSummary);
    connect(m_table, &QAbstractItemModel::modelReset, this, updateSummary);
    updateSummary();

    // The facts come from several entities; coalesce bursts of feed changes into one read.
    m_factsTimer = new QTimer(this);
    m_factsTimer->setSingleShot(true);
    m_factsTimer->setInterval(100);
    connect(m_factsTimer, &QTimer::timeout, this, &LocksView::refreshFacts);
    if (context.cache) {
        m_locks->attach(context.cache);
        connect(context.cache, &Core::CacheStore::rowsChanged, this, [this](const QString &entity) {
            if (kFactEntities.contains(entity))
                m_factsTimer->start();
        });
        refreshFacts();
    }
}

LocksView::~LocksView() = default;

void LocksView::setSearchText(const QString &text)
{
    m_locks->setTextFilter(text);
}

void LocksView::refreshFacts()
{
    if (!m_context.cache)
        return;
    whenRead(this, m_context.cache->run(&readLockFacts), [this](const Core::Result<QHash<QString, LockFacts>> &facts) {
        if (!facts)
            return;
        m_table->setFacts(facts.value());
        // The rows arrive before their facts, so the first fit saw empty unit, flags and activity columns: fit
        // those once more when the first facts are in ("revocation pending delivery" must not read "revoca…").
        if (m_fitFactColumns && m_table->rowCount() > 0 && !facts->isEmpty()) {
            m_fitFactColumns = false;
            for (auto column :
                 { LocksTableModel::UnitColumn, LocksTableModel::FlagsColumn, LocksTableModel::LastActivityColumn })
                m_view->resizeColumnToContents(m_table->extraColumn(column));
        }
        showSelected(); // the title names the unit
    });
}

void LocksView::showSelected()
{
    const QModelIndex current = m_view->currentIndex();
    if (!current.isValid()) {
        m_details->setLock({}, {});
        return;
    }
    const QString id = m_table->index(current.row(), 0).data(Core::IdRole).toString();
    const QString name = m_table->index(current.row(), Core::LocksModel::NameColumn).data().toString();
    const QString mac = m_table->index(current.row(), Core::LocksModel::MacColumn).data().toString();
    const QString unit = m_table->factsOf(id).unitName;
    m_details->setLock(id, unit.isEmpty() ? tr("%1 (%2)").arg(name, mac) : tr("%1 — %2 (%3)").arg(name, unit, mac));
}

} // namespace Keydesk::Ui
