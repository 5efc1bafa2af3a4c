"""Starting a new round of a phase, keeping what the earlier round showed."""

from __future__ import annotations

from typing import Any

from vv_desktop.core.fields import field_type
from vv_desktop.core.model import Plan
from vv_desktop.core.worksheets import Method


def start_round(plan: Plan, method: Method, phase_id: str, copy_previous: bool) -> dict[str, Any]:
    """Begin round n+1 of a phase.

    A field type may record something in the finished round (Uitvoeren keeps how far each action
    was, since the actions themselves live in Concretiseren); the new round starts without it.
    """
    recorded: dict[str, Any] = {}
    for f in method.phase(phase_id).fields:
        record = field_type(f).record_round
        if record is not None:
            recorded.update(record(plan, f))
    for key, value in recorded.items():
        plan.set_answer(phase_id, key, value)
    fresh = plan.start_new_round(phase_id, copy_previous)
    for key in recorded:
        fresh["answers"].pop(key, None)
    return fresh
