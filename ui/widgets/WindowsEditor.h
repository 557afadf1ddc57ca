#pragma once

#include "core/domain/AccessWindow.h"
#include "core/domain/Result.h"

#include <QList>
#include <QWidget>

class QLabel;
class QPushButton;
class QVBoxLayout;

namespace Keydesk::Ui {

class WindowRow;
class FieldErrorLabel;

/// Edits a key's weekly access windows: one row per window (days Mon..Sun, start, end), add and remove
/// buttons, and a live status line that names both windows when two overlap (Core::validateWindows()).
/// A window whose end is not after its start crosses midnight and is marked "(ends next day)".
class WindowsEditor final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WindowsEditor)

public:
    explicit WindowsEditor(QWidget *parent = nullptr);

    QList<Core::AccessWindow> windows() const;
    void setWindows(const QList<Core::AccessWindow> &windows);
    int rowCount() const { return int(m_rows.size()); }

    /// Appends a row. The first row defaults to Mon–Fri 08:00–17:00; later rows to the days no row uses yet.
    void addWindow();
    void removeWindow(int row);

    /// Core::validateWindows() of the current rows.
    Core::Result<void> validation() const;
    /// The status line's text: the validation error, or a summary of the schedule.
    QString statusText() const;

Q_SIGNALS:
    void windowsChanged();

private:
    WindowRow *appendRow(const Core::AccessWindow &window);
    void renumber();
    void refresh();

    QList<WindowRow *> m_rows;
    QVBoxLayout *m_rowsLayout = nullptr;
    QLabel *m_header = nullptr;
    QPushButton *m_add = nullptr;
    FieldErrorLabel *m_error = nullptr;
    QLabel *m_summary = nullptr;
};

} // namespace Keydesk::Ui
