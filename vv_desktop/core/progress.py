"""How much of a phase is filled in: counted per question, so a user reads "3 van 6 vragen"."""

from __future__ import annotations

from vv_desktop.core.fields import RoundView, field_type
from vv_desktop.core.model import Plan
from vv_desktop.core.worksheets import OWN_PRACTICES, OWN_TIPS, FieldDef, Method, PhaseDef


def field_filled(plan: Plan, method: Method, phase: str, fdef: FieldDef, round_index: int | None = None) -> bool:
    """Whether a question counts as answered (each field type says when)."""
    return field_type(fdef).filled(RoundView(plan, method, phase, round_index), fdef)


def phase_progress(plan: Plan, method: Method, phase: PhaseDef, round_index: int | None = None) -> tuple[int, int]:
    """(questions with an answer, questions) for one round of a phase (default: the current)."""
    view = RoundView(plan, method, phase.id, round_index)
    filled = sum(field_type(f).filled(view, f) for f in phase.fields)
    return filled, len(phase.fields)


def own_additions(plan: Plan, phase: str, round_index: int | None = None) -> int:
    return sum(len(plan.items(phase, fid, round_index)) for fid in (OWN_TIPS, OWN_PRACTICES))


def method_progress(plan: Plan, method: Method) -> dict[str, tuple[int, int]]:
    return {p.id: phase_progress(plan, method, p) for p in method.phases}
