#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QStringView>

/// JSON text written straight into a byte buffer, byte for byte what QJsonDocument(...).toJson(Compact) writes
/// for the same value: the change-feed export writes millions of values and a QJsonObject per row costs more
/// than reading the row. tests/server/TestFeedJson.cpp holds it to QJsonDocument's output.
namespace Keydesk::Server::FeedJson {

/// A JSON string from UTF-8 text, as QJsonDocument writes QString::fromUtf8(utf8): '"', '\\' and control
/// characters escaped (\b \f \n \r \t, else \u00xx), everything else as UTF-8. Invalid UTF-8 becomes U+FFFD
/// exactly as QString::fromUtf8 decodes it.
void appendString(QByteArray &out, QByteArrayView utf8);

// The same into raw memory, for writers that reserve a row's worst case once and then write without checks.
/// The most bytes writeString() writes for `utf8Bytes` bytes of input (every byte escaped as \u00xx, quotes).
constexpr qsizetype maxStringSize(qsizetype utf8Bytes)
{
    return 2 + 6 * utf8Bytes;
}
/// The most bytes writeNumber(qint64) writes.
constexpr qsizetype kMaxIntegerSize = 20;
/// Writes the string at `out` (maxStringSize(utf8.size()) bytes must be free there); returns the end.
char *writeString(char *out, QByteArrayView utf8);
char *writeNumber(char *out, qint64 value);
/// The same from UTF-16 (a lone surrogate is written as \uXXXX, as QJsonDocument does).
void appendString(QByteArray &out, QStringView text);
void appendNumber(QByteArray &out, qint64 value);
/// Shortest text that reads back as the same double; NaN and infinities as null (JSON has neither).
void appendNumber(QByteArray &out, double value);

} // namespace Keydesk::Server::FeedJson
