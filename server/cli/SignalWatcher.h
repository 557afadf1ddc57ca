#pragma once

#include <QObject>

#include <memory>

class QSocketNotifier;

namespace Keydesk::Server::Cli {

/// Turns SIGINT/SIGTERM into a Qt signal on the main thread (self-pipe: the handler only write()s one byte).
class SignalWatcher final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SignalWatcher)

public:
    explicit SignalWatcher(QObject *parent = nullptr);
    ~SignalWatcher() override;

    bool isValid() const { return m_notifier != nullptr; }

Q_SIGNALS:
    void terminationRequested(int signalNumber);

private:
    void readSignal();

    QSocketNotifier *m_notifier = nullptr;
};

} // namespace Keydesk::Server::Cli
