#include "core/client/ApiClient.h"

#include "core/client/ReplyMapping.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>
#include <QSslConfiguration>
#include <QSslError>
#include <qcoro/qcoronetworkreply.h>

#include <memory>

Q_LOGGING_CATEGORY(lcClient, "keydesk.client")

namespace Keydesk::Core {

namespace {

struct ReplyDeleter
{
    void operator()(QNetworkReply *reply) const { reply->deleteLater(); }
};
using ReplyPtr = std::unique_ptr<QNetworkReply, ReplyDeleter>;

QString serverName(const QUrl &url)
{
    return url.port() > 0 ? QStringLiteral("%1:%2").arg(url.host()).arg(url.port()) : url.host();
}

QUrl resolve(const QUrl &base, const QString &path, const QUrlQuery &query)
{
    QUrl url = base;
    QString prefix = base.path();
    while (prefix.endsWith(QLatin1Char('/')))
        prefix.chop(1);
    url.setPath(prefix + path);
    url.setQuery(query);
    return url;
}

} // namespace

ApiClient::ApiClient(QNetworkAccessManager &network, QUrl baseUrl, QObject *parent)
    : QObject(parent)
    , m_network(network)
    , m_baseUrl(std::move(baseUrl))
{ }

ApiClient::~ApiClient() = default;

Result<void> ApiClient::trustCaFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error::make(
            QStringLiteral("ca_file_unreadable"),
            tr("Cannot read the CA file %1 (%2); choose a readable PEM file.").arg(path, file.errorString()),
            QStringLiteral("ca_file"));
    const QList<QSslCertificate> certs = QSslCertificate::fromData(file.readAll(), QSsl::Pem);
    if (certs.isEmpty())
        return Error::make(QStringLiteral("ca_file_invalid"),
                           tr("%1 holds no PEM certificate; choose the CA certificate file (-----BEGIN "
                              "CERTIFICATE-----).")
                               .arg(path),
                           QStringLiteral("ca_file"));
    m_extraCas = certs;
    return {};
}

QCoro::Task<ApiResult<ApiResponse>> ApiClient::send(ApiRequest request)
{
    // Everything needed after the first suspension is copied into the frame: the client may be gone by then.
    QPointer<ApiClient> self(this);
    const std::chrono::milliseconds timeout = request.timeout.count() > 0 ? request.timeout : m_timeout;
    const QUrl url = resolve(m_baseUrl, request.path, request.query);

    QNetworkRequest req(url);
    req.setTransferTimeout(int(timeout.count()));
    req.setRawHeader(QByteArrayLiteral("Accept"), QByteArrayLiteral("application/json"));
    req.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    if (request.authenticated && !m_token.isEmpty())
        req.setRawHeader(QByteArrayLiteral("Authorization"), QByteArrayLiteral("Bearer ") + m_token.toUtf8());
    if (!request.idempotencyKey.isEmpty())
        req.setRawHeader(QByteArrayLiteral("Idempotency-Key"), request.idempotencyKey.toUtf8());
    if (url.scheme() == QLatin1String("https")) {
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        if (!m_extraCas.isEmpty())
            tls.addCaCertificates(m_extraCas);
        tls.setPeerVerifyMode(QSslSocket::VerifyPeer);
        req.setSslConfiguration(tls);
    }
    QByteArray payload;
    if (request.body) {
        req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        payload = QJsonDocument(*request.body).toJson(QJsonDocument::Compact);
    }

    ReplyPtr reply(request.body ? m_network.sendCustomRequest(req, request.method, payload)
                                : m_network.sendCustomRequest(req, request.method));
    auto sslErrors = std::make_shared<QStringList>();
    // Recorded for the message only: errors are never ignored, so the handshake fails and the reply ends.
    QObject::connect(reply.get(), &QNetworkReply::sslErrors, reply.get(), [sslErrors](const QList<QSslError> &errors) {
        for (const QSslError &e : errors)
            sslErrors->append(e.errorString());
    });

    auto aborted = std::make_shared<bool>(false);
    if (request.abortable) {
        QObject::connect(this, &ApiClient::abortRequested, reply.get(), [aborted, r = reply.get()] {
            *aborted = true;
            r->abort();
        });
    }

    co_await reply.get();

    if (*aborted) {
        ApiError e;
        e.kind = ApiErrorKind::Timeout;
        e.code = QStringLiteral("aborted");
        e.message = tr("The request was cancelled.");
        co_return e;
    }

    ReplyOutcome outcome;
    outcome.networkError = reply->error();
    outcome.networkErrorString = reply->errorString();
    outcome.httpStatus = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    outcome.body = reply->isOpen() ? reply->readAll() : QByteArray(); // closed after a timeout abort
    outcome.retryAfter = reply->rawHeader(QByteArrayLiteral("Retry-After"));
    outcome.sslErrors = *sslErrors;
    outcome.server = serverName(url);
    outcome.timeoutSeconds = int((timeout.count() + 999) / 1000);
    outcome.loginRequest = !request.authenticated;

    if (outcome.httpStatus >= 200 && outcome.httpStatus < 300) {
        ApiResponse response;
        response.status = outcome.httpStatus;
        response.replayed = reply->rawHeader(QByteArrayLiteral("Idempotent-Replayed")) == "true";
        if (request.rawBody) {
            response.body = std::move(outcome.body);
        } else if (!outcome.body.trimmed().isEmpty()) {
            QJsonParseError parseError {};
            const QJsonDocument doc = QJsonDocument::fromJson(outcome.body, &parseError);
            if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
                ApiError e;
                e.kind = ApiErrorKind::Server;
                e.code = QStringLiteral("bad_response");
                e.httpStatus = outcome.httpStatus;
                e.message = tr("The server at %1 answered something that is not Keydesk's JSON (%2). Check that "
                               "the address points at a Keydesk server.")
                                .arg(outcome.server, parseError.errorString());
                co_return e;
            }
            response.json = doc.object();
        }
        co_return response;
    }

    ApiError error = mapFailure(outcome);
    qCInfo(lcClient) << request.method << request.path << "failed:" << ApiError::kindName(error.kind)
                     << error.httpStatus << error.code;
    if (error.kind == ApiErrorKind::Unauthorized && self)
        Q_EMIT self->sessionExpired();
    co_return error;
}

QCoro::Task<ApiResult<StaffSession>> ApiClient::login(QString username, QString password)
{
    QPointer<ApiClient> self(this);
    ApiRequest request;
    request.method = QByteArrayLiteral("POST");
    request.path = QStringLiteral("/v1/login");
    request.body = QJsonObject { { QStringLiteral("username"), username }, { QStringLiteral("password"), password } };
    request.authenticated = false;
    ApiResult<ApiResponse> answer = co_await send(std::move(request));
    if (!answer)
        co_return answer.error();
    const QJsonObject &json = answer->json;
    StaffSession session;
    session.token = json.value(QStringLiteral("token")).toString();
    session.role = json.value(QStringLiteral("role")).toString();
    const QJsonObject staff = json.value(QStringLiteral("staff")).toObject();
    session.staffId = staff.value(QStringLiteral("id")).toString();
    session.username = staff.value(QStringLiteral("username")).toString();
    for (const QJsonValue &p : staff.value(QStringLiteral("permissions")).toArray())
        session.permissions.append(p.toString());
    session.expiresAt
        = QDateTime::fromString(json.value(QStringLiteral("expires_at")).toString(), Qt::ISODateWithMs).toUTC();
    if (session.token.isEmpty()) {
        ApiError e;
        e.kind = ApiErrorKind::Server;
        e.code = QStringLiteral("bad_response");
        e.httpStatus = answer->status;
        e.message = tr("The server accepted the login but sent no session token; check that the address points at "
                       "a Keydesk server.");
        co_return e;
    }
    if (self)
        self->m_token = session.token;
    co_return session;
}

QCoro::Task<ApiResult<ApiResponse>> ApiClient::logout()
{
    QPointer<ApiClient> self(this);
    ApiRequest request;
    request.method = QByteArrayLiteral("POST");
    request.path = QStringLiteral("/v1/logout");
    request.body = QJsonObject();
    ApiResult<ApiResponse> answer = co_await send(std::move(request));
    if (self)
        self->m_token.clear();
    co_return answer;
}

QCoro::Task<ApiResult<QJsonObject>> ApiClient::me()
{
    ApiRequest request;
    request.path = QStringLiteral("/v1/me");
    ApiResult<ApiResponse> answer = co_await send(std::move(request));
    if (!answer)
        co_return answer.error();
    co_return answer->json.value(QStringLiteral("staff")).toObject();
}

namespace {

ApiRequest changesRequest(qint64 since, int limit, int waitSeconds, std::chrono::milliseconds margin)
{
    ApiRequest request;
    request.path = QStringLiteral("/v1/changes");
    request.query.addQueryItem(QStringLiteral("since"), QString::number(since));
    request.query.addQueryItem(QStringLiteral("limit"), QString::number(limit));
    if (waitSeconds > 0) {
        request.query.addQueryItem(QStringLiteral("wait"), QString::number(waitSeconds));
        request.timeout = std::chrono::seconds(waitSeconds) + margin;
        request.abortable = true;
    }
    return request;
}

} // namespace

QCoro::Task<ApiResult<ChangePage>> ApiClient::changes(qint64 since, int limit, int waitSeconds)
{
    // A named local, moved: GCC 12 destroys an aggregate temporary made inside a co_await expression twice.
    ApiRequest request = changesRequest(since, limit, waitSeconds, kLongPollMargin);
    ApiResult<ApiResponse> answer = co_await send(std::move(request));
    if (!answer)
        co_return answer.error();
    co_return parseChangePage(answer->json);
}

QCoro::Task<ApiResult<QByteArray>> ApiClient::changesBody(qint64 since, int limit, int waitSeconds)
{
    ApiRequest request = changesRequest(since, limit, waitSeconds, kLongPollMargin);
    request.rawBody = true;
    ApiResult<ApiResponse> answer = co_await send(std::move(request));
    if (!answer)
        co_return answer.error();
    co_return std::move(answer->body);
}

ApiResult<ChangePage> ApiClient::parseChangePage(const QJsonObject &json)
{
    auto bad = [](const QString &what) {
        ApiError e;
        e.kind = ApiErrorKind::Server;
        e.code = QStringLiteral("bad_response");
        e.message = tr("The server's change feed is not in the expected format (%1); the server and this Keydesk "
                       "may be different versions.")
                        .arg(what);
        return e;
    };
    const QJsonValue rows = json.value(QStringLiteral("changes"));
    const QJsonValue next = json.value(QStringLiteral("next_revision"));
    if (!rows.isArray())
        return bad(QStringLiteral("no \"changes\" array"));
    if (!next.isDouble())
        return bad(QStringLiteral("no \"next_revision\" number"));
    ChangePage page;
    page.nextRevision = next.toInteger();
    page.hasMore = json.value(QStringLiteral("has_more")).toBool();
    const QJsonArray array = rows.toArray();
    page.rows.reserve(array.size());
    for (const QJsonValue &v : array) {
        const QJsonObject o = v.toObject();
        ChangeRow row;
        row.entity = o.value(QStringLiteral("entity")).toString();
        row.id = o.value(QStringLiteral("id")).toString();
        row.revision = o.value(QStringLiteral("revision")).toInteger();
        row.deleted = o.value(QStringLiteral("deleted")).toBool();
        row.data = o.value(QStringLiteral("data")).toObject();
        if (row.entity.isEmpty() || row.id.isEmpty() || row.revision <= 0)
            return bad(QStringLiteral("a row without entity, id or revision"));
        page.rows.append(std::move(row));
    }
    return page;
}

} // namespace Keydesk::Core
