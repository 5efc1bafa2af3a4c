"""Races and platform paths of the data-folder lock: two starts after a crash, a busy named pipe."""

from __future__ import annotations

import errno
import subprocess
import sys
import textwrap

import pytest

from vv_desktop.core import folder_lock, running_app
from vv_desktop.core.folder_lock import LOCK_FILE, FolderLock
from vv_desktop.core.lock_owner import read_owner

CRASH = textwrap.dedent(
    """
    import os, sys
    from vv_desktop.core.folder_lock import FolderLock

    lock = FolderLock(sys.argv[1])
    print("locked" if lock.acquire() else "refused", flush=True)
    os._exit(0)  # dies holding the lock
    """
)


@pytest.mark.skipif(sys.platform == "win32", reason="flock: POSIX")
def test_two_starts_after_a_crash_never_both_get_the_lock(tmp_path, monkeypatch):
    """A and B start together after a crash and both read the crashed process's lock (L1) as gone.
    A removes L1 and makes its own (L2); B, still acting on what it read in L1, calls
    _remove_if_not_held on the path: L2 is not flocked yet (A flocks after O_EXCL), and _same_file
    compares B's fd with the path (both L2), so B unlinks A's new lock and makes L3. QLockFile
    avoided this with the .rmlock file and a second staleness check under it."""
    crashed = subprocess.run([sys.executable, "-c", CRASH, str(tmp_path)], capture_output=True, text=True, timeout=60)
    assert crashed.stdout.strip() == "locked" and (tmp_path / LOCK_FILE).exists()
    owner_seen_by_b = read_owner(tmp_path / LOCK_FILE, folder_lock.MAX_LOCK_SIZE)
    assert owner_seen_by_b is not None and owner_seen_by_b.is_gone()  # B judged L1 stale

    real_hold = folder_lock._hold
    b_stepped_in = []

    def hold_after_b(fd: int) -> None:
        if not b_stepped_in:  # A has just made L2; B goes on with the removal it decided on L1
            b_stepped_in.append(folder_lock._remove_if_not_held(tmp_path / LOCK_FILE, owner_seen_by_b))
        real_hold(fd)

    monkeypatch.setattr(folder_lock, "_hold", hold_after_b)
    a = FolderLock(tmp_path)
    got_a = a.acquire()
    monkeypatch.setattr(folder_lock, "_hold", real_hold)
    b = FolderLock(tmp_path)  # B's loop: removed, so ``continue`` and create
    got_b = b._create() if b_stepped_in == [True] else False
    try:
        assert not (got_a and got_b), "two processes hold the lock on the same data folder"
    finally:
        b.release()
        a.release()


def test_a_busy_named_pipe_counts_as_a_running_app(monkeypatch):
    """Windows: open() of a pipe whose instances are all in use fails with ERROR_PIPE_BUSY (231), but
    io.FileIO opens through the CRT's _wopen and raises from errno: _dosmaperr maps 231 to EINVAL
    and the OSError has no ``winerror``. So the ``winerror == 231`` test in _pipe_answers never
    holds; a window that is busy answering another start is taken for no window at all.
    (Simulated here: the OSError is built as CPython builds it on Windows.)"""

    def busy_pipe(*_args, **_kwargs):
        raise OSError(errno.EINVAL, "Invalid argument", r"\\.\pipe\vv-desktop-0123456789abcdef")

    monkeypatch.setattr("builtins.open", busy_pipe)
    assert running_app._pipe_answers(r"\\.\pipe\vv-desktop-0123456789abcdef") is True
