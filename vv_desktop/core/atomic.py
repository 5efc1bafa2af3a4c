"""Crash-safe file writes, and a TinyDB storage that uses them.

TinyDB's own JSONStorage truncates the file and writes it again in place: if the process dies
half-way, the plan is gone. Here every write goes to a temporary file in the same folder, is
flushed and fsynced, and then replaces the old file in one step. Until that step the previous
version stays readable.

A process that is killed half-way leaves its temporary file behind (``.<name>.<hex>.tmp``);
:func:`remove_temp_files` removes them at the next start. Files are written compactly (the C
JSON encoder: a big plan costs a few ms instead of ~10 with indents); files written with indents
by older versions read the same.
"""

from __future__ import annotations

import errno
import json
import logging
import os
import re
import shutil
import sys
import time
import uuid
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

log = logging.getLogger(__name__)

DISK_FULL = frozenset({errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)})  # no space, or over quota
NOT_ALLOWED = frozenset({errno.EROFS, errno.EACCES, errno.EPERM})  # read-only or no permission


def is_disk_full(exc: BaseException | None) -> bool:
    """A write failed for lack of space: the user must make room (one definition for every message)."""
    return isinstance(exc, OSError) and exc.errno in DISK_FULL


def is_not_allowed(exc: BaseException | None) -> bool:
    """A write failed because the place is read-only or not the user's."""
    return isinstance(exc, PermissionError) or (isinstance(exc, OSError) and exc.errno in NOT_ALLOWED)


# A virus scanner or search indexer on Windows can hold a file open for a moment, so that
# os.replace fails with PermissionError. Trying again shortly after nearly always works.
REPLACE_ATTEMPTS = 10
REPLACE_PAUSE_S = 0.05


_TEMP_NAME = re.compile(r"^\..+\.[0-9a-f]{32}\.tmp$")


def temp_path(path: Path) -> Path:
    """Where a new version of ``path`` is written before it replaces ``path``."""
    return path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")


def is_temp_name(name: str) -> bool:
    return bool(_TEMP_NAME.match(name))


def remove_temp_files(folder: Path) -> int:
    """Remove what interrupted writes left in ``folder`` (only our own names); how many."""
    removed = 0
    try:  # scandir: names and types without a stat per entry; only our own names are looked at
        with os.scandir(folder) as listing:
            entries = [(Path(e.path), e.is_dir(follow_symlinks=False)) for e in listing if is_temp_name(e.name)]
    except OSError:
        return 0
    for entry, is_folder in entries:
        try:
            if is_folder:
                shutil.rmtree(entry)
            else:
                entry.unlink()
            removed += 1
        except OSError as exc:  # e.g. read-only: harmless, it is tried again at the next start
            log.warning("could not remove %s: %s", entry, exc)
    return removed


def fsync_folder(folder: Path) -> None:
    """Make a rename or a new entry in ``folder`` survive a power cut."""
    if sys.platform == "win32":  # folders cannot be opened for fsync there; NTFS journals the rename
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def replace_with_retry(src: Path, dst: Path) -> None:
    for attempt in range(REPLACE_ATTEMPTS):
        try:
            os.replace(src, dst)
            return
        except PermissionError:
            if attempt == REPLACE_ATTEMPTS - 1:
                raise
            time.sleep(REPLACE_PAUSE_S * (attempt + 1))


def atomic_write_bytes(path: Path, data: bytes, durable: bool = True) -> None:
    """Write ``data`` to ``path`` so that a crash leaves either the old or the new file.

    ``durable=False`` skips the fsyncs: for caches, where a lost write only costs a re-read.
    """
    path = Path(path)
    tmp = temp_path(path)
    try:
        with open(tmp, "wb") as fh:
            fh.write(data)
            fh.flush()
            if durable:
                os.fsync(fh.fileno())
        replace_with_retry(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    if durable:
        fsync_folder(path.parent)


def atomic_write_json(path: Path, data: Any) -> None:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    atomic_write_bytes(path, text.encode("utf-8"))


class AtomicJSONStorage(Storage):
    """A TinyDB storage that never leaves a half-written file behind."""

    def __init__(self, path: str | Path, **_: Any) -> None:
        self.path = Path(path)

    def read(self) -> dict[str, dict[str, Any]] | None:
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return None
        if not raw.strip():
            return None
        return json.loads(raw.decode("utf-8"))

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        atomic_write_json(self.path, data)

    def close(self) -> None:
        pass
