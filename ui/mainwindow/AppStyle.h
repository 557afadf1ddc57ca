#pragma once

#include <QProxyStyle>

class QApplication;

namespace Keydesk::Ui {

/// The platform's style with Keydesk's own SVG icons where the style's are bitmaps that blur at 200 % (the clear
/// button of every search and filter field).
class AppStyle final : public QProxyStyle
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AppStyle)

public:
    /// Wraps `base` (owned), the application's style when null.
    explicit AppStyle(QStyle *base = nullptr);
    ~AppStyle() override = default;

    QIcon standardIcon(StandardPixmap icon, const QStyleOption *option = nullptr,
                       const QWidget *widget = nullptr) const override;
};

/// Sets AppStyle on the application (which owns it). Call once, before the first window is built.
void installAppStyle(QApplication &app);

} // namespace Keydesk::Ui
