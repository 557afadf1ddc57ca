#pragma once

#include "core/client/ApiError.h"
#include "core/domain/Result.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QLoggingCategory>
#include <QObject>
#include <QSslCertificate>
#include <QString>
#include <QStringList>
#include <QUrl>
#include <QUrlQuery>
#include <qcoro/qcorotask.h>

#include <chrono>
#include <optional>

class QNetworkAccessManager;

Q_DECLARE_LOGGING_CATEGORY(lcClient)

namespace Keydesk::Core {

/// One HTTP request to the /v1 API.
struct ApiRequest
{
    QByteArray method = QByteArrayLiteral("GET");
    QString path; ///< "/v1/me"; appended to the base URL's path
    QUrlQuery query;
    std::optional<QJsonObject> body; ///< sent as JSON when set
    QString idempotencyKey; ///< sent as Idempotency-Key when not empty (mutations)
    std::chrono::milliseconds timeout { 0 }; ///< 0: the client's default
    bool authenticated = true; ///< send the bearer token
    bool abortable = false; ///< ended by abortPending() (long-polls): answers ApiError code "aborted"
    bool rawBody = false; ///< a 2xx body is handed over as received (ApiResponse::body), not parsed here
};

/// A successful answer (2xx).
struct ApiResponse
{
    int status = 0;
    QJsonObject json; ///< empty for an empty body (and for rawBody requests)
    QByteArray body; ///< the body as received, for rawBody requests only
    bool replayed = false; ///< the server answered from its idempotency store (the mutation had been applied)
};

/// The staff session a login opened. The token stays in memory only.
struct StaffSession
{
    QString token;
    QString staffId;
    QString username;
    QString role; ///< owner, admin, manager, front_desk, auditor
    QStringList permissions;
    QDateTime expiresAt;
};

/// One row of the change feed: the entity's current data, or a tombstone.
struct ChangeRow
{
    QString entity; ///< the feed's entity name ("users", "keys", ...)
    QString id;
    qint64 revision = 0;
    bool deleted = false;
    QJsonObject data; ///< empty for a tombstone
};

/// One page of GET /v1/changes.
struct ChangePage
{
    QList<ChangeRow> rows;
    qint64 nextRevision = 0; ///< pass as `since` for the next page
    bool hasMore = false;
};

/// The desktop's client of a keydesk server's /v1 API: one shared QNetworkAccessManager, a timeout on every
/// request, TLS verification always on (an extra CA may be trusted, errors are never ignored) and every failure
/// mapped to a typed ApiError in one place.
class ApiClient final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ApiClient)

public:
    static constexpr std::chrono::milliseconds kDefaultTimeout { 15000 };
    /// Extra time a long-poll request gets beyond the wait it asked the server for.
    static constexpr std::chrono::milliseconds kLongPollMargin { 10000 };

    /// `network` is shared by the whole application and must outlive the client.
    ApiClient(QNetworkAccessManager &network, QUrl baseUrl, QObject *parent = nullptr);
    ~ApiClient() override;

    QUrl baseUrl() const { return m_baseUrl; }
    void setBaseUrl(const QUrl &url) { m_baseUrl = url; }
    std::chrono::milliseconds timeout() const { return m_timeout; }
    void setTimeout(std::chrono::milliseconds timeout) { m_timeout = timeout; }

    /// Trusts the CA certificate(s) of a PEM file in addition to the system's. Verification stays on.
    Result<void> trustCaFile(const QString &path);
    QList<QSslCertificate> extraCaCertificates() const { return m_extraCas; }

    QString token() const { return m_token; }
    void setToken(const QString &token) { m_token = token; }
    bool isLoggedIn() const { return !m_token.isEmpty(); }

    /// The one generic request: JSON in and out, timeout, TLS options, error mapping.
    QCoro::Task<ApiResult<ApiResponse>> send(ApiRequest request);

    /// POST /v1/login; keeps the token on success. A refused password is ApiErrorKind::WrongPassword.
    QCoro::Task<ApiResult<StaffSession>> login(QString username, QString password);
    /// POST /v1/logout; forgets the token whatever the answer.
    QCoro::Task<ApiResult<ApiResponse>> logout();
    /// GET /v1/me: the logged-in staff member.
    QCoro::Task<ApiResult<QJsonObject>> me();
    /// GET /v1/changes?since=&limit=[&wait=]: rows changed after `since`. With `waitSeconds` > 0 the server
    /// holds the request until something changes or the wait ends (long-poll).
    QCoro::Task<ApiResult<ChangePage>> changes(qint64 since, int limit, int waitSeconds = 0);
    /// The same request, answering the body as received: the sync engine parses and applies pages on the cache's
    /// worker thread (CacheStore::applyFeedBody), so a 10,000-row page never costs the GUI thread a frame.
    QCoro::Task<ApiResult<QByteArray>> changesBody(qint64 since, int limit, int waitSeconds = 0);
    /// True for the error of a request ended by abortPending().
    static bool isAborted(const ApiError &error) { return error.code == QLatin1String("aborted"); }

    /// Ends every abortable request in flight (a long-poll the sync engine no longer wants to wait for).
    void abortPending() { Q_EMIT abortRequested(); }

    /// Parses a change-feed answer. Public for tests and the benchmark.
    static ApiResult<ChangePage> parseChangePage(const QJsonObject &json);

Q_SIGNALS:
    /// An authenticated request was refused with 401: the session ended; the app asks for the password again.
    void sessionExpired();
    /// Internal: abortPending() was called.
    void abortRequested();

private:
    QNetworkAccessManager &m_network;
    QUrl m_baseUrl;
    QList<QSslCertificate> m_extraCas;
    QString m_token;
    std::chrono::milliseconds m_timeout = kDefaultTimeout;
};

} // namespace Keydesk::Core
