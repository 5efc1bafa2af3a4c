"""Checking and migrating stored plan documents.

A plan file is checked before the app uses it, so a file with wrong types is set aside with a
clear message instead of crashing a widget later. Older schema versions are migrated (after the
store has made a backup copy); a newer version is refused and left untouched.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from vv_desktop.core.i18n import translate
from vv_desktop.core.model import CLUB_FIELDS, DOC_KIND, NOT_STARTED, SCHEMA_VERSION, STATUSES, is_club_key
from vv_desktop.core.plan_levels import LABEL, LEVELS, initial_levels
from vv_desktop.core.text import clean_text
from vv_desktop.core.worksheets import PHASE_IDS

SCALAR = (str, bool, int, float, type(None))


class PlanFileError(ValueError):
    """A stored plan cannot be used; ``str(err)`` is a Dutch sentence for the user."""


class NewerVersionError(PlanFileError):
    """The file was written by a newer version of the app."""


def _fail(what: str) -> None:
    raise PlanFileError(what)


def _check_cell(cell: Any, where: str, types: tuple[type, ...] = SCALAR) -> None:
    if not isinstance(cell, dict) or not isinstance(cell.get("t", ""), str) or not isinstance(cell.get("d", ""), str):
        _fail(translate("schema", "onderdeel {where} is beschadigd").format(where=where))
    if "v" not in cell or not isinstance(cell["v"], types):
        _fail(translate("schema", "onderdeel {where} heeft een verkeerde waarde").format(where=where))


def _check_round(rnd: Any, where: str) -> None:
    if not isinstance(rnd, dict) or not isinstance(rnd.get("id"), str) or not isinstance(rnd.get("number"), int) \
            or not isinstance(rnd.get("started", ""), str):
        _fail(translate("schema", "ronde in {where} is beschadigd").format(where=where))
    answers, lists = rnd.get("answers"), rnd.get("lists")
    if not isinstance(answers, dict) or not isinstance(lists, dict):
        _fail(translate("schema", "ronde in {where} is beschadigd").format(where=where))
    for key, cell in answers.items():
        _check_cell(cell, f"{where}/{key}", SCALAR + (list, dict))
    order = rnd.get("order", {})
    if not isinstance(order, dict):
        _fail(translate("schema", "de volgorde in {where} is beschadigd").format(where=where))
    for fid, cell in order.items():  # a reordered list: the item ids in their new order, with a change mark
        _check_cell(cell, f"{where}/volgorde/{fid}", (list,))
        if not all(isinstance(i, str) for i in cell["v"]):
            _fail(translate("schema", "de volgorde van lijst {where} is beschadigd").format(where=f"{where}/{fid}"))
    for fid, items in lists.items():
        if not isinstance(items, list):
            _fail(translate("schema", "lijst {where} is beschadigd").format(where=f"{where}/{fid}"))
        for item in items:
            if not isinstance(item, dict) or not isinstance(item.get("id"), str) \
                    or not isinstance(item.get("values"), dict) \
                    or not all(isinstance(v, SCALAR) for v in item["values"].values()):
                _fail(translate("schema", "lijst {where} is beschadigd").format(where=f"{where}/{fid}"))


def _check_levels(items: Any) -> None:
    """The club's levels: items with a text name and an id that fits in an answer key (no '/') and stays the
    same when the text is cleaned (a control character would vanish, leaving an empty or a doubled id)."""
    where = translate("schema", "de niveaus van de club")
    if not isinstance(items, list):
        _fail(translate("schema", "onderdeel {where} ontbreekt of is beschadigd").format(where=where))
    ids = set()
    for item in items:
        if not isinstance(item, dict) or not isinstance(item.get("id"), str) or not item["id"] \
                or "/" in item["id"] or item["id"] != clean_text(item["id"], one_line=True) \
                or item["id"] in ids or not isinstance(item.get("values"), dict) \
                or not isinstance(item["values"].get(LABEL, ""), str) \
                or not isinstance(item.get("t", ""), str) or not isinstance(item.get("d", ""), str):
            _fail(translate("schema", "onderdeel {where} is beschadigd").format(where=where))
        ids.add(item["id"])


def validate(doc: Any) -> None:
    """Raise :class:`PlanFileError` unless ``doc`` is a well-formed current plan document."""
    if not isinstance(doc, dict) or doc.get("kind") != DOC_KIND:
        _fail(translate("schema", "het is geen plan van Stappenplan"))
    if not isinstance(doc.get("id"), str) or not doc["id"]:
        _fail(translate("schema", "het plan heeft geen geldige id"))
    for key in ("created", "updated"):  # sorted and shown as dates: a number here would crash the plan list
        if not isinstance(doc.get(key, ""), str):
            _fail(translate("schema", "de datum '{key}' is beschadigd").format(key=key))
    seen = doc.get("seen", {})
    if not isinstance(seen, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in seen.items()):
        _fail(translate("schema", "de gegevens over wijzigingen zijn beschadigd"))
    _check_cell(doc.get("name"), "naam", (str,))
    club = doc.get("club")
    if not isinstance(club, dict):
        _fail(translate("schema", "de clubgegevens zijn beschadigd"))
    for key in CLUB_FIELDS:
        _check_cell(club.get(key), f"club/{key}", (str,))
    for key in set(club) - set(CLUB_FIELDS):  # the card's contacts, when the club filled them in
        if not is_club_key(key):
            _fail(translate("schema", "de clubgegevens zijn beschadigd"))
        _check_cell(club[key], f"club/{key[:60]}", (str,))
    _check_levels(doc.get(LEVELS))
    phases = doc.get("phases")
    if not isinstance(phases, dict):
        _fail(translate("schema", "de fasen zijn beschadigd"))
    for pid in PHASE_IDS:
        phase = phases.get(pid)
        if not isinstance(phase, dict):
            _fail(translate("schema", "fase {phase} ontbreekt").format(phase=pid))
        _check_cell(phase.get("status"), f"{pid}/status", (str,))
        if phase["status"]["v"] not in STATUSES:
            _fail(translate("schema", "fase {phase} heeft een onbekende stand").format(phase=pid))
        rounds = phase.get("rounds")
        if not isinstance(rounds, list) or not rounds:
            _fail(translate("schema", "fase {phase} heeft geen rondes").format(phase=pid))
        for rnd in rounds:
            _check_round(rnd, pid)


# -- migrations ----------------------------------------------------------------------------
UNKNOWN_DEVICE = "onbekend"


def _v1_to_v2(doc: dict[str, Any]) -> dict[str, Any]:
    """Schema 1 (first prototype) stored bare values; schema 2 adds change marks to each."""
    stamp = doc.get("created") or "1970-01-01T00:00:00.000+00:00"

    def cell(value: Any) -> dict[str, Any]:
        if isinstance(value, dict) and "v" in value:  # already migrated: keep (idempotent)
            return value
        return {"v": value, "t": stamp, "d": UNKNOWN_DEVICE}

    doc["name"] = cell(doc.get("name", ""))
    club = doc.get("club") if isinstance(doc.get("club"), dict) else {}
    doc["club"] = {key: cell(club.get(key, "")) for key in CLUB_FIELDS}
    for phase in (doc.get("phases") or {}).values():
        phase["status"] = cell(phase.get("status", NOT_STARTED))
        for rnd in phase.get("rounds", []):
            rnd["answers"] = {k: cell(v) for k, v in rnd.get("answers", {}).items()}
            for items in rnd.get("lists", {}).values():
                for item in items:
                    item.setdefault("t", stamp)
                    item.setdefault("d", UNKNOWN_DEVICE)
    doc["schema"] = 2
    return doc


def _v2_to_v3(doc: dict[str, Any]) -> dict[str, Any]:
    """Schema 3 adds the club's own levels: an old plan gets the method's levels, so its answers keep their keys."""
    if not isinstance(doc.get(LEVELS), list):  # already there: keep (idempotent)
        doc[LEVELS] = initial_levels((doc.get("created") or "1970-01-01T00:00:00.000+00:00", UNKNOWN_DEVICE))
    doc["schema"] = 3
    return doc


MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {1: _v1_to_v2, 2: _v2_to_v3}


def schema_of(doc: Any) -> int:
    version = doc.get("schema") if isinstance(doc, dict) else None
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise PlanFileError(translate("schema", "het bestand heeft geen geldig versienummer"))
    return version


def needs_migration(doc: Any) -> bool:
    version = schema_of(doc)
    if version > SCHEMA_VERSION:
        raise NewerVersionError(
            translate("schema", "het is gemaakt met een nieuwere versie van Stappenplan (versie {v})").format(
                v=version
            )
        )
    return version < SCHEMA_VERSION


def migrate(doc: dict[str, Any]) -> dict[str, Any]:
    """Bring ``doc`` up to the current schema, one step at a time."""
    while needs_migration(doc):
        step = MIGRATIONS.get(doc["schema"])
        if step is None:
            raise PlanFileError(translate("schema", "de app kan deze oude versie niet meer omzetten"))
        try:
            doc = step(doc)
        except (AttributeError, TypeError, KeyError) as exc:
            raise PlanFileError(translate("schema", "het omzetten naar de nieuwe versie lukte niet")) from exc
    return doc
