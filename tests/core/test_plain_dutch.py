"""Plain Dutch (B1) on screen and on paper: every text of the worksheet files (every kind of club)
and every text the code shows (the strings it passes to ``tr()`` and ``translate()``) is checked
for words a volunteer would not know and for sentences longer than 20 words.

A word on the list may appear where the same text explains it ("MT (het dagelijks bestuur)"):
that is what ``EXPLAINED`` allows. Placeholders ({name}) and file names do not count as words.
"""

from __future__ import annotations

import ast
import re
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest

from vv_desktop.core.resources import worksheets_dir
from vv_desktop.core.worksheet_files import TEXT_KEYS as WORKSHEET_TEXT_KEYS

PACKAGE = Path(__file__).resolve().parents[2] / "vv_desktop"
MAX_WORDS = 20

# Jargon, English and the formal form of address. Each with the plain word to use instead.
BANNED = {
    "good practice": "voorbeeld van elders",
    "good practices": "voorbeelden van elders",
    "input": "wat leden zeggen, hun mening",
    "mt": "dagelijks bestuur",
    "aanjager": "trekker, iemand die het oppakt",
    "nji": "Nederlands Jeugdinstituut (uitgelegd)",
    "cjg": "buurtteam of jeugdgezondheidszorg",
    "mandaat": "wat iemand mag besluiten",
    "implementatie": "invoering, uitvoering",
    "implementeren": "invoeren",
    "faciliteren": "mogelijk maken",
    "stakeholders": "betrokkenen",
    "middels": "met",
    "d.m.v.": "met",
    "t.b.v.": "voor",
    "i.v.m.": "door, vanwege",
    "c.q.": "of",
    "reeds": "al",
    "indien": "als",
    "teneinde": "om",
    "dient te": "moet",
    "dienen te": "moeten",
    "u": "je (één vorm: je)",
    "uw": "je, jouw",
    "gelieve": "wil je",
    "ongeldig": "zeg wat er mis is",
    "invalid": "zeg wat er mis is",
    "error": "fout, probleem",
}
# A passive error message ("kan niet worden gelezen") hides who does what: say "De app kan ... niet lezen".
# "worden" next to a past participle ("worden gelezen", "opgeslagen worden"); not "lid worden" (to become).
PARTICIPLE = (r"(?:(?:op|af|aan|bij|in|mee|om|uit|toe|terug|over|door|weg|vast|voor|na)?ge\w+"
              r"|(?:be|ver|ont|her|er)\w+)(?:d|t|en)")
PASSIVE = re.compile(rf"\b(kan|kon|konden|kunnen|mag|moet|moeten)\b[^.!?]*(\b{PARTICIPLE}\s+worden\b|\bworden\s+"
                     rf"{PARTICIPLE}\b)|\bwerd(en)? ge\w+\b")
# A banned word may stand in a text that explains it in the same sentence.
EXPLAINED = {
    "nji": "nederlands jeugdinstituut",
    "mt": "dagelijks bestuur",
}


def words(sentence: str) -> list[str]:
    sentence = re.sub(r"\{[^}]*\}", " X ", sentence)  # a placeholder becomes (at least) one word
    sentence = re.sub(r"\S+\.(?:toml|vvplan|pdf|json|log|ics)\b", "", sentence)
    sentence = re.sub(r"\S+@\S+|(?:https?://|www\.)\S+", " X ", sentence)  # an address or a link: one word
    return re.findall(r"\d+(?:[.,:]\d+)*|[\w'’-]+", sentence)  # 20.000 and 1,5 are one word


def sentences(text: str) -> list[str]:
    """Sentences end at . ! ? : or a line break (a list, a heading). Abbreviations keep their dot."""
    text = re.sub(r"\b(bijv|bv|o\.a|d\.w\.z|enz|nr|e\.d|i\.p\.v)\.", lambda m: m.group(0).replace(".", "·"), text)
    # The app joins the lines of a text (a TOML text over several lines): only a blank line or a list item breaks.
    text = re.sub(r"\n(?![ \t]*\n|[ \t]*(?:[-•*]|\d+[.)])\s)", " ", text)
    return [s for s in re.split(r"(?<=[.!?:;])\s+|\n", text) if s.strip()]


def problems(text: str) -> list[str]:
    found = []
    lower = " ".join(text.lower().split())
    for word, instead in BANNED.items():
        if re.search(rf"(?<![\w.{{]){re.escape(word)}(?![\w}}])", lower) and EXPLAINED.get(word, "\0") not in lower:
            found.append(f"'{word}' (zeg: {instead})")
    for s in sentences(text):
        if PASSIVE.search(s.lower()):
            found.append(f"lijdende vorm: {s.strip()[:80]}")
        if len(words(s)) > MAX_WORDS:
            found.append(f"{len(words(s))} woorden: {s.strip()[:80]}...")
    return found


# --- where the texts are ---------------------------------------------------------------------

TEXT_KEYS = WORKSHEET_TEXT_KEYS | {"addition"}  # every text a variant may change, and the card's additions


def _toml_texts(value: object, where: str) -> Iterator[tuple[str, str]]:
    if isinstance(value, dict):
        for key, v in value.items():
            if key in TEXT_KEYS and isinstance(v, str):
                yield f"{where}.{key}", v
            else:
                yield from _toml_texts(v, f"{where}.{key}")
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _toml_texts(v, f"{where}[{i}]")
        if all(isinstance(v, str) for v in value) and where.endswith("scale"):
            yield from ((f"{where}[{i}]", v) for i, v in enumerate(value))


def worksheet_texts() -> Iterator[tuple[str, str]]:
    for file in sorted(worksheets_dir().glob("*.toml")):
        data = tomllib.loads(file.read_text("utf-8"))
        data.pop("sources", None)  # titles of publications: quoted as they are
        yield from _toml_texts(data, file.stem)


def _helpers(tree: ast.Module) -> dict[str, int]:
    """A module's own small helpers that pass their text on: ``def _tr(text): return translate("poster", text)``."""
    found = {}
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.args.args and len(node.body) == 1:
            ret = node.body[0]
            call = ret.value if isinstance(ret, ast.Return) else None
            if (isinstance(call, ast.Call) and getattr(call.func, "id", "") == "translate" and len(call.args) == 2
                    and isinstance(call.args[1], ast.Name) and call.args[1].id == node.args.args[0].arg):
                found[node.name] = 0
    return found


def code_texts() -> Iterator[tuple[str, str]]:
    """The literal strings passed to self.tr(...) and translate(context, ...) in the package (also through a helper)."""
    for file in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(file.read_text("utf-8"))
        calls = {"tr": 0, "translate": 1, **_helpers(tree)}
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            index = calls.get(name)
            if index is None or len(node.args) <= index:
                continue
            arg = node.args[index]
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                yield f"{file.relative_to(PACKAGE)}:{node.lineno}", arg.value


def test_the_scan_finds_texts_in_both_places() -> None:
    assert len(list(worksheet_texts())) > 200
    assert len(list(code_texts())) > 400


@pytest.mark.parametrize("where", ["werkbladen", "code"])
def test_every_text_is_plain_dutch(where: str) -> None:
    texts = worksheet_texts() if where == "werkbladen" else code_texts()
    bad = [f"{place}: {p}" for place, text in texts for p in problems(text)]
    assert not bad, f"{len(bad)} teksten zijn niet B1:\n" + "\n".join(bad)


def test_the_check_catches_jargon_long_sentences_and_the_formal_address() -> None:
    assert problems("Bekijk de good practices.")
    assert problems("Kunt u dit bestand opslaan?")
    assert problems("Het MT besluit.")
    assert problems("Het bestand kan niet worden gelezen.")
    assert not problems("De app kan het bestand niet lezen.")
    assert not problems("Het MT (het dagelijks bestuur) besluit.")
    assert not problems("Kies een bestand, bijv. plan.vvplan, en open het.")
    long = " ".join(["woord"] * (MAX_WORDS + 1)) + "."
    assert problems(long)
    assert not problems(long.replace("woord woord", "woord. Woord", 1))
    assert not problems("Een {name} met input_field")  # a placeholder and an identifier are not words


# --- what the check itself must get right -------------------------------------------------------

def test_a_sentence_over_two_lines_of_a_worksheet_file_is_one_sentence() -> None:
    # The app shows a TOML text with its line breaks joined (PhasePage: " ".join(text.split())).
    text = ("Het doel is een open club, waar leden vertellen hoe het met ze gaat\n"
            "als ze dat willen, en waar vertrouwen voorop staat.")
    assert problems(text)
    assert not problems("Wat je nodig hebt:\n- een lijst van de teams\n- een datum")  # a list stays a list


def test_a_placeholder_counts_as_a_word() -> None:
    # {name} becomes a name, {why} a reason of several words: it is never nothing.
    assert problems(" ".join(["woord"] * MAX_WORDS) + " {name}.")


def test_an_address_a_link_or_a_number_is_one_word() -> None:
    nineteen = " ".join(["woord"] * (MAX_WORDS - 1))
    assert not problems(f"{nineteen} info@vleuten-versterkt.nl.")
    assert not problems(f"{nineteen} https://www.vleutenversterkt.nl/contact.")
    assert not problems(f"{nineteen} 20.000.")
    assert not problems(f"{nineteen} 1,5.")


def test_becoming_something_is_not_a_passive() -> None:
    assert not problems("Iedereen kan lid worden.")
    assert not problems("Wie kan er vertrouwenspersoon worden?")
    assert problems("Het plan kan niet gelezen worden.")
    assert problems("Het plan moet eerst worden bijgewerkt.")


def test_the_scan_also_reads_the_texts_of_a_translating_helper() -> None:
    # poster.py and undo.py pass their texts through a small helper (_tr, _t) that calls translate().
    places = {where.split(":")[0] for where, _text in code_texts()}
    assert "render/poster.py" in places and "ui/undo.py" in places


def test_the_reworded_copy_is_as_plain_as_the_original() -> None:
    """scripts/reworded-check.sh runs the quick suite (this file too) on worksheets whose every text starts with
    the reword prefix: a sentence of exactly 20 words must not become one of 22 there."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("reword", PACKAGE.parent / "scripts" / "reword_worksheets.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    text = " ".join(["woord"] * MAX_WORDS) + "."
    assert not problems(text)
    reworded = tomllib.loads(module.reword(f'text = "{text}"\n'))["text"]
    assert reworded != text and not problems(reworded)
