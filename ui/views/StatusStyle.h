#pragma once

#include <QColor>
#include <QPalette>
#include <QString>
#include <QStyledItemDelegate>

class QWidget;
class QLabel;

namespace Keydesk::Ui {

/// Maps the models' semantic status tokens (ModelRoles' StatusColorRole: "ok", "info", "warning", "danger",
/// "muted") to colours that stay readable on the current palette (light or dark). Colour only ever accompanies
/// a status word; it never carries meaning alone.
class StatusStyle final
{
public:
    enum class Tone { Neutral, Ok, Info, Warning, Danger, Muted };

    /// The tone of a model token; unknown or empty tokens are Neutral.
    static Tone toneOf(const QString &token);
    /// Text colour for a tone on `palette`'s base colour (Neutral: the palette's text colour).
    static QColor foreground(Tone tone, const QPalette &palette);
    /// A soft background for badges of the tone (Neutral: the palette's base).
    static QColor background(Tone tone, const QPalette &palette);
    static QColor foreground(const QString &token, const QPalette &palette)
    {
        return foreground(toneOf(token), palette);
    }
    static QColor background(const QString &token, const QPalette &palette)
    {
        return background(toneOf(token), palette);
    }
    /// Whether the palette is dark (window text lighter than the window).
    static bool isDark(const QPalette &palette);
    /// A style sheet for a QLabel badge of the tone (bold text, rounded soft background).
    static QString badgeStyleSheet(Tone tone, const QPalette &palette);
    /// Styles `label` as a status badge with `text` in `tone` (text is always shown: colour is not enough).
    static void applyBadge(QLabel *label, const QString &text, Tone tone);
};

/// Paints a table cell as a status badge: the cell's text (always shown) on a soft background of the tone the
/// model gives in StatusColorRole. Other cells of the column paint as usual when the role is empty.
class StatusBadgeDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StatusBadgeDelegate)

public:
    explicit StatusBadgeDelegate(QObject *parent = nullptr);
    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};

} // namespace Keydesk::Ui
