"""Save before the app is ended from outside: SIGTERM/SIGHUP (logout, shutdown, `kill`).

Python runs a signal handler only when the interpreter gets control, and Qt's event loop keeps it
in C++; ``signal.set_wakeup_fd`` writes a byte to a pipe that a QSocketNotifier watches, which
wakes Qt, which runs a little Python, which runs the handler. No polling timer.
"""

from __future__ import annotations

import contextlib
import os
import signal
from collections.abc import Callable

from PySide6.QtCore import QObject, QSocketNotifier, QTimer

SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))


class TerminationWatcher(QObject):
    """Calls ``on_terminate`` once when the process is asked to end; then the caller quits."""

    def __init__(self, on_terminate: Callable[[], object], parent: QObject | None = None):
        super().__init__(parent)
        self._on_terminate = on_terminate
        self._done = False
        self._previous: dict[int, object] = {}
        self._pipe: tuple[int, int] | None = None
        self._old_wakeup = -1
        if os.name != "posix":  # Windows ends a GUI app through the session (commitDataRequest) instead
            return
        read_end, write_end = os.pipe()
        for fd in (read_end, write_end):
            os.set_blocking(fd, False)
        self._pipe = (read_end, write_end)
        self._old_wakeup = signal.set_wakeup_fd(write_end)
        self._notifier = QSocketNotifier(read_end, QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._drain)
        for sig in SIGNALS:
            self._previous[sig] = signal.signal(sig, self._handle)

    def _handle(self, _signum: int, _frame: object) -> None:
        # From the event loop, not here: a handler runs between any two bytecodes (in the middle of
        # an autosave's hand-over, or before app.exec(), where quit() would be lost).
        QTimer.singleShot(0, self._terminate)

    def _drain(self) -> None:
        # Reading the byte is all: the Python handler has run by the time this code runs.
        if self._pipe is not None:
            with contextlib.suppress(BlockingIOError, OSError):
                while os.read(self._pipe[0], 512):
                    pass

    def _terminate(self) -> None:
        if not self._done:
            self._done = True
            self._on_terminate()

    def close(self) -> None:
        """Put back the handlers that were there before (for tests and a clean exit)."""
        for sig, previous in self._previous.items():
            signal.signal(sig, previous)  # type: ignore[arg-type]
        self._previous.clear()
        if self._pipe is not None:
            signal.set_wakeup_fd(self._old_wakeup)
            self._notifier.setEnabled(False)
            for fd in self._pipe:
                os.close(fd)
            self._pipe = None
