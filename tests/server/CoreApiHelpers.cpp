#include "tests/server/CoreApiHelpers.h"

#include "server/store/Companies.h"

#include <QDateTime>

namespace Keydesk::Test {

std::optional<TestLock> addTestLock(ServerFixture &fixture, const QString &mac, const QString &serial,
                                    const QString &name)
{
    auto parsed = Core::MacAddress::parse(mac);
    if (!parsed)
        return std::nullopt;
    Server::NewLock lock;
    lock.companyId = fixture.company().companyId;
    lock.facilityId = fixture.company().facilityId;
    lock.mac = parsed.value();
    lock.serial
        = serial.isEmpty() ? QStringLiteral("SN-") + parsed.value().toString().remove(QLatin1Char(':')) : serial;
    lock.name = name.isEmpty() ? parsed.value().toString() : name;
    lock.hwVersion = QStringLiteral("3p");
    lock.fwVersion = QStringLiteral("2.10");
    lock.createdBy = QStringLiteral("J Doe");
    auto added = Server::LockRepository(fixture.db())
                     .add(lock, fixture.server().context().kek, fixture.clock().now().toMSecsSinceEpoch());
    if (!added) {
        qWarning() << added.error().message;
        return std::nullopt;
    }
    const QString path = fixture.dirPath() + QStringLiteral("/vlock-") + lock.serial + QStringLiteral(".json");
    auto vlock = Core::VirtualLock::create(path, parsed.value(), added.value().second, fixture.clock());
    if (!vlock) {
        qWarning() << vlock.error().message;
        return std::nullopt;
    }
    TestLock test;
    test.record = added.value().first;
    test.vlock = std::make_unique<Core::VirtualLock>(std::move(vlock).value());
    return test;
}

QString addUserWithKey(ServerFixture &fixture, const TestLock &lock, const QString &trackingKey,
                       Core::Restriction restriction, const QList<Core::AccessWindow> &windows, const QString &status)
{
    Server::AccessRepository access(fixture.db());
    const qint64 now = fixture.clock().now().toMSecsSinceEpoch();
    QString userId;
    if (auto existing = access.userByTrackingKey(fixture.company().companyId, trackingKey)) {
        userId = existing->id;
    } else {
        Server::NewUser user;
        user.facilityId = fixture.company().facilityId;
        user.name = trackingKey;
        user.trackingKey = trackingKey;
        user.status = status;
        auto inserted = access.insertUser(user, now);
        if (!inserted) {
            qWarning() << inserted.error().message;
            return {};
        }
        userId = inserted.value();
    }
    Server::NewGrant grant;
    grant.facilityId = fixture.company().facilityId;
    grant.lockId = lock.record.id;
    grant.userId = userId;
    grant.description = QStringLiteral("key of ") + trackingKey;
    grant.validFrom = fixture.clock().now().addDays(-1);
    grant.restriction = restriction;
    grant.windows = windows;
    auto key = access.insertGrant(grant, now);
    if (!key) {
        qWarning() << key.error().message;
        return {};
    }
    return userId;
}

Core::LockOutcome onlineCommand(ServerFixture &fixture, TestLock &lock, const QString &trackingKey,
                                const QString &endpoint, QJsonObject *replyOut)
{
    Core::LockOutcome outcome;
    auto session = lock.vlock->newSession();
    if (!session) {
        outcome.message = session.error().message;
        return outcome;
    }
    QJsonObject body { { QStringLiteral("mac"), lock.mac() }, { QStringLiteral("session"), session.value().toHex() } };
    if (!trackingKey.isEmpty())
        body.insert(QStringLiteral("tracking_key"), trackingKey);
    auto client = fixture.companyClient();
    const HttpReply reply = client->post(QStringLiteral("/%1/").arg(endpoint), body);
    if (replyOut)
        *replyOut = reply.json();
    const QString commands = dataObject(reply).value(QStringLiteral("commands")).toString();
    if (reply.status != 200 || commands.isEmpty()) {
        outcome.refusal = Core::Refusal::Malformed;
        outcome.message = QString::fromUtf8(reply.body);
        return outcome;
    }
    return lock.vlock->applyCommand(commands);
}

HttpReply uploadResponses(ServerFixture &fixture, TestLock &lock, const QStringList &responses)
{
    auto client = fixture.mobileClient();
    const QJsonObject body {
        { QStringLiteral("logs"),
          QJsonArray { QJsonObject { { QStringLiteral("session"), lock.vlock->currentSession().toHex() },
                                     { QStringLiteral("mac"), lock.mac() },
                                     { QStringLiteral("received_time"), fixture.clock().now().toSecsSinceEpoch() },
                                     { QStringLiteral("responses"), QJsonArray::fromStringList(responses) } } } }
    };
    return client->post(QStringLiteral("/upload/"), body);
}

} // namespace Keydesk::Test
