"""The open plan and its autosave: every change is on disk within a second.

Widgets change the :class:`~vv_desktop.core.model.Plan` on every keystroke and then call
:meth:`PlanSession.touch`. A single-shot timer saves after a short pause in typing, and never
later than ``SAVE_WITHIN_MS`` after the first change that is not on disk yet, however fast and
long someone types: a crash or a killed process then costs at most that much typing. Nothing waits
for a Save button.

The timer only takes a snapshot of the plan (~1 ms for a 1 MiB plan) and hands it to the plan's
writer thread (:mod:`~vv_desktop.core.plan_writer`), which encodes, writes and fsyncs it: typing
never waits for the disk (bench/bench_save_cost.py). Saves are written in order, and a save that
waits is replaced by a newer one. ``saved`` is emitted when every change is on disk, ``save_failed``
when they could not be written (the text stays in memory and the save is tried again).
:meth:`PlanSession.save_now` waits for the writer: for whoever needs the plan on disk now.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QElapsedTimer, QObject, Qt, QTimer, Signal

from vv_desktop.core.atomic import is_disk_full, is_not_allowed
from vv_desktop.core.i18n import translate
from vv_desktop.core.model import Plan
from vv_desktop.core.os_reason import os_reason
from vv_desktop.core.plan_writer import SaveJob
from vv_desktop.core.store import PlanStore

log = logging.getLogger(__name__)

IDLE_DELAY_MS = 200  # a pause in typing this long saves at once
SAVE_WITHIN_MS = 500  # the oldest unsaved change is written this soon, also while typing goes on
RETRY_DELAY_MS = 10_000


class PlanSession(QObject):
    changed = Signal(str, str)  # phase id, field id ("" when it is not about one field)
    saved = Signal()
    save_failed = Signal(str)  # a Dutch sentence
    _written = Signal()  # emitted in the writer thread: a save finished (queued to this object's thread)

    def __init__(self, store: PlanStore, plan: Plan, parent: QObject | None = None):
        super().__init__(parent)
        self.store = store
        self.plan = plan
        self.dirty = False  # changes that are not on disk yet (also while a save of them is being written)
        self._changes = 0  # changes so far
        self._handed = 0  # the changes in the newest snapshot handed to the writer; None: hand over again
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.autosave)
        self._first_change = QElapsedTimer()
        self._retrying = False
        self._written.connect(self._collect, Qt.ConnectionType.QueuedConnection)
        self._writer = store.writer(plan, self._written.emit)

    def touch(self, phase: str = "", field: str = "") -> None:
        """Record that the plan changed; it is saved after a short pause, or at the latest
        ``SAVE_WITHIN_MS`` after the first change that was not handed to the writer yet."""
        if self._handed == self._changes:
            self._first_change.start()
        self._changes += 1
        self.dirty = True
        if not self._retrying:
            left = SAVE_WITHIN_MS - self._first_change.elapsed()
            self._timer.start(max(0, min(IDLE_DELAY_MS, left)))
        self.changed.emit(phase, field)

    def autosave(self) -> None:
        """What the timer does: hand a snapshot of the plan to the writer thread, without waiting."""
        self._timer.stop()
        if self.dirty and not self.store.read_only and self._handed != self._changes:
            self._hand_over()

    def _hand_over(self) -> None:
        try:
            job = self.store.snapshot(self.plan, self._changes)
        except Exception as exc:  # noqa: BLE001 - whatever went wrong, keep the text and try again
            self._failed(exc)
            return
        self._handed = self._changes
        self._writer.submit(job)

    def save_now(self) -> bool:
        """Write the plan if it changed and wait until it is written; True when everything is on disk."""
        self._timer.stop()
        if not self.dirty or self.store.read_only:  # a read-only data folder: nothing to write, nothing to retry
            return True
        if self._handed != self._changes:
            self._hand_over()
        self._writer.flush()
        self._collect()
        return not self.dirty

    def _collect(self) -> None:
        """On the UI thread: what the writer finished. Only the newest save handed over counts; an
        older one was overtaken by it (its failure is no news: the newer save holds that text too)."""
        for job in self._writer.take_done():
            if job.changes == self._handed:
                self._finished(job)

    def _finished(self, job: SaveJob) -> None:
        if job.error is not None:
            self._handed = None  # the retry hands the plan over again
            self._failed(job.error)
            return
        self.store.saved(self.plan, job)
        self._retrying = False
        if job.changes == self._changes:  # nothing typed since the snapshot: all of it is on disk
            self.dirty = False
            self.saved.emit()
        else:  # typed while it was written: that goes next, so no key waits long to be on disk
            self.autosave()

    def _failed(self, exc: BaseException) -> None:
        log.error("autosave failed", exc_info=exc)
        self._retrying = True
        self._timer.start(RETRY_DELAY_MS)  # the text stays in memory meanwhile
        self.save_failed.emit(describe_save_error(exc))

    def discard(self) -> None:
        """Stop without saving (the user chose to): no retry may write this copy later."""
        self._timer.stop()
        self._writer.cancel()
        self._stop()
        self.dirty = False

    def close(self) -> bool:
        """Save a last time and stop; False (and nothing stopped) when the save failed."""
        if not self.save_now():
            return False
        self._stop()
        return True

    def _stop(self) -> None:
        self._timer.stop()
        self.store.close_writer(self.plan.id)  # waits for a write under way
        self._writer.take_done()
        self.deleteLater()


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
