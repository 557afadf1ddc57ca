#include "ui/widgets/HeaderMemory.h"

#include "ui/widgets/SettingsWriter.h"

#include <QHeaderView>
#include <QSettings>

namespace Keydesk::Ui {

HeaderMemory::HeaderMemory(QHeaderView *header, const QString &settingsKey)
    : QObject(header)
    , m_header(header)
    , m_key(settingsKey)
{
    m_timer.setSingleShot(true);
    m_timer.setInterval(kSaveDelayMs);
    connect(&m_timer, &QTimer::timeout, this, &HeaderMemory::save);
    connect(header, &QHeaderView::sectionResized, this, &HeaderMemory::changed);
    connect(header, &QHeaderView::sectionMoved, this, &HeaderMemory::changed);
    connect(header, &QHeaderView::sortIndicatorChanged, this, &HeaderMemory::changed);
}

HeaderMemory::~HeaderMemory()
{
    // The header is being destroyed (this is its child): only what was taken from it before is saved.
    if (!m_unsaved.isEmpty())
        SettingsWriter::write(m_key, m_unsaved);
}

bool HeaderMemory::restore()
{
    SettingsWriter::flush(); // a header that just went (a view reopened) may still be on its way to the file
    const QByteArray state = QSettings().value(m_key).toByteArray();
    if (state.isEmpty())
        return false;
    m_restoring = true;
    const bool restored = m_header->restoreState(state);
    m_restoring = false;
    return restored;
}

void HeaderMemory::changed()
{
    if (m_restoring)
        return;
    m_unsaved = m_header->saveState();
    m_timer.start();
}

void HeaderMemory::save()
{
    if (m_unsaved.isEmpty())
        return;
    SettingsWriter::write(m_key, std::exchange(m_unsaved, {}));
}

} // namespace Keydesk::Ui
