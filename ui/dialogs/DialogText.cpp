#include "ui/dialogs/DialogText.h"

namespace Keydesk::Ui {

QString DialogText::joinNames(const QStringList &names, int maxShown)
{
    QStringList unique;
    for (const QString &name : names) {
        if (!unique.contains(name))
            unique.append(name);
    }
    if (unique.isEmpty())
        return {};
    if (unique.size() == 1)
        return unique.front();
    if (unique.size() > maxShown && maxShown > 0) {
        const qsizetype rest = unique.size() - maxShown;
        return tr("%1 and %2 more").arg(unique.mid(0, maxShown).join(tr(", ")), QString::number(rest));
    }
    const QString last = unique.takeLast();
    return tr("%1 and %2").arg(unique.join(tr(", ")), last);
}

QString DialogText::keyCount(qsizetype count)
{
    // Two sources rather than "%n key(s)": the English text must read right without a translation loaded.
    return count == 1 ? tr("1 key") : tr("%1 keys").arg(count);
}

} // namespace Keydesk::Ui
