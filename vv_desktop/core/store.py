"""Where the plans live on disk: one folder, and one TinyDB file, per plan.

Layout of the data folder::

    plans/<id>/plan.json       the plan (TinyDB, written atomically)
    plans/<id>/logo.png        the club logo, already checked and scaled down
    prullenbak/<id>/...        deleted plans, until the user empties them for good
    onleesbaar/<id>-<time>/    files that could not be read: set aside, never deleted
    backups/                   a copy of a plan file before it is migrated or an import changes it
    plannen-index.json         the plan list, a cache (:mod:`~vv_desktop.core.plan_index`)

Saving a plan writes only that plan's file, so an autosave costs the same with 1 or 200 plans.
The store owns these files: the rest of the app asks it (load, save, backup, restore a backup,
trash, logo) and never builds a path into the folder or reads TinyDB's layout itself. The plan file
is read and written in :mod:`~vv_desktop.core.plan_file`, the trash and the backups are kept by
:mod:`~vv_desktop.core.trash` and :mod:`~vv_desktop.core.backups`. The open plan's autosave is
written in a thread of its own (:meth:`PlanStore.writer`, :mod:`~vv_desktop.core.plan_writer`).

Nothing in the folder may hide the other plans or stop the start: a plan that cannot be read is
set aside (or, when even that fails, skipped) with a message; a file where one of these folders
belongs is kept under another name; leftovers of interrupted writes are removed at the start.
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path
from typing import Any

from vv_desktop.core import plan_names, plan_problems, schema
from vv_desktop.core.atomic import (
    atomic_write_bytes,
    fsync_folder,
    is_temp_name,
    remove_temp_files,
    replace_with_retry,
    temp_path,
)
from vv_desktop.core.backups import Backups
from vv_desktop.core.data_folder import make_folder, remove_if_empty, remove_leftovers, stamp
from vv_desktop.core.i18n import translate
from vv_desktop.core.model import DEFAULT_CLUB_KIND, Plan, utc_now
from vv_desktop.core.os_reason import os_reason
from vv_desktop.core.plan_file import PLAN_FILE, read_plan_doc, write_plan_doc
from vv_desktop.core.plan_index import INDEX_FILE, LATER, PlanIndex, checked_plan, plan_folders
from vv_desktop.core.plan_names import MAX_NAME_LENGTH, NameError_
from vv_desktop.core.plan_problems import PlanUnavailable, Problem, UpdateBlocked
from vv_desktop.core.plan_writer import JSONPieces, PlanSaving, PlanWriter
from vv_desktop.core.schema import NewerVersionError, PlanFileError
from vv_desktop.core.summary import PlanSummary, summarize, write_summary
from vv_desktop.core.text import clean_text, needs_cleaning
from vv_desktop.core.trash import Trash

log = logging.getLogger(__name__)

__all__ = ["LOGO_FILE", "MAX_NAME_LENGTH", "PLAN_FILE", "NameError_", "PlanStore", "PlanSummary", "PlanUnavailable",
           "Problem", "is_plan_id"]

LOGO_FILE = "logo.png"


def is_plan_id(value: object) -> bool:
    """A plan's id names its folder in plans/: one plain folder name, never a path.

    Ids also come from instellingen.json (``last_plan``), which may come from someone else's
    USB stick: ``../..`` or an absolute path must never reach a move or a delete.
    """
    return (isinstance(value, str) and 0 < len(value) <= 100 and value not in (".", "..")
            and value == value.strip() and not any(c in value for c in '/\\:\0'))


class PlanStore(PlanSaving):
    read_only = False  # True for a ReadOnlyPlanStore (core/read_only.py): nothing is ever written

    def __init__(self, root: Path, device_id: str):
        self.root = Path(root)
        self.device_id = device_id
        self.plans_dir = self.root / "plans"
        self.trash_dir = self.root / "prullenbak"
        self.aside_dir = self.root / "onleesbaar"
        self.backup_dir = self.root / "backups"
        self._notes: list[Problem] = []  # told at the next scan
        self._known: dict[str, PlanSummary] = {}
        self._writers: dict[str, PlanWriter] = {}
        self._pieces: dict[Path, JSONPieces] = {}
        self._trash = Trash(self.trash_dir, self.aside_dir)
        self._backups = Backups(self.backup_dir)
        self.index = PlanIndex(self.root / INDEX_FILE, writable=not self.read_only)
        for folder in (self.plans_dir, self.trash_dir):
            self._make_folder(folder)

    def _make_folder(self, folder: Path) -> None:
        """Make one of the data folder's own folders; a file in its place is kept under another name."""
        try:
            kept = make_folder(folder)
        except OSError as exc:  # e.g. a read-only stick: the start goes on, the list says what is wrong
            log.warning("could not make folder %s: %s", folder, exc)
            return
        if kept is not None:
            self._notes.append(Problem(folder.name, translate(
                "store", "Er stond een bestand '{name}' waar de app een map nodig heeft. Het bestand is bewaard als "
                         "{kept}; je plannen werken gewoon.").format(name=folder.name, kept=kept), kept))

    def tidy(self) -> int:
        """Remove what interrupted writes left behind; call it at the start, with the folder locked.

        Only the app's own temporary names (``.<name>.<hex>.tmp``: half-written files, and new plan
        folders that were not finished): nothing in them was ever saved for the user.
        """
        removed = remove_temp_files(self.root) + remove_leftovers(self.plans_dir, self.trash_dir)
        if removed:
            log.info("removed %d leftovers of interrupted saves", removed)
        return removed

    # -- reading ----------------------------------------------------------------------------
    def plan_folder(self, plan_id: str) -> Path:
        if not is_plan_id(plan_id):
            raise ValueError(f"not a plan id: {plan_id!r}")
        return self.plans_dir / plan_id

    def has_folder(self, plan_id: object) -> bool:
        """Whether ``plan_id`` is a plan id with a folder in plans/ (also one the app cannot open)."""
        return is_plan_id(plan_id) and (self.plans_dir / plan_id).is_dir()

    def is_trashed(self, plan_id: str) -> bool:
        return is_plan_id(plan_id) and self._trash.holds(plan_id)

    def _read_doc(self, file: Path) -> dict[str, Any]:
        return read_plan_doc(file)

    def load(self, plan_id: str) -> Plan:
        """Read, migrate (after a backup) and check one plan."""
        file = self.plan_folder(plan_id) / PLAN_FILE
        doc = self._read_doc(file)
        if schema.needs_migration(doc):
            try:
                self._backup_before_migration(plan_id, doc)
                doc = schema.migrate(doc)
                schema.validate(doc)
                self._write_doc(file, doc)
            except OSError as exc:  # a full disk: the plan is fine and stays as it is, untouched
                raise UpdateBlocked(exc.errno, exc.strerror or str(exc)) from exc
            log.info("plan %s migrated to schema %s", plan_id, doc["schema"])
        plan = checked_plan(doc, plan_id, self.device_id)
        self._known[plan.id] = summarize(plan)
        return plan

    def open_plan(self, plan_id: str) -> Plan:
        """:meth:`load` a plan to work on it, or :class:`PlanUnavailable` with the sentence to show.

        A file damaged since the list was made is set aside, never deleted; a plan of a newer
        app version stays where it is.
        """
        try:
            return self.load(plan_id)
        except (PlanFileError, UpdateBlocked) as exc:
            raise PlanUnavailable(self._give_up_on(plan_id, exc)) from exc

    def _give_up_on(self, plan_id: str, exc: Exception) -> Problem:
        """A plan that did not load: set its folder aside (unless a newer app wrote it, or it only could
        not be brought up to date on a full disk) and say so."""
        if isinstance(exc, NewerVersionError | UpdateBlocked):
            return Problem(plan_id, self.problem_sentence(plan_id, exc), None)
        moved = self.put_aside(self.plans_dir / plan_id)
        return Problem(plan_id, self.problem_sentence(plan_id, exc, moved), moved)

    # -- backups ----------------------------------------------------------------------------
    def _backup_before_migration(self, plan_id: str, doc: dict[str, Any]) -> None:
        self.backup(plan_id, f"schema{doc.get('schema')}")

    def backup(self, plan_id: str, reason: str) -> Path:
        """Copy the plan's file and logo to backups/ (on disk before this returns); the backup's path."""
        self._make_folder(self.backup_dir)
        folder = self.plan_folder(plan_id)
        return self._backups.make(folder / PLAN_FILE, plan_id, reason, folder / LOGO_FILE)

    def restore_backup(self, plan_id: str, backup: Path) -> Plan:
        """Put a plan back as :meth:`backup` kept it (the undo of an import) and save it.

        The backup is read and checked like a plan file; one that is damaged, or of another plan,
        raises :class:`PlanFileError` with the reason, and nothing is changed.
        """
        if not self._backups.is_backup_of(backup, plan_id):
            raise ValueError(f"not a backup of plan {plan_id}: {backup}")
        doc = self._read_doc(Path(backup))
        if schema.needs_migration(doc):  # a copy made before a migration: migrated again, in memory
            doc = schema.migrate(doc)
        schema.validate(doc)
        if doc["id"] != plan_id:
            raise PlanFileError(translate("store", "de reservekopie hoort bij een ander plan"))
        plan = Plan(doc, self.device_id)
        logo = self._backups.logo_of(backup)
        self.save(plan)
        if logo.is_file():  # the logo as it was (an import may have brought another one, or none)
            self.replace_logo_file(plan_id, logo.read_bytes())
        elif not plan.club("logo"):
            self.replace_logo_file(plan_id, None)
        return plan

    def scan(self, later: bool = False) -> tuple[list[PlanSummary], list[Problem]]:
        """Every plan that opens, newest first, and a problem for each one that does not.

        A file that cannot be read is moved aside; a file of a newer app version stays put.
        ``later`` (the start): many changed plans are left in ``index.later``, to be read on
        another thread (:mod:`~vv_desktop.core.plan_index`), and listed as the index has them.
        """
        self._known.clear()
        self.index.start_scan(later)
        problems: list[Problem] = []
        try:
            entries = plan_folders(self.plans_dir)
        except OSError as exc:
            problems.append(Problem(self.plans_dir.name, translate(
                "store", "De app kan de map met plannen ({folder}) niet lezen: {why}.").format(
                folder=self.plans_dir, why=os_reason(exc)), None))
            entries = []
        folder = str(self.plans_dir)
        for name in entries:
            if is_temp_name(name):  # an unfinished new plan
                continue
            listed = self.index.unchanged(folder, name) if is_plan_id(name) and not needs_cleaning(name) else None
            if listed is not None:  # the usual case: no Path objects, one stat (1,000 plans at each start)
                self._known[name] = listed
                continue
            problem = self._scan_folder(self.plans_dir / name)
            if problem is not None:
                problems.append(problem)
        problems.extend(self._notes)
        self._notes.clear()
        self.index.end_scan(self._known)
        return self.summaries(), problems

    def _scan_folder(self, folder: Path) -> Problem | None:
        name = folder.name
        if not is_plan_id(name) or needs_cleaning(name):
            return Problem(clean_text(name, one_line=True), translate(
                "store", "De map '{name}' in {folder} is geen plan van de app; hij wordt overgeslagen.").format(
                name=clean_text(name, one_line=True)[:60], folder=self.plans_dir), None)
        cached = self.index.lookup(name, folder / PLAN_FILE)  # the index, the summary file, or later
        if cached is LATER:
            return None
        if isinstance(cached, PlanSummary) and cached.id == name:
            self._known[cached.id] = cached
            return None
        if remove_if_empty(folder):  # an older version was ended between making the folder and saving
            return None
        try:
            plan = self.load(name)
        except Exception as exc:  # whatever is wrong with this folder, the others must list
            if not isinstance(exc, PlanFileError):
                log.exception("plan folder %s cannot be read", folder)
            return self._give_up_on(name, exc)
        write_summary(folder / PLAN_FILE, summarize(plan))
        self.index.remember(name, folder / PLAN_FILE, summarize(plan))
        return None

    def problem_sentence(self, name: str, exc: Exception, moved: Path | None = None) -> str:
        return plan_problems.problem_sentence(name, exc, moved, self.plans_dir)

    def set_aside(self, folder: Path) -> Path:
        """Move an unreadable plan folder out of the way, keeping every byte of it."""
        if Path(folder).parent != self.plans_dir or not is_plan_id(Path(folder).name):
            raise ValueError(f"only a folder in {self.plans_dir} is set aside, not {folder}")
        self._make_folder(self.aside_dir)
        target = self.aside_dir / f"{folder.name}-{stamp()}"
        shutil.move(str(folder), str(target))
        fsync_folder(self.plans_dir)
        fsync_folder(self.aside_dir)
        log.warning("set aside unreadable plan folder %s -> %s", folder, target)
        self._known.pop(folder.name, None)
        return target

    def put_aside(self, folder: Path) -> Path | None:
        """:meth:`set_aside`, or None when the folder cannot be moved (a program has a file in it open,
        the stick is read-only): it is then left where it is, and skipped."""
        try:
            return self.set_aside(folder)
        except OSError as exc:
            log.warning("could not set aside %s: %s", folder, exc)
            self._known.pop(folder.name, None)
            return None

    def find(self, name_or_id: str) -> Plan:
        """The plan with this id, or else this name (case does not matter); LookupError if none."""
        if not self._known:
            self.scan()
        wanted = " ".join(name_or_id.split()).casefold()
        for s in self._known.values():
            if s.id == name_or_id or s.name.casefold() == wanted:
                return self.load(s.id)
        raise LookupError(translate("store", "Er is geen plan '{name}' in {root}.").format(
            name=name_or_id, root=self.root))

    def summaries(self) -> list[PlanSummary]:
        return sorted(self._known.values(), key=lambda s: s.updated, reverse=True)

    # -- writing ----------------------------------------------------------------------------
    def _write_doc(self, file: Path, doc: dict[str, Any]) -> None:
        write_plan_doc(file, doc)

    def check_name(self, name: str, exclude_id: str | None = None) -> str:
        """The cleaned-up name, or :class:`NameError_` with a message saying what is wrong."""
        return plan_names.check_name(name, self._known.values(), exclude_id)

    def create(self, name: str, club_name: str, kind: str = DEFAULT_CLUB_KIND) -> Plan:
        plan = Plan.new(self.check_name(name), club_name, self.device_id, kind)
        self.add(plan)
        return plan

    def add(self, plan: Plan, logo: bytes | None = None) -> None:
        """Store a plan that has no folder yet (new, a copy, an import), with its logo if any.

        The folder is built under a temporary name and then renamed into place: a crash leaves
        no plan or a whole one, never an empty folder (:meth:`tidy` removes the unfinished one).
        """
        target = self.plan_folder(plan.id)
        building = temp_path(target)
        building.mkdir()
        try:
            plan.doc["updated"] = utc_now()
            self._write_doc(building / PLAN_FILE, plan.doc)
            if logo is not None:
                atomic_write_bytes(building / LOGO_FILE, logo)
            fsync_folder(building)
            replace_with_retry(building, target)
        except BaseException:
            shutil.rmtree(building, ignore_errors=True)
            raise
        fsync_folder(self.plans_dir)
        summary = summarize(plan)
        self._known[plan.id] = summary
        write_summary(target / PLAN_FILE, summary)

    def rename(self, plan: Plan, new_name: str) -> None:
        plan.name = self.check_name(new_name, exclude_id=plan.id)
        self.save(plan)

    def duplicate(self, plan_id: str, new_name: str) -> Plan:
        original = self.open_plan(plan_id)  # a damaged original: set aside, PlanUnavailable says so
        clone = original.copy_as(self.check_name(new_name))
        self.add(clone, self.logo_bytes(plan_id))
        return clone

    def free_copy_name(self, base: str) -> str:
        return plan_names.free_copy_name(base, self._known.values())

    def logo_file(self, plan_id: str) -> Path | None:
        file = self.plan_folder(plan_id) / LOGO_FILE
        return file if file.exists() else None

    def logo_bytes(self, plan_id: str) -> bytes | None:
        file = self.logo_file(plan_id)
        return file.read_bytes() if file is not None else None

    def replace_logo_file(self, plan_id: str, png_bytes: bytes | None) -> None:
        """Put an already checked PNG in place as the plan's logo file (``None`` removes it), without
        touching the plan's logo field: for a logo that came with an import's merge."""
        file = self.plan_folder(plan_id) / LOGO_FILE
        if png_bytes:
            atomic_write_bytes(file, png_bytes)
        else:
            file.unlink(missing_ok=True)

    def store_logo(self, plan: Plan, png_bytes: bytes | None) -> None:
        """Keep an already checked PNG as the plan's logo (``None`` removes it)."""
        self.replace_logo_file(plan.id, png_bytes)
        if png_bytes is None:
            plan.set_club("logo", "")
        else:
            import hashlib

            # A different logo is a different value, so that a colleague's laptop sees the change.
            plan.set_club("logo", f"{LOGO_FILE}#{hashlib.sha256(png_bytes).hexdigest()[:12]}")
        self.save(plan)

    # -- trash ------------------------------------------------------------------------------
    def trash(self, plan_id: str) -> None:
        """Move a plan to the trash; :meth:`restore` brings it back unchanged."""
        summary = self._known.get(plan_id)
        self._trash.put(self.plan_folder(plan_id), summary.name if summary else "", utc_now())
        self._known.pop(plan_id, None)

    def trashed(self) -> list[tuple[str, str, str]]:
        """(id, name, when deleted) for each plan in the trash, newest first."""
        return self._trash.contents()

    def restore(self, plan_id: str) -> Plan:
        self._trash.take_out(plan_id, self.plan_folder(plan_id))
        plan = self.open_plan(plan_id)  # damaged in the trash: set aside, PlanUnavailable says so
        try:
            self.check_name(plan.name, exclude_id=plan.id)
        except NameError_:  # a new plan took the name meanwhile: keep both, clearly apart
            plan.name = self.free_copy_name(plan.name)
            self.save(plan)
        return plan

    def purge(self, plan_id: str) -> None:
        """Delete a trashed plan for good (only from the trash, after the user confirmed)."""
        self._trash.purge(plan_id)

