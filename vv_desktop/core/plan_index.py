"""The plan list in one file, so that the start page opens at once, also with 1,000 plans.

``plannen-index.json`` in the data folder holds, for each plan, what the list shows (its
:class:`PlanSummary`) and the size and change time of its ``plan.json`` when the entry was made.
It is a cache only, never the source of truth:

- a scan still looks at every plan folder (one ``stat`` each); an entry is used only while its
  plan file still has the same size and change time, otherwise the plan's own summary file or
  the plan itself is read (:meth:`PlanStore.scan <vv_desktop.core.store.PlanStore.scan>`);
- an index that is missing, damaged, of another index version or another plan schema is ignored
  and written anew: never an error for the user; it is written atomically, without fsync;
- at the start (``scan(later=True)``) only the first :data:`SYNC_LOADS` changed plans are read at
  once. The others (a whole folder copied or restored by another program) are listed as the index
  has them and read on another thread by :func:`read_later`; :func:`adopt` puts what it found in
  the list, on the UI thread, unless the plan was saved, renamed or removed there in the meantime.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from vv_desktop.core import schema
from vv_desktop.core.atomic import atomic_write_bytes
from vv_desktop.core.i18n import translate
from vv_desktop.core.model import SCHEMA_VERSION, Plan
from vv_desktop.core.plan_file import PLAN_FILE
from vv_desktop.core.plan_problems import Problem
from vv_desktop.core.schema import PlanFileError
from vv_desktop.core.summary import (
    TEXT_FIELDS,
    PlanSummary,
    read_summary,
    summarize,
    write_summary,
)
from vv_desktop.core.text import needs_cleaning
from vv_desktop.core.worksheets import PHASE_IDS

if TYPE_CHECKING:
    from vv_desktop.core.store import PlanStore

log = logging.getLogger(__name__)

INDEX_FILE = "plannen-index.json"
INDEX_VERSION = 1
SYNC_LOADS = 10  # changed plans read at once at the start (about 0.7 ms each); the rest on another thread
LATER = object()  # what :meth:`PlanIndex.lookup` returns for a plan that is read later, on another thread


class Entry(NamedTuple):
    summary: PlanSummary
    fingerprint: list[int]  # [size, mtime_ns] of plan.json when the summary was made


def fingerprint(plan_file: Path) -> list[int]:
    stat = plan_file.stat()
    return [stat.st_size, stat.st_mtime_ns]


def plan_folders(plans_dir: Path) -> list[str]:
    """The names of the folders in ``plans_dir``, sorted; OSError when it cannot be listed. The types
    come with the listing (no stat per plan); an entry whose type cannot be read is left out."""

    def is_folder(entry: os.DirEntry) -> bool:
        try:
            return entry.is_dir()
        except OSError:
            return False

    with os.scandir(plans_dir) as found:
        return sorted(entry.name for entry in found if is_folder(entry))


def read_index(file: Path) -> dict[str, Entry] | None:
    """The entries of an index file, or None when it is missing, damaged or of another version."""
    try:
        data = json.loads(file.read_bytes())
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("index") != INDEX_VERSION or data.get("schema") != SCHEMA_VERSION \
            or not isinstance(data.get("plans"), list):
        return None
    entries: dict[str, Entry] = {}
    phases = len(PHASE_IDS)
    for item in data["plans"]:  # a tight loop: 1,000 entries at every start
        try:  # [id, name, club, kind, updated, statuses, rounds, size, mtime_ns]
            *texts, statuses, rounds, size, mtime = item
        except (TypeError, ValueError):
            return None
        if not (len(texts) == 5 and all(type(t) is str for t in texts) and type(size) is int and type(mtime) is int
                and type(statuses) is list and len(statuses) == phases and all(type(t) is str for t in statuses)
                and type(rounds) is list and len(rounds) == phases and all(type(n) is int for n in rounds)) \
                or texts[0] in entries:
            return None  # one damaged entry: the whole file is not trusted
        entries[texts[0]] = Entry(PlanSummary(*texts, tuple(statuses), tuple(rounds)), [size, mtime])
    # Every text at once (a space keeps them apart): one that needs cleaning means damage.
    if needs_cleaning(" ".join(getattr(e.summary, key) for e in entries.values() for key in TEXT_FIELDS)):
        return None
    return entries


def write_index(file: Path, entries: dict[str, Entry]) -> None:
    """Write the index (atomically, no fsync: it is a cache); a failure costs only a slower start."""
    data = {"index": INDEX_VERSION, "schema": SCHEMA_VERSION,
            "plans": [[*e.summary[:5], list(e.summary.statuses), list(e.summary.rounds), *e.fingerprint]
                      for e in entries.values()]}
    try:
        atomic_write_bytes(file, json.dumps(data, ensure_ascii=False).encode("utf-8"), durable=False)
    except (OSError, UnicodeError) as exc:
        log.warning("plan index %s not written: %s", file, exc)


class PlanIndex:
    """The store's index: read once, checked entry by entry during each scan, written when it changed."""

    def __init__(self, file: Path, writable: bool):
        self.file = file
        self.writable = writable
        self._entries: dict[str, Entry] | None = None  # as confirmed by the last scan (None: not read yet)
        self._seen: dict[str, Entry] = {}
        self._misses = 0
        self._later_allowed = False
        self.later: list[str] = []  # plan folders to read on another thread (see read_later)

    @property
    def entries(self) -> dict[str, Entry]:
        if self._entries is None:
            self._entries = read_index(self.file) or {}
        return self._entries

    def start_scan(self, later: bool) -> None:
        self.entries  # noqa: B018 - read the file now, before the scan needs it
        self._seen, self._misses, self._later_allowed, self.later = {}, 0, later, []

    def unchanged(self, folder: str, name: str) -> PlanSummary | None:
        """The index's summary of ``folder/name`` when its plan file still matches the entry, else None."""
        old = self.entries.get(name)
        if old is None:
            return None
        try:
            stat = os.stat(f"{folder}{os.sep}{name}{os.sep}{PLAN_FILE}")
        except OSError:
            return None
        if [stat.st_size, stat.st_mtime_ns] != old.fingerprint:
            return None
        self._seen[name] = old
        return old.summary

    def lookup(self, name: str, plan_file: Path) -> PlanSummary | object | None:
        """The plan's summary from the index or its summary file; :data:`LATER` when it is read on
        another thread; None when the store must read the plan itself."""
        try:
            fp = fingerprint(plan_file)
        except OSError:
            return None  # no plan file, or one that cannot be read: the store says what is wrong
        old = self.entries.get(name)
        if old is not None and old.fingerprint == fp:
            self._seen[name] = old
            return old.summary
        self._misses += 1
        many = self._later_allowed and self._misses > SYNC_LOADS
        if many and old is not None:  # listed as it was, until the other thread has read it
            self.later.append(name)
            self._seen[name] = old
            return old.summary
        summary = read_summary(plan_file)
        if summary is not None and summary.id == name:
            self._seen[name] = Entry(summary, fp)
            return summary
        if many:
            self.later.append(name)
            return LATER
        return None

    def remember(self, name: str, plan_file: Path, summary: PlanSummary) -> None:
        """A plan the store read itself during the scan (its file as it is on disk now)."""
        with contextlib.suppress(OSError):
            self._seen[name] = Entry(summary, fingerprint(plan_file))

    def end_scan(self, listed: dict[str, PlanSummary]) -> None:
        """Keep the entries of the plans the scan listed; write the file when anything changed."""
        seen = {pid: e for pid, e in self._seen.items() if listed.get(pid) == e.summary}
        self._seen = {}
        self._later_allowed = False
        self.update(seen)

    def update(self, entries: dict[str, Entry]) -> None:
        if entries != self.entries:
            self._entries = entries
            if self.writable:
                write_index(self.file, entries)


def checked_plan(doc: dict[str, Any], plan_id: str, device_id: str) -> Plan:
    """The plan of a document read from ``plans/<plan_id>``, once it is checked (PlanFileError if not)."""
    schema.validate(doc)
    if not doc["name"]["v"].split():  # e.g. a name of control characters only, dropped by the cleaning
        doc["name"]["v"] = translate("store", "Plan zonder naam")
    if doc["id"] != plan_id:
        raise PlanFileError(translate("store", "het bestand staat in de verkeerde map"))
    return Plan(doc, device_id)


def read_later(store: PlanStore, names: list[str], stop: threading.Event) -> dict[str, Entry | None]:
    """Read the plans the start left for later, on another thread: only reading, and writing their
    summary files. None for a plan the store must look at itself (damaged, of an older version)."""
    from vv_desktop.core.plan_file import read_plan_doc

    found: dict[str, Entry | None] = {}
    for name in names:
        if stop.is_set():
            break
        plan_file = store.plans_dir / name / PLAN_FILE
        try:
            fp = fingerprint(plan_file)  # before reading: a change after this no longer matches it
            summary = read_summary(plan_file)
            if summary is None or summary.id != name:
                doc = read_plan_doc(plan_file)
                if schema.needs_migration(doc):  # migrating writes a backup first: that is the store's work
                    found[name] = None
                    continue
                summary = summarize(checked_plan(doc, name, store.device_id))
                if not store.read_only:
                    write_summary(plan_file, summary, fp)
            found[name] = Entry(summary, fp)
        except Exception:  # noqa: BLE001 - whatever it is, the store looks at it on the UI thread
            found[name] = None
    return found


def known_now(store: PlanStore) -> dict[str, PlanSummary]:
    """The store's list as it is now; give it to :func:`adopt` to tell what changed meanwhile."""
    return dict(store._known)  # this module is the store's helper


def adopt(store: PlanStore, found: dict[str, Entry | None], before: dict[str, PlanSummary]) \
        -> tuple[bool, list[Problem]]:
    """Put what :func:`read_later` found in the store's list (on the UI thread); whether the list
    changed, and a problem for each plan that did not open. A plan saved, renamed, trashed or listed
    again by a scan since ``before`` is left as the store has it: that is newer."""
    known = store._known
    changed, problems = False, []
    entries = dict(store.index.entries)
    for name, entry in found.items():
        if known.get(name) is not before.get(name):
            continue
        if entry is not None and store.has_folder(name):
            entries[name] = entry
            if known.get(name) != entry.summary:
                known[name] = entry.summary
                changed = True
            continue
        changed = known.pop(name, None) is not None or changed
        entries.pop(name, None)
        folder = store.plans_dir / name
        if folder.is_dir():
            problem = store._scan_folder(folder)  # loads (migrates, or sets aside) right here
            changed = True
            if problem is not None:
                problems.append(problem)
    store.index.update({pid: e for pid, e in entries.items() if known.get(pid) == e.summary})
    return changed, problems

