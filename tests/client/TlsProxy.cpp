#include "tests/client/TlsProxy.h"

#include <QFile>
#include <QProcess>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QTcpSocket>

namespace Keydesk::Test {

TestCertificates::TestCertificates()
{
    auto path = [this](const char *name) { return m_dir.filePath(QString::fromLatin1(name)); };
    QFile ext(path("server.ext"));
    if (!ext.open(QIODevice::WriteOnly)) {
        m_error = QStringLiteral("cannot write server.ext");
        return;
    }
    ext.write("basicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n"
              "subjectAltName=DNS:localhost,IP:127.0.0.1\n");
    ext.close();
    const QStringList ca { QStringLiteral("req"),
                           QStringLiteral("-x509"),
                           QStringLiteral("-newkey"),
                           QStringLiteral("ec"),
                           QStringLiteral("-pkeyopt"),
                           QStringLiteral("ec_paramgen_curve:P-256"),
                           QStringLiteral("-nodes"),
                           QStringLiteral("-days"),
                           QStringLiteral("2"),
                           QStringLiteral("-subj"),
                           QStringLiteral("/CN=Keydesk Test CA"),
                           QStringLiteral("-keyout"),
                           path("ca.key"),
                           QStringLiteral("-out"),
                           path("ca.pem") };
    QStringList otherCa = ca;
    otherCa.replace(otherCa.indexOf(QStringLiteral("/CN=Keydesk Test CA")), QStringLiteral("/CN=Unrelated CA"));
    otherCa.replace(otherCa.indexOf(path("ca.key")), path("other-ca.key"));
    otherCa.replace(otherCa.indexOf(path("ca.pem")), path("other-ca.pem"));
    const bool made = run(ca) && run(otherCa)
        && run({ QStringLiteral("req"), QStringLiteral("-newkey"), QStringLiteral("ec"), QStringLiteral("-pkeyopt"),
                 QStringLiteral("ec_paramgen_curve:P-256"), QStringLiteral("-nodes"), QStringLiteral("-subj"),
                 QStringLiteral("/CN=localhost"), QStringLiteral("-keyout"), path("server.key"), QStringLiteral("-out"),
                 path("server.csr") })
        && run({ QStringLiteral("x509"), QStringLiteral("-req"), QStringLiteral("-in"), path("server.csr"),
                 QStringLiteral("-CA"), path("ca.pem"), QStringLiteral("-CAkey"), path("ca.key"),
                 QStringLiteral("-CAcreateserial"), QStringLiteral("-days"), QStringLiteral("2"),
                 QStringLiteral("-extfile"), path("server.ext"), QStringLiteral("-out"), path("server.pem") });
    if (!made)
        return;
    QFile cert(path("server.pem"));
    QFile key(path("server.key"));
    if (!cert.open(QIODevice::ReadOnly) || !key.open(QIODevice::ReadOnly)) {
        m_error = QStringLiteral("cannot read the generated certificate");
        return;
    }
    m_cert = QSslCertificate(cert.readAll(), QSsl::Pem);
    m_key = QSslKey(key.readAll(), QSsl::Ec, QSsl::Pem);
    if (m_cert.isNull() || m_key.isNull())
        m_error = QStringLiteral("the generated certificate or key does not parse");
}

bool TestCertificates::run(const QStringList &arguments)
{
    QProcess openssl;
    openssl.start(QStringLiteral("openssl"), arguments);
    if (!openssl.waitForFinished(30000) || openssl.exitStatus() != QProcess::NormalExit || openssl.exitCode() != 0) {
        m_error = QStringLiteral("openssl %1 failed: %2")
                      .arg(arguments.first(), QString::fromLocal8Bit(openssl.readAllStandardError()));
        return false;
    }
    return true;
}

TlsProxy::TlsProxy(const TestCertificates &certificates, quint16 backendPort, QObject *parent)
    : QObject(parent)
    , m_backendPort(backendPort)
{
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setLocalCertificate(certificates.serverCertificate());
    tls.setPrivateKey(certificates.serverKey());
    tls.setPeerVerifyMode(QSslSocket::VerifyNone); // the server does not ask clients for certificates
    m_server.setSslConfiguration(tls);
    connect(&m_server, &QSslServer::pendingConnectionAvailable, this, &TlsProxy::accept);
}

bool TlsProxy::listen()
{
    return m_server.listen(QHostAddress::LocalHost, 0);
}

void TlsProxy::accept()
{
    while (m_server.hasPendingConnections()) {
        auto *client = qobject_cast<QSslSocket *>(m_server.nextPendingConnection());
        if (!client)
            continue;
        client->setParent(this);
        auto *backend = new QTcpSocket(client);
        backend->connectToHost(QHostAddress::LocalHost, m_backendPort);
        connect(client, &QSslSocket::readyRead, backend, [client, backend] { backend->write(client->readAll()); });
        connect(backend, &QTcpSocket::readyRead, client, [client, backend] { client->write(backend->readAll()); });
        connect(backend, &QTcpSocket::disconnected, client, [client] { client->disconnectFromHost(); });
        connect(client, &QSslSocket::disconnected, client, &QObject::deleteLater);
    }
}

} // namespace Keydesk::Test
