"""Backups (``backups/``): a copy of a plan file made before something changes the plan as a whole.

Two things make one, both through :meth:`PlanStore.backup`: opening a plan of an older schema
(before it is migrated; reason ``schema<N>``) and an import that changes an existing plan (reason
``voor-import``; *Import ongedaan maken* puts it back with :meth:`PlanStore.restore_backup`). A
backup is a byte-for-byte copy of the plan's TinyDB file, ``<id>-<reason>-<time>.json``, with the
logo beside it (``<id>-<reason>-<time>.png``, when the plan has one: an import may bring another
logo), written atomically and flushed to disk before the plan changes. The app never deletes a backup.
"""

from __future__ import annotations

from pathlib import Path

from vv_desktop.core.atomic import atomic_write_bytes
from vv_desktop.core.data_folder import stamp


class Backups:
    def __init__(self, folder: Path):
        self.folder = folder

    def make(self, plan_file: Path, plan_id: str, reason: str, logo_file: Path | None = None) -> Path:
        """Copy ``plan_file`` (and the logo, if given and there); the folder must exist. The backup's path."""
        target = self.folder / f"{plan_id}-{reason}-{stamp()}.json"
        if logo_file is not None and logo_file.is_file():
            atomic_write_bytes(self.logo_of(target), logo_file.read_bytes())
        atomic_write_bytes(target, plan_file.read_bytes())
        return target

    @staticmethod
    def logo_of(backup: Path) -> Path:
        """Where the logo of a backup is kept (it may not be there: a plan without a logo)."""
        return Path(backup).with_suffix(".png")

    def is_backup_of(self, backup: Path, plan_id: str) -> bool:
        """Whether ``backup`` is a file this folder holds for that plan (never a path from elsewhere)."""
        backup = Path(backup)
        return backup.parent == self.folder and backup.name.startswith(f"{plan_id}-") and backup.suffix == ".json"
