#include "ui/widgets/ChoiceSource.h"

#include "ui/views/NameIndex.h"

#include <algorithm>

namespace Keydesk::Ui {

ChoiceSource::~ChoiceSource() = default;

ListChoiceSource::ListChoiceSource(QList<Choice> choices, QObject *parent)
    : ChoiceSource(parent)
{
    setChoices(std::move(choices));
}

void ListChoiceSource::setChoices(QList<Choice> choices)
{
    std::stable_sort(choices.begin(), choices.end(),
                     [](const Choice &a, const Choice &b) { return QString::localeAwareCompare(a.name, b.name) < 0; });
    m_choices = std::move(choices);
    Q_EMIT changed();
}

QList<Choice> ListChoiceSource::search(const QString &text, int limit) const
{
    const QString needle = NameIndex::fold(text);
    QList<Choice> prefix;
    QList<Choice> inside;
    for (const Choice &c : m_choices) {
        if (prefix.size() >= limit)
            break;
        const QString name = NameIndex::fold(c.name);
        if (name.startsWith(needle))
            prefix.append(c);
        else if (inside.size() < limit && (name.contains(needle) || NameIndex::fold(c.detail).contains(needle)))
            inside.append(c);
    }
    prefix.append(inside);
    if (prefix.size() > limit)
        prefix.resize(limit);
    return prefix;
}

std::optional<Choice> ListChoiceSource::choice(const QString &id) const
{
    for (const Choice &c : m_choices) {
        if (c.id == id)
            return c;
    }
    return std::nullopt;
}

} // namespace Keydesk::Ui
