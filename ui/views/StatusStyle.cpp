#include "ui/views/StatusStyle.h"

#include "core/models/ModelRoles.h"

#include <QApplication>
#include <QLabel>
#include <QPainter>

namespace Keydesk::Ui {

StatusStyle::Tone StatusStyle::toneOf(const QString &token)
{
    if (token == QLatin1String("ok"))
        return Tone::Ok;
    if (token == QLatin1String("info"))
        return Tone::Info;
    if (token == QLatin1String("warning"))
        return Tone::Warning;
    if (token == QLatin1String("danger"))
        return Tone::Danger;
    if (token == QLatin1String("muted"))
        return Tone::Muted;
    return Tone::Neutral;
}

bool StatusStyle::isDark(const QPalette &palette)
{
    return palette.color(QPalette::WindowText).lightness() > palette.color(QPalette::Window).lightness();
}

QColor StatusStyle::foreground(Tone tone, const QPalette &palette)
{
    const bool dark = isDark(palette);
    // Chosen for at least 4.5:1 contrast on white (light) and on #202020-ish bases (dark).
    switch (tone) {
    case Tone::Ok:
        return dark ? QColor(0x7f, 0xd3, 0x8a) : QColor(0x1b, 0x6e, 0x2a);
    case Tone::Info:
        return dark ? QColor(0x8a, 0xb8, 0xff) : QColor(0x1a, 0x4f, 0xa8);
    case Tone::Warning:
        return dark ? QColor(0xf5, 0xc2, 0x6b) : QColor(0x8a, 0x4b, 0x00);
    case Tone::Danger:
        return dark ? QColor(0xff, 0x8a, 0x80) : QColor(0xb0, 0x1c, 0x1c);
    case Tone::Muted:
        // Not the disabled text colour: a muted status must still be readable.
        return dark ? QColor(0xa8, 0xa8, 0xa8) : QColor(0x5f, 0x63, 0x68);
    case Tone::Neutral:
        break;
    }
    return palette.color(QPalette::Text);
}

QColor StatusStyle::background(Tone tone, const QPalette &palette)
{
    if (tone == Tone::Neutral)
        return palette.color(QPalette::Base);
    // A faint wash of the foreground over the base keeps the badge readable in both themes.
    const QColor fg = foreground(tone, palette);
    const QColor base = palette.color(QPalette::Base);
    const double a = tone == Tone::Muted ? 0.10 : 0.16;
    return QColor::fromRgbF(float(base.redF() * (1 - a) + fg.redF() * a),
                            float(base.greenF() * (1 - a) + fg.greenF() * a),
                            float(base.blueF() * (1 - a) + fg.blueF() * a));
}

QString StatusStyle::badgeStyleSheet(Tone tone, const QPalette &palette)
{
    return QStringLiteral(
               "QLabel { color: %1; background: %2; border-radius: 3px; padding: 1px 6px; font-weight: 600; }")
        .arg(foreground(tone, palette).name(), background(tone, palette).name());
}

void StatusStyle::applyBadge(QLabel *label, const QString &text, Tone tone)
{
    label->setText(text);
    label->setStyleSheet(badgeStyleSheet(tone, label->palette()));
}

StatusBadgeDelegate::StatusBadgeDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{ }

void StatusBadgeDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const QString token = index.data(Core::StatusColorRole).toString();
    if (token.isEmpty()) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    // The selection background first, so a selected row still reads as selected.
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QString text = opt.text;
    opt.text.clear();
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);

    const StatusStyle::Tone tone = StatusStyle::toneOf(token);
    QFont font = option.font;
    font.setBold(true);
    painter->save();
    painter->setFont(font);
    // The painter's metrics, not the screen's: the badge must fit the text exactly as it is drawn.
    const QFontMetrics fm = painter->fontMetrics();
    const int pad = 6;
    const QRect cell = option.rect.adjusted(3, 2, -3, -2);
    QRect badge(cell.left(), cell.top(), std::min(cell.width(), fm.horizontalAdvance(text) + 2 * pad + 2),
                cell.height());
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(Qt::NoPen);
    painter->setBrush(StatusStyle::background(tone, option.palette));
    painter->drawRoundedRect(badge, 3, 3);
    painter->setPen(StatusStyle::foreground(tone, option.palette));
    painter->drawText(badge.adjusted(pad, 0, -pad, 0), Qt::AlignVCenter | Qt::AlignLeft,
                      fm.elidedText(text, Qt::ElideRight, badge.width() - 2 * pad));
    painter->restore();
}

QSize StatusBadgeDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    QFont font = option.font;
    font.setBold(true);
    size.setWidth(QFontMetrics(font).horizontalAdvance(index.data().toString()) + 18);
    return size;
}

} // namespace Keydesk::Ui
