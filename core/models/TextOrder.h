#pragma once

#include <QByteArrayView>
#include <QString>

namespace Keydesk::Core::TextOrder {

// The order of text columns (descriptions, lock and user names, schedule summaries): the UTF-16 code units of
// QString::toCaseFolded(), the same order as comparing the models' SortRole strings. Texts are kept as UTF-8
// in the models' arenas; these functions compare them there without a QString for ASCII (almost every
// comparison), and convert only when a non-ASCII byte is involved.

/// Three-way comparison of two UTF-8 texts in that order (<0, 0, >0).
int compare(QByteArrayView a, QByteArrayView b);

/// The first four UTF-16 units of the case-folded text, 16 bits each, most significant first, zero-padded:
/// prefixKey(a) < prefixKey(b) implies compare(a, b) < 0, so a sort by key needs compare() only for equal keys.
quint64 prefixKey(QByteArrayView utf8);

/// The case-folded text as the SortRole shows it.
QString folded(QByteArrayView utf8);

} // namespace Keydesk::Core::TextOrder
