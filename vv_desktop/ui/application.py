"""The QApplication of Stappenplan: its names, its icon, and files handed over by the desktop.

On macOS the Finder does not pass a double-clicked ``.vvplan`` as an argument: it sends a
``QEvent.FileOpen`` to the running application (also at launch, before the window exists).
Those files are kept until the window asks for them with :meth:`Application.deliver_files_to`.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QFileOpenEvent, QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication, QWidget

from vv_desktop import APP_ID, APP_NAME, ORG_NAME, __version__
from vv_desktop.core.resources import icon_file


class Application(QApplication):
    def __init__(self, argv: list[str]):
        super().__init__(argv)
        self._pending: list[Path] = []
        self._handler: Callable[[Path], object] | None = None

    def event(self, event: QEvent) -> bool:
        # Only events sent to the application object itself arrive here, so this costs nothing
        # for the widgets' events.
        if event.type() == QEvent.Type.FileOpen and isinstance(event, QFileOpenEvent):
            path = event.file() or event.url().toLocalFile()
            if path:
                self._hand_over(Path(path))
            return True
        return super().event(event)

    def _hand_over(self, path: Path) -> None:
        if self._handler is None:
            self._pending.append(path)
        else:
            self._handler(path)

    def deliver_files_to(self, handler: Callable[[Path], object]) -> None:
        """From now on, give every opened file to ``handler``; first the ones that came early."""
        self._handler = handler
        pending, self._pending = self._pending, []
        for path in pending:
            handler(path)


def app_icon() -> QIcon:
    """The app's icon from its SVG source (Qt's SVG icon engine draws every size sharply)."""
    return QIcon(str(icon_file("stappenplan")))


def make_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or Application(argv or [QCoreApplication.applicationFilePath() or APP_NAME])
    QCoreApplication.setApplicationName(APP_NAME)
    QCoreApplication.setOrganizationName(ORG_NAME)
    QCoreApplication.setApplicationVersion(__version__)
    # Must match the installed .desktop file, so the launcher, the task bar and the window agree.
    QGuiApplication.setDesktopFileName(APP_ID)
    QGuiApplication.setWindowIcon(app_icon())
    return app


def deliver_opened_files(app: QObject, handler: Callable[[Path], object]) -> None:
    """Route files the desktop hands over to ``handler`` (no-op for a plain QApplication in tests)."""
    if isinstance(app, Application):
        app.deliver_files_to(handler)


FIRST_PAINT_WAIT_S = 3.0


def after_first_paint(window: QWidget, callback: Callable[[], object]) -> None:
    """Run ``callback`` once ``window`` is on screen and its first paint has run; at once for a
    window that is not shown, and after :data:`FIRST_PAINT_WAIT_S` for one that never gets exposed
    (started minimized). Work the first window does not need waits for this, so it appears sooner."""
    deadline = time.monotonic() + FIRST_PAINT_WAIT_S

    def check() -> None:
        handle = window.windowHandle()
        if window.isVisible() and (handle is None or not handle.isExposed()) and time.monotonic() < deadline:
            QTimer.singleShot(2, window, check)
            return
        QTimer.singleShot(0, window, callback)  # after the paint that the exposure queued

    QTimer.singleShot(0, window, check)


def fit_to_screen(window: QWidget) -> None:
    """The main window's first size: all of a laptop's screen, else 1280 x 800."""
    screen = window.screen().availableGeometry()
    if screen.width() < 1500 or screen.height() < 900:  # a laptop: use all of it
        window.setGeometry(screen)
        window.setWindowState(Qt.WindowState.WindowMaximized)
    else:
        window.resize(1280, 800)
