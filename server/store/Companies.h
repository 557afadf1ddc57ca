#pragma once

#include "core/domain/Result.h"
#include "server/store/Database.h"

#include <QString>

#include <optional>

namespace Keydesk::Server {

/// A company as `init` creates it, with its API keys in clear text (they are shown once, then only hashes remain).
struct NewCompany
{
    QString companyId;
    QString facilityId;
    QString companyApiKey;
    QString mobileApiKey;
};

/// The company/facility pair a server serves by default.
struct CompanyFacility
{
    QString companyId;
    QString facilityId;
    QString timezone;
};

/// Companies and their API keys.
class CompanyRepository final
{
public:
    explicit CompanyRepository(Database &db)
        : m_db(db)
    { }

    /// Creates a company with one facility in `timezone` and fresh API keys (stored hashed).
    Core::Result<NewCompany> create(const QString &name, const QString &timezone, qint64 nowMs);
    /// The company whose company (Core API) key this is.
    std::optional<QString> companyForApiKey(const QString &apiKey) const;
    /// The company whose mobile key this is (only /upload/ takes it).
    std::optional<QString> companyForMobileKey(const QString &mobileKey) const;
    /// The first company and its first facility (the single-site default).
    Core::Result<CompanyFacility> defaultCompany() const;
    /// The first facility of a company.
    Core::Result<CompanyFacility> facilityOf(const QString &companyId) const;

private:
    Database &m_db;
};

/// A fresh random uuid without braces, the id format of every table.
QString newId();

} // namespace Keydesk::Server
