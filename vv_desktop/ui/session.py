"""The open plan and its autosave: every change is written within about a second.

Widgets change the :class:`~vv_desktop.core.model.Plan` directly and then call
:meth:`PlanSession.touch`. A single-shot timer saves shortly after the last change, so typing
is never slowed down by disk writes, and nothing waits for a Save button.
"""

from __future__ import annotations

import errno
import logging

from PySide6.QtCore import QObject, QTimer, Signal

from vv_desktop.core.i18n import translate
from vv_desktop.core.model import Plan
from vv_desktop.core.store import PlanStore

log = logging.getLogger(__name__)

AUTOSAVE_DELAY_MS = 700
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

    def touch(self, phase: str = "", field: str = "") -> None:
        """Record that the plan changed; it is saved after a short pause."""
        self.dirty = True
        self._timer.start(AUTOSAVE_DELAY_MS)
        self.changed.emit(phase, field)

    def save_now(self) -> bool:
        """Write the plan if it changed; True when everything is on disk."""
        self._timer.stop()
        if not self.dirty:
            return True
        try:
            self.store.save(self.plan)
        except OSError as exc:
            log.exception("autosave failed")
            self._timer.start(RETRY_DELAY_MS)  # try again; the text stays in memory meanwhile
            self.save_failed.emit(describe_os_error(exc))
            return False
        self.dirty = False
        self.saved.emit()
        return True


def describe_os_error(exc: OSError) -> str:
    if exc.errno == errno.ENOSPC:
        return translate("PlanSession", "Opslaan lukt niet: de schijf is vol. Maak ruimte vrij; "
                                        "de app probeert het opnieuw.")
    if isinstance(exc, PermissionError) or exc.errno in (errno.EACCES, errno.EROFS, errno.EPERM):
        return translate("PlanSession", "Opslaan lukt niet: de map is alleen-lezen. De app probeert het opnieuw.")
    return translate("PlanSession", "Opslaan lukt niet ({error}). De app probeert het opnieuw.").format(
        error=exc.strerror or exc)
