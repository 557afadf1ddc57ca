#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace Keydesk::Core::CacheSchema {

/// How a change-feed entity is mirrored: its table (named like the entity) keeps the full JSON in `data` plus
/// these columns copied out of it, which the views filter and sort on.
struct EntityTable
{
    QString entity;
    QStringList columns;
};

/// A secondary index on an entity table. Built after a bulk load (a full sync drops them first).
struct SecondaryIndex
{
    QString name;
    QString sql; ///< CREATE INDEX IF NOT EXISTS ...
};

/// One numbered, one-way migration. The cache's PRAGMA user_version is the number of the last one applied.
struct Migration
{
    int version;
    QString sql; ///< statements separated by ";\n"
};

const QList<EntityTable> &entityTables();
/// Null when the feed sends an entity this version does not mirror.
const EntityTable *findEntity(const QString &entity);
const QList<SecondaryIndex> &secondaryIndexes();
const QList<Migration> &migrations();
int latestVersion();

} // namespace Keydesk::Core::CacheSchema
