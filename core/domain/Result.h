#pragma once

#include <QString>

#include <utility>
#include <variant>

namespace Keydesk::Core {

/// A failure a person can act on: a stable machine code, the field it concerns (if any) and a message
/// that says what was wrong and what to do.
struct Error
{
    QString code; ///< stable, machine-readable ("invalid_mac", "window_overlap", ...)
    QString message; ///< human-readable: what was wrong and what to do
    QString field; ///< the input field it concerns, empty when none

    static Error make(QString code, QString message, QString field = {})
    {
        return Error { std::move(code), std::move(message), std::move(field) };
    }
};

/// Either a value or an Error; never a half-valid object. (std::expected is C++23.)
template <typename T> class [[nodiscard]] Result final
{
public:
    Result(T value) // NOLINT(google-explicit-constructor): implicit on purpose, like std::expected
        : m_data(std::in_place_index<0>, std::move(value))
    { }
    Result(Error error) // NOLINT(google-explicit-constructor)
        : m_data(std::in_place_index<1>, std::move(error))
    { }

    bool ok() const { return m_data.index() == 0; }
    explicit operator bool() const { return ok(); }

    const T &value() const & { return std::get<0>(m_data); }
    T &value() & { return std::get<0>(m_data); }
    T &&value() && { return std::get<0>(std::move(m_data)); }
    const T &operator*() const & { return value(); }
    const T *operator->() const { return &value(); }

    const Error &error() const { return std::get<1>(m_data); }
    QString errorMessage() const { return ok() ? QString() : error().message; }

    T valueOr(T fallback) const { return ok() ? value() : std::move(fallback); }

private:
    std::variant<T, Error> m_data;
};

template <> class [[nodiscard]] Result<void> final
{
public:
    Result() = default;
    Result(Error error) // NOLINT(google-explicit-constructor)
        : m_error(std::move(error))
        , m_ok(false)
    { }

    bool ok() const { return m_ok; }
    explicit operator bool() const { return m_ok; }
    const Error &error() const { return m_error; }
    QString errorMessage() const { return m_ok ? QString() : m_error.message; }

private:
    Error m_error;
    bool m_ok = true;
};

} // namespace Keydesk::Core
