// The real main window, every view over a small real-server session, at 200 % (QT_SCALE_FACTOR=2, set before the
// QApplication exists) in a light and a dark palette: no text clipped in the navigation, search bar, menus, status
// bar or banners; status colours readable (WCAG contrast >= 4.5 for badge text on its background and for status
// text on the base); the window follows the palette (no light backgrounds under a dark palette); icons are SVG
// from resources/ and render at twice their size. KEYDESK_SCREENSHOT_DIR=DIR saves look-<palette>-<view>.png there.
#include "TestLocksViewFixture.h"
#include "core/models/KeysModel.h"
#include "core/sync/Mutations.h"
#include "ui/mainwindow/AppStyle.h"
#include "ui/mainwindow/MainWindow.h"
#include "ui/status/OfflineBanner.h"
#include "ui/status/StatusBarWidget.h"
#include "ui/views/FacilityDirectory.h"
#include "ui/views/StatusStyle.h"
#include "ui/views/keys/KeysView.h"
#include "ui/views/keys/RejectionBanner.h"
#include "ui/views/users/ExplainAccessDialog.h"
#include "ui/views/users/UsersView.h"
#include "ui/widgets/DirectoryPicker.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QDir>
#include <QDirIterator>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenuBar>
#include <QStatusBar>
#include <QTableView>
#include <QToolBar>

#include <cmath>
#include <memory>

using namespace Keydesk;
using namespace Keydesk::Test;
using Section = Ui::MainWindow::Section;
using Tone = Ui::StatusStyle::Tone;

Q_DECLARE_METATYPE(QPalette)

namespace {

double luminance(const QColor &c)
{
    const auto channel = [](double v) { return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF());
}

/// WCAG 2 contrast ratio, 1 (same) to 21 (black on white).
double contrast(const QColor &a, const QColor &b)
{
    const double la = luminance(a);
    const double lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

QPalette darkPalette()
{
    QPalette p;
    const QColor window(0x2b, 0x2b, 0x2b), base(0x1e, 0x1e, 0x1e), text(0xe8, 0xe8, 0xe8);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, QColor(0x26, 0x26, 0x26));
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, QColor(0x35, 0x35, 0x35));
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::ToolTipBase, window);
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, QColor(0x9a, 0x9a, 0x9a));
    p.setColor(QPalette::Highlight, QColor(0x2f, 0x65, 0xca));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x8a, 0xb8, 0xff));
    p.setColor(QPalette::Light, QColor(0x50, 0x50, 0x50));
    p.setColor(QPalette::Midlight, QColor(0x40, 0x40, 0x40));
    p.setColor(QPalette::Mid, QColor(0x30, 0x30, 0x30));
    p.setColor(QPalette::Dark, QColor(0x18, 0x18, 0x18));
    p.setColor(QPalette::Shadow, Qt::black);
    p.setColor(QPalette::Disabled, QPalette::WindowText, QColor(0x80, 0x80, 0x80));
    p.setColor(QPalette::Disabled, QPalette::Text, QColor(0x80, 0x80, 0x80));
    p.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(0x80, 0x80, 0x80));
    return p;
}

/// The text a button or label shows, without mnemonic ampersands.
QString shownText(const QString &text)
{
    QString t = text;
    return t.remove(QRegularExpression(QStringLiteral("&(?!&)")));
}

/// The share of a picture's pixels that are near-white (lightness > 220).
double brightShare(const QImage &image)
{
    const QImage img = image.convertToFormat(QImage::Format_RGB32);
    qint64 bright = 0;
    for (int y = 0; y < img.height(); y += 2) {
        const auto *line = reinterpret_cast<const QRgb *>(img.constScanLine(y));
        for (int x = 0; x < img.width(); x += 2)
            if (QColor(line[x]).lightness() > 220)
                ++bright;
    }
    return double(bright) / (double((img.height() + 1) / 2) * double((img.width() + 1) / 2));
}

const QList<QPair<Section, QString>> &sections()
{
    static const QList<QPair<Section, QString>> all = {
        { Section::Dashboard, QStringLiteral("dashboard") }, { Section::Users, QStringLiteral("users") },
        { Section::Locks, QStringLiteral("locks") },         { Section::Keys, QStringLiteral("keys") },
        { Section::Activity, QStringLiteral("activity") },   { Section::QuickClicks, QStringLiteral("quickclicks") },
        { Section::Audit, QStringLiteral("audit") }
    };
    return all;
}

} // namespace

class TestMainWindowLook final : public QObject
{
    Q_OBJECT

    std::unique_ptr<LiveDesk> m_desk;
    std::unique_ptr<Ui::MainWindow> m_window;
    QPalette m_lightPalette;

    /// Widgets inside the window's chrome: navigation, search bar, menu bar, status bar and the banners.
    QList<QWidget *> chrome() const
    {
        QList<QWidget *> out;
        const QList<QWidget *> roots = { m_window->findChild<QWidget *>(QStringLiteral("navigation")),
                                         m_window->findChild<QWidget *>(QStringLiteral("searchBar")),
                                         m_window->menuBar(),
                                         m_window->statusBar(),
                                         m_window->offlineBanner(),
                                         m_window->rejectionBanner() };
        for (QWidget *root : roots) {
            if (!root)
                continue;
            out << root;
            out << root->findChildren<QWidget *>();
        }
        return out;
    }

private Q_SLOTS:
    void initTestCase()
    {
        isolateSettings();
        m_lightPalette = QApplication::palette();
        QVERIFY2(qFuzzyCompare(qApp->devicePixelRatio(), 2.0), "QT_SCALE_FACTOR=2 did not apply");
        m_desk = std::make_unique<LiveDesk>();
        QVERIFY2(m_desk->ok(), qPrintable(m_desk->error()));
        LiveDesk &d = *m_desk;
        QStringList locks;
        const int batteries[] = { 3010, 2930, 2850, 2990 };
        for (int i = 0; i < 4; ++i) {
            const QString name = QStringLiteral("B-10%1").arg(i + 1);
            const QString id = d.addLock(name, QStringLiteral("AA:BB:CC:52:00:0%1").arg(i + 1));
            QVERIFY(!id.isEmpty());
            // Batteries are reported by the locks; set them in the server's table, then let a rename bring them
            // through the change feed.
            QVERIFY(d.server().db().exec(QStringLiteral("UPDATE locks SET internal_battery_mv = ? WHERE id = ?"),
                                         { batteries[i], id }));
            QVERIFY(!d.send("PATCH", QStringLiteral("/v1/locks/%1").arg(id), { { QStringLiteral("name"), name } })
                         .isEmpty());
            locks << id;
        }
        QStringList users;
        for (const char *name : { "Ada Tenant", "Bo Contractor", "Cy Shared" }) {
            const QJsonObject u = d.send("POST", QStringLiteral("/v1/users"),
                                         { { QStringLiteral("name"), QString::fromLatin1(name) } });
            users << u.value(QStringLiteral("user")).toObject().value(QStringLiteral("id")).toString();
        }
        const QDateTime start = QDateTime::currentDateTimeUtc().addDays(-3);
        QStringList keys;
        for (int i = 0; i < 5; ++i) {
            const QJsonObject k
                = d.send("POST", QStringLiteral("/v1/keys"),
                         { { QStringLiteral("lock_id"), locks.at(i % locks.size()) },
                           { QStringLiteral("user_id"), users.at(i % users.size()) },
                           { QStringLiteral("description"), QStringLiteral("Key %1 of a long description").arg(i + 1) },
                           { QStringLiteral("valid_from"), start.addDays(i * 2).toString(Qt::ISODateWithMs) },
                           { QStringLiteral("notify"), QStringLiteral("none") } });
            keys << k.value(QStringLiteral("key")).toObject().value(QStringLiteral("id")).toString();
        }
        QVERIFY(!d.send("POST", QStringLiteral("/v1/keys/%1/revoke").arg(keys.first()),
                        { { QStringLiteral("reason"), QStringLiteral("lost phone") } })
                     .isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(d.cachedRow(QStringLiteral("keys"), keys.last()).has_value(), 15000);
        QTRY_VERIFY_WITH_TIMEOUT(
            d.cachedRow(QStringLiteral("locks"), locks.at(2))->data.value(QStringLiteral("internal_battery_mv")).toInt()
                == 2850,
            15000);

        m_window = std::make_unique<Ui::MainWindow>();
        Ui::SessionInfo session;
        session.serverUrl = d.server().url();
        session.facilityId = d.server().facilityId();
        session.facilityName = QStringLiteral("Harbour Storage");
        session.facilityTimeZone = QStringLiteral("UTC");
        session.username = LiveServer::kOwner;
        session.role = Core::StaffRole::Owner;
        m_window->setSession(session);
        m_window->attachViews(d.context());
        // One directory of locks and users for the whole session, whichever view reads it.
        const auto directories = m_window->findChildren<Ui::FacilityDirectory *>();
        QCOMPARE(directories.size(), 1);
        QVERIFY(directories.first() == m_window->directory());
        QVERIFY(qobject_cast<Ui::KeysView *>(m_window->view(Section::Keys))->directory() == m_window->directory());
        QVERIFY(qobject_cast<Ui::UsersView *>(m_window->view(Section::Users))->directory() == m_window->directory());
        Ui::FacilityCounts counts;
        counts.locks = 4;
        counts.users = 3;
        counts.keys = 5;
        counts.activeKeys = 3;
        counts.lowBatteries = 2;
        m_window->connectionStatus()->setCounts(counts);
        m_window->connectionStatus()->setState(Ui::ConnectionState::Online);
        m_window->connectionStatus()->setLastSynced(QDateTime::currentDateTimeUtc());
        m_window->resize(1200, 760);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));

        // Both banners on screen: a refused quick click, and the offline band.
        auto refused = awaitTask(d.engine().submit(Core::Mutations::issueQuickClick(
            locks.first(), QStringLiteral("2222"), 1, QDateTime::currentDateTimeUtc())));
        QVERIFY(refused && *refused);
        QTRY_VERIFY_WITH_TIMEOUT(m_window->rejectionBanner()->isVisible(), 15000);
        m_window->offlineBanner()->showOffline(QStringLiteral("keys.example.com"), {});
        QVERIFY(settle(*m_window, d));
    }

    void cleanupTestCase()
    {
        QApplication::setPalette(m_lightPalette);
        if (m_window)
            m_window->detachViews();
        m_window.reset();
        m_desk.reset();
    }

    void look_data()
    {
        QTest::addColumn<QPalette>("palette");
        QTest::addColumn<QString>("name");
        QTest::newRow("light palette") << m_lightPalette << QStringLiteral("light");
        QTest::newRow("dark palette") << darkPalette() << QStringLiteral("dark");
    }

    void look()
    {
        QFETCH(QPalette, palette);
        QFETCH(QString, name);
        QApplication::setPalette(palette);
        QCoreApplication::processEvents();
        Ui::MainWindow &window = *m_window;
        QCOMPARE(window.devicePixelRatio(), 2.0);
        const bool dark = name == QLatin1String("dark");
        QCOMPARE(Ui::StatusStyle::isDark(window.palette()), dark);

        // Status colours: badge text on its wash, and status text on the base (tables colour text by tone).
        for (Tone tone : { Tone::Ok, Tone::Info, Tone::Warning, Tone::Danger, Tone::Muted }) {
            const QColor fg = Ui::StatusStyle::foreground(tone, window.palette());
            const double badge = contrast(fg, Ui::StatusStyle::background(tone, window.palette()));
            const double onBase = contrast(fg, window.palette().color(QPalette::Base));
            QVERIFY2(badge >= 4.5, qPrintable(QStringLiteral("tone %1 badge contrast %2").arg(int(tone)).arg(badge)));
            QVERIFY2(onBase >= 4.5, qPrintable(QStringLiteral("tone %1 text contrast %2").arg(int(tone)).arg(onBase)));
        }
        // The banners' words on their bands.
        for (QWidget *banner :
             { static_cast<QWidget *>(window.offlineBanner()), static_cast<QWidget *>(window.rejectionBanner()) }) {
            QVERIFY(banner->isVisible());
            const double c
                = contrast(banner->palette().color(QPalette::WindowText), banner->palette().color(QPalette::Window));
            QVERIFY2(c >= 4.5, qPrintable(QStringLiteral("%1 contrast %2").arg(banner->objectName()).arg(c)));
            QCOMPARE(banner->palette().color(QPalette::Window).lightness() < 128, dark);
        }

        for (const auto &[section, view] : sections()) {
            window.showSection(section);
            QCoreApplication::processEvents();

            // Navigation: every section's title fits beside its icon.
            auto *nav = window.findChild<QListWidget *>(QStringLiteral("navigation"));
            QVERIFY(nav);
            for (int i = 0; i < nav->count(); ++i) {
                const QListWidgetItem *item = nav->item(i);
                if (item->isHidden())
                    continue;
                const int needed = nav->fontMetrics().horizontalAdvance(item->text()) + nav->iconSize().width();
                QVERIFY2(nav->visualItemRect(item).width() >= needed && nav->viewport()->width() >= needed,
                         qPrintable(item->text()));
            }
            // The selected item's icon is drawn in the highlighted-text colour (the accent would vanish on the
            // highlight).
            {
                const QImage selected = nav->currentItem()
                                            ->icon()
                                            .pixmap(nav->iconSize(), 2.0, QIcon::Selected)
                                            .toImage()
                                            .convertToFormat(QImage::Format_ARGB32);
                const QColor wanted = window.palette().color(QPalette::HighlightedText);
                int opaque = 0;
                for (int y = 0; y < selected.height(); ++y)
                    for (int x = 0; x < selected.width(); ++x)
                        if (const QColor c = selected.pixelColor(x, y); c.alpha() == 255) {
                            ++opaque;
                            QVERIFY2(std::abs(c.red() - wanted.red()) < 8 && std::abs(c.green() - wanted.green()) < 8
                                         && std::abs(c.blue() - wanted.blue()) < 8,
                                     qPrintable(c.name()));
                        }
                QVERIFY(opaque > 0);
            }
            // Menu bar, search bar and status bar texts are not cut.
            QVERIFY2(window.menuBar()->width() >= window.menuBar()->sizeHint().width(), "menu bar clipped");
            auto *search = window.findChild<QLineEdit *>(QStringLiteral("searchField"));
            QVERIFY(search);
            QVERIFY2(search->width() > search->fontMetrics().horizontalAdvance(search->placeholderText()),
                     "search placeholder clipped");
            auto *searchBar = window.findChild<QToolBar *>(QStringLiteral("searchBar"));
            QVERIFY(searchBar->height() >= searchBar->sizeHint().height());
            for (QWidget *w : chrome()) {
                if (!w->isVisible())
                    continue;
                if (auto *label = qobject_cast<QLabel *>(w); label && !label->wordWrap() && !label->text().isEmpty())
                    QVERIFY2(label->width() >= label->sizeHint().width(),
                             qPrintable(QStringLiteral("%1 in %2: \"%3\" %4 < %5")
                                            .arg(label->objectName(), view, label->text())
                                            .arg(label->width())
                                            .arg(label->sizeHint().width())));
                if (auto *button = qobject_cast<QAbstractButton *>(w); button && !button->text().isEmpty())
                    QVERIFY2(button->width() >= button->fontMetrics().horizontalAdvance(shownText(button->text())),
                             qPrintable(shownText(button->text())));
                if (auto *label = qobject_cast<QLabel *>(w); label && label->wordWrap() && !label->text().isEmpty())
                    QVERIFY2(label->height() >= label->heightForWidth(label->width()),
                             qPrintable(QStringLiteral("%1 cut at the bottom").arg(label->text())));
            }

            // The lock and user pickers: placeholder not cut, field and list in the palette.
            for (Ui::DirectoryPicker *picker : window.findChildren<Ui::DirectoryPicker *>()) {
                if (!picker->isVisible())
                    continue;
                QVERIFY2(picker->width() > picker->fontMetrics().horizontalAdvance(picker->placeholderText()),
                         qPrintable(QStringLiteral("%1 in %2 clipped").arg(picker->objectName(), view)));
                QCOMPARE(picker->palette().color(QPalette::Base).lightness() < 128, dark);
                QCOMPARE(picker->popup()->palette().color(QPalette::Base), picker->palette().color(QPalette::Base));
                QCOMPARE(picker->popup()->font(), picker->font());
            }

            // Coloured cells of every list and table on screen stay readable on the palette's base.
            for (QAbstractItemView *itemView : window.findChildren<QAbstractItemView *>()) {
                if (!itemView->isVisible() || !itemView->model())
                    continue;
                const QAbstractItemModel *model = itemView->model();
                for (int r = 0; r < std::min(model->rowCount(), 50); ++r) {
                    for (int c = 0; c < model->columnCount(); ++c) {
                        const QVariant fg = model->index(r, c).data(Qt::ForegroundRole);
                        if (!fg.isValid())
                            continue;
                        const QColor colour = fg.canConvert<QBrush>() ? fg.value<QBrush>().color() : fg.value<QColor>();
                        const double ratio = contrast(colour, itemView->palette().color(QPalette::Base));
                        QVERIFY2(ratio >= 4.5,
                                 qPrintable(QStringLiteral("%1 in %2: \"%3\" contrast %4")
                                                .arg(itemView->objectName(), view, model->index(r, c).data().toString())
                                                .arg(ratio)));
                    }
                }
            }

            // The window follows the palette: under a dark palette, no light backgrounds in the chrome or the
            // views of this helper's folders (dashboard, locks); other views are reported in the log.
            QCoreApplication::processEvents();
            const QImage shot = window.grab().toImage();
            QCOMPARE(shot.devicePixelRatio(), 2.0);
            if (dark) {
                const double share = brightShare(shot);
                qInfo("%s: %.1f %% near-white pixels", qPrintable(view), share * 100);
                if (section == Section::Dashboard || section == Section::Locks)
                    QVERIFY2(share < 0.02, qPrintable(QStringLiteral("%1 has light areas").arg(view)));
            }
            const QString dir = qEnvironmentVariable("KEYDESK_SCREENSHOT_DIR");
            if (!dir.isEmpty())
                QVERIFY(shot.save(QDir(dir).filePath(QStringLiteral("look-%1-%2.png").arg(name, view))));
        }
    }

    void keysStatusIsOnScreenInTheDefaultWindow()
    {
        // The window opens at 1,200 x 760: the keys' status badge (what people look for) must not need a
        // horizontal scroll.
        m_window->showSection(Section::Keys);
        QCoreApplication::processEvents();
        auto *table = m_window->findChild<QTableView *>(QStringLiteral("keysTable"));
        QVERIFY(table && table->isVisible());
        const QHeaderView *header = table->horizontalHeader();
        const int status = Core::KeysModel::StatusColumn;
        QVERIFY(!header->isSectionHidden(status));
        const int left = header->sectionViewportPosition(status);
        QVERIFY2(left >= 0 && left + std::min(header->sectionSize(status), 200) <= table->viewport()->width(),
                 qPrintable(QStringLiteral("status column at %1..%2, viewport %3")
                                .arg(left)
                                .arg(left + header->sectionSize(status))
                                .arg(table->viewport()->width())));
    }

    void iconsAreSvgFromResourcesAndCrispAtTwice()
    {
        // Every icon the program ships is an SVG.
        int icons = 0;
        QDirIterator it(QStringLiteral(":/icons"), QDir::Files);
        while (it.hasNext()) {
            const QString path = it.next();
            QVERIFY2(path.endsWith(QLatin1String(".svg")), qPrintable(path));
            ++icons;
        }
        QVERIFY(icons >= 5);

        // The navigation's and the actions' icons render at twice their size (an SVG engine, not a scaled pixmap).
        auto *nav = m_window->findChild<QListWidget *>(QStringLiteral("navigation"));
        QList<QPair<QString, QIcon>> shown;
        for (int i = 0; i < nav->count(); ++i)
            shown.append({ nav->item(i)->text(), nav->item(i)->icon() });
        bool clearButton = false;
        for (QAction *action : m_window->findChildren<QAction *>()) {
            // Qt's own (the search field's clear button, "_q_...") come from the style: AppStyle gives it an SVG.
            clearButton = clearButton || action->objectName() == QLatin1String("_q_qlineeditclearaction");
            if (!action->icon().isNull())
                shown.append({ action->objectName() + QLatin1Char(' ') + action->text(), action->icon() });
        }
        QVERIFY(clearButton);
        QVERIFY(shown.size() >= nav->count());
        for (const auto &[what, icon] : shown) {
            const QPixmap pixmap = icon.pixmap(QSize(20, 20), 2.0);
            QVERIFY2(pixmap.size() == QSize(40, 40),
                     qPrintable(QStringLiteral("%1: %2x%3").arg(what).arg(pixmap.width()).arg(pixmap.height())));
            QCOMPARE(pixmap.devicePixelRatio(), 2.0);
        }
    }
};

int main(int argc, char **argv)
{
    // 200 %: must be set before the QApplication exists.
    qputenv("QT_SCALE_FACTOR", "2");
    QApplication app(argc, argv);
    Keydesk::Ui::installAppStyle(app); // as main() does
    TestMainWindowLook test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "TestMainWindowLook.moc"
