#pragma once

#include "core/domain/AccessWindow.h"

#include <QWidget>

#include <array>

class QLabel;
class QTimeEdit;
class QToolButton;

namespace Keydesk::Ui {

class FieldErrorLabel;

/// One row of the weekly-windows editor: seven day toggles (Mon..Sun), start and end time, a "(ends next
/// day)" hint for windows that cross midnight, a problem marker and a remove button.
class WindowRow final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WindowRow)

public:
    explicit WindowRow(QWidget *parent = nullptr);

    Core::AccessWindow window() const;
    void setWindow(const Core::AccessWindow &window);

    /// The 1-based number shown at the start of the row ("1", "2", ...), as the status line names windows.
    void setNumber(int number);
    /// Marks the row as part of a problem (overlap, no days, ...); empty clears it.
    void setProblem(const QString &problem);
    QString problem() const { return m_problem; }

    /// The focusable widgets in keyboard order, so the editor can chain the tab order across rows.
    QList<QWidget *> focusWidgets() const;
    QWidget *firstFocusWidget() const;
    QWidget *lastFocusWidget() const;

Q_SIGNALS:
    void changed();
    void removeRequested();

protected:
    void changeEvent(QEvent *event) override;

private:
    void applyDayStyle();
    void updateHints();

    QLabel *m_number = nullptr;
    std::array<QToolButton *, 7> m_days {};
    QTimeEdit *m_start = nullptr;
    QTimeEdit *m_end = nullptr;
    QLabel *m_nextDay = nullptr;
    FieldErrorLabel *m_marker = nullptr;
    QToolButton *m_remove = nullptr;
    QString m_problem;
};

} // namespace Keydesk::Ui
