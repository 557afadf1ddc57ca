#pragma once

#include "ui/widgets/ChoiceSource.h"

#include <QLineEdit>
#include <QPointer>

class QAbstractItemView;
class QCompleter;
class QStandardItemModel;

namespace Keydesk::Ui {

/// Picks one lock, group or user out of hundreds of thousands by typing: a line edit whose popup lists at most
/// kMaxMatches matches of a ChoiceSource, searched again at each keystroke. Down opens the list, Up/Down move in it,
/// Enter or a click chooses (Enter on typed text takes the first match), Escape (or leaving the field) puts the
/// chosen name back, and an empty field (the clear button) means none: the placeholder ("All locks") says what
/// that is. The chosen id follows the source: renamed, the field shows the new name; gone, it shows the id and
/// stays chosen.
class DirectoryPicker final : public QLineEdit
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DirectoryPicker)

public:
    static constexpr int kMaxMatches = 50;

    explicit DirectoryPicker(QWidget *parent = nullptr);
    ~DirectoryPicker() override;

    /// What is searched; not owned (may be null: nothing to pick).
    void setSource(ChoiceSource *source);
    ChoiceSource *source() const { return m_source; }

    /// The chosen id; empty when none is chosen.
    QString currentId() const { return m_id; }
    /// Chooses by id (empty: none). Announces currentIdChanged when it differs.
    void setCurrentId(const QString &id);

    /// The matches listed for the latest text (what the popup shows).
    const QList<Choice> &matches() const { return m_matches; }
    /// The list of matches (a popup window; visible while open).
    QAbstractItemView *popup() const;
    bool isPopupVisible() const;

Q_SIGNALS:
    /// The chosen id changed (by the person or by setCurrentId).
    void currentIdChanged(const QString &id);

protected:
    void keyPressEvent(QKeyEvent *event) override;
    void focusOutEvent(QFocusEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void onTextEdited(const QString &text);
    /// Searches `text` and shows the matches in the popup.
    void showMatches(const QString &text);
    void hidePopup();
    /// Chooses the typed text's first match (empty text: none); puts the chosen name back if nothing matches.
    void commitTyped();
    void choose(const QString &id);
    /// Puts the chosen one's name (or id) in the field.
    void showChosen();
    QString chosenText() const;
    void followPalette();

    QPointer<ChoiceSource> m_source;
    QMetaObject::Connection m_sourceConnection;
    QCompleter *m_completer = nullptr;
    QStandardItemModel *m_model = nullptr;
    QList<Choice> m_matches;
    QString m_id;
    QString m_shown; ///< the text showChosen() put in the field (anything else was typed)
};

} // namespace Keydesk::Ui
