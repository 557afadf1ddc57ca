#pragma once

#include <QCoreApplication>
#include <QStringList>

namespace Keydesk::Ui {

/// Small pieces of English-like text the dialogs share, all through tr().
class DialogText final
{
    Q_DECLARE_TR_FUNCTIONS(Keydesk::Ui::DialogText)

public:
    /// "B-104", "B-104 and B-105", "B-104, B-105 and B-106"; past `maxShown` names: "A, B, C and 4 more".
    /// Duplicates are dropped, order is kept.
    static QString joinNames(const QStringList &names, int maxShown = 4);
    /// "1 key", "3 keys".
    static QString keyCount(qsizetype count);
};

} // namespace Keydesk::Ui
