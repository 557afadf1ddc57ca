#pragma once

#include "ui/views/ViewContext.h"

#include <QWidget>

class QLabel;
class QTableView;
class QTimer;

namespace Keydesk::Core {
class LocksModel;
}

namespace Keydesk::Ui {

class LockDetails;
class LocksTableModel;

/// The facility's locks: name and unit, MAC, serial, setup status, battery in volts with its warning state,
/// firmware, what is still waiting to reach the lock (quick clicks, revocations) and the last activity; the
/// selected lock's details below.
class LocksView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LocksView)

public:
    LocksView(const ViewContext &context, QWidget *parent = nullptr);
    ~LocksView() override;

    LocksTableModel *tableModel() const { return m_table; }
    LockDetails *details() const { return m_details; }

public Q_SLOTS:
    void setSearchText(const QString &text);

private:
    void refreshFacts();
    void showSelected();

    ViewContext m_context;
    Core::LocksModel *m_locks = nullptr;
    LocksTableModel *m_table = nullptr;
    QTableView *m_view = nullptr;
    QLabel *m_summary = nullptr;
    LockDetails *m_details = nullptr;
    QTimer *m_factsTimer = nullptr;
    bool m_fitFactColumns = false; ///< no saved header: fit the fact columns when the first facts arrive
};

} // namespace Keydesk::Ui
