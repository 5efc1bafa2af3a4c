"""Every tip, example, card step and statement from a source rests on a sentence of that source:
its ``quote`` is found in the text of the source (tests/data/seeds/<source id>.txt, the source documents as plain text).

A quote may leave words out with "..." between the parts; the parts must then be found in order.
Case, line breaks, hyphenation at line ends and the kind of quotation marks do not count.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest

from vv_desktop.core.model import CLUB_KINDS
from vv_desktop.core.worksheets import Method, load_method

SEEDS = Path(__file__).resolve().parent.parent / "data" / "seeds"


def normal(text: str) -> str:
    text = re.sub(r"(\w)-\s*\n\s*(\w)", r"\1\2", text)  # a word split over two lines
    text = text.translate(str.maketrans("\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u201f\u00ab\u00bb'", '"' * 11,
                                        "\u00ad"))  # every quotation mark (and apostrophe) alike
    return " ".join(text.lower().split())


@cache
def seed(source_id: str) -> str:
    return normal((SEEDS / f"{source_id}.txt").read_text("utf-8"))


def found(quote: str, source_id: str) -> bool:
    """Every part is found, in order, as whole words: a quote of only "..." or of pieces of words is not one."""
    text, start = seed(source_id), 0
    parts = [p for p in re.split(r"\s*(?:\.\.\.|…)\s*", normal(quote)) if p]
    for part in parts:
        match = re.compile(rf"(?<!\w){re.escape(part)}(?!\w)").search(text, start)
        if match is None:
            return False
        start = match.end()
    return bool(parts)


def _items(method: Method) -> dict[str, tuple[str, str]]:
    """Every item of every kind of club: id -> (source, quote)."""
    items = {}
    for kind in CLUB_KINDS:
        m = method.for_kind(kind)
        for phase in m.phases:
            for item in phase.tips + phase.practices:
                items[item.id] = (item.source, item.quote)
            for f in phase.fields:
                items.update({f"{f.id}/{o.id}": (o.source, o.quote) for o in f.options if o.source})
        assert m.card is not None
        for n, step in enumerate(m.card.steps, start=1):
            if step.source:
                items[f"kaart-stap{n}"] = (step.source, step.quote)
    return items


ITEMS = _items(load_method())


def test_every_source_has_its_text() -> None:
    assert set(load_method().sources) == {p.stem for p in SEEDS.glob("*.txt")}


@pytest.mark.parametrize("item_id", sorted(ITEMS))
def test_the_quote_is_in_the_source(item_id: str) -> None:
    source, quote = ITEMS[item_id]
    assert quote, f"{item_id} has no quote from {source}"
    assert found(quote, source), f"{item_id}: not in {source}: {quote!r}"


def test_the_check_finds_a_quote_and_refuses_one_that_is_not_there() -> None:
    assert found("Een sportclub werkt bijvoorbeeld anders dan een theatergroep", "vv2024")
    assert found("een sportclub werkt ... dan een theatergroep", "vv2024")
    assert not found("een theatergroep ... een sportclub werkt", "vv2024")  # the parts out of order
    assert not found("Een sportclub werkt precies zo als een theatergroep", "vv2024")


def test_a_quote_of_only_dots_blanks_or_pieces_of_words_is_refused() -> None:
    assert not found("...", "vv2024")  # nothing is quoted at all
    assert not found(" … ", "vv2024")
    assert not found(" ", "vv2024")
    assert not found("... ...", "vv2024")
    assert not found("portclub wer", "vv2024")  # pieces of words: not the sentence as it stands
    assert not found("een sportclub werkt ... dan een theatergr", "vv2024")
    assert found("... een sportclub werkt bijvoorbeeld anders", "vv2024")  # words left out at the start


def test_the_kind_of_quotation_marks_does_not_count() -> None:
    # nultotlater: “We hebben een aantal ludieke en laagdrempelige acties bedacht ...” (curly double quotes)
    assert found('"We hebben een aantal ludieke en laagdrempelige acties bedacht', "nultotlater")
    assert found("“We hebben een aantal ludieke en laagdrempelige acties bedacht", "nultotlater")
    assert found("'We hebben een aantal ludieke en laagdrempelige acties bedacht", "nultotlater")
