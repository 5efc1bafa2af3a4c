"""The field types are declared once (core/fields): the worksheets use only those, and the merge offers
"keep both" where the declaration says (tests/gui/test_field_widgets.py: a widget and a layout for each)."""

from __future__ import annotations

from vv_desktop.core.fields import FIELD_TYPES
from vv_desktop.core.merge import Conflict
from vv_desktop.core.merge_policy import keep_both_allowed
from vv_desktop.core.worksheets import Method


def test_the_worksheets_use_only_declared_types(method: Method) -> None:
    used = {f.type for p in method.phases for f in p.fields}
    assert used <= set(FIELD_TYPES)


def _answer(phase: str, key: str, mine: object = "a", theirs: object = "b") -> Conflict:
    return Conflict(f"{phase}/r/{key}", "answer", phase, key, mine, theirs, "r")


def test_keeping_both_texts_is_offered_where_the_field_type_says(method: Method) -> None:
    assert keep_both_allowed(_answer("agenderen", "al_bezig"), method)  # a text question
    assert keep_both_allowed(_answer("agenderen", "besproken/bestuur/uitkomst"), method)  # a text column
    assert not keep_both_allowed(_answer("agenderen", "besproken/bestuur/datum"), method)  # a date
    assert not keep_both_allowed(_answer("agenderen", "stellingen/s1/keuze"), method)  # a choice
    assert not keep_both_allowed(_answer("uitvoeren", "check/bestuur/score", 2, 4), method)  # a number
    assert not keep_both_allowed(_answer("agenderen", "weg_uit_deze_versie"), method)  # unknown: keep it simple


def test_a_phase_state_without_a_word_is_shown_as_it_is() -> None:
    from vv_desktop.core.labels import phase_status_word
    from vv_desktop.core.model import STARTED

    assert phase_status_word("Gepauzeerd") == "Gepauzeerd"
    assert phase_status_word(STARTED)[:1].islower()
