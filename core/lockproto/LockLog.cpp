#include "core/lockproto/LockLog.h"

#include "core/lockproto/Wire.h"

#include <array>

namespace Keydesk::Core {

namespace {

constexpr quint8 LogFormat = 1;
constexpr int BodySize = 90;
constexpr int EntrySize = BodySize + Crypto::HmacSize;

enum Flag : quint8 {
    ExactTime = 0x01,
    OpenEnd = 0x02,
    HasKeyId = 0x04,
    HasTrackingKey = 0x08,
    HasQuickClick = 0x10,
    HasBattery = 0x20,
    HasSession = 0x40,
};

constexpr std::array<const char *, 12> EventNames = {
    "alarm_triggered",
    "button_touched",
    "failed_unlock",
    "locked",
    "proximity_stats",
    "setup_unlocked",
    "start_up",
    "unknown",
    "unlock_via_access_code",
    "unlocked",
    "unlocked_via_quick_click",
    "wake_stats",
};

constexpr std::array<const char *, 19> RefusalNames = {
    "none",       "malformed",        "wrong_lock",    "wrong_session",   "no_session",
    "tampered",   "bad_command",      "expired",       "not_yet_valid",   "outside_window",
    "revoked",    "stale_revocation", "one_time_used", "clock_rollback",  "clock_unset",
    "wrong_code", "backoff",          "one_time_full", "storage_failure",
};

QByteArray tagInput(const MacAddress &mac, const QByteArray &body)
{
    return QByteArray("KDLG") + mac.toBytes() + body;
}

Error malformed(const QString &what)
{
    return Error::make(QStringLiteral("malformed"),
                       QStringLiteral("Not a lock response of this protocol version: %1.").arg(what));
}

} // namespace

QString lockEventName(LockEvent event)
{
    const int index = int(event) - 1;
    if (index < 0 || index >= int(EventNames.size()))
        return QStringLiteral("unknown");
    return QLatin1String(EventNames[size_t(index)]);
}

std::optional<LockEvent> lockEventFromName(const QString &name)
{
    for (size_t i = 0; i < EventNames.size(); ++i) {
        if (name == QLatin1String(EventNames[i]))
            return LockEvent(i + 1);
    }
    return std::nullopt;
}

QString refusalName(Refusal refusal)
{
    const auto index = size_t(refusal);
    return index < RefusalNames.size() ? QString(QLatin1String(RefusalNames[index])) : QStringLiteral("unknown");
}

Result<QString> encodeLockResponse(const LockKeys &keys, const MacAddress &mac, const LockLogEntry &entry)
{
    const auto fixed
        = [](const QByteArray &value, int size) { return value.isEmpty() ? QByteArray(size, '\0') : value; };
    if ((!entry.trackingKeyHash.isEmpty() && entry.trackingKeyHash.size() != 16)
        || (!entry.quickClickId.isEmpty() && entry.quickClickId.size() != 16)
        || (!entry.session.isEmpty() && entry.session.size() != 20) || entry.batteryMv > 0xFFFF)
        return Error::make(QStringLiteral("bad_entry"), QStringLiteral("A log entry field has the wrong size."));
    quint8 flags = 0;
    flags |= entry.exactTime ? ExactTime : 0;
    flags |= (!entry.exactTime && entry.rangeEnd == 0) ? OpenEnd : 0;
    flags |= entry.keyId != 0 ? HasKeyId : 0;
    flags |= !entry.trackingKeyHash.isEmpty() ? HasTrackingKey : 0;
    flags |= !entry.quickClickId.isEmpty() ? HasQuickClick : 0;
    flags |= entry.batteryMv >= 0 ? HasBattery : 0;
    flags |= !entry.session.isEmpty() ? HasSession : 0;
    Wire::Writer w;
    w.u8(LogFormat);
    w.u32(entry.seq);
    w.u8(quint8(entry.event));
    w.u8(entry.detail);
    w.u8(flags);
    w.i64(entry.rangeStart);
    w.i64(entry.exactTime ? entry.rangeStart : entry.rangeEnd);
    w.u64(entry.keyId);
    w.bytes(fixed(entry.trackingKeyHash, 16));
    w.bytes(fixed(entry.quickClickId, 16));
    w.u16(entry.batteryMv >= 0 ? quint16(entry.batteryMv) : 0);
    w.u32(entry.revocationVersion);
    w.bytes(fixed(entry.session, 20));
    Q_ASSERT(w.data().size() == BodySize);
    auto tag = Crypto::hmacSha256(keys.log, tagInput(mac, w.data()));
    if (!tag)
        return tag.error();
    w.bytes(*tag);
    return Wire::toHex(w.data());
}

Result<LockLogEntry> decodeLockResponse(const LockKeys &keys, const MacAddress &mac, const QString &hex)
{
    bool ok = false;
    const QByteArray bytes = Wire::fromHex(hex.trimmed(), &ok);
    if (!ok || bytes.size() != EntrySize)
        return malformed(QStringLiteral("expected %1 hex characters").arg(EntrySize * 2));
    const QByteArray body = bytes.left(BodySize);
    auto expected = Crypto::hmacSha256(keys.log, tagInput(mac, body));
    if (!expected)
        return expected.error();
    // Authenticate before parsing anything: a forged entry must not reach the parser's decisions.
    if (!Crypto::constantTimeEquals(*expected, bytes.right(Crypto::HmacSize)))
        return Error::make(QStringLiteral("tampered"),
                           QStringLiteral("The lock response is not authentic for lock %1: forged, altered, or from "
                                          "another lock.")
                               .arg(mac.toString()));
    Wire::Reader r(body);
    if (r.u8() != LogFormat)
        return malformed(QStringLiteral("unknown format version"));
    LockLogEntry entry;
    entry.seq = r.u32();
    const quint8 event = r.u8();
    if (event < 1 || event > EventNames.size())
        return malformed(QStringLiteral("unknown event %1").arg(event));
    entry.event = LockEvent(event);
    entry.detail = r.u8();
    const quint8 flags = r.u8();
    entry.exactTime = (flags & ExactTime) != 0;
    entry.rangeStart = r.i64();
    entry.rangeEnd = r.i64();
    entry.keyId = r.u64();
    const QByteArray trackingKeyHash = r.bytes(16);
    const QByteArray quickClick = r.bytes(16);
    const quint16 battery = r.u16();
    entry.revocationVersion = r.u32();
    const QByteArray session = r.bytes(20);
    if (r.failed() || !r.atEnd())
        return malformed(QStringLiteral("length mismatch"));
    if ((flags & HasTrackingKey) != 0)
        entry.trackingKeyHash = trackingKeyHash;
    if ((flags & HasQuickClick) != 0)
        entry.quickClickId = quickClick;
    if ((flags & HasSession) != 0)
        entry.session = session;
    entry.batteryMv = (flags & HasBattery) != 0 ? int(battery) : -1;
    return entry;
}

Result<LockLogEntry> decodeLockResponse(const LockSecret &secret, const MacAddress &mac, const QString &hex)
{
    auto keys = LockKeys::derive(secret, mac);
    if (!keys)
        return keys.error();
    return decodeLockResponse(*keys, mac, hex);
}

} // namespace Keydesk::Core
