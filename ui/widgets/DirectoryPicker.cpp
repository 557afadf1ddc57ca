#include "ui/widgets/DirectoryPicker.h"

#include <QAbstractItemView>
#include <QCompleter>
#include <QEvent>
#include <QFocusEvent>
#include <QKeyEvent>
#include <QStandardItemModel>

namespace Keydesk::Ui {

namespace {

enum Role { IdRole = Qt::UserRole, NameRole };

} // namespace

DirectoryPicker::DirectoryPicker(QWidget *parent)
    : QLineEdit(parent)
{
    setClearButtonEnabled(true);
    m_model = new QStandardItemModel(this);
    // The completer only shows the list: the matches are searched here (the source's index), never filtered by it.
    m_completer = new QCompleter(m_model, this);
    m_completer->setCompletionMode(QCompleter::UnfilteredPopupCompletion);
    m_completer->setCompletionRole(NameRole);
    m_completer->setMaxVisibleItems(12);
    m_completer->setWidget(this);
    connect(m_completer, qOverload<const QModelIndex &>(&QCompleter::activated), this,
            [this](const QModelIndex &index) {
                const QString id = index.data(IdRole).toString();
                if (!id.isEmpty())
                    choose(id);
            });
    connect(this, &QLineEdit::textEdited, this, &DirectoryPicker::onTextEdited);
    setMinimumWidth(fontMetrics().horizontalAdvance(QLatin1Char('x')) * 16);
    followPalette();
}

DirectoryPicker::~DirectoryPicker() = default;

void DirectoryPicker::setSource(ChoiceSource *source)
{
    if (m_source == source)
        return;
    disconnect(m_sourceConnection);
    m_source = source;
    if (m_source) {
        m_sourceConnection = connect(m_source, &ChoiceSource::changed, this, [this] {
            if (text() == m_shown) // not while the person is typing
                showChosen();
        });
    }
    hidePopup();
    showChosen();
}

void DirectoryPicker::setCurrentId(const QString &id)
{
    choose(id);
}

QAbstractItemView *DirectoryPicker::popup() const
{
    return m_completer->popup();
}

bool DirectoryPicker::isPopupVisible() const
{
    return m_completer->popup()->isVisible();
}

void DirectoryPicker::onTextEdited(const QString &text)
{
    if (text.isEmpty()) { // cleared (the clear button too): none chosen, as the placeholder says
        hidePopup();
        choose(QString());
        return;
    }
    showMatches(text);
}

void DirectoryPicker::showMatches(const QString &text)
{
    m_matches = m_source ? m_source->search(text, kMaxMatches) : QList<Choice>();
    m_model->clear();
    QList<QStandardItem *> items;
    items.reserve(m_matches.size());
    for (const Choice &c : std::as_const(m_matches)) {
        //: A match in a picker's list: a name and what tells it apart (an e-mail address, a tracking key)
        auto *item = new QStandardItem(c.detail.isEmpty() ? c.name : tr("%1 — %2").arg(c.name, c.detail));
        item->setData(c.id, IdRole);
        item->setData(c.name, NameRole);
        item->setEditable(false);
        items.append(item);
    }
    if (items.isEmpty()) {
        //: The only line of a picker's list when nothing matches what was typed
        auto *none = new QStandardItem(tr("No matches"));
        none->setFlags(Qt::NoItemFlags);
        items.append(none);
    }
    m_model->insertColumn(0, items);
    m_completer->setCompletionPrefix(QString());
    const int width = std::max(this->width(), fontMetrics().averageCharWidth() * 40);
    m_completer->complete(QRect(0, 0, width, height()));
    popup()->setCurrentIndex(QModelIndex()); // nothing highlighted until Down: Enter takes the first match
}

void DirectoryPicker::hidePopup()
{
    if (isPopupVisible())
        popup()->hide();
}

void DirectoryPicker::commitTyped()
{
    const QString typed = text();
    if (typed.isEmpty()) {
        choose(QString());
        return;
    }
    if (typed == m_shown)
        return;
    const QList<Choice> first = m_source ? m_source->search(typed, 1) : QList<Choice>();
    if (first.isEmpty())
        showChosen(); // nothing by that name: the choice stays as it was
    else
        choose(first.first().id);
}

void DirectoryPicker::choose(const QString &id)
{
    hidePopup();
    const bool changed = id != m_id;
    m_id = id;
    showChosen();
    if (changed)
        Q_EMIT currentIdChanged(m_id);
}

QString DirectoryPicker::chosenText() const
{
    if (m_id.isEmpty())
        return QString();
    if (m_source) {
        if (const auto c = m_source->choice(m_id))
            return c->name;
    }
    return m_id; // not (or no longer) known: the id, so what is shown is what applies
}

void DirectoryPicker::showChosen()
{
    m_shown = chosenText();
    if (text() != m_shown) {
        setText(m_shown);
        setCursorPosition(0);
    }
}

void DirectoryPicker::keyPressEvent(QKeyEvent *event)
{
    // With the list open, the completer hands every key to the field first; what is ignored here it handles
    // itself (Enter on a highlighted match chooses it).
    const bool open = isPopupVisible();
    switch (event->key()) {
    case Qt::Key_Down:
    case Qt::Key_Up:
        if (!open && !(event->modifiers() & Qt::ControlModifier)) {
            showMatches(text() == m_shown ? QString() : text());
            event->accept();
            return;
        }
        break;
    case Qt::Key_Escape:
        if (open || text() != m_shown) {
            hidePopup();
            showChosen();
            event->accept();
            return;
        }
        break; // nothing to undo: a dialog may close
    case Qt::Key_Return:
    case Qt::Key_Enter:
        if (open && popup()->currentIndex().isValid()) {
            event->ignore();
            return;
        }
        if (open || text() != m_shown) {
            hidePopup();
            commitTyped();
            event->accept();
            return;
        }
        break; // nothing typed: a dialog's default button
    default:
        break;
    }
    QLineEdit::keyPressEvent(event);
}

void DirectoryPicker::focusOutEvent(QFocusEvent *event)
{
    QLineEdit::focusOutEvent(event);
    if (event->reason() == Qt::PopupFocusReason)
        return; // the list opened
    // Really gone (the completer holds focus changes back while its list is open, except on Tab or a click away).
    hidePopup();
    if (text() != m_shown)
        showChosen(); // typed but not chosen: the field says again what applies
}

void DirectoryPicker::changeEvent(QEvent *event)
{
    QLineEdit::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange)
        followPalette();
}

void DirectoryPicker::followPalette()
{
    // The list is a window of its own: give it this field's palette (a dark theme) and font (a larger one).
    popup()->setPalette(palette());
    popup()->setFont(font());
}

} // namespace Keydesk::Ui
