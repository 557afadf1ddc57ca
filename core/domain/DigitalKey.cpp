#include "core/domain/DigitalKey.h"

#include <QCoreApplication>

#include <algorithm>
#include <array>
#include <utility>

namespace Keydesk::Core {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Keydesk::Core::DigitalKey", text);
}

template <typename Enum, std::size_t N>
Result<Enum> parseEnum(const std::array<std::pair<Enum, const char *>, N> &table, const QString &text,
                       const QString &what, const QString &code)
{
    QStringList accepted;
    for (const auto &[value, name] : table) {
        if (text == QLatin1String(name))
            return value;
        accepted.append(QLatin1String(name));
    }
    return Error::make(
        code, tr("Unknown %1 \"%2\". Use one of: %3.").arg(what, text, accepted.join(QStringLiteral(", "))), what);
}

constexpr std::array<std::pair<KeyRole, const char *>, 2> kRoles { { { KeyRole::User, "USER" },
                                                                     { KeyRole::Admin, "ADMIN" } } };
constexpr std::array<std::pair<Restriction, const char *>, 3> kRestrictions {
    { { Restriction::None, "none" }, { Restriction::OneTime, "one_time" }, { Restriction::Scheduled, "scheduled" } }
};
constexpr std::array<std::pair<KeyStatus, const char *>, 4> kStatuses { { { KeyStatus::Upcoming, "UPCOMING" },
                                                                          { KeyStatus::Active, "ACTIVE" },
                                                                          { KeyStatus::Expired, "EXPIRED" },
                                                                          { KeyStatus::Revoked, "REVOKED" } } };

template <typename Enum, std::size_t N>
QString nameOf(const std::array<std::pair<Enum, const char *>, N> &table, Enum value)
{
    for (const auto &[v, name] : table) {
        if (v == value)
            return QLatin1String(name);
    }
    return {};
}

bool isUsedOneTime(const DigitalKey &key, const QDateTime &at)
{
    return key.restriction == Restriction::OneTime && key.usedAt.isValid() && key.usedAt <= at;
}

} // namespace

QString toString(KeyRole role)
{
    return nameOf(kRoles, role);
}

QString toString(Restriction restriction)
{
    return nameOf(kRestrictions, restriction);
}

QString toString(KeyStatus status)
{
    return nameOf(kStatuses, status);
}

Result<KeyRole> keyRoleFromString(const QString &text)
{
    return parseEnum(kRoles, text, QStringLiteral("role"), QStringLiteral("invalid_key_role"));
}

Result<Restriction> restrictionFromString(const QString &text)
{
    return parseEnum(kRestrictions, text, QStringLiteral("restriction"), QStringLiteral("invalid_restriction"));
}

Result<KeyStatus> keyStatusFromString(const QString &text)
{
    return parseEnum(kStatuses, text, QStringLiteral("status"), QStringLiteral("invalid_key_status"));
}

KeyStatus keyStatus(const DigitalKey &key, const QDateTime &at)
{
    if (key.revokedAt.isValid() && key.revokedAt <= at)
        return KeyStatus::Revoked;
    if (isUsedOneTime(key, at))
        return KeyStatus::Expired;
    if (key.validTo.isValid() && key.validTo <= at)
        return KeyStatus::Expired;
    if (key.validFrom.isValid() && at < key.validFrom)
        return KeyStatus::Upcoming;
    return KeyStatus::Active;
}

QDateTime nextStatusChange(const DigitalKey &key, const QDateTime &at)
{
    // The status is constant between these instants, so the first one after `at` where it differs is the
    // answer.
    std::array<QDateTime, 4> candidates { key.validFrom, key.validTo,
                                          key.restriction == Restriction::OneTime ? key.usedAt : QDateTime(),
                                          key.revokedAt };
    std::sort(candidates.begin(), candidates.end(), [](const QDateTime &a, const QDateTime &b) {
        if (a.isValid() != b.isValid())
            return a.isValid();
        return a < b;
    });
    const KeyStatus now = keyStatus(key, at);
    for (const QDateTime &c : candidates) {
        if (c.isValid() && c > at && keyStatus(key, c) != now)
            return c;
    }
    return {};
}

bool canOpenAt(const DigitalKey &key, const FacilityZone &zone, const QDateTime &at)
{
    if (keyStatus(key, at) != KeyStatus::Active)
        return false;
    if (key.restriction == Restriction::Scheduled)
        return insideWindows(key.windows, zone, at);
    return true;
}

QDateTime nextOpenChange(const DigitalKey &key, const FacilityZone &zone, const QDateTime &at)
{
    if (!at.isValid())
        return {};
    const bool open = canOpenAt(key, zone, at);
    QDateTime t = at;
    // Each step lands on a status change or a change of "inside a window"; the latter always flips the
    // answer while ACTIVE, so this ends within a handful of steps. The bound guards against bad data only.
    for (int step = 0; step < 16; ++step) {
        QDateTime candidate = nextStatusChange(key, t);
        const KeyStatus status = keyStatus(key, t);
        if (status == KeyStatus::Revoked || (status == KeyStatus::Expired && !candidate.isValid()))
            return {};
        if (status == KeyStatus::Active && key.restriction == Restriction::Scheduled) {
            const QDateTime windowChange = nextWindowChange(key.windows, zone, t);
            if (windowChange.isValid() && (!candidate.isValid() || windowChange < candidate))
                candidate = windowChange;
        }
        if (!candidate.isValid())
            return {};
        if (canOpenAt(key, zone, candidate) != open)
            return candidate;
        t = candidate;
    }
    return {};
}

Result<void> validateKey(const DigitalKey &key)
{
    if (key.lockId.trimmed().isEmpty()) {
        return Error::make(QStringLiteral("key_no_lock"), tr("The key has no lock. Choose the lock it opens."),
                           QStringLiteral("lock"));
    }
    if (key.userId.trimmed().isEmpty()) {
        return Error::make(QStringLiteral("key_no_user"), tr("The key has no user. Choose who receives it."),
                           QStringLiteral("user"));
    }
    if (!key.validFrom.isValid()) {
        return Error::make(QStringLiteral("key_no_start"),
                           tr("The key has no start date and time. Enter when it becomes valid."),
                           QStringLiteral("valid_from"));
    }
    if (key.validTo.isValid() && key.validTo <= key.validFrom) {
        return Error::make(QStringLiteral("key_range_empty"),
                           tr("The key ends before or when it starts. Choose an end after the start, or leave the "
                              "end empty for a key without end."),
                           QStringLiteral("valid_to"));
    }
    if (key.restriction == Restriction::Scheduled) {
        if (key.windows.isEmpty()) {
            return Error::make(QStringLiteral("key_no_windows"),
                               tr("A scheduled key needs at least one weekly window. Add a window, or choose no "
                                  "time restriction."),
                               QStringLiteral("windows"));
        }
        return validateWindows(key.windows);
    }
    if (!key.windows.isEmpty()) {
        return Error::make(QStringLiteral("key_windows_not_scheduled"),
                           tr("Only scheduled keys have weekly windows. Choose the \"scheduled\" restriction or "
                              "remove the windows."),
                           QStringLiteral("windows"));
    }
    if (key.usedAt.isValid() && key.restriction != Restriction::OneTime) {
        return Error::make(QStringLiteral("key_used_not_one_time"), tr("Only one-time keys can be marked as used."),
                           QStringLiteral("used_at"));
    }
    return {};
}

} // namespace Keydesk::Core
