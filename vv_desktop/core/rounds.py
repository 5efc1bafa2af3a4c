"""Starting a new round of a phase, keeping what the earlier round showed."""

from __future__ import annotations

from typing import Any

from vv_desktop.core.model import Plan
from vv_desktop.core.worksheets import Method

SNAPSHOT = "overzicht"
SNAPSHOT_COLUMNS = ("wat", "wie", "wanneer", "status", "notitie")


def action_snapshot(plan: Plan, source_phase: str, source_field: str) -> list[dict[str, Any]]:
    return [
        {col: item["values"].get(col, "") for col in SNAPSHOT_COLUMNS}
        for item in plan.items(source_phase, source_field)
    ]


def start_round(plan: Plan, method: Method, phase_id: str, copy_previous: bool) -> dict[str, Any]:
    """Begin round n+1 of a phase.

    The state of the actions lives in Concretiseren; a finished Uitvoeren round keeps a copy of
    how far each action was, so that it stays readable later.
    """
    phase = method.phase(phase_id)
    progress_fields = [f for f in phase.fields if f.type == "action_progress"]
    for f in progress_fields:
        plan.set_answer(phase_id, f"{f.id}/{SNAPSHOT}", action_snapshot(plan, f.source_phase, f.source_field))
    fresh = plan.start_new_round(phase_id, copy_previous)
    for f in progress_fields:
        fresh["answers"].pop(f"{f.id}/{SNAPSHOT}", None)
    return fresh
