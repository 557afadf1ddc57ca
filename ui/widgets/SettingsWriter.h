#pragma once

#include <QString>
#include <QVariant>

namespace Keydesk::Ui {

/// Writes QSettings values on a worker thread, in order, coalescing what arrives meanwhile. QSettings syncs its
/// file with fsync when it writes: 50–70 ms on a busy disk, a visible stall of the GUI thread on every column
/// resize or sort click. Reads stay where they are (QSettings instances on different threads share the file
/// safely; a value written here is read back once its write is done, see flush()).
class SettingsWriter final
{
public:
    /// Queues `value` for `key` of the application's default QSettings; a later value for the same key that
    /// arrives before the write replaces it.
    static void write(const QString &key, const QVariant &value);
    /// Waits until every queued value is written (tests; the pool also waits at exit).
    static void flush();
    /// How many times a batch was written (each one sync of the settings file).
    static int batchesWritten();

    SettingsWriter() = delete;
};

} // namespace Keydesk::Ui
