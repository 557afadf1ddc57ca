#include "ui/widgets/WindowRow.h"

#include "ui/widgets/FieldErrorLabel.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QLocale>
#include <QSignalBlocker>
#include <QTimeEdit>
#include <QToolButton>

namespace Keydesk::Ui {

namespace {

QTimeEdit *makeTimeEdit(const QString &objectName, const QString &accessibleName, QWidget *parent)
{
    auto *edit = new QTimeEdit(parent);
    edit->setObjectName(objectName);
    edit->setDisplayFormat(QStringLiteral("HH:mm"));
    edit->setAccessibleName(accessibleName);
    // Typing "0800" or stepping by the arrow keys changes minutes; wrapping lets 23:45 step to 00:00.
    edit->setWrapping(true);
    return edit;
}

} // namespace

WindowRow::WindowRow(QWidget *parent)
    : QWidget(parent)
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);

    m_number = new QLabel(this);
    m_number->setObjectName(QStringLiteral("number"));
    m_number->setMinimumWidth(m_number->fontMetrics().horizontalAdvance(QStringLiteral("88.")));
    layout->addWidget(m_number);

    auto *days = new QHBoxLayout;
    days->setSpacing(2);
    const QLocale locale;
    for (int day = 1; day <= 7; ++day) {
        auto *button = new QToolButton(this);
        button->setObjectName(QStringLiteral("day%1").arg(day));
        button->setCheckable(true);
        button->setText(locale.dayName(day, QLocale::ShortFormat));
        button->setToolTip(locale.dayName(day, QLocale::LongFormat));
        button->setAccessibleName(locale.dayName(day, QLocale::LongFormat));
        button->setFocusPolicy(Qt::StrongFocus);
        button->setToolButtonStyle(Qt::ToolButtonTextOnly);
        // Never squeezed below their text: "Mon" must not become "Mo".
        button->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
        connect(button, &QToolButton::toggled, this, [this] {
            updateHints();
            Q_EMIT changed();
        });
        m_days[std::size_t(day - 1)] = button;
        days->addWidget(button);
    }
    layout->addLayout(days);
    layout->addSpacing(8);

    m_start = makeTimeEdit(QStringLiteral("start"), tr("Window starts at"), this);
    m_end = makeTimeEdit(QStringLiteral("end"), tr("Window ends at"), this);
    auto *dash = new QLabel(QString(QChar(0x2013)), this);
    layout->addWidget(m_start);
    layout->addWidget(dash);
    layout->addWidget(m_end);
    for (QTimeEdit *edit : { m_start, m_end }) {
        connect(edit, &QTimeEdit::timeChanged, this, [this] {
            updateHints();
            Q_EMIT changed();
        });
    }

    m_nextDay = new QLabel(tr("(ends next day)"), this);
    m_nextDay->setObjectName(QStringLiteral("endsNextDay"));
    m_nextDay->setToolTip(tr("The end is not after the start, so the window runs past midnight into the next day."));
    // Hidden hints keep their room, so every row has the same columns and the rows line up.
    QSizePolicy keepRoom = m_nextDay->sizePolicy();
    keepRoom.setRetainSizeWhenHidden(true);
    m_nextDay->setSizePolicy(keepRoom);
    layout->addWidget(m_nextDay);

    // ⚠, so a problem row is seen without relying on colour; in the error colour, following the palette.
    m_marker = new FieldErrorLabel(QStringLiteral("problemMarker"), this);
    m_marker->setWordWrap(false);
    QSizePolicy keepMarkerRoom = m_marker->sizePolicy();
    keepMarkerRoom.setRetainSizeWhenHidden(true);
    m_marker->setSizePolicy(keepMarkerRoom);
    layout->addWidget(m_marker);
    layout->addStretch(1);

    m_remove = new QToolButton(this);
    m_remove->setObjectName(QStringLiteral("remove"));
    m_remove->setIcon(QIcon(QStringLiteral(":/icons/remove.svg")));
    m_remove->setText(tr("Remove"));
    m_remove->setToolButtonStyle(Qt::ToolButtonIconOnly); // the name is in the tooltip and accessible name
    m_remove->setFocusPolicy(Qt::StrongFocus);
    connect(m_remove, &QToolButton::clicked, this, &WindowRow::removeRequested);
    layout->addWidget(m_remove);

    applyDayStyle();
    setProblem({});
    setWindow({ Core::Weekdays::mondayToFriday(), QTime(8, 0), QTime(17, 0) });
}

Core::AccessWindow WindowRow::window() const
{
    Core::Weekdays days;
    for (int day = 1; day <= 7; ++day) {
        if (m_days[std::size_t(day - 1)]->isChecked())
            days.add(Qt::DayOfWeek(day));
    }
    return { days, m_start->time(), m_end->time() };
}

void WindowRow::setWindow(const Core::AccessWindow &window)
{
    {
        // One changed() for the whole update, not one per button.
        const QSignalBlocker blockStart(m_start);
        const QSignalBlocker blockEnd(m_end);
        for (int day = 1; day <= 7; ++day) {
            QToolButton *button = m_days[std::size_t(day - 1)];
            const QSignalBlocker block(button);
            button->setChecked(window.days.contains(day));
        }
        m_start->setTime(window.start);
        m_end->setTime(window.end);
    }
    updateHints();
    Q_EMIT changed();
}

void WindowRow::setNumber(int number)
{
    m_number->setText(tr("%1.").arg(number));
    m_remove->setAccessibleName(tr("Remove window %1").arg(number));
    m_remove->setToolTip(tr("Remove window %1").arg(number));
}

void WindowRow::setProblem(const QString &problem)
{
    m_problem = problem;
    m_marker->setToolTip(problem);
    m_marker->setAccessibleName(problem);
    m_marker->setMessage(problem.isEmpty() ? QString() : QStringLiteral("\u26a0"));
}

QList<QWidget *> WindowRow::focusWidgets() const
{
    QList<QWidget *> widgets(m_days.begin(), m_days.end());
    widgets << m_start << m_end << m_remove;
    return widgets;
}

QWidget *WindowRow::firstFocusWidget() const
{
    return m_days.front();
}

QWidget *WindowRow::lastFocusWidget() const
{
    return m_remove;
}

void WindowRow::applyDayStyle()
{
    // Fusion and other styles draw a checked tool button only a shade darker; days must read as on/off at a
    // glance, in light and dark palettes alike, so checked days take the palette's highlight. The sheet is set
    // on the buttons only (a sheet on the row would freeze its other children's palette), and set again when
    // the palette changes, because palette() in a style sheet is read when the sheet is applied.
    static const QString sheet
        = QStringLiteral("QToolButton { border: 1px solid palette(mid); border-radius: 3px; padding: 2px 4px; }"
                         "QToolButton:checked { background: palette(highlight); color: palette(highlighted-text); "
                         "border: 1px solid palette(dark); }"
                         "QToolButton:focus { border: 2px solid palette(highlight); }"
                         "QToolButton:checked:focus { border: 2px solid palette(text); }");
    for (QToolButton *button : m_days) {
        button->setStyleSheet(QString());
        button->setStyleSheet(sheet);
    }
}

void WindowRow::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyDayStyle();
}

void WindowRow::updateHints()
{
    const Core::AccessWindow w = window();
    m_nextDay->setVisible(w.crossesMidnight() && w.start != w.end);
}

} // namespace Keydesk::Ui
