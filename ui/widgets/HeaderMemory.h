#pragma once

#include <QByteArray>
#include <QObject>
#include <QString>
#include <QTimer>

class QHeaderView;

namespace Keydesk::Ui {

/// Remembers a table's header (column widths, their order, the sort column and order) in QSettings under a key.
/// restore() puts the saved state back; every change after that is saved kSaveDelayMs after the last one (a
/// column fit resizes every section at once), through SettingsWriter, off the GUI thread. A change still
/// waiting is saved when the header goes. A child of the header.
class HeaderMemory final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HeaderMemory)

public:
    static constexpr int kSaveDelayMs = 500;

    HeaderMemory(QHeaderView *header, const QString &settingsKey);
    ~HeaderMemory() override;

    /// Restores the saved state (not a change to save); false when there is none or it does not fit the header.
    bool restore();

private:
    void changed();
    void save();

    QHeaderView *m_header;
    QString m_key;
    QTimer m_timer;
    QByteArray m_unsaved; ///< the state to save (empty: nothing waiting)
    bool m_restoring = false;
};

} // namespace Keydesk::Ui
