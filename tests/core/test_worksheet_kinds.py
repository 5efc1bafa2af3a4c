"""Texts per kind of club: a table in a worksheet file may carry a variant per club kind
(``cultuur = { label = "..." }``) that replaces its texts for plans of that kind. Only texts vary:
ids and structure are the same for every kind, so a plan's answers fit whatever its kind."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from vv_desktop.core.model import CLUB_KINDS
from vv_desktop.core.resources import worksheets_dir
from vv_desktop.core.worksheet_files import TEXT_KEYS
from vv_desktop.core.worksheets import Method, WorksheetError, load_method


def _insert_after(file: Path, anchor: str, extra: str) -> None:
    text = file.read_text("utf-8")
    assert text.count(anchor) == 1, f"{anchor!r} is not once in {file.name}"
    file.write_text(text.replace(anchor, anchor + extra), "utf-8")


def _without_texts(value: Any) -> Any:
    """The ids and structure of the method: every text key blanked, recursively."""
    if isinstance(value, tuple) and hasattr(value, "_fields"):
        return tuple("" if name in TEXT_KEYS else _without_texts(v) for name, v in zip(value._fields, value,
                                                                                       strict=True))
    if isinstance(value, tuple):
        return tuple(_without_texts(v) for v in value)
    if isinstance(value, dict):
        return {k: _without_texts(v) for k, v in value.items()}
    return value


def _structure(method: Method) -> Any:
    """What a plan's answers rest on; the tips and examples may differ (some are for some kinds only)."""
    phases = tuple(p._replace(tips=(), practices=()) for p in method.phases)
    return _without_texts((phases, method.levels, method.scale, method.action_statuses))


# --- the real method ----------------------------------------------------------------------


@pytest.mark.parametrize("kind", CLUB_KINDS)
def test_every_kind_has_the_same_ids_and_structure(method: Method, kind: str) -> None:
    assert _structure(method.for_kind(kind)) == _structure(method)


@pytest.mark.parametrize("kind", CLUB_KINDS)
def test_a_kind_gets_the_advice_for_every_club_and_what_is_marked_for_it(method: Method, kind: str) -> None:
    own = method.for_kind(kind)
    for phase, default in zip(own.phases, method.phases, strict=True):
        for item in phase.tips + phase.practices:
            assert not item.kinds or kind in item.kinds, item.id
        shared = {x.id for x in default.tips + default.practices if not x.kinds}
        assert shared <= {x.id for x in phase.tips + phase.practices}


def test_culture_and_neighbourhood_have_their_own_words(method: Method) -> None:
    for kind in ("cultuur", "buurt"):
        own = method.for_kind(kind)
        assert own.level("trainers").label != method.level("trainers").label
        assert own.level("teams").label != method.level("teams").label
        assert own.phase("concretiseren") != method.phase("concretiseren")


def test_anders_and_an_unknown_kind_use_the_default_texts(method: Method) -> None:
    def unmarked(m: Method) -> list[Any]:
        return [p._replace(tips=tuple(t for t in p.tips if not t.kinds),
                           practices=tuple(x for x in p.practices if not x.kinds)) for p in m.phases]

    assert unmarked(method.for_kind("anders")) == unmarked(method)
    assert method.for_kind("anders").levels == method.levels
    assert method.for_kind("voetbal") is method
    assert method.for_kind("") is method


def test_for_kind_is_cached_and_works_from_any_kind(method: Method) -> None:
    culture = method.for_kind("cultuur")
    assert method.for_kind("cultuur") is culture
    assert culture.for_kind("buurt") is method.for_kind("buurt")
    assert culture.for_kind("sport").phases == method.phases  # the default texts are sport's


# --- a facilitator's own variants ---------------------------------------------------------


def test_variants_replace_the_texts_they_name(folder: Path) -> None:
    _insert_after(folder / "common.toml", 'id = "ouders"\n', 'cultuur = { label = "Ouders X" }\n')
    _insert_after(folder / "concretiseren.toml", 'number = 2\n',
                  'buurt = { subtitle = "Buurt sub", intro = "Buurt intro" }\n')
    _insert_after(folder / "concretiseren.toml", 'id = "doel_bereikt"\n',
                  'cultuur = { label = "Doel C", help = "Hulp C", placeholder = "Plek C" }\n')
    _insert_after(folder / "concretiseren.toml", '{ id = "behoefte",', ' buurt = { label = "Wens B" },')
    method = load_method(folder)
    culture, buurt = method.for_kind("cultuur"), method.for_kind("buurt")
    assert culture.level("ouders").label == "Ouders X"
    assert buurt.level("ouders").label == method.level("ouders").label
    reached = culture.phase("concretiseren").field("doel_bereikt")
    assert (reached.label, reached.help, reached.placeholder) == ("Doel C", "Hulp C", "Plek C")
    assert buurt.phase("concretiseren").subtitle == "Buurt sub"
    assert buurt.phase("concretiseren").intro == "Buurt intro"
    assert buurt.phase("concretiseren").field("behoeften").columns[0].label == "Wens B"
    assert method.phase("concretiseren").field("doel_bereikt") == load_method(worksheets_dir()).phase(
        "concretiseren").field("doel_bereikt")  # the default keeps its own texts


def test_an_item_for_some_kinds_shows_only_for_those(folder: Path) -> None:
    extra = ('\n[[tips]]\nid = "alleen-cultuur"\ntext = "Een tip voor koren."\nsource = "vv2024"\nquote = "x"\n'
             'kinds = ["cultuur"]\n'
             '\n[[practices]]\nid = "sport-en-buurt"\ntitle = "T"\ntext = "Een voorbeeld."\nclub = "Bij jullie club."\n'
             'source = "vv2024"\nquote = "x"\nkinds = ["sport", "buurt"]\n')
    file = folder / "uitvoeren.toml"
    file.write_text(file.read_text("utf-8") + extra, "utf-8")
    method = load_method(folder)

    def has(kind: str) -> tuple[bool, bool]:
        phase = method.for_kind(kind).phase("uitvoeren")
        return "alleen-cultuur" in {t.id for t in phase.tips}, "sport-en-buurt" in {p.id for p in phase.practices}

    assert {kind: has(kind) for kind in CLUB_KINDS} == {
        "sport": (False, True), "cultuur": (True, False), "buurt": (False, True), "anders": (False, False)}
    assert has("") == has("sport")  # the default texts are those of the default kind


# A variant that is not what the loader can honour is refused, naming the file, the place and the key.
BAD_VARIANTS = [
    ("common.toml", 'id = "ouders"\n', 'voetbal = { label = "x" }\n', "levels nr. 6", "voetbal"),
    ("common.toml", 'id = "ouders"\n', 'cultuur = { lable = "x" }\n', "levels nr. 6 > cultuur", "lable"),
    ("common.toml", 'id = "ouders"\n', 'cultuur = { id = "docenten" }\n', "levels nr. 6 > cultuur", "id"),
    ("common.toml", 'id = "ouders"\n', 'cultuur = "Docenten"\n', "levels nr. 6 > cultuur", None),
    ("common.toml", 'id = "ouders"\n', 'cultuur = { label = 3 }\n', "levels nr. 6 > cultuur", "label"),
    ("concretiseren.toml", 'id = "doel_bereikt"\n', 'buurt = { type = "list" }\n', "fields nr. 4 > buurt", "type"),
    ("concretiseren.toml", 'id = "behoeften"\n', 'buurt = { levels = ["bestuur"] }\n', "fields nr. 2 > buurt",
     "levels"),
    ("concretiseren.toml", 'id = "concretiseren"\n', 'cultuur = { number = 3 }\n', "cultuur", "number"),
    # a question whose type shows no placeholder may not get one through a variant either
    ("concretiseren.toml", 'id = "behoeften"\n', 'cultuur = { placeholder = "x" }\n', "fields nr. 2 > cultuur",
     "placeholder"),
    ("concretiseren.toml", '{ id = "behoefte",', ' cultuur = { type = "text" },', "columns nr. 1 > cultuur", "type"),
    ("common.toml", 'id = "vv2024"\n', 'buurt = { year = "2025" }\n', "sources nr. 1 > buurt", "year"),
]


@pytest.mark.parametrize(("file_name", "anchor", "extra", "place", "key"), BAD_VARIANTS,
                         ids=[f"{f}:{p}:{k}" for f, _a, _e, p, k in BAD_VARIANTS])
def test_a_wrong_variant_is_refused(folder: Path, file_name, anchor, extra, place, key) -> None:
    _insert_after(folder / file_name, anchor, extra)
    with pytest.raises(WorksheetError) as info:
        load_method(folder)
    message = str(info.value)
    assert file_name in message and place in message
    if key is not None:
        assert f"'{key}'" in message
