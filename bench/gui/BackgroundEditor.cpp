#include "bench/gui/BackgroundEditor.h"

#include "bench/support/FacilityServer.h"
#include "core/client/ApiClient.h"

#include <QDateTime>
#include <QEventLoop>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QTimer>

#include <cmath>

namespace Keydesk::Bench {

BackgroundEditor::BackgroundEditor(QUrl url, QStringList userIds, QStringList keyIds, double perSecond, QObject *parent)
    : QThread(parent)
    , m_url(std::move(url))
    , m_userIds(std::move(userIds))
    , m_keyIds(std::move(keyIds))
    , m_perSecond(perSecond)
{ }

BackgroundEditor::~BackgroundEditor()
{
    requestStop();
    wait();
}

QString BackgroundEditor::lastError() const
{
    return isRunning() ? QString() : m_lastError;
}

void BackgroundEditor::run()
{
    QNetworkAccessManager network;
    Core::ApiClient client(network, m_url);
    QEventLoop loop;
    bool signedIn = false;
    QCoro::connect(client.login(benchUser(), benchPassword()), &loop,
                   [&](Core::ApiResult<Core::StaffSession> &&session) {
                       signedIn = bool(session);
                       if (!session)
                           m_lastError = session.error().message;
                       loop.quit();
                   });
    loop.exec();
    if (!signedIn || (m_userIds.isEmpty() && m_keyIds.isEmpty()))
        return;

    // One request at a time at the rate asked; a slow answer delays the next change instead of piling them up.
    QTimer timer;
    timer.setTimerType(Qt::PreciseTimer);
    timer.setInterval(int(std::lround(1000.0 / m_perSecond)));
    bool inFlight = false;
    int n = 0;
    const QString run = QString::number(QDateTime::currentMSecsSinceEpoch());
    QObject::connect(&timer, &QTimer::timeout, &loop, [&] {
        if (m_stop) {
            if (!inFlight)
                loop.quit();
            return;
        }
        if (inFlight)
            return;
        const bool user = (n % 2 == 0 && !m_userIds.isEmpty()) || m_keyIds.isEmpty();
        const QStringList &ids = user ? m_userIds : m_keyIds;
        Core::ApiRequest patch;
        patch.method = QByteArrayLiteral("PATCH");
        patch.path = (user ? QStringLiteral("/v1/users/") : QStringLiteral("/v1/keys/")) + ids.at((n / 2) % ids.size());
        patch.body = user ? QJsonObject { { QStringLiteral("email"), QStringLiteral("edited%1@example.com").arg(n) } }
                          : QJsonObject { { QStringLiteral("description"), QStringLiteral("Edited key %1").arg(n) } };
        patch.idempotencyKey = QStringLiteral("bench-gui-%1-%2").arg(run).arg(n);
        ++n;
        inFlight = true;
        QCoro::connect(client.send(patch), &loop, [&](Core::ApiResult<Core::ApiResponse> &&done) {
            inFlight = false;
            if (done) {
                ++m_sent;
            } else {
                ++m_failed;
                m_lastError = done.error().message;
            }
        });
    });
    timer.start();
    loop.exec();
}

} // namespace Keydesk::Bench
