#pragma once

#include "core/domain/Clock.h" // FakeClock, for tests that move time

#include <QSqlDatabase>
#include <QString>
#include <QTemporaryDir>

namespace Keydesk::Test {

/// A fresh SQLite file in its own temporary directory, removed with the fixture.
class TempDatabase final
{
public:
    TempDatabase();
    ~TempDatabase();
    TempDatabase(const TempDatabase &) = delete;
    TempDatabase &operator=(const TempDatabase &) = delete;

    bool isValid() const { return m_dir.isValid(); }
    QString path() const { return m_path; }
    QString dirPath() const { return m_dir.path(); }
    /// An open connection to the file, unique to this fixture.
    QSqlDatabase database();

private:
    QTemporaryDir m_dir;
    QString m_path;
    QString m_connection;
};

using Core::FakeClock;

} // namespace Keydesk::Test
