"""Plan files as they lie on disk: read and written by hand, damaged in known ways, or of the first schema."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from vv_desktop.core.store import PLAN_FILE, PlanStore
from vv_desktop.core.worksheets import PHASE_IDS


def plan_file(ps: PlanStore, plan_id: str) -> Path:
    return ps.plan_folder(plan_id) / PLAN_FILE


def stored_doc(ps: PlanStore, plan_id: str) -> dict[str, Any]:
    return json.loads(plan_file(ps, plan_id).read_bytes())["plan"]["1"]


def write_stored_doc(ps: PlanStore, plan_id: str, doc: Any) -> Path:
    file = plan_file(ps, plan_id)
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(json.dumps({"plan": {"1": doc}}), "utf-8")
    return file





def _break_name(doc: dict[str, Any]) -> None:
    doc["name"]["v"] = 5


def _drop_phase(doc: dict[str, Any]) -> None:
    del doc["phases"]["uitvoeren"]


def _no_rounds(doc: dict[str, Any]) -> None:
    doc["phases"]["agenderen"]["rounds"] = []


def _bad_status(doc: dict[str, Any]) -> None:
    doc["phases"]["agenderen"]["status"]["v"] = "half klaar"


def _list_not_list(doc: dict[str, Any]) -> None:
    doc["phases"]["concretiseren"]["rounds"][0]["lists"]["doelen"] = {"tekst": "x"}


def _updated_not_text(doc: dict[str, Any]) -> None:
    doc["updated"] = 5


def _started_not_text(doc: dict[str, Any]) -> None:
    doc["phases"]["uitvoeren"]["rounds"][0]["started"] = 20260314


def _created_not_text(doc: dict[str, Any]) -> None:
    doc["created"] = ["2026"]


def _schema_text(doc: dict[str, Any]) -> None:
    doc["schema"] = "2"


def _wrong_folder(doc: dict[str, Any]) -> None:
    doc["id"] = "iemand-anders"


BROKEN_DOCS: dict[str, Callable[[dict[str, Any]], None]] = {
    "name-v-is-number": _break_name,
    "phase-missing": _drop_phase,
    "no-rounds": _no_rounds,
    "unknown-status": _bad_status,
    "list-is-dict": _list_not_list,
    "updated-is-number": _updated_not_text,
    "created-is-list": _created_not_text,
    "round-started-is-number": _started_not_text,
    "schema-is-text": _schema_text,
    "id-of-other-folder": _wrong_folder,
}

BROKEN_BYTES: dict[str, bytes] = {
    "invalid-json": b'{"plan": {"1": {"schema": 2, "kind": "vv-plan", ',
    "not-utf8": b'{"plan": {"1": {"name": "\xff\xfe"}}}',
    "json-list": b"[1, 2, 3]",
    "table-is-list": b'{"plan": []}',
    "document-is-number": b'{"plan": {"1": 5}}',
    "empty-table": b'{"plan": {}}',
    "null": b"null",
    "zero-bytes": b"",
}


def schema1_doc(plan_id: str) -> dict[str, Any]:
    """A plan as the first prototype stored it: bare values, list items without t/d."""
    phases = {
        pid: {"status": "niet_gestart",
              "rounds": [{"id": f"r-{pid}", "number": 1, "started": "2025-09-01T10:00:00.000+00:00",
                          "answers": {}, "lists": {}}]}
        for pid in PHASE_IDS
    }
    phases["agenderen"]["status"] = "bezig"
    phases["agenderen"]["rounds"][0]["answers"] = {"k": "v", "besproken/bestuur/datum": "01-09-2025"}
    phases["concretiseren"]["rounds"][0]["lists"] = {
        "doelen": [{"id": "i1", "values": {"tekst": "Eerste doel"}},
                   {"id": "i2", "values": {"tekst": "Tweede doel"}}]}
    return {"schema": 1, "kind": "vv-plan", "id": plan_id, "created": "2025-09-01T10:00:00.000+00:00",
            "name": "x", "club": {"name": "HC", "kind": "sport"}, "phases": phases}
