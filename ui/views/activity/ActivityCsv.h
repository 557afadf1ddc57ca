#pragma once

#include <QString>

class QAbstractItemModel;
class QIODevice;

namespace Keydesk::Ui {

/// CSV (RFC 4180) of what a table shows, for spreadsheets.
namespace ActivityCsv {

/// One field: quoted when it holds a comma, quote, CR or LF (quotes doubled). A field that a spreadsheet would
/// run as a formula (starting with =, +, -, @, tab or CR) gets a leading apostrophe, so a tracking key typed by
/// a tenant cannot become a formula on the manager's machine.
QString field(const QString &text);

/// Writes the model's header and every row (display text), plus the rows' time range as ISO-8601 UTC
/// ("From (UTC)", "To (UTC)" from RangeStartRole/RangeEndRole). CRLF line ends, UTF-8. False with `error` set
/// when the device refuses the bytes.
bool write(QIODevice &device, const QAbstractItemModel &model, QString *error = nullptr);

} // namespace ActivityCsv

} // namespace Keydesk::Ui
