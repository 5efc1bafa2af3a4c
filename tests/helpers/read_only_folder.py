"""A really read-only folder for tests, the way a write-protected USB stick is one.

As a normal user ``chmod`` does it. As root (CI containers, this machine) ``chmod`` does not stop
writes, so the folder is bind-mounted onto itself read-only instead (EROFS, as a locked stick
gives). When neither works the test is skipped, never faked.
"""

from __future__ import annotations

import os
import stat
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


def _chmod_tree(folder: Path, writable: bool) -> None:
    paths = [folder, *folder.rglob("*")]
    for path in (reversed(paths) if not writable else paths):
        mode = path.stat().st_mode
        mode = mode | stat.S_IWUSR if writable else mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)
        path.chmod(mode)


def _mount(*args: str) -> bool:
    return subprocess.run(["mount", *args], capture_output=True).returncode == 0


@contextmanager
def read_only(folder: Path) -> Iterator[str]:
    """Make ``folder`` (and all below it) read-only while the block runs; yields how ("chmod" or "mount")."""
    folder = folder.resolve()
    if os.geteuid() != 0:
        _chmod_tree(folder, writable=False)
        try:
            yield "chmod"
        finally:
            _chmod_tree(folder, writable=True)
        return
    if not _mount("--bind", str(folder), str(folder)):
        pytest.skip("running as root and a read-only bind mount is not possible here")
    try:
        if not _mount("-o", "remount,bind,ro", str(folder)):
            pytest.skip("running as root and a read-only bind mount is not possible here")
        probe = folder / ".probe"
        try:
            probe.write_bytes(b"")
        except OSError:
            pass
        else:
            probe.unlink()
            pytest.skip("the read-only mount still lets writes through")
        yield "mount"
    finally:
        subprocess.run(["umount", str(folder)], check=True)


@contextmanager
def full_disk(folder: Path) -> Iterator[Path]:
    """A tiny tmpfs at ``folder``, filled up: creating an empty file works, writing one byte does not."""
    folder.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0 or not _mount("-t", "tmpfs", "-o", "size=64k", "tmpfs", str(folder)):
        pytest.skip("a full disk needs a small tmpfs, which needs root and mount here")
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=True)


def fill(folder: Path) -> None:
    """Fill the disk of ``folder`` until not one more byte fits."""
    with open(folder / "vol", "wb", buffering=0) as fh:
        for size in (4096, 1):
            try:
                while True:
                    fh.write(b"\0" * size)
            except OSError:
                pass
