"""One app instance per data folder: a QLockFile guards the files, a local socket raises the window.

A second start with the same data folder asks the first one (over a local socket, not the
network) to come to the front, and then quits.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

LOCK_FILE = "stappenplan.lock"
_RAISE = b"raise\n"
_OPEN = b"open "


def _server_name(data_dir: Path) -> str:
    digest = hashlib.sha1(str(data_dir.resolve()).encode("utf-8")).hexdigest()[:16]
    return f"vv-desktop-{digest}"


class SingleInstance(QObject):
    activate_requested = Signal()
    open_requested = Signal(str)  # a second start was given a file (a .vvplan from an e-mail)

    def __init__(self, data_dir: Path):
        super().__init__()
        self.data_dir = data_dir
        self.lock = QLockFile(str(data_dir / LOCK_FILE))
        self.lock.setStaleLockTime(0)  # a lock of a crashed process is detected by its pid instead
        self._server: QLocalServer | None = None

    def acquire(self) -> bool:
        """True when this process may use the data folder."""
        if not self.lock.tryLock(200):
            return False
        self._server = QLocalServer(self)
        name = _server_name(self.data_dir)
        QLocalServer.removeServer(name)  # left over from a crash; we hold the lock, so it is ours
        self._server.newConnection.connect(self._on_connection)
        self._server.listen(name)
        return True

    def ask_first_to_activate(self, file: Path | None = None) -> bool:
        socket = QLocalSocket()
        socket.connectToServer(_server_name(self.data_dir))
        if not socket.waitForConnected(1000):
            return False
        socket.write(_RAISE if file is None else _OPEN + str(Path(file).resolve()).encode("utf-8") + b"\n")
        socket.waitForBytesWritten(1000)
        socket.disconnectFromServer()
        return True

    def _on_connection(self) -> None:
        assert self._server is not None
        while (conn := self._server.nextPendingConnection()) is not None:
            conn.readyRead.connect(lambda c=conn: self._read(c))

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
        self.lock.unlock()
