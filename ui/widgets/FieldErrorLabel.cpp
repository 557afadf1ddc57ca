#include "ui/widgets/FieldErrorLabel.h"

#include <QEvent>

namespace Keydesk::Ui {

FieldErrorLabel::FieldErrorLabel(const QString &objectName, QWidget *parent)
    : QLabel(parent)
{
    setObjectName(objectName);
    setWordWrap(true);
    setTextFormat(Qt::PlainText);
    // Screen readers announce the message with the field it belongs to.
    setAccessibleName(tr("Error"));
    setVisible(false);
    applyColor();
}

void FieldErrorLabel::setMessage(const QString &message)
{
    if (message == text())
        return;
    setText(message);
    setAccessibleDescription(message);
    setVisible(!message.isEmpty());
}

QColor FieldErrorLabel::errorColor(const QPalette &palette)
{
    // A dark red is unreadable on a dark window, a light one is too faint on a light window.
    const bool darkWindow = palette.color(QPalette::Window).lightness() < 128;
    return darkWindow ? QColor(0xff, 0x8a, 0x80) : QColor(0xb0, 0x00, 0x20);
}

void FieldErrorLabel::changeEvent(QEvent *event)
{
    QLabel::changeEvent(event);
    // The application palette (light ↔ dark) reaches a widget with its own palette as ApplicationPaletteChange.
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::ApplicationPaletteChange)
        applyColor();
}

void FieldErrorLabel::applyColor()
{
    QPalette p = palette();
    const QColor color = errorColor(p);
    if (p.color(QPalette::WindowText) == color)
        return; // avoid a PaletteChange loop
    p.setColor(QPalette::WindowText, color);
    setPalette(p);
}

} // namespace Keydesk::Ui
