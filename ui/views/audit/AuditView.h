#pragma once

#include "ui/views/ViewContext.h"

#include <QHash>
#include <QWidget>

class QLabel;
class QTableView;
class QTreeWidget;

namespace Keydesk::Core {
class AuditModel;
}

namespace Keydesk::Ui {

class StaffNamesProxy;

/// The staff audit log: who did what, to which record, when; the selected entry's before/after shown as the
/// fields it changed.
class AuditView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AuditView)

public:
    AuditView(const ViewContext &context, QWidget *parent = nullptr);
    ~AuditView() override;

    Core::AuditModel *model() const { return m_audit; }
    /// Shows the entry in the details pane (it is read from the cache: the pane fills shortly after).
    void showEntry(const QString &auditId);

public Q_SLOTS:
    void setSearchText(const QString &text);

Q_SIGNALS:
    /// The details pane shows `auditId`.
    void entryShown(const QString &auditId);

private:
    void showSelected();
    void loadStaffNames();
    void fillDetails(const QString &auditId, const QJsonObject &row);

    ViewContext m_context;
    Core::AuditModel *m_audit = nullptr;
    StaffNamesProxy *m_proxy = nullptr;
    QTableView *m_view = nullptr;
    QLabel *m_summary = nullptr;
    QTreeWidget *m_diff = nullptr;
    QHash<QString, QString> m_staffNames;
    QString m_shownId;
};

} // namespace Keydesk::Ui
