#include "ui/views/audit/AuditView.h"

#include "core/cache/CacheStore.h"
#include "core/models/FacilityModels.h"
#include "core/models/ModelText.h"
#include "ui/views/CacheRead.h"
#include "ui/views/audit/AuditDiff.h"
#include "ui/views/locks/TableSetup.h"

#include <QHeaderView>
#include <QIdentityProxyModel>
#include <QLabel>
#include <QSplitter>
#include <QTableView>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace Keydesk::Ui {

namespace {
const QString kHeaderKey = QStringLiteral("views/audit/header");
}

/// Shows staff names instead of staff ids in the audit table's Staff column.
class StaffNamesProxy final : public QIdentityProxyModel
{
public:
    using QIdentityProxyModel::QIdentityProxyModel;
    void setNames(QHash<QString, QString> names)
    {
        m_names = std::move(names);
        if (rowCount() > 0)
            Q_EMIT dataChanged(index(0, Core::AuditModel::StaffColumn),
                               index(rowCount() - 1, Core::AuditModel::StaffColumn));
    }
    QVariant data(const QModelIndex &idx, int role) const override
    {
        const QVariant v = QIdentityProxyModel::data(idx, role);
        if (role != Qt::DisplayRole || idx.column() != Core::AuditModel::StaffColumn)
            return v;
        const QString name = m_names.value(v.toString());
        if (v.toString().isEmpty())
            //: Audit entry made by the server itself (no staff member)
            return AuditView::tr("system");
        return name.isEmpty() ? v : QVariant(name);
    }

private:
    QHash<QString, QString> m_names;
};

AuditView::AuditView(const ViewContext &context, QWidget *parent)
    : QWidget(parent)
    , m_context(context)
{
    setObjectName(QStringLiteral("auditView"));
    m_audit = new Core::AuditModel(*context.clock, this);
    m_audit->setFacilityZone(context.zone);
    m_proxy = new StaffNamesProxy(this);
    m_proxy->setSourceModel(m_audit);

    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("auditTable"));
    m_view->setModel(m_proxy);
    m_view->sortByColumn(Core::AuditModel::AtColumn, Qt::DescendingOrder); // newest first unless saved
    setUpTable(m_view, kHeaderKey);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &AuditView::showSelected);

    m_summary = new QLabel(tr("Select an entry to see what it changed."), this);
    m_summary->setObjectName(QStringLiteral("auditSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_diff = new QTreeWidget(this);
    m_diff->setObjectName(QStringLiteral("auditDiff"));
    m_diff->setRootIsDecorated(false);
    m_diff->setAlternatingRowColors(true);
    m_diff->setHeaderLabels({ tr("Field"), tr("Before"), tr("After") });
    m_diff->header()->setSectionResizeMode(QHeaderView::Interactive);
    m_diff->setColumnWidth(0, 180);
    m_diff->setColumnWidth(1, 260);

    auto *details = new QWidget(this);
    auto *detailsLayout = new QVBoxLayout(details);
    detailsLayout->setContentsMargins(0, 0, 0, 0);
    detailsLayout->addWidget(m_summary);
    detailsLayout->addWidget(m_diff, 1);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_view);
    splitter->addWidget(details);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(splitter);

    if (context.cache) {
        m_audit->attach(context.cache);
        connect(context.cache, &Core::CacheStore::rowsChanged, this, [this](const QString &entity) {
            if (entity == QLatin1String("staff"))
                loadStaffNames();
        });
        loadStaffNames();
    }
}

AuditView::~AuditView() = default;

void AuditView::setSearchText(const QString &text)
{
    m_audit->setTextFilter(text);
}

void AuditView::loadStaffNames()
{
    auto read = [](Core::CacheDatabase &db) -> Core::Result<QHash<QString, QString>> {
        auto rows = db.rows(QStringLiteral("staff"));
        if (!rows)
            return rows.error();
        QHash<QString, QString> names;
        for (const Core::CachedRow &r : *rows) {
            const QString display = r.data.value(QStringLiteral("display_name")).toString();
            const QString user = r.data.value(QStringLiteral("username")).toString();
            names.insert(r.id, display.isEmpty() ? user : display);
        }
        return names;
    };
    whenRead(this, m_context.cache->run(read), [this](const Core::Result<QHash<QString, QString>> &names) {
        if (names) {
            m_staffNames = names.value();
            m_proxy->setNames(m_staffNames);
        }
    });
}

void AuditView::showSelected()
{
    const QModelIndex current = m_view->currentIndex();
    if (current.isValid())
        showEntry(m_proxy->index(current.row(), 0).data(Core::IdRole).toString());
}

void AuditView::showEntry(const QString &auditId)
{
    m_shownId = auditId;
    if (!m_context.cache || auditId.isEmpty())
        return;
    QCoro::connect(m_context.cache->row(QStringLiteral("audit_log"), auditId), this,
                   [this, auditId](Core::Result<std::optional<Core::CachedRow>> &&row) {
                       if (auditId != m_shownId) // a later selection won
                           return;
                       if (!row || !row->has_value()) {
                           m_summary->setText(tr("This entry is no longer in the local copy."));
                           m_diff->clear();
                           return;
                       }
                       fillDetails(auditId, (*row)->data);
                   });
}

void AuditView::fillDetails(const QString &auditId, const QJsonObject &row)
{
    const QString staffId = row.value(QStringLiteral("staff_id")).toString();
    const QString who = staffId.isEmpty() ? tr("The server") : m_staffNames.value(staffId, staffId);
    const QString when = Core::ModelText::instant(m_context.zone, row.value(QStringLiteral("at")).toInteger(-1));
    m_summary->setText(tr("%1 — %2 on %3 %4, %5")
                           .arg(who, row.value(QStringLiteral("action")).toString(),
                                row.value(QStringLiteral("entity")).toString(),
                                row.value(QStringLiteral("entity_id")).toString(), when));
    const QJsonObject before = AuditDiff::parse(row.value(QStringLiteral("before_json")).toString());
    const QJsonObject after = AuditDiff::parse(row.value(QStringLiteral("after_json")).toString());
    m_diff->clear();
    const QList<FieldChange> changes = AuditDiff::diff(before, after, m_context.zone);
    for (const FieldChange &c : changes) {
        auto *item = new QTreeWidgetItem(m_diff);
        item->setText(0, c.field);
        item->setText(1, c.kind == FieldChange::Kind::Added ? tr("(not set)") : c.before);
        item->setText(2, c.kind == FieldChange::Kind::Removed ? tr("(removed)") : c.after);
        for (int col = 1; col < 3; ++col)
            item->setToolTip(col, item->text(col));
    }
    if (changes.isEmpty()) {
        auto *item = new QTreeWidgetItem(m_diff);
        item->setText(0, tr("No field changed"));
        item->setFirstColumnSpanned(true);
    }
    Q_EMIT entryShown(auditId);
}

} // namespace Keydesk::Ui
