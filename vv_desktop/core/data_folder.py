"""Keeping the data folder usable whatever is found in it (Qt-free helpers for the plan store).

Other programs, sync tools, older versions and killed processes leave odd things behind: a file
where a folder belongs, an empty plan folder, half-written temporary files, a document nested
thousands of levels deep. None of that may stop the start or hide the other plans, and nothing
the user typed may be lost on the way, so these helpers only rename, skip, or remove what is
provably empty or the app's own unfinished temporary files.
"""

from __future__ import annotations

import logging
import os
from datetime import datetime
from pathlib import Path
from typing import Any

from vv_desktop.core.atomic import is_temp_name, remove_temp_files

log = logging.getLogger(__name__)


def stamp() -> str:
    return datetime.now().strftime("%Y%m%d-%H%M%S-%f")


def keep_aside(entry: Path, why: str) -> Path:
    """Rename ``entry`` (a file, folder or link; a link itself, not what it points to) to
    ``<name>-<time>`` beside it, so its place is free and nothing in it is lost; the new path.
    Raises OSError when it cannot be renamed."""
    kept = entry.with_name(f"{entry.name}-{stamp()}")
    entry.rename(kept)
    log.warning("%s: %s kept as %s", why, entry, kept)
    return kept


def make_folder(folder: Path) -> Path | None:
    """Make ``folder``; a file in its place is first kept under another name, which is returned."""
    if folder.is_dir():
        return None
    kept = None
    if folder.exists() or folder.is_symlink():  # a file, or a link to nowhere
        kept = keep_aside(folder, "a file was in the place of a folder")
    folder.mkdir(parents=True, exist_ok=True)
    return kept


def subfolders(parent: Path) -> list[Path]:
    """The real sub-folders of ``parent`` (not our unfinished ones); none when it cannot be read."""
    try:  # scandir: the entry types come with the listing, no stat per entry (1,000 plans at each start)
        with os.scandir(parent) as entries:
            return [Path(e.path) for e in entries if e.is_dir(follow_symlinks=False) and not is_temp_name(e.name)]
    except OSError:
        return []


def remove_leftovers(*parents: Path) -> int:
    """Temporary files of interrupted writes in each of ``parents`` and in their sub-folders."""
    removed = 0
    for parent in parents:
        removed += remove_temp_files(parent)
        for folder in subfolders(parent):
            removed += remove_temp_files(folder)
    return removed


def remove_if_empty(folder: Path) -> bool:
    """Remove ``folder`` if it holds nothing at all (so nothing can be lost); True if it did."""
    try:
        if any(folder.iterdir()):
            return False
        os.rmdir(folder)
    except OSError:
        return False
    log.info("removed empty folder %s", folder)
    return True


def deeper_than(value: Any, limit: int) -> bool:
    """Without recursion: a document nested far deeper than Python's stack must not stop the check."""
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        children = item.values() if isinstance(item, dict) else item if isinstance(item, list) else None
        if children is None:
            continue
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in children)
    return False
