#pragma once

#include <QDialog>

class QButtonGroup;

namespace Keydesk::Ui {

/// The one question of the first start: a demo facility, an empty facility (both on this computer), or a
/// server elsewhere. The app remembers the answer, so it is asked once.
class FirstRunDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FirstRunDialog)

public:
    enum class Choice { Demo, Empty, Connect };
    Q_ENUM(Choice)

    explicit FirstRunDialog(QWidget *parent = nullptr);
    ~FirstRunDialog() override;

    Choice choice() const;
    void setChoice(Choice choice);

private:
    QButtonGroup *m_choices = nullptr;
};

} // namespace Keydesk::Ui
