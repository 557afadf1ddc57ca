#pragma once

#include "core/domain/AccessWindow.h"

#include <QByteArray>
#include <QHash>
#include <QList>

#include <vector>

namespace Keydesk::Core {

/// The weekly window sets of the cached keys, interned: a key holds the index of its set, and a million keys
/// share the few schedules a facility uses. Sets never change once interned (an edited key gets another).
class WindowSets final
{
public:
    /// The set of a cached `windows_json` text; -1 when it holds no window this can read.
    int intern(QByteArrayView json);
    int size() const { return int(m_sets.size()); }
    const QList<AccessWindow> &at(int index) const { return m_sets[std::size_t(index)]; }
    std::size_t bytes() const;

    /// Parses a `windows_json` text as the server writes it — [{"days": [1..7] (ISO, Monday = 1) or
    /// ["mon", ...] or a bit mask, "start": "HH:mm", "end": "HH:mm"}] (seconds allowed). Windows without
    /// days or readable times are left out; anything else is no window.
    static QList<AccessWindow> parse(QByteArrayView json);

private:
    std::vector<QList<AccessWindow>> m_sets;
    QHash<QByteArray, int> m_byText; ///< the raw text (keys share it byte for byte) → set
    QHash<QByteArray, int> m_byWindows; ///< canonical windows → set (the same schedule written differently)
};

} // namespace Keydesk::Core
