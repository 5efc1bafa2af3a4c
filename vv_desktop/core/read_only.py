"""A data folder that cannot be written: recognising one, and a store that only reads from it.

A write-protected USB stick, a folder of another user or a full disk: the plans on it can still
be listed, opened, printed and exported (to a place that can be written). Nothing is changed in
the folder, not even the caches: migrating an old plan happens in memory only, a damaged plan
stays where it is.
"""

from __future__ import annotations

import errno
import logging
import os
import uuid
from pathlib import Path
from typing import Any

from vv_desktop.core.i18n import translate
from vv_desktop.core.model import Plan
from vv_desktop.core.paths import default_data_dir, prepare_data_dir
from vv_desktop.core.schema import NewerVersionError
from vv_desktop.core.settings import Settings
from vv_desktop.core.store import PlanStore

log = logging.getLogger(__name__)

# What the system says when a folder may be read but not written.
READ_ONLY_ERRNOS = frozenset({errno.EROFS, errno.EACCES, errno.EPERM})


class ReadOnlyFolderError(OSError):
    """A write was asked of a read-only data folder."""

    def __init__(self, folder: Path):
        super().__init__(errno.EROFS, translate("read_only", "de map is alleen-lezen"), str(folder))


def write_problem(folder: Path) -> OSError | None:
    """Why nothing can be written in ``folder`` (read-only, disk full, ...), or None when it can."""
    probe = Path(folder) / f".schrijftest-{uuid.uuid4().hex}"
    try:
        fd = os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except OSError as exc:
        return exc
    try:
        os.write(fd, b"\0" * 4096)  # a full disk still lets an empty file be made
        return None
    except OSError as exc:
        return exc
    finally:
        os.close(fd)
        probe.unlink(missing_ok=True)


def is_read_only_error(exc: OSError | None) -> bool:
    return exc is not None and exc.errno in READ_ONLY_ERRNOS


def open_data_dir(path: Path | None) -> tuple[Path, bool]:
    """The data folder and whether it can be written. Raises OSError when it can neither be made
    nor read; a folder that can only be read is returned with ``False``."""
    try:
        return prepare_data_dir(path), True
    except OSError as exc:
        folder = Path(path).expanduser().resolve() if path else default_data_dir()
        if not is_read_only_error(exc) or not folder.is_dir():
            raise
        next(folder.iterdir(), None)  # raises when it cannot even be read
        log.warning("data folder %s is read-only: %s", folder, exc)
        return folder, False


def open_store(root: Path, writable: bool) -> tuple[Settings, PlanStore]:
    """The settings and plans of a data folder; for a read-only one both only read."""
    settings = Settings(root, read_only=not writable)
    store = PlanStore(root, settings.device_id) if writable else ReadOnlyPlanStore(root, settings.device_id)
    return settings, store


class ReadOnlyPlanStore(PlanStore):
    """The plans of a folder that cannot be written: everything reads, nothing writes."""

    read_only = True

    def __init__(self, root: Path, device_id: str):
        try:
            super().__init__(root, device_id)
        except OSError:  # plans/ or prullenbak/ is missing and cannot be made: no plans, not an error
            self._known = {}

    def scan(self, later: bool = False):
        if not self.plans_dir.is_dir():
            self._known.clear()
            return [], []
        return super().scan(later)

    def _backup_before_migration(self, plan_id: str, doc: dict[str, Any]) -> None:
        """An older plan is migrated in memory only, so there is nothing to back up."""

    def backup(self, plan_id: str, reason: str) -> Path:
        raise ReadOnlyFolderError(self.root)

    def _write_doc(self, file: Path, doc: dict[str, Any]) -> None:
        """Migrated in memory only: the file on the read-only folder stays as it is."""

    def save(self, plan: Plan) -> None:
        raise ReadOnlyFolderError(self.root)

    def set_aside(self, folder: Path) -> None:  # type: ignore[override]
        """An unreadable plan cannot be moved out of the way here: it stays, and is reported."""
        log.warning("unreadable plan folder %s left in place: the data folder is read-only", folder)
        self._known.pop(Path(folder).name, None)

    def problem_sentence(self, name: str, exc: Exception, moved: Path | None = None) -> str:
        if isinstance(exc, NewerVersionError):
            return super().problem_sentence(name, exc, moved)
        return translate("read_only", "De app kan het plan in map '{name}' niet lezen ({why}). De map "
                                     "is alleen-lezen, dus het blijft staan zoals het is; je andere "
                                     "plannen werken gewoon.").format(name=name, why=exc)
