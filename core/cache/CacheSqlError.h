#pragma once

#include "core/domain/Result.h"

#include <QObject>
#include <QSqlError>
#include <QString>

namespace Keydesk::Core {

/// A failed statement of the local cache, worded for a person ("The local cache failed to read base rows: ...").
inline Error cacheSqlError(const QString &what, const QSqlError &error)
{
    return Error::make(QStringLiteral("cache_sql"),
                       QObject::tr("The local cache failed to %1: %2").arg(what, error.text()));
}

} // namespace Keydesk::Core
