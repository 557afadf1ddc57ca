#pragma once

#include <QHostAddress>
#include <QObject>
#include <QSslCertificate>
#include <QSslKey>
#include <QSslServer>
#include <QTemporaryDir>

namespace Keydesk::Test {

/// A CA and a server certificate for "localhost"/127.0.0.1 signed by it, made with the openssl command line.
class TestCertificates final
{
public:
    TestCertificates();
    bool ok() const { return m_error.isEmpty(); }
    QString error() const { return m_error; }
    QString caPath() const { return m_dir.filePath(QStringLiteral("ca.pem")); }
    QString otherCaPath() const { return m_dir.filePath(QStringLiteral("other-ca.pem")); }
    QSslCertificate serverCertificate() const { return m_cert; }
    QSslKey serverKey() const { return m_key; }

private:
    bool run(const QStringList &arguments);
    QTemporaryDir m_dir;
    QSslCertificate m_cert;
    QSslKey m_key;
    QString m_error;
};

/// A tiny TLS-terminating proxy in front of the plain-HTTP server: accepts TLS on a free loopback port and
/// pipes the bytes to the backend port.
class TlsProxy final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TlsProxy)

public:
    TlsProxy(const TestCertificates &certificates, quint16 backendPort, QObject *parent = nullptr);
    bool listen();
    quint16 port() const { return m_server.serverPort(); }

private:
    void accept();
    QSslServer m_server;
    quint16 m_backendPort;
};

} // namespace Keydesk::Test
