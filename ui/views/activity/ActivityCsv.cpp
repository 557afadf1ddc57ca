#include "ui/views/activity/ActivityCsv.h"

#include "core/models/ModelRoles.h"

#include <QAbstractItemModel>
#include <QCoreApplication>
#include <QDateTime>
#include <QIODevice>
#include <QStringList>

namespace Keydesk::Ui::ActivityCsv {

namespace {

QString isoUtc(const QVariant &ms)
{
    if (!ms.isValid() || ms.toLongLong() < 0)
        return {};
    return QDateTime::fromMSecsSinceEpoch(ms.toLongLong(), Qt::UTC).toString(Qt::ISODate);
}

QString line(const QStringList &fields)
{
    QStringList quoted;
    quoted.reserve(fields.size());
    for (const QString &f : fields)
        quoted << field(f);
    return quoted.join(QLatin1Char(',')) + QStringLiteral("\r\n");
}

} // namespace

QString field(const QString &text)
{
    QString value = text;
    static const QString formulaStart = QStringLiteral("=+-@\t\r");
    if (!value.isEmpty() && formulaStart.contains(value.front()))
        value.prepend(QLatin1Char('\''));
    const bool needsQuotes = value.contains(QLatin1Char(',')) || value.contains(QLatin1Char('"'))
        || value.contains(QLatin1Char('\n')) || value.contains(QLatin1Char('\r'));
    if (!needsQuotes)
        return value;
    value.replace(QStringLiteral("\""), QStringLiteral("\"\""));
    return QLatin1Char('"') + value + QLatin1Char('"');
}

bool write(QIODevice &device, const QAbstractItemModel &model, QString *error)
{
    QStringList header;
    for (int c = 0; c < model.columnCount(); ++c)
        header << model.headerData(c, Qt::Horizontal).toString();
    header << QCoreApplication::translate("Keydesk::Ui::ActivityCsv", "From (UTC)")
           << QCoreApplication::translate("Keydesk::Ui::ActivityCsv", "To (UTC)");
    QByteArray out = line(header).toUtf8();
    for (int r = 0; r < model.rowCount(); ++r) {
        QStringList row;
        for (int c = 0; c < model.columnCount(); ++c)
            row << model.index(r, c).data().toString();
        const QModelIndex first = model.index(r, 0);
        row << isoUtc(first.data(Core::RangeStartRole)) << isoUtc(first.data(Core::RangeEndRole));
        out += line(row).toUtf8();
    }
    if (device.write(out) != out.size()) {
        if (error)
            *error = QCoreApplication::translate("Keydesk::Ui::ActivityCsv",
                                                 "Could not write the file (%1). Choose another place and try again.")
                         .arg(device.errorString());
        return false;
    }
    return true;
}

} // namespace Keydesk::Ui::ActivityCsv
