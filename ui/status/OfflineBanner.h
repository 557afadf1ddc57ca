#pragma once

#include <QFrame>

class QLabel;

namespace Keydesk::Ui {

/// The band across the top of the window while the server cannot be reached: what still works, and that
/// changes wait in a queue until the connection returns. Hidden while online.
class OfflineBanner final : public QFrame
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OfflineBanner)

public:
    explicit OfflineBanner(QWidget *parent = nullptr);
    ~OfflineBanner() override;

    /// Shows the banner for `serverName` ("keys.example.com", "the built-in server"); `reason` is ApiError's words.
    void showOffline(const QString &serverName, const QString &reason);
    QString text() const;

protected:
    void changeEvent(QEvent *event) override;

private:
    void applyColors();

    QLabel *m_text = nullptr;
};

} // namespace Keydesk::Ui
