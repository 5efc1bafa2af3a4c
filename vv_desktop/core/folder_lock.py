"""One app per data folder: the lock file ``stappenplan.lock``, without Qt.

The window and the commands take the same lock, so a command never writes plans that an open
window also writes. It is QLockFile's lock, in Python (Qt 6 qlockfile.cpp, qlockfile_unix.cpp,
qlockfile_win.cpp), so the previous version, which used QLockFile, and this one respect each
other's locks. Kept from Qt:

- the file is made with O_CREAT | O_EXCL and holds QLockFile's text (vv_desktop/core/lock_owner.py);
- while the app runs it holds an OS lock on it: ``flock`` on POSIX (Qt uses flock, not fcntl
  locks, which a process loses when it closes any handle to the file); on Windows the open
  handle, which does not share deleting, so nobody can remove or rename the file;
- a lock of a dead process on this computer is taken over by removing it, and only when the OS
  lock can be had (POSIX) or the file can be deleted (Windows): a lock that is really held is
  never removed. Qt guards that removal with a second lock file (``.rmlock``); here the file is
  removed only when it is still the one that was locked;
- waiting ``timeout_ms`` (100 ms, 200 ms, ...) for a lock that is being released.

A lock file can outlive its owner: a laptop that crashed, a USB stick pulled out while the app
ran on another laptop. :class:`FolderLock` takes over what is clearly nobody's (a dead process
here, an empty or damaged file) and says what the rest is, so that a person can decide.

The running app is asked first, over its socket (vv_desktop/core/running_app.py): a sync tool or
a clean-up program can replace or remove the lock file under a running app, and then the file
alone would let a second window write the same plans. Something odd with the lock's name (a
folder, a named pipe, a link to a device, a huge file) is set aside under another name first.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import stat
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from vv_desktop.core.data_folder import keep_aside
from vv_desktop.core.i18n import translate
from vv_desktop.core.lock_owner import LockOwner, parse_owner, read_owner, this_process
from vv_desktop.core.read_only import is_read_only_error
from vv_desktop.core.running_app import ask_running_app

log = logging.getLogger(__name__)

LOCK_FILE = "stappenplan.lock"
MAX_LOCK_SIZE = 4096  # a lock holds a pid, a program and a host name: far less than this
_WINDOWS = sys.platform == "win32"


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


class _Taken(Exception):
    """The lock file exists: somebody else has the lock (or had it)."""


class FolderLock:
    """The lock on a data folder (``stappenplan.lock``), shared by the window and the commands."""

    def __init__(self, folder: Path | str):
        self.folder = Path(folder)
        self.file = self.folder / LOCK_FILE
        self.problem: LockProblem | None = None
        self._fd: int | None = None
        self._judged: LockOwner | None = None

    def acquire(self, timeout_ms: int = 200) -> bool:
        """True when locked. A lock of a dead process on this computer, and an empty or damaged
        lock file, are taken over; otherwise :attr:`problem` says why not."""
        self.problem = None
        if self._fd is not None:
            return True
        if ask_running_app(self.folder):  # before the file: it may have been replaced or removed under the app
            self.problem = LockProblem(LockProblem.IN_USE, running=True)
            return False
        if not self._clear_the_way():
            return False
        deadline = time.monotonic() + max(timeout_ms, 0) / 1000
        pause, removed = 0.1, 0
        while True:
            try:
                return self._create()
            except _Taken:
                pass
            except OSError as exc:
                self.problem = self._write_problem(exc)
                return False
            owner = read_owner(self.file, MAX_LOCK_SIZE)
            if owner is not None and removed < 3 and owner.is_gone() and _remove_if_not_held(self.file, owner):
                log.info("took over the lock of process %s, which no longer runs", owner.pid)
                removed += 1  # bounded: a file that keeps coming back is somebody's
                continue
            left = deadline - time.monotonic()
            if left <= 0:
                break
            time.sleep(min(pause, left))
            pause = min(pause * 2, 5.0)
        return self._refused(read_owner(self.file, MAX_LOCK_SIZE))

    def _refused(self, owner: LockOwner | None) -> bool:
        self._judged = owner  # what the person is asked about: a take-over removes only that lock
        if owner is None:  # empty or damaged: a lock being written right now is safe, it is locked already
            if self.take_over():
                return True
            self.problem = LockProblem(LockProblem.IN_USE)
        elif not owner.on_this_computer():
            self.problem = LockProblem(LockProblem.OTHER_COMPUTER, host=owner.host, pid=owner.pid)
        else:  # its pid lives, but that can be any program that got the number since
            self.problem = LockProblem(LockProblem.IN_USE, host=owner.host, pid=owner.pid)
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

    @staticmethod
    def _write_problem(exc: OSError) -> LockProblem:
        kind = LockProblem.READ_ONLY if is_read_only_error(exc) else LockProblem.CANNOT_WRITE
        return LockProblem(kind, error=exc)

    def _create(self) -> bool:
        """Make the lock file and hold it; _Taken when it exists, OSError when it cannot be written."""
        flags = os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOINHERIT", 0)
        try:
            fd = os.open(self.file, flags, 0o666)
        except FileExistsError:
            raise _Taken from None
        except PermissionError:
            if _WINDOWS and os.path.lexists(self.file):  # Windows: a file being deleted, or held open
                raise _Taken from None
            raise
        try:
            _hold(fd)
            _write_all(fd, this_process().text())
        except _Taken:  # another start holds our new file while it judges it: it is not ours to keep
            os.close(fd)
            raise
        except OSError:
            os.close(fd)
            _unlink_quietly(self.file)  # our own half-made lock (a full disk)
            raise
        with contextlib.suppress(OSError):  # as Qt: not every file system can
            getattr(os, "fdatasync", os.fsync)(fd)
        self._fd = fd
        return True

    def take_over(self) -> bool:
        """Remove someone else's lock and take it (after the person agreed, or when it is nobody's).

        False when the lock is really held: the process that holds it keeps the OS lock on the
        file (flock; on Windows the open file), so removing it fails.
        """
        if self._fd is not None:
            return True
        if os.path.lexists(self.file) and not _remove_if_not_held(self.file, self._judged):
            return False
        try:
            self._create()
        except (_Taken, OSError):
            return False
        self.problem = None
        return True

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        if _WINDOWS:  # the open handle is what stops others deleting it: close it first
            os.close(fd)
            _unlink_own(self.file)
        else:  # as Qt: unlink while still holding the lock, then close
            _unlink_quietly(self.file)
            os.close(fd)

    def __del__(self) -> None:  # as QLockFile's destructor: a lock nobody refers to any more is released
        with contextlib.suppress(Exception):  # at interpreter exit a module may be half gone; the OS drops it
            self.release()


def _hold(fd: int) -> None:
    """The OS lock that shows the lock file is really in use, for as long as ``fd`` is open.

    POSIX: flock. Windows: nothing more than the handle (os.open shares reading and writing,
    not deleting); a byte-range lock (msvcrt.locking) would stop others reading who holds it.
    _Taken when another process holds it: one deciding whether our new, still empty file is stale."""
    if _WINDOWS:
        return
    import fcntl

    for _attempt in range(20):
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:  # someone looks at it this moment (_remove_if_not_held): briefly
            time.sleep(0.01)
        except OSError as exc:  # a file system without flock: Qt warns and goes on too
            log.warning("no OS lock on the lock file: %s", exc)
            return
    raise _Taken


def _remove_if_not_held(file: Path, judged: LockOwner | None) -> bool:
    """Remove a lock file nobody holds that still says what was judged (``judged``: its owner, None
    for an empty or damaged one); False, and nothing removed, when someone holds it or it changed."""
    if _WINDOWS:
        try:
            os.remove(file)  # fails while its owner has it open
        except FileNotFoundError:
            return True
        except OSError:
            return False
        return True
    import fcntl

    try:
        fd = os.open(file, os.O_RDWR | os.O_NONBLOCK)  # read: is it still the lock judged stale?
    except FileNotFoundError:
        return True
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        if not _same_file(fd, file):
            return False  # someone else took it over a moment ago: that new lock is theirs
        if parse_owner(os.pread(fd, MAX_LOCK_SIZE, 0)) != judged:
            return False  # a new lock in its place (being written now): not the one judged stale
        os.unlink(file)
    except OSError:
        return False
    finally:
        os.close(fd)
    return True


def _same_file(fd: int, file: Path) -> bool:
    try:
        mine, there = os.fstat(fd), os.stat(file, follow_symlinks=False)
    except OSError:
        return False
    return (mine.st_dev, mine.st_ino) == (there.st_dev, there.st_ino)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        if written <= 0:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        view = view[written:]


def _unlink_quietly(file: Path) -> None:
    try:
        os.unlink(file)
    except OSError as exc:
        if exc.errno not in (errno.ENOENT, errno.ENOTDIR):
            log.warning("could not remove our own lock file %s: %s", file, exc)


def _unlink_own(file: Path) -> None:
    """Windows: someone reading the lock right now stops it being deleted; Qt tries for 500 ms."""
    for _ in range(50):
        try:
            os.unlink(file)
            return
        except FileNotFoundError:
            return
        except OSError:
            time.sleep(0.01)
    log.warning("could not remove our own lock file %s", file)
