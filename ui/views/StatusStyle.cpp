#include "ui/views/StatusStyle.h"

#include <QLabel>

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
        return palette.color(QPalette::Disabled, QPalette::Text);
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

} // namespace Keydesk::Ui
