"""The trash (``prullenbak/``): deleted plans, kept whole until the user deletes them for good.

``prullenbak/<id>/`` is the plan's folder exactly as it was in ``plans/``, plus ``verwijderd.json``
(``{"when": iso, "name": "…"}``) for the trash dialog. The plan store decides when a plan goes in
or comes back; this class only moves folders and keeps the note.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
from pathlib import Path

from vv_desktop.core.atomic import atomic_write_json, fsync_folder, replace_with_retry
from vv_desktop.core.data_folder import stamp, subfolders

TRASH_NOTE = "verwijderd.json"


class Trash:
    def __init__(self, folder: Path, aside: Path):
        self.folder = folder
        self.aside = aside  # where an older trashed copy of a plan that is trashed again is kept

    def holds(self, plan_id: str) -> bool:
        return (self.folder / plan_id).exists()

    def put(self, plan_folder: Path, name: str, when: str) -> None:
        """Move a plan's folder in, with a note of its name and when it was deleted."""
        if not plan_folder.is_dir():  # already gone (e.g. trashed a moment ago): nothing in the trash changes
            raise FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT), str(plan_folder))
        target = self.folder / plan_folder.name
        if target.exists() or target.is_symlink():  # an older trashed copy of the same plan: kept, never deleted
            self.aside.mkdir(parents=True, exist_ok=True)
            replace_with_retry(target, self.aside / f"{target.name}-{stamp()}-uit-prullenbak")
        replace_with_retry(plan_folder, target)
        fsync_folder(plan_folder.parent)
        fsync_folder(self.folder)
        atomic_write_json(target / TRASH_NOTE, {"when": when, "name": name})

    def contents(self) -> list[tuple[str, str, str]]:
        """(id, name, when deleted) for each plan in the trash, newest first."""
        rows = []
        for folder in subfolders(self.folder):
            try:
                note = json.loads((folder / TRASH_NOTE).read_text("utf-8"))
                rows.append((folder.name, str(note.get("name", "")), str(note.get("when", ""))))
            except (OSError, ValueError, AttributeError):
                rows.append((folder.name, folder.name, ""))
        return sorted(rows, key=lambda r: r[2], reverse=True)

    def take_out(self, plan_id: str, plan_folder: Path) -> None:
        """Move a trashed plan's folder back to ``plan_folder``, unchanged (the note stays behind)."""
        source = self.folder / plan_id
        (source / TRASH_NOTE).unlink(missing_ok=True)
        replace_with_retry(source, plan_folder)
        fsync_folder(self.folder)
        fsync_folder(plan_folder.parent)

    def purge(self, plan_id: str) -> None:
        """Delete a trashed plan for good (only after the user confirmed)."""
        shutil.rmtree(self.folder / plan_id)
