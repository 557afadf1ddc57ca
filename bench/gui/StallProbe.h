#pragma once

#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QObject>
#include <QString>

#include <atomic>
#include <memory>
#include <thread>

class QTimer;

namespace Keydesk::Bench {

/// Figures of one phase: the probe timer's gaps and the event loop's busy spans, in milliseconds.
struct PhaseFigures
{
    QString name;
    double seconds = 0; ///< wall-clock length of the phase
    qsizetype ticks = 0; ///< probe ticks seen
    double maxGapMs = 0; ///< longest time between two probe ticks (the longest "frame" of the GUI thread)
    double p99GapMs = 0;
    double p50GapMs = 0;
    int gapsOver50 = 0; ///< gaps > 50 ms
    qsizetype events = 0; ///< events delivered on the GUI thread (outermost QCoreApplication::notify calls)
    double maxEventMs = 0; ///< the longest of them
    QString maxEventWhat; ///< its receiver's class (object name) and event type
    int eventsOver50 = 0;
};

/// One stack sample of the GUI thread, taken by the watchdog while the thread had not served the probe for a while.
struct StallSample
{
    int phase = -1;
    qint64 stallStartNs = 0; ///< the probe tick the stall follows (same clock as the probe)
    qint64 takenNs = 0;
    QList<quintptr> frames; ///< return addresses, innermost first
};

/// A stall of the GUI thread over the threshold, with the stack samples taken while it lasted.
struct Stall
{
    int phase = -1;
    qint64 startNs = 0;
    double ms = 0;
    QList<StallSample> samples;
};

/// Measures how long the GUI thread goes without serving its event loop. Two probes: a 5 ms Qt::PreciseTimer
/// whose gaps between ticks are recorded (a gap is the longest the thread made any event wait), and the time
/// each event takes to deliver (recordEvent(), fed by the application's notify()). A watchdog thread samples the
/// GUI thread's stack (SIGPROF + backtrace()) whenever a gap passes `sampleAfterMs`, so every long stall comes
/// with the functions that cost it.
class StallProbe final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StallProbe)

public:
    /// Must be created on the GUI thread, after the QApplication.
    explicit StallProbe(int intervalMs = 5, int sampleAfterMs = 35, QObject *parent = nullptr);
    ~StallProbe() override;

    /// Starts a named phase; the previous one (if any) ends here.
    void beginPhase(const QString &name);
    /// Ends the current phase and computes its figures.
    void endPhase();

    const QList<PhaseFigures> &phases() const { return m_figures; }
    /// Stalls longer than `minMs`, with their samples, for `phase` (-1: all).
    QList<Stall> stalls(int phase, double minMs) const;
    /// One event delivered on the GUI thread took [startNs, endNs]; `what` is built only when it is the longest.
    void recordEvent(qint64 startNs, qint64 endNs, const char *receiverClass, const QString &receiverName, int type);
    /// Nanoseconds on the probe's clock.
    qint64 nowNs() const { return m_clock.nsecsElapsed(); }

private:
    void tick();
    void watch();

    QElapsedTimer m_clock;
    QTimer *m_timer = nullptr;
    int m_intervalMs;
    int m_sampleAfterMs;
    int m_phase = -1;
    qint64 m_phaseStartNs = 0;
    qint64 m_lastTickNs = 0;
    QList<double> m_gaps; ///< of the current phase
    qsizetype m_events = 0;
    double m_maxEventMs = 0;
    QString m_maxEventWhat;
    int m_eventsOver50 = 0;
    QList<std::pair<qint64, double>> m_longGaps; ///< (start ns, ms) of the current phase's gaps over 50 ms
    QList<PhaseFigures> m_figures;
    QList<Stall> m_stalls;

    // Shared with the watchdog thread.
    std::atomic<qint64> m_sharedLastTickNs { 0 };
    std::atomic<int> m_sharedPhase { -1 };
    std::atomic<bool> m_stop { false };
    std::thread m_watchdog;
    struct SampleStore;
    std::unique_ptr<SampleStore> m_samples;
};

/// Turns return addresses into "function (library)" lines: dladdr for shared libraries, addr2line for this
/// executable (whose static functions are not in the dynamic symbol table).
class Symbolizer final
{
public:
    QString name(quintptr address);

private:
    void resolveExecutable(const QList<quintptr> &addresses);
    QHash<quintptr, QString> m_names;
};

} // namespace Keydesk::Bench
