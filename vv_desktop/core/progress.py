"""How much of a phase is filled in: counted per question, so a user reads "3 van 6 vragen"."""

from __future__ import annotations

from vv_desktop.core.model import Plan
from vv_desktop.core.worksheets import OWN_PRACTICES, OWN_TIPS, FieldDef, Method, PhaseDef

DONE_STATUSES = ("bezig", "klaar", "gestopt")


def _has_text(value: object) -> bool:
    """Whether an answer counts as filled in: text, a ticked box, or a number on a scale."""
    if isinstance(value, bool):
        return value
    return bool(value.strip()) if isinstance(value, str) else isinstance(value, int | float)


def _answers_under(plan: Plan, phase: str, prefix: str, round_index: int | None) -> bool:
    answers = plan.round(phase, round_index)["answers"]
    return any(key.startswith(prefix) and _has_text(cell["v"]) for key, cell in answers.items())


def _items_filled(plan: Plan, phase: str, field_id: str, round_index: int | None) -> bool:
    return any(
        any(_has_text(v) for v in item["values"].values())
        for item in plan.items(phase, field_id, round_index)
    )


def field_filled(plan: Plan, phase: str, fdef: FieldDef, round_index: int | None = None) -> bool:
    if fdef.type in ("text", "line"):
        return _has_text(plan.answer(phase, fdef.id, "", round_index))
    if fdef.type in ("list", "actions"):
        return _items_filled(plan, phase, fdef.id, round_index)
    if fdef.type == "action_progress":
        if round_index is not None and round_index != -1 and round_index != len(plan.rounds(phase)) - 1:
            return bool(plan.answer(phase, f"{fdef.id}/overzicht", [], round_index))
        return any(
            item["values"].get("status") in DONE_STATUSES or _has_text(item["values"].get("notitie", ""))
            for item in plan.items(fdef.source_phase, fdef.source_field)
        )
    # levels, statements, checklist: any answer of the field, or an own item
    return _answers_under(plan, phase, f"{fdef.id}/", round_index) or _items_filled(
        plan, phase, fdef.id, round_index
    )


def phase_progress(plan: Plan, phase: PhaseDef, round_index: int | None = None) -> tuple[int, int]:
    """(questions with an answer, questions) for one round of a phase (default: the current)."""
    filled = sum(field_filled(plan, phase.id, f, round_index) for f in phase.fields)
    return filled, len(phase.fields)


def own_additions(plan: Plan, phase: str, round_index: int | None = None) -> int:
    return sum(len(plan.items(phase, fid, round_index)) for fid in (OWN_TIPS, OWN_PRACTICES))


def method_progress(plan: Plan, method: Method) -> dict[str, tuple[int, int]]:
    return {p.id: phase_progress(plan, p) for p in method.phases}
