"""Export a plan for a colleague, and import what comes back: new plans, merges and undo.

What each side has seen travels inside the plan (``seen``, see :mod:`vv_desktop.core.merge`), so
no extra bookkeeping is needed. Before an import changes a plan, the store makes a backup of it
(:meth:`PlanStore.backup`); :func:`undo_import` puts it back in one step. Everything on disk goes
through the store: this module never builds a path into the data folder.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any, NamedTuple

from vv_desktop.core import merge as merging
from vv_desktop.core.exchange import Exchange, ExchangeError, check_sendable, read_exchange, write_exchange
from vv_desktop.core.i18n import translate
from vv_desktop.core.model import NOT_STARTED, Plan
from vv_desktop.core.store import MAX_NAME_LENGTH, NameError_, PlanStore
from vv_desktop.core.worksheets import PHASE_IDS


class ImportOutcome(NamedTuple):
    kind: str  # "new" | "unchanged" | "merged" | "conflicts"
    plan_id: str
    name: str
    merged: dict[str, Any] | None = None  # for "merged" and "conflicts": the result holding my values
    conflicts: tuple[merging.Conflict, ...] = ()
    exchange: Exchange | None = None


def export_plan(store: PlanStore, plan_id: str, path: Path, phase: str | None = None,
                open_plan: Plan | None = None) -> Path:
    """Write the plan as an exchange file. ``open_plan``: the plan as the window holds it, which may be
    newer than the file (when saving fails, an export elsewhere is how the user rescues the text)."""
    plan = open_plan if open_plan is not None and open_plan.id == plan_id else store.load(plan_id)
    return write_exchange(path, plan.doc, store.device_id, store.logo_bytes(plan_id), phase)


def prepare_import(store: PlanStore, path: Path) -> ImportOutcome:
    """Read and check a file, and work out what importing it would do. Changes nothing."""
    ex = read_exchange(path)
    remote = ex.plan
    plan_id = remote["id"]
    local = _only_this_plan(store, plan_id)
    if local is None:
        if not store.summaries():
            store.scan()
        known = {s.id: s for s in store.summaries()}
        if plan_id not in known:
            if store.has_folder(plan_id):  # e.g. a plan of a newer app version that the list leaves out
                raise ExchangeError(translate("sharing", "Op deze laptop staat al een plan met dezelfde id dat de "
                                                         "app niet kan openen (map {folder}). Er is niets "
                                                         "veranderd.").format(folder=store.plan_folder(plan_id)))
            if store.is_trashed(plan_id):
                raise ExchangeError(translate("sharing", "Dit plan staat in je prullenbak. Zet het eerst terug en "
                                                         "importeer het bestand dan opnieuw."))
            return ImportOutcome("new", plan_id, remote["name"]["v"], exchange=ex)
        local = store.load(plan_id)
    merged, conflicts = merging.merge(local.doc, remote)
    logo = store.logo_bytes(plan_id)
    check_sendable(merged, logo if logo is not None else ex.logo)  # else the next e-mail could not be read
    if conflicts:
        return ImportOutcome("conflicts", plan_id, local.name, merged, tuple(conflicts), ex)
    kind = "unchanged" if _content(merged) == _content(local.doc) else "merged"
    return ImportOutcome(kind, plan_id, local.name, merged, (), ex)


def _only_this_plan(store: PlanStore, plan_id: str) -> Plan | None:
    """The plan to merge into, when the store has not listed its plans yet (the command line): only
    that plan is read, not the other 200. None: list them all first (a new plan needs their names;
    a plan that does not open is set aside or reported by that list)."""
    if store.summaries() or not store.has_folder(plan_id):
        return None
    try:
        return store.load(plan_id)
    except Exception:  # noqa: BLE001 - whatever it is, the list says it as for any plan
        return None


def _content(doc: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in doc.items() if k != "updated"}


def full_plan(remote: dict[str, Any], device: str) -> dict[str, Any]:
    """A new plan from a file; phases the file did not hold start empty."""
    doc = copy.deepcopy(remote)
    fresh = Plan.new("x", "x", device).doc["phases"]
    for phase in PHASE_IDS:
        if phase not in doc["phases"]:
            # Not received yet: an empty stand-in that the real phase replaces when it arrives.
            stand_in = fresh[phase]
            stand_in["status"] = {"v": NOT_STARTED, "t": "", "d": ""}
            stand_in["rounds"][0]["stand_in"] = True
            doc["phases"][phase] = stand_in
    return doc


IMPORT_BACKUP = "voor-import"  # the reason in the backup's name


def finish_import(store: PlanStore, outcome: ImportOutcome, choices: dict[str, str] | None = None) -> Path | None:
    """Carry out an import. Returns the backup made of the plan before it changed (None: a new plan)."""
    ex = outcome.exchange
    assert ex is not None
    if outcome.kind == "new":
        add_as_new_plan(store, ex)
        return None
    backup = store.backup(outcome.plan_id, IMPORT_BACKUP)
    before = store.load(outcome.plan_id).club("logo")
    doc = outcome.merged
    if outcome.conflicts:
        # A mark after this laptop's own last change, as for any edit (also when the plan holds odd marks).
        stamp = Plan(copy.deepcopy({"seen": doc.get("seen", {})}), store.device_id).change_mark()
        doc = merging.apply_choices(doc, list(outcome.conflicts), choices or {}, stamp)
    plan = Plan(doc, store.device_id)
    store.save(plan)
    if plan.club("logo") != before and plan.club("logo") == ex.plan["club"]["logo"]["v"]:
        # Their logo (or its removal) won the merge; the plan's logo field came with the merge.
        store.replace_logo_file(plan.id, ex.logo)
    return backup


def add_as_new_plan(store: PlanStore, ex: Exchange, new_identity: bool = False) -> Plan:
    """Add the file's plan to this laptop; with ``new_identity`` as a separate copy beside ours."""
    doc = full_plan(ex.plan, store.device_id)
    plan = Plan(doc, store.device_id)
    if new_identity:
        plan = plan.copy_as(translate("sharing", "{name} (van andere laptop, {date})").format(
            name=_shortened(plan.name, 30), date=ex.exported[:10]))
    try:
        store.check_name(plan.name, exclude_id=plan.id)
    except NameError_:
        plan.name = store.free_copy_name(_shortened(plan.name, 12))
    # Built under a temporary name and renamed into place: a crash leaves no plan or a whole one.
    store.add(plan, (ex.logo or None) if plan.club("logo") else None)
    return plan


def _shortened(name: str, room: int) -> str:
    """``name`` short enough that ``room`` more characters still fit the window's name rule."""
    limit = MAX_NAME_LENGTH - room
    return name if len(name) <= limit else name[:limit - 1].rstrip() + "…"


def undo_import(store: PlanStore, plan_id: str, backup: Path | None) -> None:
    """Put a plan back as it was before an import (a new plan goes to the trash, never deleted).

    A backup that cannot be read raises :class:`PlanFileError` and changes nothing."""
    if backup is None:
        if store.has_folder(plan_id):  # not already gone (to the trash, by the person): never trashed twice
            store.trash(plan_id)
        return
    store.restore_backup(plan_id, backup)

