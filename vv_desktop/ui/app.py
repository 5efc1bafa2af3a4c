"""Starting the app: data folder, one instance, translations, error handling, main window."""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTimer, QTranslator
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from vv_desktop import APP_NAME, __version__
from vv_desktop.core import i18n
from vv_desktop.core.i18n import translate
from vv_desktop.core.logs import log_file_in, setup_logging
from vv_desktop.core.os_reason import os_reason
from vv_desktop.core.read_only import open_data_dir, open_store
from vv_desktop.core.worksheets import Method, WorksheetError, load_method

if TYPE_CHECKING:
    from vv_desktop.ui.main_window import MainWindow

log = logging.getLogger(__name__)
# Set by the benchmarks: quit as soon as the window is shown and painted once.
QUIT_WHEN_SHOWN = "STAPPENPLAN_QUIT_WHEN_SHOWN"


def make_application(argv: list[str] | None = None) -> QApplication:
    from vv_desktop.ui import application

    app = application.make_application(argv or [sys.argv[0]])
    install_translations(app)
    return app


def install_translations(app: QApplication) -> None:
    """Dutch first: Qt's own dialog texts in Dutch, and the core's strings through Qt."""
    QLocale.setDefault(QLocale(QLocale.Language.Dutch, QLocale.Country.Netherlands))
    translator = QTranslator(app)
    if translator.load(QLocale(QLocale.Language.Dutch), "qtbase", "_",
                       QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(translator)
    i18n.install(QCoreApplication.translate)


def _folder_problem(data_dir: Path | None, exc: OSError) -> str:
    import errno

    from vv_desktop.core.paths import default_data_dir

    folder = data_dir or exc.filename or default_data_dir()
    text = translate("app", "Map: {dir}\nReden: {why}").format(dir=folder, why=os_reason(exc))
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        text += "\n\n" + translate("app", "Je mag in deze map niet schrijven. Staat de app op een USB-stick, kijk dan "
                                          "of de stick schrijfbeveiligd is. Of start de app met een andere map.")
    return text


def _fatal(text: str, detail: str = "") -> int:
    box = QMessageBox(QMessageBox.Icon.Critical, APP_NAME, text)
    if detail:
        box.setInformativeText(detail)
    box.exec()
    return 1


def _quit_when_shown(window: QWidget, app: QApplication) -> None:
    """Quit once the window is exposed and one round of events (its first paint) has run."""

    def check() -> None:
        handle = window.windowHandle()
        if handle is None or not handle.isExposed():
            QTimer.singleShot(1, check)
            return
        app.processEvents()
        app.quit()

    QTimer.singleShot(0, check)


def _say_where_portable_data_is(window: MainWindow, data_dir: Path | None, root: Path) -> None:
    """A copy on a USB stick keeps its own plans: say so, or the plans of the laptop seem gone."""
    from vv_desktop.core.portable import portable_data_dir

    portable = portable_data_dir()
    if data_dir is None and portable is not None and portable.resolve() == root:
        window.statusBar().showMessage(translate("app", "Draagbare versie: je plannen staan in {dir}.").format(
            dir=root), 30_000)


def _save_and_quit(window: MainWindow, app: QApplication, rescue_dir: Callable[[], Path] | None = None) -> None:
    saved = window.save_all() or rescue_unsaved(window, rescue_dir)
    log.info("asked to end from outside; saved: %s", saved)
    app.quit()


def rescue_unsaved(window: MainWindow, rescue_dir: Callable[[], Path] | None = None) -> bool:
    """The app must end now (logout, shutdown) and saving failed: there is no time to ask, so the
    open plan is written as a .vvplan in Documenten; importing it brings the text back."""
    from vv_desktop.core.sharing import export_plan
    from vv_desktop.ui.style import documents_folder

    session = window.session
    if session is None:
        return True
    stamp = datetime.now().strftime("%Y-%m-%d %H.%M.%S")
    target = (rescue_dir or documents_folder)() / f"Stappenplan - niet opgeslagen - {stamp}.vvplan"
    try:
        export_plan(window.store, session.plan.id, target, open_plan=session.plan)
    except Exception:  # the app ends either way; the log says why
        log.exception("rescue copy not written")
        return False
    log.warning("saving failed while ending: the open plan was written to %s", target)
    return True


def make_main_window(root: Path, writable: bool, method: Method, log_file: Path) -> MainWindow:
    """The window on a data folder; on one that can only be read, a window that changes nothing."""
    from vv_desktop.ui.main_window import MainWindow
    from vv_desktop.ui.services import AppServices

    settings, store = open_store(root, writable)
    return MainWindow(AppServices(store, settings, method, log_file))


def _log_folder(root: Path, writable: bool) -> Path:
    """The log lives in the data folder; for a read-only folder in the temporary folder instead."""
    import tempfile

    return root if writable else Path(tempfile.gettempdir()) / APP_NAME


class _EarlyLog(logging.Handler):
    """The start's log records, kept until the log file is opened after the first paint."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.records: list[logging.LogRecord] = []
        self.folder: Path | None = None

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)

    def open_log_file(self) -> None:
        """Open the log file (once) and write what was kept into it."""
        root = logging.getLogger()
        if self not in root.handlers:
            return
        root.removeHandler(self)
        if self.folder is not None:
            setup_logging(self.folder)
        for record in self.records:
            root.handle(record)
        self.records.clear()


def run_gui(data_dir: Path | None, file: Path | None = None) -> int:
    early = _EarlyLog()
    logging.getLogger().addHandler(early)
    logging.getLogger().setLevel(logging.INFO)
    try:
        return _run_gui(data_dir, file, early)
    finally:
        early.open_log_file()  # also when the start ends before the first paint


def _run_gui(data_dir: Path | None, file: Path | None, early: _EarlyLog) -> int:
    app = make_application()
    try:
        root, writable = open_data_dir(data_dir)
    except OSError as exc:
        return _fatal(translate("app", "De app kan de map voor je plannen niet gebruiken."),
                      _folder_problem(data_dir, exc))
    early.folder = _log_folder(root, writable)
    log_file = log_file_in(early.folder)

    from vv_desktop.ui.folder_claim import Claim, claim_folder
    from vv_desktop.ui.single_instance import SingleInstance

    instance = SingleInstance(root, serve_later=True)  # its server starts after the first paint
    claim = claim_folder(instance, writable, file)
    if claim in (Claim.HANDED_OVER, Claim.REFUSED):
        return 0 if claim is Claim.HANDED_OVER else 1
    try:
        method = load_method()
    except WorksheetError as exc:
        return _fatal(translate("app", "De app kan zijn eigen werkbladen niet lezen."), str(exc))

    from vv_desktop.ui.application import after_first_paint, deliver_opened_files
    from vv_desktop.ui.errors import ErrorHandler

    window = make_main_window(root, claim is Claim.WRITE, method, log_file)
    ErrorHandler(log_file, window.save_all, lambda: window.session is not None and window.session.dirty).install()
    instance.activate_requested.connect(window.bring_to_front)
    instance.open_requested.connect(lambda path: window.import_file(Path(path)))
    window.show()
    window.start()
    after_first_paint(window, instance.serve_now)
    after_first_paint(window, early.open_log_file)
    _say_where_portable_data_is(window, data_dir, root)
    if file is not None:
        QTimer.singleShot(0, lambda: window.import_file(file))
    # macOS: a plan double-clicked in the Finder arrives as an event, also while the app runs.
    deliver_opened_files(app, lambda path: QTimer.singleShot(0, lambda: window.import_file(path)))
    if os.environ.get(QUIT_WHEN_SHOWN):  # for bench/: time to a painted window, then stop
        _quit_when_shown(window, app)
    from vv_desktop.ui.termination import TerminationWatcher

    # Logout, shutdown or `kill`: save what was typed, then end. The desktop session asking to
    # commit data (before a logout it may still cancel): save only.
    watcher = TerminationWatcher(lambda: _save_and_quit(window, app), app)
    app.commitDataRequest.connect(lambda _manager: window.save_all())
    log.info("started %s %s with data folder %s", APP_NAME, __version__, root)  # from here on SIGTERM saves
    code = app.exec()
    window.list_later.stop()
    watcher.close()
    window.save_all()
    instance.release()
    return code
