#include "server/store/Companies.h"

#include "server/store/KeyEncryptionKey.h"

#include <QUuid>

namespace Keydesk::Server {

using Core::Error;
using Core::Result;

QString newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

Result<NewCompany> CompanyRepository::create(const QString &name, const QString &timezone, qint64 nowMs)
{
    NewCompany company { newId(), newId(), ApiKeys::generate(QStringLiteral("kd_company_")),
                         ApiKeys::generate(QStringLiteral("kd_mobile_")) };
    WriteTransaction tx(m_db);
    if (!tx.isActive())
        return tx.error();
    if (auto r = m_db.exec(QStringLiteral("INSERT INTO companies(id, name, company_api_key_hash, mobile_api_key_hash, "
                                          "created_at) VALUES (?, ?, ?, ?, ?)"),
                           { company.companyId, name, ApiKeys::hash(company.companyApiKey),
                             ApiKeys::hash(company.mobileApiKey), nowMs });
        !r)
        return r.error();
    if (auto r = m_db.exec(QStringLiteral("INSERT INTO facilities(id, company_id, name, timezone, created_at) VALUES "
                                          "(?, ?, ?, ?, ?)"),
                           { company.facilityId, company.companyId, name, timezone, nowMs });
        !r)
        return r.error();
    if (auto r = tx.commit(); !r)
        return r.error();
    return company;
}

std::optional<QString> CompanyRepository::companyForApiKey(const QString &apiKey) const
{
    if (apiKey.isEmpty())
        return std::nullopt;
    auto r = m_db.scalar(QStringLiteral("SELECT id FROM companies WHERE company_api_key_hash = ?"),
                         { ApiKeys::hash(apiKey) });
    if (!r || r.value().isNull())
        return std::nullopt;
    return r.value().toString();
}

std::optional<QString> CompanyRepository::companyForMobileKey(const QString &mobileKey) const
{
    if (mobileKey.isEmpty())
        return std::nullopt;
    auto r = m_db.scalar(QStringLiteral("SELECT id FROM companies WHERE mobile_api_key_hash = ?"),
                         { ApiKeys::hash(mobileKey) });
    if (!r || r.value().isNull())
        return std::nullopt;
    return r.value().toString();
}

Result<CompanyFacility> CompanyRepository::facilityOf(const QString &companyId) const
{
    auto r = m_db.exec(QStringLiteral("SELECT id, timezone FROM facilities WHERE company_id = ? ORDER BY created_at, "
                                      "rowid LIMIT 1"),
                       { companyId });
    if (!r)
        return r.error();
    if (!r.value().next())
        return Error::make(
            QStringLiteral("not_found"),
            QStringLiteral("Company %1 has no facility; recreate the database with init.").arg(companyId));
    return CompanyFacility { companyId, r.value().value(0).toString(), r.value().value(1).toString() };
}

Result<CompanyFacility> CompanyRepository::defaultCompany() const
{
    auto r = m_db.scalar(QStringLiteral("SELECT id FROM companies ORDER BY created_at, rowid LIMIT 1"));
    if (!r)
        return r.error();
    if (r.value().isNull())
        return Error::make(QStringLiteral("not_found"),
                           QStringLiteral("The database has no company; create it with `keydesk-server init`."));
    return facilityOf(r.value().toString());
}

} // namespace Keydesk::Server
