#include "ui/status/OfflineBanner.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>

namespace Keydesk::Ui {

OfflineBanner::OfflineBanner(QWidget *parent)
    : QFrame(parent)
{
    setObjectName(QStringLiteral("offlineBanner"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(12, 8, 12, 8);
    m_text = new QLabel(this);
    m_text->setObjectName(QStringLiteral("offlineBannerText"));
    m_text->setWordWrap(true);
    m_text->setTextFormat(Qt::PlainText);
    layout->addWidget(m_text, 1);
    applyColors();
    hide();
}

OfflineBanner::~OfflineBanner() = default;

void OfflineBanner::showOffline(const QString &serverName, const QString &reason)
{
    QString text = tr("Offline \u2014 %1 cannot be reached. You can still browse everything as it was last synced; "
                      "changes you make are queued and sent when the connection returns. Keydesk keeps trying.")
                       .arg(serverName);
    if (!reason.isEmpty())
        text += QLatin1Char('\n') + reason;
    m_text->setText(text);
    show();
}

QString OfflineBanner::text() const
{
    return m_text->text();
}

void OfflineBanner::changeEvent(QEvent *event)
{
    QFrame::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && !property("applyingColors").toBool())
        applyColors();
}

void OfflineBanner::applyColors()
{
    // An amber band that reads on light and dark palettes: derived from the window colour's lightness.
    setProperty("applyingColors", true);
    // Judge light or dark by the surroundings: our own Window colour is the amber set here.
    const QPalette surroundings = parentWidget() ? parentWidget()->palette() : QPalette();
    const bool dark = surroundings.color(QPalette::Window).lightness() < 128;
    QPalette p = palette();
    p.setColor(QPalette::Window, dark ? QColor(0x5c, 0x45, 0x10) : QColor(0xff, 0xf1, 0xc2));
    p.setColor(QPalette::WindowText, dark ? QColor(0xff, 0xec, 0xb3) : QColor(0x4a, 0x36, 0x00));
    setPalette(p);
    setProperty("applyingColors", false);
}

} // namespace Keydesk::Ui
