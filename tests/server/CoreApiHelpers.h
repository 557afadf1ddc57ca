#pragma once

#include "core/lockproto/VirtualLock.h"
#include "server/store/AccessRepository.h"
#include "server/store/LockRepository.h"
#include "tests/server/ServerFixture.h"

#include <QJsonArray>
#include <QJsonObject>

#include <memory>
#include <optional>

namespace Keydesk::Test {

/// A lock registered in the fixture's database together with the VirtualLock that plays it (same secret,
/// same fake clock).
struct TestLock
{
    Server::LockRecord record;
    std::unique_ptr<Core::VirtualLock> vlock;

    QString mac() const { return record.mac.toString(); }
};

/// Registers a lock as `keydesk-server lock add` does and creates its VirtualLock state in the fixture dir.
std::optional<TestLock> addTestLock(ServerFixture &fixture, const QString &mac, const QString &serial = {},
                                    const QString &name = {});

/// Inserts an active tenant with a key on the lock: valid from a day ago, open-ended, no restriction.
QString addUserWithKey(ServerFixture &fixture, const TestLock &lock, const QString &trackingKey,
                       Core::Restriction restriction = Core::Restriction::None,
                       const QList<Core::AccessWindow> &windows = {}, const QString &status = QStringLiteral("active"));

/// The phone's online flow: session from the lock, POST /<endpoint>/, apply on the lock. Returns the outcome
/// (refusal Malformed with the server's message when the server did not answer with commands).
Core::LockOutcome onlineCommand(ServerFixture &fixture, TestLock &lock, const QString &trackingKey = {},
                                const QString &endpoint = QStringLiteral("unlock"), QJsonObject *reply = nullptr);

/// POST /upload/ with the lock's pending responses (mobile key). Returns the reply.
HttpReply uploadResponses(ServerFixture &fixture, TestLock &lock, const QStringList &responses);

/// The `data` array/object of a reply.
inline QJsonObject dataObject(const HttpReply &reply)
{
    return reply.json().value(QStringLiteral("data")).toObject();
}
inline QJsonArray dataArray(const HttpReply &reply)
{
    return reply.json().value(QStringLiteral("data")).toArray();
}
inline int errorCode(const HttpReply &reply)
{
    return reply.json().value(QStringLiteral("error_code")).toInt(-1);
}

} // namespace Keydesk::Test
