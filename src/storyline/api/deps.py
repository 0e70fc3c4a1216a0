"""What an endpoint depends on: this thread's store.

Both routers and the app import from here, and this module imports none of them, so the
api package has no import cycle.
"""

from __future__ import annotations

import threading

from fastapi import Request

from storyline.store import Store, open_store


class StoreProvider:
    """One store connection per worker thread, all on the same file (SQLite WAL: readers never block)."""

    def __init__(self, path: str) -> None:
        self.path = path
        self._local = threading.local()
        self._opened: list[Store] = []
        self._lock = threading.Lock()

    def get(self) -> Store:
        store: Store | None = getattr(self._local, "store", None)
        if store is None:
            store = open_store(self.path)
            self._local.store = store
            with self._lock:
                self._opened.append(store)
        return store

    def close(self) -> None:
        with self._lock:
            for store in self._opened:
                store.close()
            self._opened.clear()


def store_of(request: Request) -> Store:
    """This thread's store; call it inside the endpoint so the connection stays on its thread."""
    store: Store = request.app.state.stores.get()
    return store
