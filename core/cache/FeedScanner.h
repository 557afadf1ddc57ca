#pragma once

#include <QByteArrayView>
#include <QString>

#include <functional>
#include <optional>
#include <string>

namespace Keydesk::Core {

/// A JSON scalar (or the text of a nested value) as FeedScanner found it. Views point into the scanned body,
/// or into the scanner's scratch buffer for strings that had escapes; valid until the next callback returns.
struct FeedValue
{
    enum class Type { Null, Bool, Integer, Real, String, Nested };
    Type type = Type::Null;
    qint64 integer = 0; ///< Integer, and Bool (0/1)
    double real = 0;
    QByteArrayView text; ///< String (decoded, UTF-8), Nested (its JSON text)
};

/// A strict, allocation-light reader of GET /v1/changes bodies: it validates the whole body as JSON and hands
/// over each change row with views into the body — the row's `data` as the JSON text the server sent (stored
/// as is), and later that object's top-level fields decoded. It exists because the initial sync of a large
/// facility is bound by how fast the desktop reads pages: building a QJsonDocument (or letting SQLite's JSON
/// functions parse and re-render each row) costs several times more than inserting the row.
class FeedScanner final
{
public:
    struct Row
    {
        QByteArrayView entity;
        QByteArrayView id;
        qint64 revision = 0;
        bool deleted = false;
        QByteArrayView data; ///< the object's JSON text; empty for null / absent
    };
    struct Head
    {
        qint64 nextRevision = 0;
        bool hasMore = false;
        bool hasChanges = false; ///< a "changes" array was present
        bool hasNextRevision = false;
    };
    /// Return false to stop the scan (it then reports `stopped`).
    using RowHandler = std::function<bool(const Row &)>;
    using FieldHandler = std::function<void(QByteArrayView key, const FeedValue &value)>;

    /// Scans a whole body; `onRow` (may be empty) gets every row of "changes" in order. Returns the head, or the
    /// reason the body is not a well-formed feed page (in words).
    static std::optional<Head> scan(QByteArrayView body, const RowHandler &onRow, QString *error);
    /// Calls `onField` for every top-level member of a JSON object's text (as in Row::data).
    static bool scanObject(QByteArrayView object, const FieldHandler &onField, QString *error);

private:
    explicit FeedScanner(QByteArrayView text)
        : m_p(text.data())
        , m_end(text.data() + text.size())
    { }

    void skipSpace();
    bool expect(char c);
    bool fail(const QString &why);
    /// A string at the cursor: decoded into `scratch` if it has escapes, else a view into the text.
    bool readString(QByteArrayView *out, std::string *scratch);
    bool readNumber(FeedValue *out);
    /// Any value; scalars decoded into `out` (when given), nested values skipped and given as text.
    bool readValue(FeedValue *out, std::string *scratch, int depth = 0);
    bool readRow(Row *row);

    const char *m_p;
    const char *m_end;
    QString m_error;
    std::string m_entity, m_id, m_key, m_scratch;
};

} // namespace Keydesk::Core
