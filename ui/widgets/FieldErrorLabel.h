#pragma once

#include <QLabel>

namespace Keydesk::Ui {

/// A validation message shown next to its field: hidden while empty, word-wrapped, in an error colour that
/// reads on both light and dark palettes (it follows palette changes).
class FieldErrorLabel final : public QLabel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FieldErrorLabel)

public:
    explicit FieldErrorLabel(const QString &objectName, QWidget *parent = nullptr);

    /// Shows the message; an empty message hides the label.
    void setMessage(const QString &message);
    QString message() const { return text(); }

    /// Whether the label is meant to be seen (independent of whether its window is shown).
    bool hasMessage() const { return !text().isEmpty(); }

    /// The error colour for a palette: a red that keeps its contrast against the palette's window colour.
    static QColor errorColor(const QPalette &palette);

protected:
    void changeEvent(QEvent *event) override;

private:
    void applyColor();
};

} // namespace Keydesk::Ui
