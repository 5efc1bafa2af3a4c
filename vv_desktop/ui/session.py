"""The open plan and its autosave: every change is on disk within a second.

Widgets change the :class:`~vv_desktop.core.model.Plan` on every keystroke and then call
:meth:`PlanSession.touch`. A single-shot timer saves after a short pause in typing, and never
later than ``SAVE_WITHIN_MS`` after the first change that is not on disk yet, however fast and
long someone types: a crash or a killed process then costs at most that much typing. A save of
a plan costs a few milliseconds (bench/bench_autosave.py), so saving this often does not slow
typing down; nothing waits for a Save button.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QElapsedTimer, QObject, QTimer, Signal

from vv_desktop.core.atomic import is_disk_full, is_not_allowed
from vv_desktop.core.i18n import translate
from vv_desktop.core.model import Plan
from vv_desktop.core.os_reason import os_reason
from vv_desktop.core.store import PlanStore

log = logging.getLogger(__name__)

IDLE_DELAY_MS = 200  # a pause in typing this long saves at once
SAVE_WITHIN_MS = 500  # the oldest unsaved change is written this soon, also while typing goes on
RETRY_DELAY_MS = 10_000


class PlanSession(QObject):
    changed = Signal(str, str)  # phase id, field id ("" when it is not about one field)
    saved = Signal()
    save_failed = Signal(str)  # a Dutch sentence

    def __init__(self, store: PlanStore, plan: Plan, parent: QObject | None = None):
        super().__init__(parent)
        self.store = store
        self.plan = plan
        self.dirty = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.save_now)
        self._first_change = QElapsedTimer()
        self._retrying = False

    def touch(self, phase: str = "", field: str = "") -> None:
        """Record that the plan changed; it is saved after a short pause, or at the latest
        ``SAVE_WITHIN_MS`` after the first unsaved change."""
        if not self.dirty:
            self._first_change.start()
        self.dirty = True
        if not self._retrying:
            left = SAVE_WITHIN_MS - self._first_change.elapsed()
            self._timer.start(max(0, min(IDLE_DELAY_MS, left)))
        self.changed.emit(phase, field)

    def save_now(self) -> bool:
        """Write the plan if it changed; True when everything is on disk."""
        self._timer.stop()
        if not self.dirty or self.store.read_only:  # a read-only data folder: nothing to write, nothing to retry
            return True
        try:
            self.store.save(self.plan)
        except Exception as exc:  # whatever went wrong, keep the text and try again
            log.exception("autosave failed")
            self._retrying = True
            self._timer.start(RETRY_DELAY_MS)  # the text stays in memory meanwhile
            self.save_failed.emit(describe_save_error(exc))
            return False
        self._retrying = False
        self.dirty = False
        self.saved.emit()
        return True

    def discard(self) -> None:
        """Stop without saving (the user chose to): no retry may write this copy later."""
        self._timer.stop()
        self.dirty = False
        self.deleteLater()

    def close(self) -> bool:
        """Save a last time and stop; False (and nothing stopped) when the save failed."""
        if not self.save_now():
            return False
        self._timer.stop()
        self.deleteLater()
        return True


def describe_save_error(exc: Exception) -> str:
    if not isinstance(exc, OSError):
        return translate("PlanSession", "Opslaan lukt niet ({error}). De app probeert het opnieuw.").format(
            error=type(exc).__name__)
    if is_disk_full(exc):
        return translate("PlanSession", "Opslaan lukt niet: de schijf is vol. Maak ruimte vrij; "
                                        "de app probeert het opnieuw.")
    if is_not_allowed(exc):
        return translate("PlanSession", "Opslaan lukt niet: de map is alleen-lezen. De app probeert het opnieuw.")
    return translate("PlanSession", "Opslaan lukt niet ({error}). De app probeert het opnieuw.").format(
        error=os_reason(exc))
