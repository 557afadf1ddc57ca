#include "ui/widgets/WindowsEditor.h"

#include "ui/widgets/FieldErrorLabel.h"
#include "ui/widgets/WindowRow.h"

#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QPushButton>
#include <QSignalBlocker>
#include <QVBoxLayout>

namespace Keydesk::Ui {

WindowsEditor::WindowsEditor(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("windowsEditor"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);

    // The Add button sits above the rows: rows are created later, and the tab order (Add, then the rows top
    // to bottom) then matches what the eye sees.
    auto *top = new QHBoxLayout;
    m_header = new QLabel(tr("Each window opens on its days, from its start to its end time."), this);
    m_header->setWordWrap(true);
    m_add = new QPushButton(QIcon(QStringLiteral(":/icons/add.svg")), tr("&Add window"), this);
    m_add->setObjectName(QStringLiteral("addWindow"));
    connect(m_add, &QPushButton::clicked, this, &WindowsEditor::addWindow);
    top->addWidget(m_header, 1);
    top->addWidget(m_add, 0, Qt::AlignTop);
    layout->addLayout(top);

    m_rowsLayout = new QVBoxLayout;
    m_rowsLayout->setSpacing(4);
    layout->addLayout(m_rowsLayout);

    // Two labels at the same place: an error (in the error colour) or, when the schedule is valid, a summary.
    m_error = new FieldErrorLabel(QStringLiteral("windowsStatusError"), this);
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("windowsSummary"));
    m_summary->setWordWrap(true);
    layout->addWidget(m_error);
    layout->addWidget(m_summary);
    // Room for a row even while there is none, so adding the first one does not make the dialog scroll sideways.
    {
        const WindowRow probe;
        setMinimumWidth(probe.sizeHint().width());
    }
    refresh();
}

QList<Core::AccessWindow> WindowsEditor::windows() const
{
    QList<Core::AccessWindow> result;
    result.reserve(m_rows.size());
    for (const WindowRow *row : m_rows)
        result.append(row->window());
    return result;
}

void WindowsEditor::setWindows(const QList<Core::AccessWindow> &windows)
{
    {
        const QSignalBlocker block(this);
        while (!m_rows.isEmpty())
            delete m_rows.takeLast();
        for (const Core::AccessWindow &w : windows)
            appendRow(w);
        renumber();
    }
    refresh();
    Q_EMIT windowsChanged();
}

void WindowsEditor::addWindow()
{
    Core::AccessWindow window { Core::Weekdays::mondayToFriday(), QTime(8, 0), QTime(17, 0) };
    if (!m_rows.isEmpty()) {
        // Offer the days no window uses yet: adding a second row then does not start out overlapping.
        int used = 0;
        for (const WindowRow *row : m_rows)
            used |= row->window().days.mask();
        window.days = Core::Weekdays::fromMask(~used);
    }
    WindowRow *row = appendRow(window);
    renumber();
    refresh();
    row->firstFocusWidget()->setFocus(Qt::OtherFocusReason);
    Q_EMIT windowsChanged();
}

void WindowsEditor::removeWindow(int row)
{
    if (row < 0 || row >= m_rows.size())
        return;
    const bool hadFocus = m_rows[row]->isAncestorOf(focusWidget());
    delete m_rows.takeAt(row);
    renumber();
    refresh();
    // Keep the keyboard user where they were instead of sending focus back to the dialog's first field.
    if (hadFocus) {
        if (m_rows.isEmpty())
            m_add->setFocus(Qt::OtherFocusReason);
        else
            m_rows[std::min<qsizetype>(row, m_rows.size() - 1)]->lastFocusWidget()->setFocus(Qt::OtherFocusReason);
    }
    Q_EMIT windowsChanged();
}

Core::Result<void> WindowsEditor::validation() const
{
    return Core::validateWindows(windows());
}

QString WindowsEditor::statusText() const
{
    return m_error->hasMessage() ? m_error->message() : m_summary->text();
}

WindowRow *WindowsEditor::appendRow(const Core::AccessWindow &window)
{
    auto *row = new WindowRow(this);
    row->setObjectName(QStringLiteral("windowRow%1").arg(m_rows.size()));
    row->setWindow(window);
    connect(row, &WindowRow::changed, this, [this] {
        refresh();
        Q_EMIT windowsChanged();
    });
    connect(row, &WindowRow::removeRequested, this, [this, row] { removeWindow(int(m_rows.indexOf(row))); });
    m_rows.append(row);
    m_rowsLayout->addWidget(row);
    // The layout would show the row from the event loop only; show it now, so it can take focus at once.
    row->show();
    return row;
}

void WindowsEditor::renumber()
{
    // Widgets made after the dialog was built land at the end of its tab chain (after OK and Cancel); insert
    // every row's widgets right after the Add button instead, top to bottom.
    QWidget *previous = m_add;
    for (qsizetype i = 0; i < m_rows.size(); ++i) {
        WindowRow *row = m_rows[i];
        row->setObjectName(QStringLiteral("windowRow%1").arg(i));
        row->setNumber(int(i + 1));
        for (QWidget *widget : row->focusWidgets()) {
            setTabOrder(previous, widget);
            previous = widget;
        }
    }
}

void WindowsEditor::refresh()
{
    const QList<Core::AccessWindow> current = windows();
    const Core::Result<void> result = Core::validateWindows(current);

    // Mark every row that has a problem on its own, and both rows of every overlapping pair, by asking the
    // same domain rule about each row and each pair.
    QList<QString> problems(current.size());
    for (qsizetype i = 0; i < current.size(); ++i) {
        const Core::Result<void> single = Core::validateWindows({ current[i] });
        if (!single)
            problems[i] = single.errorMessage();
    }
    for (qsizetype j = 1; j < current.size(); ++j) {
        for (qsizetype i = 0; i < j; ++i) {
            if (!problems[i].isEmpty() || !problems[j].isEmpty())
                continue;
            const Core::Result<void> pair = Core::validateWindows({ current[i], current[j] });
            if (!pair && pair.error().code == QLatin1String("window_overlap")) {
                problems[i] = tr("Overlaps window %1.").arg(j + 1);
                problems[j] = tr("Overlaps window %1.").arg(i + 1);
            }
        }
    }
    for (qsizetype i = 0; i < m_rows.size(); ++i)
        m_rows[i]->setProblem(problems[i]);

    if (!result) {
        m_error->setMessage(result.errorMessage());
        m_summary->clear();
        m_summary->setVisible(false);
    } else {
        m_error->setMessage({});
        m_summary->setText(current.isEmpty() ? tr("No windows yet. Add one with \"Add window\".")
                                             : tr("Opens %1.").arg(Core::describeWindows(current)));
        m_summary->setVisible(true);
    }
}

} // namespace Keydesk::Ui
