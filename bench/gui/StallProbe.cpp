#include "bench/gui/StallProbe.h"

#include <QCoreApplication>
#include <QEvent>
#include <QFileInfo>
#include <QMetaEnum>
#include <QProcess>
#include <QTimer>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cxxabi.h>
#include <dlfcn.h>
#include <execinfo.h>
#include <mutex>
#include <pthread.h>

namespace Keydesk::Bench {

namespace {

constexpr double kStallMs = 50.0;
constexpr int kMaxFrames = 96;

// The signal handler writes here; the watchdog waits for g_sampleDone. Only one sample is in flight at a time.
void *g_frames[kMaxFrames];
std::atomic<int> g_depth { 0 };
std::atomic<bool> g_sampleDone { false };

void onSampleSignal(int)
{
    // backtrace() is not on the async-signal-safe list, but it only walks .eh_frame once libgcc_s is loaded
    // (done in the constructor); that is what sampling profilers in glibc land rely on too.
    g_depth.store(backtrace(g_frames, kMaxFrames), std::memory_order_relaxed);
    g_sampleDone.store(true, std::memory_order_release);
}

double percentile(QList<double> values, double p)
{
    if (values.isEmpty())
        return 0;
    std::sort(values.begin(), values.end());
    return values.at(std::min<qsizetype>(values.size() - 1, qsizetype(p * double(values.size()))));
}

} // namespace

struct StallProbe::SampleStore
{
    std::mutex mutex;
    QList<StallSample> samples;
    pthread_t gui {};
};

StallProbe::StallProbe(int intervalMs, int sampleAfterMs, QObject *parent)
    : QObject(parent)
    , m_intervalMs(intervalMs)
    , m_sampleAfterMs(sampleAfterMs)
    , m_samples(std::make_unique<SampleStore>())
{
    m_clock.start();
    m_samples->gui = pthread_self();
    void *warm[4];
    (void)backtrace(warm, 4); // loads libgcc_s now, not inside the signal handler
    struct sigaction action
    {
    };
    action.sa_handler = onSampleSignal;
    action.sa_flags = SA_RESTART;
    sigemptyset(&action.sa_mask);
    sigaction(SIGPROF, &action, nullptr);

    m_timer = new QTimer(this);
    m_timer->setTimerType(Qt::PreciseTimer);
    m_timer->setInterval(m_intervalMs);
    connect(m_timer, &QTimer::timeout, this, &StallProbe::tick);
    m_watchdog = std::thread([this] { watch(); });
}

StallProbe::~StallProbe()
{
    m_stop = true;
    m_watchdog.join();
}

void StallProbe::beginPhase(const QString &name)
{
    if (m_phase >= 0)
        endPhase();
    PhaseFigures figures;
    figures.name = name;
    m_figures.append(figures);
    m_phase = int(m_figures.size() - 1);
    m_gaps.clear();
    m_events = 0;
    m_maxEventMs = 0;
    m_maxEventWhat.clear();
    m_eventsOver50 = 0;
    m_longGaps.clear();
    m_phaseStartNs = nowNs();
    m_lastTickNs = m_phaseStartNs;
    m_sharedLastTickNs = m_lastTickNs;
    m_sharedPhase = m_phase;
    m_timer->start();
}

void StallProbe::endPhase()
{
    if (m_phase < 0)
        return;
    tick(); // the time since the last tick is part of the phase
    m_timer->stop();
    m_sharedPhase = -1;
    PhaseFigures &f = m_figures[m_phase];
    f.seconds = double(nowNs() - m_phaseStartNs) / 1e9;
    f.ticks = m_gaps.size();
    f.maxGapMs = m_gaps.isEmpty() ? 0 : *std::max_element(m_gaps.cbegin(), m_gaps.cend());
    f.p99GapMs = percentile(m_gaps, 0.99);
    f.p50GapMs = percentile(m_gaps, 0.50);
    f.gapsOver50 = int(std::count_if(m_gaps.cbegin(), m_gaps.cend(), [](double g) { return g > kStallMs; }));
    f.events = m_events;
    f.maxEventMs = m_maxEventMs;
    f.maxEventWhat = m_maxEventWhat;
    f.eventsOver50 = m_eventsOver50;

    QList<StallSample> samples;
    {
        std::lock_guard lock(m_samples->mutex);
        samples.swap(m_samples->samples);
    }
    for (const auto &[start, ms] : std::as_const(m_longGaps)) {
        Stall stall;
        stall.phase = m_phase;
        stall.startNs = start;
        stall.ms = ms;
        for (const StallSample &s : std::as_const(samples))
            if (s.stallStartNs == start)
                stall.samples.append(s);
        m_stalls.append(stall);
    }
    m_phase = -1;
}

QList<Stall> StallProbe::stalls(int phase, double minMs) const
{
    QList<Stall> out;
    for (const Stall &s : m_stalls)
        if ((phase < 0 || s.phase == phase) && s.ms > minMs)
            out.append(s);
    return out;
}

void StallProbe::tick()
{
    const qint64 now = nowNs();
    const double gap = double(now - m_lastTickNs) / 1e6;
    m_gaps.append(gap);
    if (gap > kStallMs)
        m_longGaps.append({ m_lastTickNs, gap });
    m_lastTickNs = now;
    m_sharedLastTickNs.store(now, std::memory_order_release);
}

void StallProbe::recordEvent(qint64 startNs, qint64 endNs, const char *receiverClass, const QString &receiverName,
                             int type)
{
    if (m_phase < 0)
        return;
    ++m_events;
    const double ms = double(endNs - startNs) / 1e6;
    if (ms > kStallMs)
        ++m_eventsOver50;
    if (ms <= m_maxEventMs)
        return;
    m_maxEventMs = ms;
    const char *typeName = QMetaEnum::fromType<QEvent::Type>().valueToKey(type);
    m_maxEventWhat = QStringLiteral("%1%2 %3").arg(
        QLatin1String(receiverClass), receiverName.isEmpty() ? QString() : QStringLiteral(" \"%1\"").arg(receiverName),
        typeName ? QLatin1String(typeName) : QString::number(type));
}

void StallProbe::watch()
{
    using namespace std::chrono_literals;
    qint64 sampledTick = -1;
    qint64 lastSampleNs = 0;
    while (!m_stop) {
        std::this_thread::sleep_for(2ms);
        const int phase = m_sharedPhase.load();
        const qint64 lastTick = m_sharedLastTickNs.load(std::memory_order_acquire);
        const qint64 now = nowNs();
        if (phase < 0 || now - lastTick < qint64(m_sampleAfterMs) * 1000000)
            continue;
        // One sample early in the stall, then one every 10 ms while it lasts.
        if (sampledTick == lastTick && now - lastSampleNs < 10000000)
            continue;
        g_sampleDone.store(false);
        if (pthread_kill(m_samples->gui, SIGPROF) != 0)
            continue;
        const auto deadline = std::chrono::steady_clock::now() + 100ms;
        while (!g_sampleDone.load(std::memory_order_acquire) && std::chrono::steady_clock::now() < deadline)
            std::this_thread::sleep_for(100us);
        if (!g_sampleDone.load(std::memory_order_acquire))
            continue;
        StallSample sample;
        sample.phase = phase;
        sample.stallStartNs = lastTick;
        sample.takenNs = now;
        const int depth = g_depth.load(std::memory_order_relaxed);
        for (int i = 0; i < depth; ++i)
            sample.frames.append(reinterpret_cast<quintptr>(g_frames[i]));
        // A tick may have arrived meanwhile: then the sample belongs to no stall and is dropped at endPhase().
        if (m_sharedLastTickNs.load() == lastTick) {
            std::lock_guard lock(m_samples->mutex);
            m_samples->samples.append(sample);
        }
        sampledTick = lastTick;
        lastSampleNs = now;
    }
}

// ---- Symbolizer -------------------------------------------------------------------------------------------

QString Symbolizer::name(quintptr address)
{
    if (auto it = m_names.constFind(address); it != m_names.cend())
        return it.value();
    Dl_info info {};
    QString out;
    if (dladdr(reinterpret_cast<void *>(address), &info) && info.dli_fname) {
        const QString library = QFileInfo(QString::fromLocal8Bit(info.dli_fname)).fileName();
        const QString self = QFileInfo(QCoreApplication::applicationFilePath()).fileName();
        if (library == self) {
            resolveExecutable({ address });
            return m_names.value(address);
        }
        if (info.dli_sname) {
            int status = 0;
            char *demangled = abi::__cxa_demangle(info.dli_sname, nullptr, nullptr, &status);
            out = status == 0 && demangled ? QString::fromLocal8Bit(demangled) : QString::fromLocal8Bit(info.dli_sname);
            std::free(demangled);
        } else {
            out = QStringLiteral("0x%1").arg(address - reinterpret_cast<quintptr>(info.dli_fbase), 0, 16);
        }
        out += QStringLiteral("  [%1]").arg(library);
    } else {
        out = QStringLiteral("0x%1").arg(address, 0, 16);
    }
    m_names.insert(address, out);
    return out;
}

void Symbolizer::resolveExecutable(const QList<quintptr> &addresses)
{
    // The executable is position-independent: addr2line wants offsets from its load address.
    QStringList args { QStringLiteral("-f"), QStringLiteral("-C"), QStringLiteral("-e"),
                       QCoreApplication::applicationFilePath() };
    for (quintptr a : addresses) {
        Dl_info info {};
        dladdr(reinterpret_cast<void *>(a), &info);
        args.append(QStringLiteral("0x%1").arg(a - 1 - reinterpret_cast<quintptr>(info.dli_fbase), 0, 16));
    }
    QProcess p;
    p.start(QStringLiteral("addr2line"), args);
    p.waitForFinished(30000);
    const QList<QByteArray> lines = p.readAllStandardOutput().split('\n');
    for (qsizetype i = 0; i < addresses.size(); ++i) {
        const QString function = QString::fromLocal8Bit(lines.value(2 * i)).trimmed();
        m_names.insert(addresses.at(i),
                       (function.isEmpty() ? QStringLiteral("??") : function)
                           + QStringLiteral("  [%1]").arg(QFileInfo(args.at(3)).fileName()));
    }
}

} // namespace Keydesk::Bench
