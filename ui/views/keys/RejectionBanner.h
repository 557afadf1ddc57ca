#pragma once

#include "ui/views/ViewContext.h"

#include <QFrame>
#include <QHash>

class QVBoxLayout;

namespace Keydesk::Ui {

/// The changes the server refused (and the cache rolled back), each with its reason and a Dismiss button, until
/// the person has read them. Shows only the operations whose name starts with one of `opPrefixes` ("key.").
class RejectionBanner final : public QFrame
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RejectionBanner)

public:
    RejectionBanner(const ViewContext &ctx, QStringList opPrefixes, QWidget *parent = nullptr);

    /// The rejections shown (seq → message), for tests.
    QHash<qint64, QString> shown() const;

private:
    void add(qint64 seq, const QString &op, const QString &message, const QString &field);
    void dismiss(qint64 seq);
    static QString describeOp(const QString &op);

    ViewContext m_ctx;
    QStringList m_prefixes;
    QVBoxLayout *m_rows = nullptr;
    QHash<qint64, QWidget *> m_rowOf;
    QHash<qint64, QString> m_messages;
};

} // namespace Keydesk::Ui
