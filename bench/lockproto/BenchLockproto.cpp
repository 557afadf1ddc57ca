// bench_lockproto: operations per second of the lock protocol, next to the raw OpenSSL HMAC-SHA256 and
// AES-256-GCM rates measured in the same run (the ratio is the figure: protocol overhead over the primitives).
#include "core/domain/Clock.h"
#include "core/lockproto/Commands.h"
#include "core/lockproto/OfflineCredential.h"
#include "core/lockproto/VirtualLock.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTemporaryDir>

#include <openssl/core_names.h>
#include <openssl/evp.h>

#include <cstdio>
#include <functional>

using namespace Keydesk::Core;

namespace {

struct Figure
{
    const char *name;
    double opsPerSecond;
};

/// Runs `op` in batches until `seconds` have passed; returns operations per second.
double measure(const std::function<bool()> &op, double seconds)
{
    int batch = 16;
    qint64 done = 0;
    QElapsedTimer timer;
    timer.start();
    while (timer.nsecsElapsed() < qint64(seconds * 1e9)) {
        for (int i = 0; i < batch; ++i) {
            if (!op()) {
                std::fprintf(stderr, "operation failed\n");
                return 0;
            }
        }
        done += batch;
        batch = std::min(batch * 2, 4096);
    }
    return double(done) / (double(timer.nsecsElapsed()) / 1e9);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const double seconds = argc > 1 ? QByteArray(argv[1]).toDouble() : 1.0;

    const LockSecret secret = *LockSecret::generate();
    const MacAddress mac = *MacAddress::parse(QStringLiteral("AA:BB:CC:DD:EE:FF"));
    const LockKeys keys = *LockKeys::derive(secret, mac);
    const Session session = *Session::make(1);
    const qint64 now = QDateTime::currentSecsSinceEpoch();

    OnlineCommand command;
    command.serverTime = now;
    command.expiresAt = now + 60;
    command.keyId = 12345;
    command.trackingKey = QStringLiteral("tenant-0001@example.com");
    command.revocation = { 4, 1, { 7, 8, 9 } };
    OfflineGrant grant;
    grant.keyId = 777;
    grant.trackingKey = command.trackingKey;
    grant.notBefore = now - 3600;
    grant.notAfter = now + 3600;
    grant.windows = { { now - 600, now + 600 } };
    grant.epoch = 1;
    grant.revocation = command.revocation;
    const OfflineCredential credential = *issueOfflineCredential(keys, mac, grant);
    const QString proof = *makeOfflineProof(credential.offlineKeyHex, credential.unlockCommandHex, session);
    const QString sealedCommand = *sealCommand(keys, mac, session, command);

    // Raw OpenSSL, the same sizes the protocol uses: HMAC over a 128-byte message, GCM sealing 128 bytes
    // with 40 bytes of associated data. Contexts reused, as a tight C loop would.
    const QByteArray key(32, '\x5a'), message(128, '\x01'), aad(40, '\x02'), iv(12, '\x03');
    EVP_MAC *hmac = EVP_MAC_fetch(nullptr, "HMAC", nullptr);
    EVP_MAC_CTX *macCtx = EVP_MAC_CTX_new(hmac);
    char digest[] = "SHA256";
    OSSL_PARAM params[]
        = { OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest, 0), OSSL_PARAM_construct_end() };
    const auto *k = reinterpret_cast<const unsigned char *>(key.constData());
    const auto *m = reinterpret_cast<const unsigned char *>(message.constData());
    unsigned char out[256];
    const double rawHmac = measure(
        [&] {
            size_t len = 0;
            return EVP_MAC_init(macCtx, k, 32, params) == 1 && EVP_MAC_update(macCtx, m, 128) == 1
                && EVP_MAC_final(macCtx, out, &len, sizeof out) == 1;
        },
        seconds);
    EVP_CIPHER *gcm = EVP_CIPHER_fetch(nullptr, "AES-256-GCM", nullptr);
    EVP_CIPHER_CTX *cipherCtx = EVP_CIPHER_CTX_new();
    const double rawGcm = measure(
        [&] {
            int len = 0;
            return EVP_EncryptInit_ex2(cipherCtx, gcm, k, reinterpret_cast<const unsigned char *>(iv.constData()),
                                       nullptr)
                == 1
                && EVP_EncryptUpdate(cipherCtx, nullptr, &len, reinterpret_cast<const unsigned char *>(aad.constData()),
                                     40)
                == 1
                && EVP_EncryptUpdate(cipherCtx, out, &len, m, 128) == 1
                && EVP_EncryptFinal_ex(cipherCtx, out + len, &len) == 1
                && EVP_CIPHER_CTX_ctrl(cipherCtx, EVP_CTRL_GCM_GET_TAG, 16, out + 200) == 1;
        },
        seconds);
    EVP_CIPHER_CTX_free(cipherCtx);
    EVP_CIPHER_free(gcm);
    EVP_MAC_CTX_free(macCtx);
    EVP_MAC_free(hmac);

    QTemporaryDir dir;
    FakeClock clock(QDateTime::fromSecsSinceEpoch(now, Qt::UTC));
    auto lock = *VirtualLock::create(dir.filePath(QStringLiteral("lock.json")), mac, secret, clock);
    {
        const Session s = *lock.newSession();
        lock.applyCommand(*sealCommand(secret, mac, s, command)); // sets the lock clock
    }

    const Figure figures[] = {
        { "raw OpenSSL HMAC-SHA256 (128 B)", rawHmac },
        { "raw OpenSSL AES-256-GCM seal (128 B + 40 B AAD)", rawGcm },
        { "sealCommand, sub-keys cached (LockKeys)",
          measure([&] { return sealCommand(keys, mac, session, command).ok(); }, seconds) },
        { "sealCommand from the secret (derives sub-keys)",
          measure([&] { return sealCommand(secret, mac, session, command).ok(); }, seconds) },
        { "issueOfflineCredential, sub-keys cached",
          measure([&] { return issueOfflineCredential(keys, mac, grant).ok(); }, seconds) },
        { "issueOfflineCredential from the secret",
          measure([&] { return issueOfflineCredential(secret, mac, grant).ok(); }, seconds) },
        { "lock: verifyOfflineProof",
          measure([&] { return verifyOfflineProof(keys, mac, session, proof).ok(); }, seconds) },
        { "lock: openCommand", measure([&] { return openCommand(keys, mac, session, sealedCommand).ok(); }, seconds) },
        { "server: decodeLockResponse",
          measure(
              [&] {
                  static const QString entry = [&] {
                      LockLogEntry e;
                      e.seq = 1;
                      e.event = LockEvent::Unlocked;
                      e.exactTime = true;
                      e.rangeStart = e.rangeEnd = now;
                      return *encodeLockResponse(keys, mac, e);
                  }();
                  return decodeLockResponse(keys, mac, entry).ok();
              },
              seconds) },
        { "VirtualLock offline open incl. state file write",
          measure(
              [&] {
                  const Session s = *lock.newSession();
                  return lock
                      .applyOfflineProof(*makeOfflineProof(credential.offlineKeyHex, credential.unlockCommandHex, s))
                      .opened();
              },
              seconds) },
    };

#ifdef NDEBUG
    const char *build = "Release (NDEBUG)";
#else
    const char *build = "Debug";
#endif
    std::printf("bench_lockproto — %s build of keydesk_lockproto, system OpenSSL %s, %.1f s per figure\n", build,
                OpenSSL_version(OPENSSL_VERSION_STRING), seconds);
    std::printf("%-52s %14s %12s %12s\n", "operation", "ops/s", "vs HMAC", "vs GCM");
    for (const Figure &f : figures)
        std::printf("%-52s %14.0f %11.3fx %11.3fx\n", f.name, f.opsPerSecond, f.opsPerSecond / rawHmac,
                    f.opsPerSecond / rawGcm);
    return 0;
}
