#pragma once

// Drives a DirectoryPicker with the keyboard as a person does: keys go to the open list while it is open (a popup
// window has the keyboard), else to the field.
#include "ui/widgets/DirectoryPicker.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QTest>

namespace Keydesk::Test {

inline QWidget *keyTarget(Ui::DirectoryPicker &picker)
{
    QWidget *popup = QApplication::activePopupWidget();
    return popup ? popup : &picker;
}

inline void typeInto(Ui::DirectoryPicker &picker, const QString &text)
{
    for (QChar c : text)
        QTest::keyClick(keyTarget(picker), c.toLatin1());
}

inline void pressIn(Ui::DirectoryPicker &picker, Qt::Key key, Qt::KeyboardModifiers modifiers = Qt::NoModifier)
{
    QTest::keyClick(keyTarget(picker), key, modifiers);
}

/// Replaces the field's text with `text` and presses Enter: the first match is chosen.
inline void pick(Ui::DirectoryPicker &picker, const QString &text)
{
    picker.setFocus();
    pressIn(picker, Qt::Key_A, Qt::ControlModifier);
    typeInto(picker, text);
    pressIn(picker, Qt::Key_Return);
}

/// Empties the field with the keyboard: none chosen.
inline void clearPick(Ui::DirectoryPicker &picker)
{
    picker.setFocus();
    pressIn(picker, Qt::Key_A, Qt::ControlModifier);
    pressIn(picker, Qt::Key_Backspace);
}

} // namespace Keydesk::Test
