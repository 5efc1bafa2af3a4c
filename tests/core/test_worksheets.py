"""The phase definitions in ``worksheets/`` and their loader (plain pytest, no Qt).

Three groups of tests:
- the real method loads and has what every phase needs (tips, good practices, sources, labels);
- the guiding questions of the stappenplan are present as fields, with the field ids the saved
  plans rely on;
- a broken copy of the folder gives a :class:`WorksheetError` that names the file and the place.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from pathlib import Path

import pytest

from vv_desktop.core.worksheets import PHASE_IDS, FieldDef, Method, WorksheetError, load_method

EXPECTED_PHASES = ["agenderen", "concretiseren", "uitvoeren", "verduurzamen"]


def _field(method: Method, phase_id: str, field_id: str, ftype: str) -> FieldDef:
    f = method.phase(phase_id).field(field_id)
    assert f.type == ftype, f"{phase_id}.{field_id} is {f.type!r}, expected {ftype!r}"
    return f


# --- the real method ----------------------------------------------------------------------


def test_four_phases_in_order(method: Method) -> None:
    assert [p.id for p in method.phases] == EXPECTED_PHASES
    assert list(PHASE_IDS) == EXPECTED_PHASES
    assert [p.number for p in method.phases] == [1, 2, 3, 4]
    for p in method.phases:
        assert p.title.strip()
        assert p.intro.strip()


@pytest.mark.parametrize("phase_id", EXPECTED_PHASES)
def test_phase_has_tips_and_practices(method: Method, phase_id: str) -> None:
    phase = method.phase(phase_id)
    assert len(phase.tips) >= 5
    assert len(phase.practices) >= 3
    for tip in phase.tips:
        assert tip.text.strip()
        assert tip.source in method.sources, f"{phase_id}: unknown source {tip.source!r}"
    for practice in phase.practices:
        assert practice.title.strip()
        assert practice.text.strip()
        assert practice.source in method.sources, f"{phase_id}: unknown source {practice.source!r}"


@pytest.mark.parametrize("phase_id", EXPECTED_PHASES)
def test_labels_are_not_empty(method: Method, phase_id: str) -> None:
    phase = method.phase(phase_id)
    assert phase.fields
    for f in phase.fields:
        assert f.label.strip(), f"{phase_id}.{f.id} has no label"
        for column in f.columns:
            assert column.label.strip()
        for option in f.options:
            assert option.label.strip()


def test_common_data(method: Method) -> None:
    level_ids = {lv.id for lv in method.levels}
    assert {"bestuur", "leden"} <= level_ids
    assert {"vv2024", "vv2023", "vvkickoff", "monitor2021", "nultotlater"} <= set(method.sources)
    assert len(method.scale) >= 2
    assert method.action_statuses


# --- the guiding questions of the stappenplan ----------------------------------------------


def test_agenderen_questions(method: Method) -> None:
    besproken = _field(method, "agenderen", "besproken", "levels")
    assert {"bestuur", "leden"} <= set(besproken.levels)
    assert besproken.columns

    _field(method, "agenderen", "al_bezig", "text")
    _field(method, "agenderen", "voortbouwen", "text")
    _field(method, "agenderen", "kansen", "text")
    kaders = _field(method, "agenderen", "kaders", "levels")
    assert {"bestuur", "leden"} <= set(kaders.levels)


def test_agenderen_statements(method: Method) -> None:
    stellingen = _field(method, "agenderen", "stellingen", "statements")
    assert stellingen.pick == 3
    # Saved plans refer to these ids: the labels may change, the ids may not.
    assert [o.id for o in stellingen.options] == ["s1", "s2", "s3", "s4", "s5", "s6", "s7"]
    assert len(stellingen.options) > stellingen.pick


def test_concretiseren_questions(method: Method) -> None:
    _field(method, "concretiseren", "doelen", "list")
    behoeften = _field(method, "concretiseren", "behoeften", "levels")
    assert {"bestuur", "leden"} <= set(behoeften.levels)
    acties = _field(method, "concretiseren", "acties", "actions")
    assert acties.objectives_field == "doelen"
    _field(method, "concretiseren", "doel_bereikt", "text")


def test_uitvoeren_questions(method: Method) -> None:
    voortgang = _field(method, "uitvoeren", "voortgang", "action_progress")
    assert (voortgang.source_phase, voortgang.source_field) == ("concretiseren", "acties")
    assert method.phase(voortgang.source_phase).field(voortgang.source_field).type == "actions"

    check = _field(method, "uitvoeren", "check", "levels")
    assert {"bestuur", "leden"} <= set(check.levels)
    assert "scale" in [c.type for c in check.columns]

    for field_id in ("input_impact", "input_praktijk", "input_haalbaarheid"):
        _field(method, "uitvoeren", field_id, "text")
    _field(method, "uitvoeren", "reflectie", "text")


def test_verduurzamen_questions(method: Method) -> None:
    _field(method, "verduurzamen", "visie", "text")
    borging = _field(method, "verduurzamen", "borging", "checklist")
    assert {"beleidsplan", "jaarplan"} <= {o.id for o in borging.options}
    _field(method, "verduurzamen", "verbreden", "list")
    _field(method, "verduurzamen", "geleerd_inhoud", "text")
    _field(method, "verduurzamen", "geleerd_proces", "text")


# --- error reporting on a broken copy -------------------------------------------------------

# A breaker changes the copied folder and returns what the message must contain:
# the file name, and the place (or None when the loader can only name the file).
Breaker = Callable[[Path], tuple[str, "str | None", str]]


def _replace(file: Path, old: str, new: str) -> None:
    text = file.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} does not occur exactly once in {file.name}"
    file.write_text(text.replace(old, new), encoding="utf-8")


def _set_label(file: Path, field_id: str, new_line: str) -> None:
    """Replace the label line of one question, whatever its wording (a facilitator may reword it)."""
    text = file.read_text(encoding="utf-8")
    pattern = re.compile(rf'(id = "{field_id}"\n(?:(?!\[\[).*\n)*?)label = .*\n')
    assert len(pattern.findall(text)) == 1, f"no label for {field_id} in {file.name}"
    file.write_text(pattern.sub(lambda m: m.group(1) + new_line, text), encoding="utf-8")


def _append(file: Path, extra: str) -> None:
    file.write_text(file.read_text(encoding="utf-8") + extra, encoding="utf-8")


def _count(file: Path, key: str) -> int:
    return len(tomllib.loads(file.read_text(encoding="utf-8")).get(key, []))


def break_toml_syntax(folder: Path) -> tuple[str, str | None, str]:
    file = folder / "agenderen.toml"
    lines = file.read_text(encoding="utf-8").splitlines()
    lineno = next(n for n, line in enumerate(lines, start=1) if line.startswith("title = "))
    _replace(file, lines[lineno - 1] + "\n", lines[lineno - 1].rstrip('"') + "\n")  # an unclosed string
    return "agenderen.toml", f"line {lineno}", ""


def break_common_syntax(folder: Path) -> tuple[str, str | None, str]:
    _append(folder / "common.toml", "\n[[levels]\n")
    return "common.toml", None, ""


def break_field_type(folder: Path) -> tuple[str, str | None, str]:
    _replace(
        folder / "agenderen.toml",
        'id = "al_bezig"\ntype = "text"',
        'id = "al_bezig"\ntype = "tekstvak"',
    )
    return "agenderen.toml", "fields nr. 2", "tekstvak"


def break_tip_source(folder: Path) -> tuple[str, str | None, str]:
    file = folder / "uitvoeren.toml"
    n = _count(file, "tips")
    _append(file, '\n[[tips]]\nid = "zonder-bron"\ntext = "Een tip zonder echte bron."\n'
                  'source = "wikipedia"\nquote = "x"\n')
    return "uitvoeren.toml", f"tips nr. {n + 1}", "wikipedia"


def break_practice_source(folder: Path) -> tuple[str, str | None, str]:
    file = folder / "verduurzamen.toml"
    n = _count(file, "practices")
    _append(
        file,
        '\n[[practices]]\nid = "zonder-bron"\ntitle = "Zonder bron"\ntext = "Een voorbeeld."\nclub = "x"\n'
        'source = "nergens"\nquote = "x"\n',
    )
    return "verduurzamen.toml", f"practices nr. {n + 1}", "nergens"


def _tip(tip_id: str, extra: str = "") -> str:
    return f'\n[[tips]]\nid = "{tip_id}"\ntext = "Een tip."\nsource = "vv2024"\nquote = "x"\n{extra}'


def break_tip_kind(folder: Path) -> tuple[str, str | None, str]:
    file = folder / "uitvoeren.toml"
    n = _count(file, "tips")
    _append(file, _tip("alleen-voor-voetbal", 'kinds = ["voetbal"]\n'))
    return "uitvoeren.toml", f"tips nr. {n + 1}", "voetbal"


def break_tip_id_twice(folder: Path) -> tuple[str, str | None, str]:
    taken = tomllib.loads((folder / "agenderen.toml").read_text(encoding="utf-8"))["tips"][0]["id"]
    _append(folder / "verduurzamen.toml", _tip(taken))
    return "verduurzamen.toml", None, taken


def break_tip_id_twice_for_other_kinds(folder: Path) -> tuple[str, str | None, str]:
    """Two phases share an id, each item for other kinds of club: no single kind sees both."""
    _append(folder / "agenderen.toml", _tip("dubbel-per-soort", 'kinds = ["cultuur"]\n'))
    _append(folder / "verduurzamen.toml", _tip("dubbel-per-soort", 'kinds = ["sport"]\n'))
    return "verduurzamen.toml", None, "dubbel-per-soort"


def break_tip_and_practice_share_an_id_for_other_kinds(folder: Path) -> tuple[str, str | None, str]:
    file = folder / "concretiseren.toml"
    _append(file, _tip("tip-of-voorbeeld", 'kinds = ["buurt"]\n'))
    _append(file, '\n[[practices]]\nid = "tip-of-voorbeeld"\ntitle = "T"\ntext = "Een voorbeeld."\nclub = "x"\n'
                  'source = "vv2024"\nquote = "x"\nkinds = ["anders"]\n')
    return "concretiseren.toml", None, "tip-of-voorbeeld"


def _first_statement_with(folder: Path, keys: str) -> None:
    file = folder / "agenderen.toml"
    text = file.read_text(encoding="utf-8")
    anchor = '{ id = "s1", label = '
    assert text.count(anchor) == 1
    file.write_text(text.replace(anchor, f'{{ id = "s1", {keys}, label = '), encoding="utf-8")


def break_statement_quote_without_source(folder: Path) -> tuple[str, str | None, str]:
    """A quote without its source would be dropped without a word: the statement would count as the app's own."""
    _first_statement_with(folder, 'quote = "winnen"')
    return "agenderen.toml", "options nr. 1", "source"


def break_tip_without_quote(folder: Path) -> tuple[str, str | None, str]:
    file = folder / "uitvoeren.toml"
    n = _count(file, "tips")
    _append(file, _tip("zonder-citaat").replace('quote = "x"\n', ""))
    return "uitvoeren.toml", f"tips nr. {n + 1}", "quote"


def break_practice_without_club_line(folder: Path) -> tuple[str, str | None, str]:
    file = folder / "concretiseren.toml"
    n = _count(file, "practices")
    _append(file, '\n[[practices]]\nid = "zonder-club"\ntitle = "T"\ntext = "Een voorbeeld."\n'
                  'source = "vv2024"\nquote = "x"\n')
    return "concretiseren.toml", f"practices nr. {n + 1}", "club"


def break_statement_source(folder: Path) -> tuple[str, str | None, str]:
    _first_statement_with(folder, 'source = "nergens", quote = "x"')
    return "agenderen.toml", "options nr. 1", "nergens"


def break_missing_phase(folder: Path) -> tuple[str, str | None, str]:
    (folder / "verduurzamen.toml").unlink()
    return "verduurzamen.toml", None, ""


def break_missing_label(folder: Path) -> tuple[str, str | None, str]:
    _set_label(folder / "agenderen.toml", "al_bezig", "")
    return "agenderen.toml", "fields nr. 2", "label"


def break_empty_label(folder: Path) -> tuple[str, str | None, str]:
    _set_label(folder / "concretiseren.toml", "doelen", 'label = "  "\n')
    return "concretiseren.toml", "fields nr. 1", "label"


def break_duplicate_field_id(folder: Path) -> tuple[str, str | None, str]:
    _replace(folder / "concretiseren.toml", 'id = "doel_bereikt"', 'id = "doelen"')
    return "concretiseren.toml", None, "doelen"


def break_unknown_level(folder: Path) -> tuple[str, str | None, str]:
    _replace(
        folder / "uitvoeren.toml",
        'levels = ["bestuur", "leden", "teams", "trainers", "jongeren"]',
        'levels = ["bestuur", "leden", "kantine"]',
    )
    return "uitvoeren.toml", "fields nr. 2", "kantine"


def break_missing_tips(folder: Path) -> tuple[str, str | None, str]:
    file = folder / "concretiseren.toml"
    text = file.read_text(encoding="utf-8")
    data = tomllib.loads(text)
    assert data["tips"]
    # Cut everything from the first tip on: no tips and no practices are left.
    file.write_text(text[: text.index("[[tips]]")], encoding="utf-8")
    return "concretiseren.toml", None, "tips"


def break_phase_number(folder: Path) -> tuple[str, str | None, str]:
    _replace(folder / "uitvoeren.toml", "number = 3", "number = 4")
    return "uitvoeren.toml", None, ""


def break_action_source(folder: Path) -> tuple[str, str | None, str]:
    _replace(folder / "uitvoeren.toml", 'source_field = "acties"', 'source_field = "taken"')
    return "uitvoeren.toml", None, "voortgang"


BREAKERS: list[Breaker] = [
    break_toml_syntax,
    break_common_syntax,
    break_field_type,
    break_tip_source,
    break_practice_source,
    break_tip_kind,
    break_tip_id_twice,
    break_tip_id_twice_for_other_kinds,
    break_tip_and_practice_share_an_id_for_other_kinds,
    break_tip_without_quote,
    break_practice_without_club_line,
    break_statement_source,
    break_statement_quote_without_source,
    break_missing_phase,
    break_missing_label,
    break_empty_label,
    break_duplicate_field_id,
    break_unknown_level,
    break_missing_tips,
    break_phase_number,
    break_action_source,
]


def test_copy_loads(folder: Path) -> None:
    assert [p.id for p in load_method(folder).phases] == EXPECTED_PHASES


@pytest.mark.parametrize("breaker", BREAKERS, ids=lambda b: b.__name__.removeprefix("break_"))
def test_broken_folder_names_file_and_place(folder: Path, breaker: Breaker) -> None:
    file_name, place, detail = breaker(folder)
    # pytest.raises lets any other exception type through, so the test fails on it.
    with pytest.raises(WorksheetError) as info:
        load_method(folder)
    assert type(info.value) is WorksheetError
    message = str(info.value)
    assert file_name in message
    if place is not None:
        assert place in message
    assert detail in message


# A misspelt key at any level of a worksheet file is refused, naming the file, the place and the key
# (a typo such as `subtitel =` used to load and silently drop the subtitle).
MISSPELT_KEYS = [
    ("agenderen.toml", None, 'id = "agenderen"', 'subtitel = "x"\nid = "agenderen"', "subtitel"),
    ("agenderen.toml", "fields nr. 1", "[[fields]]\n", '[[fields]]\nlable = "x"\n', "lable"),
    ("agenderen.toml", "fields nr. 2", 'type = "text"', 'tpye = "text"', "tpye"),  # named, not "'type' ontbreekt"
    ("agenderen.toml", "columns nr. 1", '  { id = "datum",', '  { lable = "x", id = "datum",', "lable"),
    ("agenderen.toml", "options nr. 1", '  { id = "s1",', '  { lable = "x", id = "s1",', "lable"),
    ("agenderen.toml", "tips nr. 1", "[[tips]]\n", '[[tips]]\nbron = "x"\n', "bron"),
    ("agenderen.toml", "practices nr. 1", "[[practices]]\n", '[[practices]]\nbron = "x"\n', "bron"),
    ("common.toml", None, "scale = [", 'schaal = ["a", "b"]\nscale = [', "schaal"),
    ("common.toml", "levels nr. 1", "[[levels]]\n", '[[levels]]\nlable = "x"\n', "lable"),
    ("common.toml", "sources nr. 1", "[[sources]]\n", '[[sources]]\njaar = "x"\n', "jaar"),
    ("common.toml", "action_statuses nr. 1", "[[action_statuses]]\n", '[[action_statuses]]\nstandaard = true\n',
     "standaard"),
]


@pytest.mark.parametrize(("file_name", "place", "old", "new", "key"), MISSPELT_KEYS,
                         ids=[f"{f}:{p or 'top'}" for f, p, *_ in MISSPELT_KEYS])
def test_a_misspelt_key_at_any_level_is_refused(folder: Path, file_name, place, old, new, key) -> None:
    file = folder / file_name
    text = file.read_text("utf-8")
    assert old in text
    file.write_text(text.replace(old, new, 1), "utf-8")
    with pytest.raises(WorksheetError) as info:
        load_method(folder)
    message = str(info.value)
    assert file_name in message and f"'{key}'" in message
    if place is not None:
        assert place in message


# Data the code cannot honour is refused too: a key that the question's type does not read, a status
# role missing or given twice, a reference to a question of the wrong type.
CANNOT_HONOUR = [
    ("agenderen.toml", "fields nr. 2", 'type = "text"\n', 'type = "text"\noptions = [{ id = "a", label = "A" }]\n',
     "'options'"),
    ("agenderen.toml", None, "pick = 3\n", "pick = 3\nobjectives_field = \"x\"\n", "'objectives_field'"),
    ("common.toml", "action_statuses nr. 3", 'role = "done"', 'role = "klaar"', "'klaar'"),
    ("common.toml", None, 'role = "done"', "", "'done'"),
    ("common.toml", "action_statuses nr. 2", 'role = "busy"', 'role = "start"', "'start'"),
    ("concretiseren.toml", None, 'objectives_field = "doelen"', 'objectives_field = "behoeften"', "'behoeften'"),
    ("uitvoeren.toml", None, 'source_field = "acties"', 'source_field = "doelen"', "doelen"),
    ("agenderen.toml", "fields nr. 1", 'levels = ["bestuur", "leden", "teams", "trainers", "jongeren", "ouders"]',
     "levels = []", "'levels'"),
    # Only text, line and list questions show a placeholder.
    ("agenderen.toml", "fields nr. 1", 'id = "besproken"', 'id = "besproken"\nplaceholder = "x"', "'placeholder'"),
    ("verduurzamen.toml", None, 'id = "borging"', 'id = "borging"\nplaceholder = "x"', "'placeholder'"),
    # The club's own lists exist in every phase already: a question with their id would show twice.
    ("verduurzamen.toml", None, 'id = "verbreden"', 'id = "eigen_tips"', "'eigen_tips'"),
    # Two editors would write the same answer.
    ("agenderen.toml", "fields nr. 1", 'id = "uitkomst"', 'id = "datum"', "'datum'"),
    ("agenderen.toml", "fields nr. 1", 'levels = ["bestuur", "leden", "teams", "trainers", "jongeren", "ouders"]',
     'levels = ["bestuur", "bestuur"]', "'bestuur'"),
    # Answers are stored under 'question/level/column': a '/' in an id would split it.
    ("agenderen.toml", None, 'id = "voortbouwen"', 'id = "voort/bouwen"', "voort/bouwen"),
    ("agenderen.toml", None, 'id = "s1"', 'id = "s/1"', "s/1"),
    ("agenderen.toml", "columns nr. 2", 'id = "uitkomst"', 'id = "uit/komst"', "uit/komst"),
    ("common.toml", "levels nr. 1", 'id = "bestuur"', 'id = "bestuur/mt"', "bestuur/mt"),
    ("common.toml", "action_statuses", 'role = "busy"', "", "'busy'"),
]


@pytest.mark.parametrize(("file_name", "place", "old", "new", "detail"), CANNOT_HONOUR,
                         ids=[f"{f}:{d}" for f, _p, _o, _n, d in CANNOT_HONOUR])
def test_data_the_code_cannot_honour_is_refused(folder: Path, file_name, place, old, new, detail) -> None:
    file = folder / file_name
    text = file.read_text("utf-8")
    assert old in text
    file.write_text(text.replace(old, new, 1), "utf-8")
    with pytest.raises(WorksheetError) as info:
        load_method(folder)
    message = str(info.value)
    assert file_name in message and detail in message
    if place is not None:
        assert place in message


def test_the_status_roles_follow_the_file_not_the_ids(folder: Path) -> None:
    """Renaming the status 'klaar' keeps the 'done' tick working, because its role says what it is."""
    file = folder / "common.toml"
    file.write_text(file.read_text("utf-8").replace('id = "klaar"', 'id = "af"'), "utf-8")
    statuses = load_method(folder).action_statuses
    assert statuses.done == "af"
    assert (statuses.start, statuses.busy) == ("gepland", "bezig")
    assert statuses.reported == {"bezig", "af", "gestopt"}
    assert statuses.label("af") == statuses.options[2].label and statuses.label("onbekend") == ""
