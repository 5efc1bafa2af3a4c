"""The open plan and its autosave: every change is written within about a second.

Widgets change the :class:`~vv_desktop.core.model.Plan` directly and then call
:meth:`PlanSession.touch`. A single-shot timer saves shortly after the last change, so typing
is never slowed down by disk writes, and nothing waits for a Save button.
"""

from __future__ import annotations

import errno
import logging

from PySide6.QtCore import QElapsedTimer, QObject, QTimer, Signal

from vv_desktop.core.i18n import translate
from vv_desktop.core.model import Plan
from vv_desktop.core.store import PlanStore

log = logging.getLogger(__name__)

AUTOSAVE_DELAY_MS = 700
MAX_WAIT_MS = 5_000  # someone who types without pausing is still saved this often
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
        self._timer.setInterval(AUTOSAVE_DELAY_MS)
        self._timer.timeout.connect(self.save_now)
        self._first_change = QElapsedTimer()
        self._retrying = False

    def touch(self, phase: str = "", field: str = "") -> None:
        """Record that the plan changed; it is saved after a short pause."""
        if not self.dirty:
            self._first_change.start()
        self.dirty = True
        if self._first_change.elapsed() >= MAX_WAIT_MS:
            self._timer.start(0)
        elif not self._retrying:
            self._timer.start(AUTOSAVE_DELAY_MS)
        self.changed.emit(phase, field)

    def save_now(self) -> bool:
        """Write the plan if it changed; True when everything is on disk."""
        self._timer.stop()
        if not self.dirty or self.store.read_only:  # a read-only data folder: nothing to write, nothing to retry
            return True
        try:
            self.store.save(self.plan)
        except Exception as exc:  # noqa: BLE001 - whatever went wrong, keep the text and try again
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
    if exc.errno == errno.ENOSPC:
        return translate("PlanSession", "Opslaan lukt niet: de schijf is vol. Maak ruimte vrij; "
                                        "de app probeert het opnieuw.")
    if isinstance(exc, PermissionError) or exc.errno in (errno.EACCES, errno.EROFS, errno.EPERM):
        return translate("PlanSession", "Opslaan lukt niet: de map is alleen-lezen. De app probeert het opnieuw.")
    return translate("PlanSession", "Opslaan lukt niet ({error}). De app probeert het opnieuw.").format(
        error=exc.strerror or exc)
