#pragma once

// The three daily jobs on the real main window: one demo facility on the embedded server, the whole app on a
// FakeClock, driven through widgets found by objectName (menus, shortcuts, clicks, typing) as a person would.

#include "app/AppController.h"
#include "app/EmbeddedServer.h"
#include "core/cache/CacheStore.h"
#include "core/domain/Clock.h"
#include "core/models/CacheTableModel.h"
#include "core/models/ModelRoles.h"
#include "core/sync/SyncEngine.h"
#include "ui/mainwindow/MainWindow.h"

#include <QAbstractProxyModel>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonObject>
#include <QLineEdit>
#include <QTableView>
#include <QTemporaryDir>
#include <QToolBar>
#include <QToolButton>
#include <QtTest>
#include <qcoro/qcorotask.h>

#include <memory>
#include <optional>

namespace MainWindowJobs {

using namespace Keydesk;
using Section = Ui::MainWindow::Section;

/// Runs a core coroutine to its end from a test (the event loop keeps turning meanwhile).
template <typename T> std::optional<T> finish(QCoro::Task<T> task, int timeoutMs = 10000)
{
    auto out = std::make_shared<std::optional<T>>();
    QCoro::connect(std::move(task), qApp, [out](T &&value) { out->emplace(std::move(value)); });
    if (!QTest::qWaitFor([out] { return out->has_value(); }, timeoutMs))
        return std::nullopt;
    return std::move(*out);
}

/// One signed-in demo session, shared by a test class's functions (the demo takes seconds to make).
struct Session
{
    QTemporaryDir dir;
    std::unique_ptr<Core::FakeClock> clock;
    std::unique_ptr<App::AppController> controller;

    Ui::MainWindow *window() const { return controller->mainWindow(); }

    /// Demo facility in a temporary data directory, on a fake clock that starts at the real now (the demo's
    /// month of activity ends there). Returns once the views show the synced cache.
    bool start()
    {
        clock = std::make_unique<Core::FakeClock>(QDateTime::currentDateTimeUtc());
        App::AppOptions options;
        options.demo = true;
        options.dataDir = dir.path();
        options.clock = clock.get();
        controller = std::make_unique<App::AppController>(options);
        if (!controller->start())
            return false;
        return QTest::qWaitFor([this] { return window()->hasViews(); }, 90000) && waitIdle();
    }

    /// The engine caught up (past the initial sync) and nothing waits in the outbox.
    bool waitIdle(int timeoutMs = 20000) const
    {
        return QTest::qWaitFor(
            [this] {
                Core::SyncEngine *engine = controller->syncEngine();
                if (!engine || engine->state() != Core::SyncEngine::State::Idle || engine->revision() == 0)
                    return false;
                auto queued = finish(controller->cache()->allOutbox());
                return queued && *queued && (*queued)->isEmpty();
            },
            timeoutMs);
    }

    /// GET on the embedded server with the desktop's own session (what the server holds, not the cache).
    QJsonObject get(const QString &path) const
    {
        Core::ApiRequest request;
        request.path = path;
        auto answer = finish(controller->client()->send(std::move(request)));
        if (!answer)
            qWarning() << "GET" << path << "timed out";
        else if (!*answer)
            qWarning() << "GET" << path << (*answer).error().message;
        return answer && *answer ? (*answer)->json : QJsonObject();
    }

    QTableView *table(Section section, const char *name) const
    {
        QWidget *view = window()->view(section);
        return view ? view->findChild<QTableView *>(QString::fromLatin1(name)) : nullptr;
    }
};

/// The column whose header reads `title`, or -1.
inline int columnTitled(const QAbstractItemModel *model, const QString &title)
{
    for (int c = 0; c < model->columnCount(); ++c)
        if (model->headerData(c, Qt::Horizontal).toString() == title)
            return c;
    return -1;
}

/// The first row whose `role` data in column 0 is `value`, or -1.
inline int rowWhere(const QAbstractItemModel *model, int role, const QString &value, int column = 0)
{
    for (int r = 0; r < model->rowCount(); ++r)
        if (model->index(r, column).data(role).toString() == value)
            return r;
    return -1;
}

inline QString text(const QAbstractItemModel *model, int row, int column, int role = Qt::DisplayRole)
{
    return model->index(row, column).data(role).toString();
}

/// Selects a row with a mouse click, as a person picks it.
inline void clickRow(QTableView *table, int row)
{
    table->scrollTo(table->model()->index(row, 0));
    const QRect rect = table->visualRect(table->model()->index(row, 0));
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, rect.center());
}

/// Clicks the tool button that shows `action` in `view`'s tool bar.
inline bool clickToolAction(QWidget *view, const char *actionName)
{
    auto *action = view->findChild<QAction *>(QString::fromLatin1(actionName));
    if (!action || !action->isVisible() || !action->isEnabled())
        return false;
    for (QToolBar *bar : view->findChildren<QToolBar *>()) {
        if (auto *button = qobject_cast<QToolButton *>(bar->widgetForAction(action))) {
            QTest::mouseClick(button, Qt::LeftButton);
            return true;
        }
    }
    return false;
}

/// The cache-backed table model under a view's proxies.
inline Core::CacheTableModel *cacheModel(QAbstractItemModel *model)
{
    while (auto *proxy = qobject_cast<QAbstractProxyModel *>(model))
        model = proxy->sourceModel();
    return qobject_cast<Core::CacheTableModel *>(model);
}

} // namespace MainWindowJobs
