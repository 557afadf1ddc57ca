#pragma once

#include "ui/views/ViewContext.h"

#include <QFrame>
#include <QHash>
#include <QList>

class QLabel;
class QPushButton;
class QVBoxLayout;

namespace Keydesk::Core {
class CacheDatabase;
struct OutboxEntry;
} // namespace Keydesk::Core

namespace Keydesk::Ui {

/// One refused change as the banner shows it.
struct ShownRejection
{
    qint64 seq = 0;
    QString what; ///< "Issuing quick click 4711 on B-104"
    QString reason; ///< the server's words
    QString field; ///< the field the server named, if any
};

/// The changes the server refused (and the cache rolled back), each with what was attempted, the server's reason
/// and a Dismiss button, plus Dismiss all, until the person has read them. The list is the outbox's rejected
/// entries, so it survives restarts and every banner on the same cache shows the same list. With `opPrefixes`
/// ("key.") it shows only those operations; empty shows all (the main window's banner).
class RejectionBanner final : public QFrame
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RejectionBanner)

public:
    /// At most this many rows are shown at once; the rest are counted ("and 3 more").
    static constexpr int kMaxRows = 5;

    explicit RejectionBanner(const ViewContext &ctx, QStringList opPrefixes = {}, QWidget *parent = nullptr);
    ~RejectionBanner() override;

    /// The rejections shown (seq → sentence), for tests.
    QHash<qint64, QString> shown() const;
    /// The rejections listed, newest last (shown or counted).
    const QList<ShownRejection> &rejections() const { return m_list; }

    /// "Issuing quick click 4711 on B-104": what the person attempted, from the entry and the names in the cache.
    /// Runs on the cache's thread.
    static ShownRejection describe(const Core::OutboxEntry &entry, const Core::CacheDatabase &db);
    /// "<what> was refused by the server and undone here: <reason>".
    static QString sentence(const ShownRejection &rejection);

Q_SIGNALS:
    /// The list changed (read from the outbox, or a row dismissed).
    void changed();

protected:
    void changeEvent(QEvent *event) override;

private:
    /// Reads the outbox's rejected entries again (on the cache's thread) and shows them.
    void reload();
    void present(QList<ShownRejection> list);
    void dismiss(qint64 seq);
    void dismissAll();
    void rebuildRows();
    void applyColors();
    bool mine(const QString &op) const;

    ViewContext m_ctx;
    QStringList m_prefixes;
    QList<ShownRejection> m_list;
    QVBoxLayout *m_rows = nullptr;
    QLabel *m_heading = nullptr;
    QLabel *m_more = nullptr;
    QPushButton *m_dismissAll = nullptr;
    QList<QWidget *> m_rowWidgets;
    quint64 m_generation = 0; ///< bumped by each read and each dismissal: older answers are stale
};

} // namespace Keydesk::Ui
