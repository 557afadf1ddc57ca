#pragma once

#include "core/domain/DigitalKey.h"

#include <QJsonObject>

namespace Keydesk::Ui::KeyRowJson {

// The key's two JSON shapes: the change feed's cached row (instants as unix ms, windows_json as text) and the
// /v1 request body (ISO instants, windows as an array: [{"days": [1..7], "start": "HH:mm", "end": "HH:mm"}]).

/// A cached "keys" row as a DigitalKey (the group id stands in as the lock/user for group keys).
Core::DigitalKey fromFeedRow(const QString &id, const QJsonObject &data);
/// The POST /v1/keys body for a key the key dialog produced (lock_id or lock_group_id, user_id, ...).
QJsonObject createBody(const Core::DigitalKey &key, bool lockIsGroup, const QString &notify);
/// The PATCH /v1/keys/{id} changes from `before` to `after` (only the fields that differ; empty when none).
QJsonObject editChanges(const Core::DigitalKey &before, const Core::DigitalKey &after);

} // namespace Keydesk::Ui::KeyRowJson
