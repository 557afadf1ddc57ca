#include "core/cache/FeedScanner.h"

#include <QObject>

#include <charconv>
#include <cstring>

namespace Keydesk::Core {

namespace {

constexpr int kMaxDepth = 64;

bool isSpace(char c)
{
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

void appendUtf8(std::string *out, char32_t cp)
{
    if (cp < 0x80) {
        out->push_back(char(cp));
    } else if (cp < 0x800) {
        out->push_back(char(0xC0 | (cp >> 6)));
        out->push_back(char(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out->push_back(char(0xE0 | (cp >> 12)));
        out->push_back(char(0x80 | ((cp >> 6) & 0x3F)));
        out->push_back(char(0x80 | (cp & 0x3F)));
    } else {
        out->push_back(char(0xF0 | (cp >> 18)));
        out->push_back(char(0x80 | ((cp >> 12) & 0x3F)));
        out->push_back(char(0x80 | ((cp >> 6) & 0x3F)));
        out->push_back(char(0x80 | (cp & 0x3F)));
    }
}

} // namespace

void FeedScanner::skipSpace()
{
    while (m_p < m_end && isSpace(*m_p))
        ++m_p;
}

bool FeedScanner::fail(const QString &why)
{
    if (m_error.isEmpty())
        m_error = why;
    return false;
}

bool FeedScanner::expect(char c)
{
    skipSpace();
    if (m_p < m_end && *m_p == c) {
        ++m_p;
        return true;
    }
    return fail(QObject::tr("expected '%1' at byte %2").arg(QLatin1Char(c)).arg(m_end - m_p));
}

bool FeedScanner::readString(QByteArrayView *out, std::string *scratch)
{
    skipSpace();
    if (m_p >= m_end || *m_p != '"')
        return fail(QObject::tr("expected a string"));
    const char *start = ++m_p;
    // Fast path: no escapes, the view points into the body.
    while (m_p < m_end && *m_p != '"' && *m_p != '\\') {
        if (static_cast<unsigned char>(*m_p) < 0x20)
            return fail(QObject::tr("a control character inside a string"));
        ++m_p;
    }
    if (m_p >= m_end)
        return fail(QObject::tr("a string does not end"));
    if (*m_p == '"') {
        if (out)
            *out = QByteArrayView(start, m_p - start);
        ++m_p;
        return true;
    }
    scratch->assign(start, m_p);
    while (m_p < m_end && *m_p != '"') {
        const char c = *m_p++;
        if (static_cast<unsigned char>(c) < 0x20)
            return fail(QObject::tr("a control character inside a string"));
        if (c != '\\') {
            scratch->push_back(c);
            continue;
        }
        if (m_p >= m_end)
            break;
        const char e = *m_p++;
        switch (e) {
        case '"':
        case '\\':
        case '/':
            scratch->push_back(e);
            break;
        case 'b':
            scratch->push_back('\b');
            break;
        case 'f':
            scratch->push_back('\f');
            break;
        case 'n':
            scratch->push_back('\n');
            break;
        case 'r':
            scratch->push_back('\r');
            break;
        case 't':
            scratch->push_back('\t');
            break;
        case 'u': {
            auto hex4 = [this](char32_t *v) {
                if (m_end - m_p < 4)
                    return false;
                *v = 0;
                for (int i = 0; i < 4; ++i) {
                    const int h = hexValue(m_p[i]);
                    if (h < 0)
                        return false;
                    *v = (*v << 4) | char32_t(h);
                }
                m_p += 4;
                return true;
            };
            char32_t cp = 0;
            if (!hex4(&cp))
                return fail(QObject::tr("a bad \\u escape"));
            if (cp >= 0xD800 && cp < 0xDC00 && m_end - m_p >= 6 && m_p[0] == '\\' && m_p[1] == 'u') {
                m_p += 2;
                char32_t low = 0;
                if (!hex4(&low) || low < 0xDC00 || low > 0xDFFF)
                    return fail(QObject::tr("a bad surrogate pair"));
                cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
            } else if (cp >= 0xD800 && cp < 0xE000) {
                cp = 0xFFFD; // a lone surrogate: not representable in UTF-8
            }
            appendUtf8(scratch, cp);
            break;
        }
        default:
            return fail(QObject::tr("a bad escape in a string"));
        }
    }
    if (m_p >= m_end)
        return fail(QObject::tr("a string does not end"));
    ++m_p;
    if (out)
        *out = QByteArrayView(scratch->data(), qsizetype(scratch->size()));
    return true;
}

bool FeedScanner::readNumber(FeedValue *out)
{
    const char *start = m_p;
    if (m_p < m_end && *m_p == '-')
        ++m_p;
    const char *digits = m_p;
    while (m_p < m_end && *m_p >= '0' && *m_p <= '9')
        ++m_p;
    if (m_p == digits || (*digits == '0' && m_p - digits > 1))
        return fail(QObject::tr("a bad number"));
    bool integral = true;
    if (m_p < m_end && *m_p == '.') {
        integral = false;
        const char *frac = ++m_p;
        while (m_p < m_end && *m_p >= '0' && *m_p <= '9')
            ++m_p;
        if (m_p == frac)
            return fail(QObject::tr("a bad number"));
    }
    if (m_p < m_end && (*m_p == 'e' || *m_p == 'E')) {
        integral = false;
        ++m_p;
        if (m_p < m_end && (*m_p == '+' || *m_p == '-'))
            ++m_p;
        const char *exp = m_p;
        while (m_p < m_end && *m_p >= '0' && *m_p <= '9')
            ++m_p;
        if (m_p == exp)
            return fail(QObject::tr("a bad number"));
    }
    if (!out)
        return true;
    if (integral) {
        auto [ptr, ec] = std::from_chars(start, m_p, out->integer);
        if (ec == std::errc() && ptr == m_p) {
            out->type = FeedValue::Type::Integer;
            return true;
        }
    }
    // Out of the 64-bit range, or a fraction: a double, as SQLite's own JSON reader would give.
    out->type = FeedValue::Type::Real;
    out->real = std::strtod(std::string(start, m_p).c_str(), nullptr);
    return true;
}

bool FeedScanner::readValue(FeedValue *out, std::string *scratch, int depth)
{
    skipSpace();
    if (m_p >= m_end)
        return fail(QObject::tr("the body ends early"));
    if (depth > kMaxDepth)
        return fail(QObject::tr("nested too deeply"));
    const char c = *m_p;
    if (c == '"') {
        QByteArrayView s;
        if (!readString(&s, scratch))
            return false;
        if (out) {
            out->type = FeedValue::Type::String;
            out->text = s;
        }
        return true;
    }
    if (c == '{' || c == '[') {
        const char *start = m_p++;
        const char close = c == '{' ? '}' : ']';
        skipSpace();
        if (m_p < m_end && *m_p == close) {
            ++m_p;
        } else {
            for (;;) {
                if (c == '{') {
                    if (!readString(nullptr, &m_key) || !expect(':'))
                        return false;
                }
                if (!readValue(nullptr, &m_key, depth + 1))
                    return false;
                skipSpace();
                if (m_p < m_end && *m_p == ',') {
                    ++m_p;
                    continue;
                }
                if (!expect(close))
                    return false;
                break;
            }
        }
        if (out) {
            out->type = FeedValue::Type::Nested;
            out->text = QByteArrayView(start, m_p - start);
        }
        return true;
    }
    auto literal = [this](const char *word, qsizetype n) {
        if (m_end - m_p < n || std::memcmp(m_p, word, size_t(n)) != 0)
            return fail(QObject::tr("an unknown word"));
        m_p += n;
        return true;
    };
    if (c == 't' || c == 'f') {
        const bool t = c == 't';
        if (!literal(t ? "true" : "false", t ? 4 : 5))
            return false;
        if (out) {
            out->type = FeedValue::Type::Bool;
            out->integer = t ? 1 : 0;
        }
        return true;
    }
    if (c == 'n') {
        if (!literal("null", 4))
            return false;
        if (out)
            out->type = FeedValue::Type::Null;
        return true;
    }
    return readNumber(out);
}

bool FeedScanner::readRow(Row *row)
{
    *row = Row {};
    bool hasRevision = false;
    if (!expect('{'))
        return false;
    skipSpace();
    if (m_p < m_end && *m_p == '}') {
        ++m_p;
        return fail(QObject::tr("an empty change row"));
    }
    for (;;) {
        QByteArrayView key;
        if (!readString(&key, &m_key) || !expect(':'))
            return false;
        FeedValue v;
        if (key == "entity") {
            if (!readValue(&v, &m_entity) || v.type != FeedValue::Type::String)
                return fail(QObject::tr("a row's entity is not a string"));
            row->entity = v.text;
        } else if (key == "id") {
            if (!readValue(&v, &m_id) || v.type != FeedValue::Type::String)
                return fail(QObject::tr("a row's id is not a string"));
            row->id = v.text;
        } else if (key == "revision") {
            if (!readValue(&v, &m_scratch) || v.type != FeedValue::Type::Integer)
                return fail(QObject::tr("a row's revision is not a whole number"));
            row->revision = v.integer;
            hasRevision = true;
        } else if (key == "deleted") {
            if (!readValue(&v, &m_scratch) || (v.type != FeedValue::Type::Bool && v.type != FeedValue::Type::Integer))
                return fail(QObject::tr("a row's deleted flag is not a boolean"));
            row->deleted = v.integer != 0;
        } else if (key == "data") {
            if (!readValue(&v, &m_scratch))
                return false;
            if (v.type == FeedValue::Type::Nested && v.text.startsWith('{'))
                row->data = v.text;
            else if (v.type != FeedValue::Type::Null)
                return fail(QObject::tr("a row's data is not an object"));
        } else if (!readValue(nullptr, &m_scratch)) {
            return false;
        }
        skipSpace();
        if (m_p < m_end && *m_p == ',') {
            ++m_p;
            continue;
        }
        if (!expect('}'))
            return false;
        break;
    }
    if (row->entity.isEmpty() || row->id.isEmpty() || !hasRevision || row->revision <= 0)
        return fail(QObject::tr("a row without entity, id or revision"));
    if (!row->deleted && row->data.isEmpty())
        return fail(QObject::tr("a row without data"));
    return true;
}

std::optional<FeedScanner::Head> FeedScanner::scan(QByteArrayView body, const RowHandler &onRow, QString *error)
{
    FeedScanner s(body);
    Head head;
    auto bad = [&s, error]() -> std::optional<Head> {
        if (error)
            *error = s.m_error.isEmpty() ? QObject::tr("not JSON") : s.m_error;
        return std::nullopt;
    };
    if (!s.expect('{'))
        return bad();
    s.skipSpace();
    bool first = true;
    while (s.m_p < s.m_end && *s.m_p != '}') {
        if (!first && !s.expect(','))
            return bad();
        first = false;
        QByteArrayView key;
        if (!s.readString(&key, &s.m_key) || !s.expect(':'))
            return bad();
        if (key == "changes") {
            // Copied: m_key is reused while the array is read.
            if (!s.expect('['))
                return bad();
            head.hasChanges = true;
            s.skipSpace();
            if (s.m_p < s.m_end && *s.m_p == ']') {
                ++s.m_p;
            } else {
                for (;;) {
                    Row row;
                    if (!s.readRow(&row))
                        return bad();
                    if (onRow && !onRow(row))
                        return s.fail(QObject::tr("stopped")), bad();
                    s.skipSpace();
                    if (s.m_p < s.m_end && *s.m_p == ',') {
                        ++s.m_p;
                        continue;
                    }
                    if (!s.expect(']'))
                        return bad();
                    break;
                }
            }
        } else if (key == "next_revision") {
            FeedValue v;
            if (!s.readValue(&v, &s.m_scratch) || v.type != FeedValue::Type::Integer)
                return s.fail(QObject::tr("no \"next_revision\" number")), bad();
            head.nextRevision = v.integer;
            head.hasNextRevision = true;
        } else if (key == "has_more") {
            FeedValue v;
            if (!s.readValue(&v, &s.m_scratch))
                return bad();
            head.hasMore = v.type == FeedValue::Type::Bool && v.integer != 0;
        } else if (!s.readValue(nullptr, &s.m_scratch)) {
            return bad();
        }
        s.skipSpace();
    }
    if (!s.expect('}'))
        return bad();
    s.skipSpace();
    if (s.m_p != s.m_end)
        return s.fail(QObject::tr("text after the end")), bad();
    if (!head.hasChanges)
        return s.fail(QObject::tr("no \"changes\" array")), bad();
    if (!head.hasNextRevision)
        return s.fail(QObject::tr("no \"next_revision\" number")), bad();
    return head;
}

bool FeedScanner::scanObject(QByteArrayView object, const FieldHandler &onField, QString *error)
{
    FeedScanner s(object);
    auto bad = [&s, error] {
        if (error)
            *error = s.m_error;
        return false;
    };
    if (!s.expect('{'))
        return bad();
    s.skipSpace();
    if (s.m_p < s.m_end && *s.m_p == '}')
        return true;
    for (;;) {
        QByteArrayView key;
        std::string keyScratch;
        if (!s.readString(&key, &keyScratch) || !s.expect(':'))
            return bad();
        FeedValue v;
        if (!s.readValue(&v, &s.m_scratch))
            return bad();
        onField(key, v);
        s.skipSpace();
        if (s.m_p < s.m_end && *s.m_p == ',') {
            ++s.m_p;
            continue;
        }
        if (!s.expect('}'))
            return bad();
        return true;
    }
}

} // namespace Keydesk::Core
