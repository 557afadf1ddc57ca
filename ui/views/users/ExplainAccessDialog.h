#pragma once

#include "core/client/ApiClient.h"
#include "ui/views/ViewContext.h"

#include <QDialog>

class QCheckBox;
class QDateTimeEdit;
class QLabel;
class QPushButton;

namespace Keydesk::Ui {

class DirectoryPicker;
class FacilityDirectory;

/// "Why can't they get in?": pick a lock (typed and searched) (and, optionally, a facility time) and the server's
/// access decision for the user is shown with its reasons in words (GET /v1/access/explain). The question needs the
/// server's current data, so offline it says so instead of guessing.
class ExplainAccessDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ExplainAccessDialog)

public:
    ExplainAccessDialog(const ViewContext &ctx, const FacilityDirectory &directory, const QString &userId,
                        QWidget *parent = nullptr);

    /// Chooses the lock (by id); false when the directory does not know it.
    bool selectLock(const QString &lockId);
    /// Asks the server now (the Explain button).
    void explain();

    /// The shown verdict ("Access allowed" / "Access denied" / an error) and reasons, for tests.
    QString verdictText() const;
    QStringList reasons() const { return m_reasons; }
    bool isBusy() const { return m_busy; }

Q_SIGNALS:
    /// An answer (or an error) is shown.
    void answered();

private:
    void showAnswer(const Core::ApiResult<Core::ApiResponse> &answer);
    bool mayExplain() const;

    ViewContext m_ctx;
    QString m_userId;
    DirectoryPicker *m_lock = nullptr;
    QCheckBox *m_atEnabled = nullptr;
    QDateTimeEdit *m_at = nullptr;
    QPushButton *m_explain = nullptr;
    QLabel *m_verdict = nullptr;
    QLabel *m_reasonsLabel = nullptr;
    QStringList m_reasons;
    bool m_busy = false;
};

} // namespace Keydesk::Ui
