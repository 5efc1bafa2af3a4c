"""Plans the start left for later (many changed plan files): read on another thread, then listed.

See :mod:`vv_desktop.core.plan_index`: the start lists such plans as the index has them and reads
them here, after the window is painted, so the start does not wait for a folder of 1,000 copied
plans. What is found is put in the list on the UI thread.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from vv_desktop.core import plan_index
from vv_desktop.core.store import PlanStore
from vv_desktop.ui.application import after_first_paint
from vv_desktop.ui.home import HomePage


class PlanListLater(QObject):
    updated = Signal(list)  # the list changed; the problems of plans that did not open (may be empty)
    _found = Signal(object, object)  # from the other thread: what it read, the list when it started

    def __init__(self, store: PlanStore, home: HomePage, parent: QObject | None = None):
        super().__init__(parent)
        self.store = store
        self.updated.connect(lambda problems: home.show_plans(store.summaries(), home.selected_id(), problems))
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._found.connect(self._adopt)  # queued: emitted on the other thread

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start_after_first_paint(self, window: QWidget) -> None:
        after_first_paint(window, self.start)

    def start(self) -> None:
        """Read the plans that the last scan left for later (if any), on another thread."""
        names = self.store.index.later
        if not names or self._stop.is_set():
            return
        self.store.index.later = []
        before = plan_index.known_now(self.store)

        def work() -> None:
            found = plan_index.read_later(self.store, names, self._stop)
            if not self._stop.is_set():
                self._found.emit(found, before)

        self._thread = threading.Thread(target=work, name="plan-list-later", daemon=True)
        self._thread.start()

    def _adopt(self, found: dict, before: dict) -> None:
        if self._stop.is_set():
            return
        changed, problems = plan_index.adopt(self.store, found, before)
        if changed or problems:
            self.updated.emit(problems)

    def stop(self) -> None:
        """The window closes: stop reading (after the plan being read) and wait for the thread."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
