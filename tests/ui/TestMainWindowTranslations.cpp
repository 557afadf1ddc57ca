// The German translation embedded in keydesk_ui (:/i18n/keydesk_de.qm, built by lrelease from
// translations/keydesk_de.ts): installTranslations() picks it for a German locale and nothing for others, and the
// main window — navigation, menus, search field, status bar, offline banner — comes up in German.
#include "ui/mainwindow/MainWindow.h"
#include "ui/mainwindow/Translations.h"
#include "ui/status/OfflineBanner.h"
#include "ui/status/StatusBarWidget.h"

#include <QApplication>
#include <QLineEdit>
#include <QListWidget>
#include <QMenuBar>
#include <QTest>
#include <QTranslator>

using namespace Keydesk;

class TestMainWindowTranslations final : public QObject
{
    Q_OBJECT

    static void removeTranslators()
    {
        for (QTranslator *t : qApp->findChildren<QTranslator *>()) {
            QCoreApplication::removeTranslator(t);
            delete t;
        }
    }

    /// Every visible text of the menus: titles and actions (separators and empty texts left out).
    static QStringList menuTexts(const Ui::MainWindow &window)
    {
        QStringList texts;
        for (QAction *menu : window.menuBar()->actions()) {
            texts << menu->text();
            if (menu->menu())
                for (QAction *a : menu->menu()->actions())
                    if (!a->isSeparator() && !a->text().isEmpty())
                        texts << a->text();
        }
        return texts;
    }

private Q_SLOTS:
    void init()
    {
        removeTranslators();
        QLocale::setDefault(QLocale::c());
    }
    void cleanup() { removeTranslators(); }

    void germanIsEmbedded()
    {
        QVERIFY2(Ui::availableTranslations().contains(QStringLiteral("de")),
                 qPrintable(Ui::availableTranslations().join(QLatin1Char(','))));
    }

    void localePicksItsTranslation_data()
    {
        QTest::addColumn<QLocale>("locale");
        QTest::addColumn<bool>("keydesk");
        QTest::newRow("German (Germany) → keydesk_de") << QLocale(QLocale::German, QLocale::Germany) << true;
        QTest::newRow("German (Switzerland) falls back to keydesk_de")
            << QLocale(QLocale::German, QLocale::Switzerland) << true;
        QTest::newRow("English → none (the source texts)") << QLocale(QLocale::English, QLocale::UnitedStates) << false;
        QTest::newRow("French → none yet") << QLocale(QLocale::French, QLocale::France) << false;
    }

    void localePicksItsTranslation()
    {
        QFETCH(QLocale, locale);
        QFETCH(bool, keydesk);
        const Ui::InstalledTranslations installed = Ui::installTranslations(*qApp, locale);
        QCOMPARE(!installed.keydesk.isEmpty(), keydesk);
        if (keydesk)
            QCOMPARE(installed.keydesk, QStringLiteral(":/i18n/keydesk_de.qm"));
        else
            QVERIFY(installed.qt.isEmpty()); // Qt's words only beside a Keydesk translation
        QCOMPARE(QCoreApplication::translate("Keydesk::Ui::MainWindow", "Digital keys"),
                 keydesk ? QStringLiteral("Digitale Schl\u00fcssel") : QStringLiteral("Digital keys"));
    }

    void mainWindowComesUpInGerman()
    {
        QVERIFY(!Ui::installTranslations(*qApp, QLocale(QLocale::German, QLocale::Germany)).keydesk.isEmpty());
        Ui::MainWindow window;
        auto *nav = window.findChild<QListWidget *>(QStringLiteral("navigation"));
        QVERIFY(nav);
        QStringList sections;
        for (int i = 0; i < nav->count(); ++i)
            sections << nav->item(i)->text();
        QCOMPARE(sections,
                 QStringList({ QStringLiteral("\u00dcbersicht"), QStringLiteral("Benutzer"),
                               QStringLiteral("Schl\u00f6sser"), QStringLiteral("Digitale Schl\u00fcssel"),
                               QStringLiteral("Aktivit\u00e4t"), QStringLiteral("Quick-Clicks"),
                               QStringLiteral("Protokoll") }));
        const QStringList menus = menuTexts(window);
        for (const char *german : { "&Datei", "&Ansicht", "&Hilfe", "&Neuer digitaler Schl\u00fcssel\u2026",
                                    "Mit Server &verbinden\u2026", "&Beenden" })
            QVERIFY2(menus.contains(QString::fromUtf8(german)), qPrintable(menus.join(QLatin1Char('|'))));

        // Nothing in the menus is left in English: each text differs from its source.
        removeTranslators();
        const Ui::MainWindow english;
        const QStringList source = menuTexts(english);
        QCOMPARE(source.size(), menus.size());
        for (int i = 0; i < menus.size(); ++i)
            QVERIFY2(menus.at(i) != source.at(i), qPrintable(source.at(i)));
        QVERIFY(!Ui::installTranslations(*qApp, QLocale(QLocale::German, QLocale::Germany)).keydesk.isEmpty());

        QCOMPARE(window.findChild<QLineEdit *>(QStringLiteral("searchField"))->placeholderText(),
                 QStringLiteral("Suchen (Strg+F)"));
    }

    void statusBarAndOfflineBannerInGerman()
    {
        QVERIFY(!Ui::installTranslations(*qApp, QLocale(QLocale::German, QLocale::Germany)).keydesk.isEmpty());
        Ui::MainWindow window;
        Ui::StatusBarWidget *status = window.connectionStatus();
        status->setState(Ui::ConnectionState::Offline);
        QCOMPARE(status->stateText(), QStringLiteral("\u25cb Offline"));
        status->setState(Ui::ConnectionState::Syncing);
        QCOMPARE(status->stateText(), QStringLiteral("\u21bb Synchronisiere\u2026"));
        Ui::FacilityCounts counts;
        counts.locks = 3;
        counts.users = 1;
        counts.keys = 9;
        counts.activeKeys = 5;
        counts.lowBatteries = 2;
        status->setCounts(counts);
        const QString text = status->countsText();
        for (const char *part : { "3 Schl\u00f6sser", "1 Benutzer", "5 aktive Schl\u00fcssel", "2 schwache Batterien" })
            QVERIFY2(text.contains(QString::fromUtf8(part)), qPrintable(text));
        window.offlineBanner()->showOffline(QStringLiteral("keys.example.com"), {});
        QVERIFY2(window.offlineBanner()->text().startsWith(
                     QStringLiteral("Offline \u2014 keys.example.com ist nicht erreichbar.")),
                 qPrintable(window.offlineBanner()->text()));
    }
};

QTEST_MAIN(TestMainWindowTranslations)
#include "TestMainWindowTranslations.moc"
