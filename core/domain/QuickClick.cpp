#include "core/domain/QuickClick.h"

#include <QCoreApplication>

namespace Keydesk::Core {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Keydesk::Core::QuickClick", text);
}

} // namespace

Result<QString> validateQuickClickCode(const QString &code)
{
    const QString trimmed = code.trimmed();
    for (const QChar c : trimmed) {
        if (c != QLatin1Char('0') && c != QLatin1Char('1')) {
            return Error::make(QStringLiteral("qc_code_not_binary"),
                               tr("Quick-click code \"%1\" contains \"%2\". Use only 0 (short press) and 1 (long "
                                  "press).")
                                   .arg(code, QString(c)),
                               QStringLiteral("code"));
        }
    }
    if (trimmed.size() < QuickClick::kMinCodeLength) {
        return Error::make(QStringLiteral("qc_code_too_short"),
                           tr("Quick-click code \"%1\" has %2 presses. Use at least %3.")
                               .arg(code)
                               .arg(trimmed.size())
                               .arg(QuickClick::kMinCodeLength),
                           QStringLiteral("code"));
    }
    if (trimmed.size() > QuickClick::kMaxCodeLength) {
        return Error::make(QStringLiteral("qc_code_too_long"),
                           tr("Quick-click code \"%1\" has %2 presses. Use at most %3.")
                               .arg(code)
                               .arg(trimmed.size())
                               .arg(QuickClick::kMaxCodeLength),
                           QStringLiteral("code"));
    }
    return trimmed;
}

Result<int> validateQuickClickUses(int uses)
{
    if (uses < QuickClick::kMinUses || uses > QuickClick::kUnlimitedUses) {
        return Error::make(QStringLiteral("qc_uses_out_of_range"),
                           tr("%1 uses is not possible. Choose 1 to %2 uses, or %3 for unlimited.")
                               .arg(uses)
                               .arg(QuickClick::kMaxLimitedUses)
                               .arg(QuickClick::kUnlimitedUses),
                           QStringLiteral("uses"));
    }
    return uses;
}

QString describeQuickClickUses(int uses)
{
    if (uses == QuickClick::kUnlimitedUses)
        return tr("unlimited");
    // Plural forms come from the translation files; English source text needs both.
    return uses == 1 ? tr("1 use") : tr("%1 uses").arg(uses);
}

Result<void> validateQuickClickIssue(const QStringList &existingCodesOnLock, const QString &code, int uses)
{
    const Result<QString> checkedCode = validateQuickClickCode(code);
    if (!checkedCode)
        return checkedCode.error();
    const Result<int> checkedUses = validateQuickClickUses(uses);
    if (!checkedUses)
        return checkedUses.error();
    for (const QString &existing : existingCodesOnLock) {
        if (existing.trimmed() == *checkedCode) {
            return Error::make(QStringLiteral("qc_code_duplicate"),
                               tr("Quick-click code %1 is already on this lock (or its removal has not reached the "
                                  "lock yet). Choose another code.")
                                   .arg(*checkedCode),
                               QStringLiteral("code"));
        }
    }
    if (existingCodesOnLock.size() >= QuickClick::kMaxQuickClicksPerLock) {
        return Error::make(QStringLiteral("qc_lock_full"),
                           tr("This lock already holds %1 quick-click codes, the most it can store. Revoke one "
                              "first.")
                               .arg(QuickClick::kMaxQuickClicksPerLock),
                           QStringLiteral("code"));
    }
    return {};
}

} // namespace Keydesk::Core
