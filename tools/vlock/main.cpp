// keydesk-vlock: the virtual lock (and phone) for tests, demos and benchmarks. See VlockCli.h.
#include "tools/vlock/VlockCli.h"

#include <QCoreApplication>
#include <QJsonDocument>

#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("keydesk-vlock"));
    const Keydesk::Tools::VlockResult result = Keydesk::Tools::runVlock(app.arguments().mid(1));
    const QByteArray json = QJsonDocument(result.output).toJson(QJsonDocument::Compact);
    std::fwrite(json.constData(), 1, size_t(json.size()), stdout);
    std::fputc('\n', stdout);
    if (result.exitCode == Keydesk::Tools::ExitUsage)
        std::fputs(qPrintable(Keydesk::Tools::vlockUsage()), stderr);
    return result.exitCode;
}
