// DirectoryPicker as a person uses it, with the keyboard and the mouse: typing narrows the list (names starting with
// the text first), Down opens it, Up/Down move, Enter or a click chooses, Enter on typed text takes the first match,
// Escape and leaving the field put the chosen name back, clearing the field chooses none (the placeholder), a
// renamed choice shows its new name and a vanished one its id; the list follows the field's palette and font.
#include "tests/ui/PickerKeys.h"
#include "ui/widgets/DirectoryPicker.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QLabel>
#include <QSignalSpy>
#include <QTest>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Keydesk;
using Ui::Choice;
using Ui::DirectoryPicker;

namespace {

QList<Choice> people()
{
    return { { QStringLiteral("u1"), QStringLiteral("Anna Berg"), QStringLiteral("anna@example.com") },
             { QStringLiteral("u2"), QStringLiteral("Ben Anders"), QStringLiteral("ben@example.com") },
             { QStringLiteral("u3"), QStringLiteral("Annika Lee"), QString() },
             { QStringLiteral("u4"), QStringLiteral("Carla Lind"), QString() },
             { QStringLiteral("u5"), QStringLiteral("Dana Marsh"), QString() } };
}

QStringList names(const QList<Choice> &choices)
{
    QStringList out;
    for (const Choice &c : choices)
        out << c.name;
    return out;
}

QStringList list(std::initializer_list<const char *> items)
{
    QStringList out;
    for (const char *item : items)
        out << QString::fromUtf8(item);
    return out;
}

void type(DirectoryPicker &picker, const QString &text)
{
    Test::typeInto(picker, text);
}

void press(DirectoryPicker &picker, Qt::Key key, Qt::KeyboardModifiers modifiers = Qt::NoModifier)
{
    Test::pressIn(picker, key, modifiers);
}

QString highlighted(DirectoryPicker &picker)
{
    return picker.popup()->currentIndex().data(Qt::UserRole + 1).toString();
}

} // namespace

class TestDirectoryPicker final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QWidget> m_window;
    DirectoryPicker *m_picker = nullptr;
    QLineEdit *m_next = nullptr;
    std::unique_ptr<Ui::ListChoiceSource> m_source;

private Q_SLOTS:
    void init()
    {
        m_source = std::make_unique<Ui::ListChoiceSource>(people());
        m_window = std::make_unique<QWidget>();
        auto *layout = new QVBoxLayout(m_window.get());
        m_picker = new DirectoryPicker(m_window.get());
        m_picker->setPlaceholderText(QStringLiteral("All users"));
        m_picker->setSource(m_source.get());
        m_next = new QLineEdit(m_window.get());
        layout->addWidget(m_picker);
        layout->addWidget(m_next);
        m_window->resize(400, 120);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        m_picker->setFocus();
        QTRY_VERIFY(m_picker->hasFocus());
    }

    void cleanup()
    {
        m_window.reset();
        m_source.reset();
    }

    void typingNarrowsTheList()
    {
        QSignalSpy chosen(m_picker, &DirectoryPicker::currentIdChanged);
        type(*m_picker, QStringLiteral("an"));
        QVERIFY(m_picker->isPopupVisible());
        // Names starting with "an" first, then those containing it, each by name.
        QCOMPARE(names(m_picker->matches()), list({ "Anna Berg", "Annika Lee", "Ben Anders", "Dana Marsh" }));
        QCOMPARE(m_picker->popup()->model()->rowCount(), 4);
        // The popup shows what tells two people apart.
        QCOMPARE(m_picker->popup()->model()->index(0, 0).data().toString(),
                 QString::fromUtf8("Anna Berg — anna@example.com"));
        type(*m_picker, QStringLiteral("ni"));
        QCOMPARE(names(m_picker->matches()), list({ "Annika Lee" }));
        type(*m_picker, QStringLiteral("x"));
        QVERIFY(m_picker->matches().isEmpty());
        QCOMPARE(m_picker->popup()->model()->index(0, 0).data().toString(), QStringLiteral("No matches"));
        QCOMPARE(chosen.size(), 0); // typing alone chooses nothing
        QCOMPARE(m_picker->currentId(), QString());
    }

    void enterOnTypedTextChoosesTheFirstMatch()
    {
        QSignalSpy chosen(m_picker, &DirectoryPicker::currentIdChanged);
        type(*m_picker, QStringLiteral("lind"));
        press(*m_picker, Qt::Key_Return);
        QCOMPARE(m_picker->currentId(), QStringLiteral("u4"));
        QCOMPARE(m_picker->text(), QStringLiteral("Carla Lind"));
        QVERIFY(!m_picker->isPopupVisible());
        QCOMPARE(chosen.size(), 1);
        QCOMPARE(chosen.first().first().toString(), QStringLiteral("u4"));
    }

    void downOpensUpDownMoveAndEnterChooses()
    {
        QSignalSpy chosen(m_picker, &DirectoryPicker::currentIdChanged);
        press(*m_picker, Qt::Key_Down);
        QVERIFY(m_picker->isPopupVisible());
        QCOMPARE(m_picker->matches().size(), 5); // an empty field lists the first by name
        QVERIFY(!m_picker->popup()->currentIndex().isValid());
        press(*m_picker, Qt::Key_Down);
        QCOMPARE(highlighted(*m_picker), QStringLiteral("Anna Berg"));
        press(*m_picker, Qt::Key_Down);
        press(*m_picker, Qt::Key_Down);
        QCOMPARE(highlighted(*m_picker), QStringLiteral("Ben Anders"));
        press(*m_picker, Qt::Key_Up);
        QCOMPARE(highlighted(*m_picker), QStringLiteral("Annika Lee"));
        press(*m_picker, Qt::Key_Enter);
        QCOMPARE(m_picker->currentId(), QStringLiteral("u3"));
        QCOMPARE(m_picker->text(), QStringLiteral("Annika Lee"));
        QVERIFY(!m_picker->isPopupVisible());
        QCOMPARE(chosen.size(), 1);
    }

    void aClickChooses()
    {
        type(*m_picker, QStringLiteral("ma"));
        QVERIFY(m_picker->isPopupVisible());
        QAbstractItemView *list = m_picker->popup();
        const QModelIndex dana = list->model()->index(0, 0);
        QCOMPARE(dana.data(Qt::UserRole + 1).toString(), QStringLiteral("Dana Marsh"));
        QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualRect(dana).center());
        QCOMPARE(m_picker->currentId(), QStringLiteral("u5"));
        QCOMPARE(m_picker->text(), QStringLiteral("Dana Marsh"));
    }

    void escapeAndLeavingPutTheChosenNameBack()
    {
        m_picker->setCurrentId(QStringLiteral("u2"));
        QCOMPARE(m_picker->text(), QStringLiteral("Ben Anders"));
        QSignalSpy chosen(m_picker, &DirectoryPicker::currentIdChanged);
        press(*m_picker, Qt::Key_A, Qt::ControlModifier);
        type(*m_picker, QStringLiteral("car"));
        QVERIFY(m_picker->isPopupVisible());
        press(*m_picker, Qt::Key_Down); // highlighted, not chosen
        press(*m_picker, Qt::Key_Escape);
        QVERIFY(!m_picker->isPopupVisible());
        QCOMPARE(m_picker->text(), QStringLiteral("Ben Anders"));
        QCOMPARE(m_picker->currentId(), QStringLiteral("u2"));
        // Typed but never chosen, then Tab to the next field: the chosen name is back.
        press(*m_picker, Qt::Key_End);
        type(*m_picker, QStringLiteral("zz"));
        QCOMPARE(m_picker->text(), QStringLiteral("Ben Anderszz"));
        QVERIFY(m_picker->isPopupVisible());
        press(*m_picker, Qt::Key_Tab);
        QTRY_VERIFY(m_next->hasFocus());
        QCOMPARE(m_picker->text(), QStringLiteral("Ben Anders"));
        QCOMPARE(chosen.size(), 0);
    }

    void clearingChoosesNone()
    {
        m_picker->setCurrentId(QStringLiteral("u1"));
        QSignalSpy chosen(m_picker, &DirectoryPicker::currentIdChanged);
        // By the keyboard: select all, delete.
        press(*m_picker, Qt::Key_A, Qt::ControlModifier);
        press(*m_picker, Qt::Key_Backspace);
        QCOMPARE(m_picker->currentId(), QString());
        QCOMPARE(chosen.size(), 1);
        QCOMPARE(m_picker->text(), QString()); // the placeholder ("All users") shows
        // By the clear button.
        m_picker->setCurrentId(QStringLiteral("u1"));
        auto *clear = m_picker->findChild<QToolButton *>(); // the line edit's clear button
        QVERIFY(clear);
        QTest::mouseClick(clear, Qt::LeftButton);
        QCOMPARE(m_picker->currentId(), QString());
        QCOMPARE(chosen.size(), 3);
    }

    void aRenamedChoiceShowsItsNewNameAndAVanishedOneItsId()
    {
        m_picker->setCurrentId(QStringLiteral("u4"));
        QSignalSpy chosen(m_picker, &DirectoryPicker::currentIdChanged);
        QList<Choice> renamed = people();
        renamed[3].name = QStringLiteral("Carla Lindqvist");
        m_source->setChoices(renamed);
        QCOMPARE(m_picker->text(), QStringLiteral("Carla Lindqvist"));
        renamed.removeAt(3);
        m_source->setChoices(renamed);
        QCOMPARE(m_picker->text(), QStringLiteral("u4"));
        QCOMPARE(m_picker->currentId(), QStringLiteral("u4")); // still chosen (a filter keeps applying)
        QCOMPARE(chosen.size(), 0);
        // A rename while the person is typing leaves their text alone.
        m_picker->setCurrentId(QStringLiteral("u1"));
        press(*m_picker, Qt::Key_End);
        type(*m_picker, QStringLiteral("x"));
        renamed[0].name = QStringLiteral("Anna Bergman");
        m_source->setChoices(renamed);
        QCOMPARE(m_picker->text(), QStringLiteral("Anna Bergx"));
        press(*m_picker, Qt::Key_Escape);
        QCOMPARE(m_picker->text(), QStringLiteral("Anna Bergman"));
    }

    void anEnterWithNothingTypedReachesTheDialog()
    {
        // Nothing typed: Return is not the picker's (a dialog's default button takes it).
        m_picker->setCurrentId(QStringLiteral("u1"));
        QKeyEvent enter(QEvent::KeyPress, Qt::Key_Return, Qt::NoModifier);
        QApplication::sendEvent(m_picker, &enter);
        QVERIFY(!enter.isAccepted());
        QKeyEvent escape(QEvent::KeyPress, Qt::Key_Escape, Qt::NoModifier);
        QApplication::sendEvent(m_picker, &escape);
        QVERIFY(!escape.isAccepted());
    }

    void theListFollowsThePaletteAndFont()
    {
        QPalette dark;
        dark.setColor(QPalette::Window, QColor(0x20, 0x20, 0x20));
        dark.setColor(QPalette::Base, QColor(0x18, 0x18, 0x18));
        dark.setColor(QPalette::Text, QColor(0xee, 0xee, 0xee));
        m_picker->setPalette(dark);
        QFont big = m_picker->font();
        big.setPointSize(20);
        m_picker->setFont(big);
        type(*m_picker, QStringLiteral("a"));
        QAbstractItemView *list = m_picker->popup();
        QVERIFY(list->isVisible());
        QCOMPARE(list->palette().color(QPalette::Base), QColor(0x18, 0x18, 0x18));
        QCOMPARE(list->palette().color(QPalette::Text), QColor(0xee, 0xee, 0xee));
        QCOMPARE(list->font().pointSize(), 20);
        // Right under the field, wide enough for a name and its detail.
        QCOMPARE(list->window()->geometry().left(), m_picker->mapToGlobal(QPoint(0, 0)).x());
        QVERIFY(list->window()->geometry().top() >= m_picker->mapToGlobal(QPoint(0, m_picker->height() - 2)).y());
        QVERIFY(list->width() >= list->fontMetrics().horizontalAdvance(QStringLiteral("Anna Berg — anna@example")));
    }
};

QTEST_MAIN(TestDirectoryPicker)
#include "TestDirectoryPicker.moc"
