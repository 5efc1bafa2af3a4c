"""One app instance per data folder: a QLockFile guards the files, a local socket raises the window.

A second start with the same data folder asks the first one (over a local socket, not the
network) to come to the front, and then quits.

A lock file can outlive its owner: a laptop that crashed, a USB stick pulled out while the app
ran on another laptop. :class:`FolderLock` takes over what is clearly nobody's (a dead process
here, an empty or damaged file) and says what the rest is, so that a person can decide.

The running app is asked first, over its socket: a sync tool or a clean-up program can replace
or remove the lock file under a running app, and then the file alone would let a second window
write the same plans. Something odd with the lock's name (a folder, a named pipe, a link to a
device, a huge file) is set aside under another name before Qt reads it.
"""

from __future__ import annotations

import hashlib
import logging
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, QSysInfo, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from vv_desktop.core.data_folder import keep_aside
from vv_desktop.core.i18n import translate
from vv_desktop.core.read_only import is_read_only_error, write_problem

log = logging.getLogger(__name__)

LOCK_FILE = "stappenplan.lock"
MAX_LOCK_SIZE = 4096  # a lock holds a pid, a program and a host name: far less than this
_RAISE = b"raise\n"
_OPEN = b"open "


def _server_name(data_dir: Path) -> str:
    digest = hashlib.sha1(str(data_dir.resolve()).encode("utf-8")).hexdigest()[:16]
    return f"vv-desktop-{digest}"


def ask_running_app(data_dir: Path) -> bool:
    """True when a Stappenplan with this data folder runs on this computer (it answers its socket)."""
    socket = QLocalSocket()
    socket.connectToServer(_server_name(data_dir))
    answered = socket.waitForConnected(1000)
    socket.abort()
    return answered


@dataclass(frozen=True)
class LockProblem:
    """Why the data folder could not be locked."""

    IN_USE = "in_use"  # a live process on this computer holds it: a running Stappenplan, or not
    OTHER_COMPUTER = "other_computer"  # written by another laptop (perhaps long gone)
    READ_ONLY = "read_only"  # nothing may be written here: open it read-only
    CANNOT_WRITE = "cannot_write"  # a lock file cannot be written (a full disk): see ``error``
    IN_THE_WAY = "in_the_way"  # something odd has the lock's name and cannot be renamed: ``what``, ``error``

    kind: str
    host: str = ""
    pid: int = 0
    error: OSError | None = None
    running: bool = False  # IN_USE: a Stappenplan answered on its socket for this folder
    what: str = ""  # IN_THE_WAY: one of ODD_ENTRIES


ODD_ENTRIES = ("folder", "link", "big_file", "special")


def odd_entry(file: Path) -> str | None:
    """What ``file`` is when it cannot be a lock file (one of :data:`ODD_ENTRIES`), else None.

    Looked at with lstat, so without opening it: a named pipe or a link to /dev/zero would make
    a read hang, a huge file would take seconds."""
    try:
        info = os.lstat(file)
    except OSError:  # not there (the usual case), or not even visible: the lock itself says why
        return None
    if stat.S_ISREG(info.st_mode):
        return "big_file" if info.st_size > MAX_LOCK_SIZE else None
    if stat.S_ISDIR(info.st_mode):
        return "folder"
    return "link" if stat.S_ISLNK(info.st_mode) else "special"


def describe_entry(what: str) -> str:
    """The kind of odd entry, in words for the person (``een map``)."""
    return {"folder": translate("app", "een map"), "link": translate("app", "een snelkoppeling (link)"),
            "big_file": translate("app", "een groot bestand")}.get(what, translate("app", "een speciaal bestand"))


class FolderLock:
    """The lock on a data folder (``stappenplan.lock``), shared by the window and the commands."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self.file = self.folder / LOCK_FILE
        self.lock = QLockFile(str(self.file))
        self.lock.setStaleLockTime(0)  # a lock of a crashed process is detected by its pid instead
        self.problem: LockProblem | None = None

    def acquire(self, timeout_ms: int = 200) -> bool:
        """True when locked. Qt itself takes over a lock of a dead process on this computer; an
        empty or damaged lock file is taken over here. Otherwise :attr:`problem` says why not."""
        self.problem = None
        if ask_running_app(self.folder):  # before the file: it may have been replaced or removed under the app
            self.problem = LockProblem(LockProblem.IN_USE, running=True)
            return False
        if not self._clear_the_way():
            return False
        if self.lock.tryLock(timeout_ms):
            return True
        if self.lock.error() != QLockFile.LockError.LockFailedError:
            self.problem = self._write_problem()
            return False
        pid, host, _program = self.lock.getLockInfo()
        if pid <= 0:  # empty or damaged: a lock being written right now is safe, Qt keeps it open and locked
            if self.take_over():
                return True
            self.problem = LockProblem(LockProblem.IN_USE)
        elif host and host != QSysInfo.machineHostName():
            self.problem = LockProblem(LockProblem.OTHER_COMPUTER, host=host, pid=pid)
        else:  # its pid lives, but that can be any program that got the number since
            self.problem = LockProblem(LockProblem.IN_USE, host=host, pid=pid)
        return False

    def _clear_the_way(self) -> bool:
        """Set aside what has the lock's name but cannot be a lock, so the folder can be locked;
        False (and :attr:`problem`) when it cannot be renamed."""
        what = odd_entry(self.file)
        if what is None:
            return True
        try:
            keep_aside(self.file, f"not a lock file ({what})")
        except OSError as exc:
            log.warning("could not set aside %s (%s): %s", self.file, what, exc)
            kind = LockProblem.READ_ONLY if is_read_only_error(exc) else LockProblem.IN_THE_WAY
            self.problem = LockProblem(kind, what=what, error=exc)
            return False
        return True

    def _write_problem(self) -> LockProblem:
        error = write_problem(self.folder)
        if is_read_only_error(error) or (error is None and self.lock.error() == QLockFile.LockError.PermissionError):
            return LockProblem(LockProblem.READ_ONLY, error=error)
        return LockProblem(LockProblem.CANNOT_WRITE, error=error)

    def take_over(self) -> bool:
        """Remove someone else's lock and take it (after the person agreed, or when it is nobody's).

        False when the lock is really held: the process that holds it keeps Qt's native lock on
        the file (flock; on Windows the open file), so removing it fails.
        """
        if self.lock.removeStaleLockFile() and self.lock.tryLock(0):
            self.problem = None
            return True
        return False

    def release(self) -> None:
        self.lock.unlock()


class SingleInstance(QObject):
    activate_requested = Signal()
    open_requested = Signal(str)  # a second start was given a file (a .vvplan from an e-mail)

    def __init__(self, data_dir: Path):
        super().__init__()
        self.data_dir = data_dir
        self.folder_lock = FolderLock(data_dir)
        self._server: QLocalServer | None = None

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

    def serve(self) -> None:
        """Answer later starts with this folder (also for a read-only folder, which has no lock)."""
        if self._server is not None:
            return
        if ask_running_app(self.data_dir):  # a running app's name is never taken: later starts go to it
            log.warning("another Stappenplan answers for %s; this one does not serve it", self.data_dir)
            return
        self._server = QLocalServer(self)
        name = _server_name(self.data_dir)
        QLocalServer.removeServer(name)  # left over from a crash: no one answered, so it is ours now
        self._server.newConnection.connect(self._on_connection)
        self._server.listen(name)

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
