#pragma once

#include "core/domain/Result.h"

#include <QString>

#include <utility>
#include <variant>

namespace Keydesk::Core {

/// What kind of failure a request met; decides what the sync engine does next (retry, log in, roll back).
enum class ApiErrorKind {
    Unreachable, ///< no connection to the server (refused, host unknown, network down)
    Timeout, ///< connected, but no complete answer in time
    Tls, ///< the server's certificate was not trusted or the handshake failed
    Unauthorized, ///< no valid session: log in (again)
    WrongPassword, ///< the login itself was refused
    Forbidden, ///< logged in, but the role may not do this
    Validation, ///< the server refused the input; `field` names the offending field when known
    NotFound, ///< the object does not exist (any more)
    Conflict, ///< the request clashes with the current state (taken name, already revoked, ...)
    RateLimited, ///< too many requests, or the account is temporarily locked; `retryAfterSeconds` says when
    Server, ///< the server failed (5xx) or answered something that is not our protocol
};

/// A failed request, typed, with a message a person understands (what happened and what to do).
struct ApiError
{
    ApiErrorKind kind = ApiErrorKind::Server;
    QString message;
    QString field; ///< the input field it concerns (Validation), empty otherwise
    QString code; ///< the server's stable error code ("invalid_credentials", ...) or ours for transport failures
    int httpStatus = 0; ///< 0 when no HTTP answer arrived
    int retryAfterSeconds = 0; ///< from Retry-After, 0 when absent

    /// True when the same request may succeed later without any change: the engine keeps it and retries.
    bool isTransient() const;
    /// The kind's stable name ("unreachable", "wrong_password", ...).
    static QString kindName(ApiErrorKind kind);
    /// As a Core::Error (code = the server code, or the kind's name).
    Error toError() const;
};

/// Either a value or an ApiError. (Like Core::Result, but the error carries its kind.)
template <typename T> class [[nodiscard]] ApiResult final
{
public:
    ApiResult(T value) // NOLINT(google-explicit-constructor): implicit on purpose, like std::expected
        : m_data(std::in_place_index<0>, std::move(value))
    { }
    ApiResult(ApiError error) // NOLINT(google-explicit-constructor)
        : m_data(std::in_place_index<1>, std::move(error))
    { }

    bool ok() const { return m_data.index() == 0; }
    explicit operator bool() const { return ok(); }
    const T &value() const & { return std::get<0>(m_data); }
    T &value() & { return std::get<0>(m_data); }
    T &&value() && { return std::get<0>(std::move(m_data)); }
    const T &operator*() const & { return value(); }
    const T *operator->() const { return &value(); }
    const ApiError &error() const { return std::get<1>(m_data); }

private:
    std::variant<T, ApiError> m_data;
};

} // namespace Keydesk::Core
