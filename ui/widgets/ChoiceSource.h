#pragma once

#include <QList>
#include <QObject>
#include <QString>

#include <optional>

namespace Keydesk::Ui {

/// One thing a person can pick (a lock, a lock group, a user): what identifies it and what is shown.
struct Choice
{
    QString id;
    QString name; ///< shown, and put in the field once chosen
    QString detail; ///< shown next to the name in a list (an e-mail address), may be empty

    bool operator==(const Choice &) const = default;
};

/// What a DirectoryPicker (or a dialog's picker) offers: a search over possibly hundreds of thousands of named
/// choices that returns only a few, and a look-up by id. The facility directory provides them for its locks and
/// users; ListChoiceSource serves a short list (tests, small dialogs).
class ChoiceSource : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChoiceSource)

public:
    using QObject::QObject;
    ~ChoiceSource() override;

    /// At most `limit` choices matching `text` (any case): names starting with it first, then names (or details)
    /// containing it, each part by name. Empty text: the first `limit` by name.
    virtual QList<Choice> search(const QString &text, int limit) const = 0;
    /// The choice with this id; nothing when there is none (or not yet: see isReady()).
    virtual std::optional<Choice> choice(const QString &id) const = 0;
    /// False until the choices are known (a directory still loading): an unknown id is not yet a vanished one.
    virtual bool isReady() const { return true; }
    /// How many choices there are.
    virtual int count() const = 0;

Q_SIGNALS:
    /// Choices were added, renamed or removed.
    void changed();
};

/// A ChoiceSource over a list held in memory, searched by walking it. For up to a few thousand choices.
class ListChoiceSource final : public ChoiceSource
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ListChoiceSource)

public:
    explicit ListChoiceSource(QList<Choice> choices = {}, QObject *parent = nullptr);

    /// Replaces the list (sorted by name here) and announces the change.
    void setChoices(QList<Choice> choices);
    const QList<Choice> &choices() const { return m_choices; }

    QList<Choice> search(const QString &text, int limit) const override;
    std::optional<Choice> choice(const QString &id) const override;
    int count() const override { return int(m_choices.size()); }

private:
    QList<Choice> m_choices; ///< by name
};

} // namespace Keydesk::Ui
