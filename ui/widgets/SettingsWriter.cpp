#include "ui/widgets/SettingsWriter.h"

#include <QHash>
#include <QMutex>
#include <QSettings>
#include <QThreadPool>
#include <QWaitCondition>

namespace Keydesk::Ui {

namespace {

struct Queue
{
    QMutex mutex;
    QWaitCondition idle;
    QList<std::pair<QString, QVariant>> pending; ///< in arrival order, one entry per key
    bool running = false; ///< a pool task is writing (only one at a time: the order is kept)
    int batches = 0;
};

Queue &queue()
{
    static Queue q;
    return q;
}

void drain()
{
    Queue &q = queue();
    for (;;) {
        QList<std::pair<QString, QVariant>> batch;
        {
            QMutexLocker lock(&q.mutex);
            if (q.pending.isEmpty()) {
                q.running = false;
                q.idle.wakeAll();
                return;
            }
            batch = std::exchange(q.pending, {});
        }
        QSettings settings;
        for (const auto &[key, value] : std::as_const(batch))
            settings.setValue(key, value);
        settings.sync();
        QMutexLocker lock(&q.mutex);
        ++q.batches;
    }
}

} // namespace

void SettingsWriter::write(const QString &key, const QVariant &value)
{
    Queue &q = queue();
    QMutexLocker lock(&q.mutex);
    auto same = std::find_if(q.pending.begin(), q.pending.end(), [&key](const auto &p) { return p.first == key; });
    if (same != q.pending.end())
        q.pending.erase(same);
    q.pending.append({ key, value });
    if (q.running)
        return;
    q.running = true;
    QThreadPool::globalInstance()->start(drain);
}

void SettingsWriter::flush()
{
    Queue &q = queue();
    QMutexLocker lock(&q.mutex);
    while (q.running)
        q.idle.wait(&q.mutex);
}

int SettingsWriter::batchesWritten()
{
    Queue &q = queue();
    QMutexLocker lock(&q.mutex);
    return q.batches;
}

} // namespace Keydesk::Ui
