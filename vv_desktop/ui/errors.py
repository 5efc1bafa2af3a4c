"""The last line of defence: an unexpected error saves the user's work first, then explains."""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtWidgets import QApplication, QMessageBox

from vv_desktop.core.i18n import translate

log = logging.getLogger(__name__)


class ErrorHandler:
    """Installed as ``sys.excepthook``; Qt slots that raise end up here.

    ``save_all`` writes what is not on disk yet (True when everything is); ``pending`` says whether
    there was anything to write. The message says the work is saved only when a save wrote it: an
    error in the middle of an edit may mean the edit never reached the plan, and then there was
    nothing to save.
    """

    def __init__(self, log_file: Path, save_all: Callable[[], object],
                 pending: Callable[[], bool] | None = None):
        self.log_file = log_file
        self.save_all = save_all
        self.pending = pending
        self.last_outcome = ""  # "saved" | "nothing-new" | "failed": what the last message said
        self._showing = False

    def _save(self) -> str:
        try:
            had_changes = True if self.pending is None else bool(self.pending())
            saved = bool(self.save_all())
        except Exception:  # saving must not hide the original error
            log.exception("saving after an unexpected error failed")
            return "failed"
        if not saved:
            return "failed"
        return "saved" if had_changes else "nothing-new"

    def install(self) -> None:
        sys.excepthook = self.handle

    def handle(self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        log.error("unexpected error\n%s", "".join(traceback.format_exception(exc_type, exc, tb)))
        self.last_outcome = outcome = self._save()
        if self._showing or QApplication.instance() is None:
            return
        self._showing = True
        try:
            box = QMessageBox(QApplication.activeWindow())
            box.setIcon(QMessageBox.Icon.Warning)
            box.setWindowTitle(translate("errors", "Er ging iets mis"))
            box.setText({
                "saved": translate("errors", "Er ging iets mis in de app. Wat je hebt ingevuld is opgeslagen."),
                "nothing-new": translate("errors", "Er ging iets mis in de app. Wat al in je plan stond, is "
                                                   "bewaard; je laatste wijziging is misschien niet gelukt. Kijk "
                                                   "even of die er staat."),
            }.get(outcome, translate("errors", "Er ging iets mis in de app. De app kon je laatste "
                                              "wijzigingen nog niet opslaan; hij probeert het "
                                              "opnieuw.")))
            box.setInformativeText(
                translate("errors", "Je kunt gewoon verder werken. Wil je het melden? "
                                    "Stuur dan dit bestand mee:\n{file}").format(
                    file=self.log_file
                )
            )
            box.exec()
        finally:
            self._showing = False
