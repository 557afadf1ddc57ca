#include "tests/support/TestPaths.h"

#include <QCoreApplication>
#include <QDir>

namespace Keydesk::Test {

QString binaryPath(const QString &name)
{
    QString dir = qEnvironmentVariable("KEYDESK_BIN_DIR");
    if (dir.isEmpty())
        dir = QCoreApplication::applicationDirPath();
    return QDir(dir).filePath(name);
}

QString sourcePath(const QString &relative)
{
    return QDir(qEnvironmentVariable("KEYDESK_SOURCE_DIR", QStringLiteral(KEYDESK_SOURCE_DIR))).filePath(relative);
}

} // namespace Keydesk::Test
