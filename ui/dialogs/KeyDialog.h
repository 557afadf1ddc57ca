#pragma once

#include "core/domain/Clock.h"
#include "core/domain/DigitalKey.h"
#include "ui/dialogs/KeyDraft.h"

#include <QDialog>
#include <QHash>

class QButtonGroup;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;
class QScrollArea;
class QTimer;

namespace Keydesk::Ui {

class FieldErrorLabel;
class KeyLockPicker;
class KeyUserPicker;
class ValidityEditor;
class WindowsEditor;

/// "New digital key" (and edit, duplicate): lock(s) or group, user (or a new one), role, validity in facility
/// time, restriction with weekly windows, notification. Validates live with Core::validateKey() and shows each
/// error next to its field (objectName "<field>Error"); Submit ("submit") stays disabled until the draft is
/// valid. A live sentence ("preview") says what the key will do. Output: draft().
class KeyDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(KeyDialog)

public:
    enum class Mode {
        New, ///< empty form
        Edit, ///< pre-filled from a key, keeps its id, one lock
        Duplicate, ///< pre-filled from a key, a new id, description "Copy of …"
    };

    /// `clock` must outlive the dialog. `source` is used by Edit and Duplicate.
    KeyDialog(KeyDialogContext context, const Core::Clock &clock, Mode mode = Mode::New,
              const Core::DigitalKey &source = {}, QWidget *parent = nullptr);
    ~KeyDialog() override;

    Mode mode() const { return m_mode; }
    /// Whether every field is valid (Submit is enabled exactly then).
    bool isValid() const { return m_valid; }
    /// The keys to create or save. Meaningful when isValid(); every key passes Core::validateKey().
    KeyDraft draft() const;
    /// The preview sentence as shown.
    QString previewText() const;

private:
    void buildUi();
    void fitToContent();
    QWidget *buildWhoColumn();
    QWidget *buildWhenColumn();
    void prefill(const Core::DigitalKey &source);
    Core::DigitalKey baseKey() const;
    QString keyIdFor(const QString &lockId) const;
    void onUserChanged();
    void refresh();
    void showErrors(const QHash<QString, QString> &errors);
    QHash<QString, QString> validate() const;

    KeyDialogContext m_context;
    const Core::Clock &m_clock;
    Mode m_mode;
    Core::DigitalKey m_source;
    bool m_valid = false;
    bool m_notifyTouched = false;
    mutable QHash<QString, QString> m_newIds; ///< lock or group id → the id of the key made for it

    QLineEdit *m_description = nullptr;
    KeyLockPicker *m_locks = nullptr;
    KeyUserPicker *m_user = nullptr;
    QComboBox *m_role = nullptr;
    QComboBox *m_notify = nullptr;
    FieldErrorLabel *m_notifyError = nullptr;
    ValidityEditor *m_validity = nullptr;
    QButtonGroup *m_restriction = nullptr;
    QRadioButton *m_none = nullptr;
    QRadioButton *m_oneTime = nullptr;
    QRadioButton *m_scheduled = nullptr;
    FieldErrorLabel *m_restrictionError = nullptr;
    WindowsEditor *m_windows = nullptr;
    FieldErrorLabel *m_windowsError = nullptr;
    QLabel *m_windowsDstNote = nullptr;
    QScrollArea *m_scroll = nullptr;
    QLabel *m_preview = nullptr;
    QPushButton *m_submit = nullptr;
    QTimer *m_tick = nullptr;
};

} // namespace Keydesk::Ui
