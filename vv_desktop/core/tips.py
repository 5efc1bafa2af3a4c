"""The method's advice, read from the worksheet files: tips & voorwaarden, examples from elsewhere
("Voorbeelden van elders") and the card "Als een jongere iets vertelt".

Every item says where it comes from: a ``source`` (an id from common.toml) with a ``quote``, the
sentence of that source it rests on, copied as it stands, so a facilitator can look it up (a test
finds every quote in the source texts). A card step that is not in the sources is an ``addition``
that says where it comes from. An item may be ``kinds = ["cultuur"]``: only for those kinds of club.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, NamedTuple

from vv_desktop.core.i18n import translate
from vv_desktop.core.model import CLUB_KINDS, DEFAULT_CLUB_KIND
from vv_desktop.core.worksheet_files import TableReader, only, unique


class Tip(NamedTuple):
    id: str
    text: str
    source: str
    quote: str  # the sentence of the source this tip rests on
    kinds: tuple[str, ...] = ()  # empty: for every kind of club


class Practice(NamedTuple):
    """An example from elsewhere, with what a club could do with it (``club``, "Bij jullie club...")."""

    id: str
    title: str
    text: str
    club: str
    source: str
    quote: str
    kinds: tuple[str, ...] = ()


class CardStep(NamedTuple):
    title: str
    text: str
    source: str  # a source id, or "" for an addition (then ``addition`` says where it comes from)
    addition: str = ""
    quote: str = ""


class Contact(NamedTuple):
    id: str
    label: str
    placeholder: str = ""


class HelpCard(NamedTuple):
    """The card "Als een jongere iets vertelt" (kaart.toml): what to do, and the club's own contacts."""

    title: str
    intro: str
    steps: tuple[CardStep, ...]
    contacts: tuple[Contact, ...]


TIP_KEYS = frozenset({"id", "text", "source", "quote", "kinds"})
PRACTICE_KEYS = frozenset({"id", "title", "text", "club", "source", "quote", "kinds"})
CARD_KEYS = frozenset({"title", "intro", "steps", "contacts"})
CARD_STEP_KEYS = frozenset({"title", "text", "source", "quote", "addition"})
CONTACT_KEYS = frozenset({"id", "label", "placeholder"})


def source_and_quote(r: TableReader, source_ids: set[str]) -> tuple[str, str]:
    """The source id and the quote from it; both are needed, and the id must be known."""
    source = r.nonempty("source")
    if source not in source_ids:
        r.fail(translate("worksheets", "onbekende bron '{source}'").format(source=source))
    return source, r.nonempty("quote")


def _kinds(r: TableReader) -> tuple[str, ...]:
    kinds = r.strings("kinds")
    for kind in kinds:
        if kind not in CLUB_KINDS:
            r.fail(translate("worksheets", "onbekende soort club '{kind}' in 'kinds' (kies uit: {kinds})").format(
                kind=kind, kinds=", ".join(CLUB_KINDS)))
    return kinds


def _for_kind(item_kinds: tuple[str, ...], kind: str) -> bool:
    """Whether an item shows for a kind of club; the default texts are those of the default kind."""
    return not item_kinds or (kind or DEFAULT_CLUB_KIND) in item_kinds


def read_tips(root: TableReader, source_ids: set[str]) -> tuple[Tip, ...]:
    tips = []
    for r in only(root.tables("tips"), TIP_KEYS):
        tips.append(Tip(r.nonempty("id"), r.nonempty("text"), *source_and_quote(r, source_ids), _kinds(r)))
    unique(root, [t.id for t in tips], translate("worksheets", "tip"))
    return tuple(t for t in tips if _for_kind(t.kinds, root.kind))


def read_practices(root: TableReader, source_ids: set[str]) -> tuple[Practice, ...]:
    practices = []
    for r in only(root.tables("practices"), PRACTICE_KEYS):
        practices.append(Practice(r.nonempty("id"), r.nonempty("title"), r.nonempty("text"), r.nonempty("club"),
                                  *source_and_quote(r, source_ids), _kinds(r)))
    unique(root, [p.id for p in practices], translate("worksheets", "voorbeeld"))
    return tuple(p for p in practices if _for_kind(p.kinds, root.kind))


def check_advice_ids(phase_files: list[tuple[Path, dict[str, Any]]]) -> None:
    """Tip and example ids are unique in the whole method: they name the item. Checked on what the files
    say, so two items for other kinds of club (which no single kind shows together) cannot share one."""
    seen: dict[str, str] = {}
    for file, data in phase_files:
        for key in ("tips", "practices"):
            for item in data.get(key, []):
                if item["id"] in seen:
                    TableReader(file, "", {}).fail(translate("worksheets", "de id '{id}' staat ook in {other}").format(
                        id=item["id"], other=seen[item["id"]]))
                seen[item["id"]] = file.name


def read_card(root: TableReader, source_ids: set[str]) -> HelpCard:
    root.only(CARD_KEYS)
    steps = []
    for r in only(root.tables("steps"), CARD_STEP_KEYS):
        if ("source" in r.table) == ("addition" in r.table):  # from a source, or an addition that says so
            r.fail(translate("worksheets", "een stap heeft een 'source' of een 'addition' (niet allebei)"))
        if "source" in r.table:
            source, quote = source_and_quote(r, source_ids)
            steps.append(CardStep(r.nonempty("title"), r.nonempty("text"), source, quote=quote))
        else:
            if "quote" in r.table:  # a quote rests on a source: an addition has none
                r.fail(translate("worksheets", "een 'quote' hoort bij een 'source', niet bij een 'addition'"))
            steps.append(CardStep(r.nonempty("title"), r.nonempty("text"), "", r.nonempty("addition")))
    contacts = tuple(Contact(c.key_id(), c.nonempty("label"), c.text("placeholder", ""))
                     for c in only(root.tables("contacts"), CONTACT_KEYS))
    unique(root, [c.id for c in contacts], translate("worksheets", "contact"))
    return HelpCard(root.nonempty("title"), root.text("intro", ""), tuple(steps), contacts)
