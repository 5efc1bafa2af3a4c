"""One app instance per data folder: the core's lock guards the files, a local server raises the window.

A second start with the same data folder asks the first one (over a local socket, not the
network) to come to the front, and then quits. The lock itself, and asking whether an app runs,
are Qt-free (vv_desktop/core/folder_lock.py, running_app.py), so the commands share them without
loading Qt; this module adds the server that answers, on the address the core asks.

The window starts its server after its first paint (``serve_later``): whether another app runs is
asked before that (Qt-free, by the lock), and a second start that comes in between, while the
first one is still starting, keeps asking for a moment (:data:`STARTING_S`) instead of offering
to take the folder over. QtNetwork is loaded only when the server starts, or a second start asks.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from vv_desktop.core.folder_lock import FolderLock, LockProblem
from vv_desktop.core.running_app import app_address, ask_running_app

if TYPE_CHECKING:
    from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger(__name__)

_RAISE = b"raise\n"
_OPEN = b"open "
STARTING_S = 3.0  # how long a second start waits for a first one that holds the lock but does not answer yet


class SingleInstance(QObject):
    activate_requested = Signal()
    open_requested = Signal(str)  # a second start was given a file (a .vvplan from an e-mail)

    def __init__(self, data_dir: Path, serve_later: bool = False):
        super().__init__()
        self.data_dir = data_dir
        self.folder_lock = FolderLock(data_dir)
        self._server: QLocalServer | None = None
        self._serve_later = serve_later  # True: :meth:`serve` waits for :meth:`serve_now` (after the first paint)
        self._serve_wanted = False

    @property
    def lock_file(self) -> Path:
        return self.folder_lock.file

    @property
    def problem(self) -> LockProblem | None:
        """Why :meth:`acquire` said no."""
        return self.folder_lock.problem

    def acquire(self) -> bool:
        """True when this process may use the data folder."""
        if not self.folder_lock.acquire():
            return False
        self.serve()
        return True

    def take_over(self) -> bool:
        """Take the folder from a lock that the person said is stale; False when it is really in use."""
        if not self.folder_lock.take_over():
            return False
        self.serve()
        return True

    def serve_now(self) -> None:
        """The window is painted: start answering later starts, if :meth:`serve` was asked."""
        self._serve_later = False
        if self._serve_wanted:
            self.serve()

    def serve(self) -> None:
        """Answer later starts with this folder (also for a read-only folder, which has no lock)."""
        if self._server is not None:
            return
        if self._serve_later:
            self._serve_wanted = True
            return
        from PySide6.QtNetwork import QLocalServer

        if ask_running_app(self.data_dir):  # a running app's name is never taken: later starts go to it
            log.warning("another Stappenplan answers for %s; this one does not serve it", self.data_dir)
            return
        self._server = QLocalServer(self)
        address = app_address(self.data_dir)  # a full path: Qt uses it as it is, where the core asks
        QLocalServer.removeServer(address)  # left over from a crash: no one answered, so it is ours now
        self._server.newConnection.connect(self._on_connection)
        if not self._server.listen(address):
            log.warning("cannot answer later starts for %s: %s", self.data_dir, self._server.errorString())

    def ask_first_to_activate(self, file: Path | None = None) -> bool:
        from PySide6.QtNetwork import QLocalSocket

        problem = self.folder_lock.problem
        # A live process on this computer holds the lock and does not answer: perhaps a first start
        # that has not painted its window yet (two quick double-clicks). Ask again for a moment.
        starting = problem is not None and problem.kind == LockProblem.IN_USE and bool(problem.pid) \
            and not problem.running
        deadline = time.monotonic() + (STARTING_S if starting else 0)
        while True:
            socket = QLocalSocket()
            socket.connectToServer(app_address(self.data_dir))
            if socket.waitForConnected(1000):
                break
            if time.monotonic() >= deadline:
                return False
            time.sleep(0.1)
        socket.write(_RAISE if file is None else _OPEN + str(Path(file).resolve()).encode("utf-8") + b"\n")
        socket.waitForBytesWritten(1000)
        socket.disconnectFromServer()
        return True

    def _on_connection(self) -> None:
        assert self._server is not None
        while (conn := self._server.nextPendingConnection()) is not None:
            conn.readyRead.connect(lambda c=conn: self._read(c))
            conn.disconnected.connect(conn.deleteLater)  # also a start that only asked whether we run

    def _read(self, conn: QLocalSocket) -> None:
        message = bytes(conn.readAll().data())
        if message.startswith(_RAISE):
            self.activate_requested.emit()
        elif message.startswith(_OPEN) and message.endswith(b"\n") and len(message) < 10_000:
            self.activate_requested.emit()
            self.open_requested.emit(message[len(_OPEN):-1].decode("utf-8", "replace"))
        conn.disconnectFromServer()

    def release(self) -> None:
        if self._server is not None:
            self._server.close()
        self.folder_lock.release()
