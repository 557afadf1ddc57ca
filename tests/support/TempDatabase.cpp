#include "tests/support/TempDatabase.h"

#include <QUuid>

namespace Keydesk::Test {

TempDatabase::TempDatabase()
    : m_path(m_dir.filePath(QStringLiteral("test.sqlite")))
    , m_connection(QStringLiteral("tempdb-") + QUuid::createUuid().toString(QUuid::WithoutBraces))
{ }

TempDatabase::~TempDatabase()
{
    if (QSqlDatabase::contains(m_connection)) {
        QSqlDatabase::database(m_connection, false).close();
        QSqlDatabase::removeDatabase(m_connection);
    }
}

QSqlDatabase TempDatabase::database()
{
    if (!QSqlDatabase::contains(m_connection)) {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connection);
        db.setDatabaseName(m_path);
        db.open();
    }
    return QSqlDatabase::database(m_connection);
}

} // namespace Keydesk::Test
