#pragma once

#include <QFuture>
#include <QFutureWatcher>
#include <QObject>

#include <utility>

namespace Keydesk::Ui {

/// Delivers a cache read's result to `owner` on its thread, or never when the owner is gone first. (Qt 6.4's
/// QFuture::then(context, ...) asserts when the context object dies before the future finishes; a watcher
/// owned by the object dies with it.)
template <typename R, typename Fn> void whenRead(QObject *owner, QFuture<R> future, Fn fn)
{
    auto *watcher = new QFutureWatcher<R>(owner);
    QObject::connect(watcher, &QFutureWatcherBase::finished, owner, [watcher, fn = std::move(fn)]() mutable {
        watcher->deleteLater();
        if (watcher->future().resultCount() > 0)
            fn(watcher->future().result());
    });
    watcher->setFuture(std::move(future));
}

} // namespace Keydesk::Ui
