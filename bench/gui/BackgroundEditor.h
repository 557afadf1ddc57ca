#pragma once

#include <QStringList>
#include <QThread>
#include <QUrl>

#include <atomic>

namespace Keydesk::Bench {

/// "Another client": a thread of its own with its own QNetworkAccessManager and ApiClient (its own session),
/// PATCHing users (email) and keys (description) in turn at a steady rate, so the GUI's sync engine pulls a
/// stream of small incremental changes. Nothing of it runs on the GUI thread.
class BackgroundEditor final : public QThread
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BackgroundEditor)

public:
    BackgroundEditor(QUrl url, QStringList userIds, QStringList keyIds, double perSecond, QObject *parent = nullptr);
    ~BackgroundEditor() override;

    /// Asks the thread to finish its last request and end; wait() afterwards.
    void requestStop() { m_stop = true; }
    int sent() const { return m_sent; }
    int failed() const { return m_failed; }
    QString lastError() const;

protected:
    void run() override;

private:
    QUrl m_url;
    QStringList m_userIds;
    QStringList m_keyIds;
    double m_perSecond;
    std::atomic<bool> m_stop { false };
    std::atomic<int> m_sent { 0 };
    std::atomic<int> m_failed { 0 };
    QString m_lastError; ///< written by the thread, read after wait()
};

} // namespace Keydesk::Bench
