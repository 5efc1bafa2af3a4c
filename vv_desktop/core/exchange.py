"""The ``.vvplan`` exchange file: a plan (or one phase of it) to send to a colleague by e-mail.

A file that arrives by e-mail is untrusted. :func:`read_exchange` checks all of it before the
app uses any of it: size, JSON nesting, types, lengths, counts, the format version and the logo
(type and pixel size, decoded by Pillow with a limit), change marks within a sane time window and the
name and club details as the window allows them; text is cleaned (:mod:`vv_desktop.core.text`).
Nothing in it is executed, and no file name from it is ever used as a path. A bad file gives
:class:`ExchangeError` with one Dutch sentence. The format is documented in ``docs/exchange-format.md`` and
``docs/vvplan.schema.json``.
"""

from __future__ import annotations

import base64
import binascii
import json
import math
import os
import re
import stat
from pathlib import Path
from typing import Any, NamedTuple

from vv_desktop import __version__
from vv_desktop.core import schema
from vv_desktop.core.atomic import atomic_write_bytes
from vv_desktop.core.exchange_checks import ExchangeError, check_marks, check_one_line_fields, clean_in_place
from vv_desktop.core.i18n import translate
from vv_desktop.core.model import NOT_STARTED, utc_now
from vv_desktop.core.os_reason import os_reason
from vv_desktop.core.text import clean_text
from vv_desktop.core.worksheets import PHASE_IDS

__all__ = ["EXTENSION", "Exchange", "ExchangeError", "parse_exchange", "read_exchange", "write_exchange"]

FORMAT = "stappenplan-uitwisseling"
FORMAT_VERSION = 2  # 2: the plan (schema 3) holds the club's own levels; a file of version 1 still imports
EXTENSION = ".vvplan"

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_DEPTH = 24
MAX_STRING = 1_000_000  # characters in one answer
MAX_ITEMS = 5_000  # items in one list
MAX_ROUNDS = 200
MAX_ANSWERS = 20_000  # answers in one round
MAX_KEYS = 200  # keys of any other object
MAX_LOGO_BYTES = 5 * 1024 * 1024
# Counted on the file's bytes before it is parsed, so that time and memory stay bounded (a plan after years
# of use has a few thousand): objects ("{": cells, items, rounds...) and values (","). A "{" or "," inside a
# text counts too, which errs on the side of refusing a file of millions of parts.
MAX_OBJECTS = 120_000
MAX_VALUES = 1_000_000
# The plan id becomes a folder name on the receiving laptop: only a plain name, never a path (no "..",
# "/" or NUL), lower case (Windows and macOS ignore case) and long enough to never be CON, NUL, COM1...
PLAN_ID = re.compile(r"[0-9a-z][0-9a-z_-]{7,99}")


class Exchange(NamedTuple):
    plan: dict[str, Any]  # a plan document (schema 3); with scope "phase", only that phase
    logo: bytes | None  # PNG, already checked
    device: str  # the laptop that made the file
    exported: str
    phase: str | None  # set when the file holds one phase


def _fail(text: str) -> None:
    raise ExchangeError(text)


# -- writing ---------------------------------------------------------------------------------
def export_document(doc: dict[str, Any], device: str, logo_png: bytes | None = None,
                    phase: str | None = None) -> dict[str, Any]:
    plan = dict(doc)  # only written out, never changed: no copy of a big plan
    if phase is not None:
        plan["phases"] = {phase: doc["phases"][phase]}
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "app_version": __version__,
        "exported": utc_now(),
        "device": device,
        "phase": phase,
        "plan": plan,
        "logo": {"type": "image/png", "data": base64.b64encode(logo_png).decode("ascii")} if logo_png else None,
    }


def write_exchange(path: Path, doc: dict[str, Any], device: str, logo_png: bytes | None = None,
                   phase: str | None = None) -> Path:
    document = export_document(doc, device, logo_png, phase)
    data = json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")
    if len(data) > MAX_FILE_BYTES:  # a very big plan: without the spaces, so that the colleague can still read it
        data = json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    _check_readable_by_a_colleague(data)
    atomic_write_bytes(Path(path), data)
    return Path(path)


def _check_readable_by_a_colleague(data: bytes) -> None:
    """Never hand out a file that the colleague's app would refuse (odd values from an old or
    hand-edited plan, a clock that once ran years ahead): the same checks as an import, here."""
    try:
        parse_exchange(data)
    except ExchangeError as exc:
        _fail(translate("exchange", "De app kan dit plan zo niet versturen, want de app van je "
                                   "collega zou het weigeren: {why} Er is geen bestand gemaakt.").format(why=exc))


# -- reading ---------------------------------------------------------------------------------
def _check_shape(node: Any) -> None:
    """Depth, lengths and counts of the whole JSON tree, without recursion."""
    stack = [(node, 1)]
    while stack:
        value, depth = stack.pop()
        if depth > MAX_DEPTH:
            _fail(translate("exchange", "Het bestand is te diep genest; het is geen bestand van Stappenplan."))
        if isinstance(value, str):
            if len(value) > MAX_STRING:
                _fail(translate("exchange", "Er staat een tekst in van meer dan een miljoen tekens."))
        elif isinstance(value, dict):
            if len(value) > MAX_ANSWERS:
                _fail(translate("exchange", "Het bestand heeft te veel onderdelen."))
            for key, item in value.items():
                if len(key) > 500:
                    _fail(translate("exchange", "Het bestand bevat een ongeldige naam van een onderdeel."))
                stack.append((item, depth + 1))
        elif isinstance(value, list):
            if len(value) > MAX_ITEMS:
                _fail(translate("exchange", "Het bestand heeft een lijst met te veel regels."))
            stack.extend((item, depth + 1) for item in value)
        elif isinstance(value, float) and not math.isfinite(value):  # NaN, or 1e999 read as infinity
            _fail(translate("exchange", "Er staat een getal in het bestand dat de app niet kan lezen."))


def _check_parts(raw: bytes | str) -> None:
    brace, comma = ("{", ",") if isinstance(raw, str) else (b"{", b",")
    if raw.count(brace) > MAX_OBJECTS or raw.count(comma) > MAX_VALUES:
        _fail(translate("exchange", "Het bestand heeft te veel onderdelen (meer dan {n} antwoorden, regels en "
                                    "rondes samen).").format(n=f"{MAX_OBJECTS:,}".replace(",", ".")))


def _parse(raw: bytes) -> Any:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        _fail(translate("exchange", "Het bestand is geen tekstbestand van Stappenplan."))
    try:
        return json.loads(text, parse_constant=lambda _c: _fail(
            translate("exchange", "Er staat een getal in het bestand dat de app niet kan lezen.")))
    except RecursionError:
        _fail(translate("exchange", "Het bestand is te diep genest; het is geen bestand van Stappenplan."))
    except ExchangeError:  # NaN or Infinity, from parse_constant: keep that message
        raise
    except ValueError:
        _fail(translate("exchange", "Het bestand is beschadigd of geen bestand van Stappenplan."))


def _check_envelope(data: Any) -> None:
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        _fail(translate("exchange", "Dit is geen uitwisselbestand van Stappenplan."))
    version = data.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        _fail(translate("exchange", "Het bestand heeft geen geldig versienummer."))
    if version > FORMAT_VERSION:
        _fail(translate("exchange", "Dit bestand is gemaakt met een nieuwere versie van Stappenplan. Werk de app "
                                    "bij om het te openen."))
    for key in ("device", "exported"):
        if not isinstance(data.get(key), str) or len(data[key]) > 100:
            _fail(translate("exchange", "Het bestand mist gegevens over waar het vandaan komt."))
    phase = data.get("phase")
    if phase is not None and phase not in PHASE_IDS:
        _fail(translate("exchange", "Het bestand noemt een onbekende fase."))
    if len(data) > MAX_KEYS:
        _fail(translate("exchange", "Het bestand heeft te veel onderdelen."))


def _check_plan(plan: Any, phase: str | None) -> dict[str, Any]:
    if not isinstance(plan, dict) or not isinstance(plan.get("phases"), dict):
        _fail(translate("exchange", "Het bestand bevat geen plan."))
    phases = plan["phases"]
    expected = {phase} if phase else set(PHASE_IDS)
    if set(phases) != expected:
        _fail(translate("exchange", "De fasen in het bestand kloppen niet."))
    try:
        if schema.needs_migration(plan):
            plan = schema.migrate(plan)
        # Check as a full plan; a one-phase file gets empty stand-ins for the other phases.
        full = dict(plan, phases={p: phases[p] if p in phases else _stand_in() for p in PHASE_IDS})
        schema.validate(full)
    except schema.NewerVersionError:
        _fail(translate("exchange", "Dit bestand is gemaakt met een nieuwere versie van Stappenplan. Werk de app "
                                    "bij om het te openen."))
    except schema.PlanFileError as exc:
        # The reason can quote a key from the file: keep the sentence on one short line.
        why = " ".join(str(exc).split())
        _fail(translate("exchange", "Het plan in het bestand klopt niet: {why}.").format(
            why=why if len(why) <= 150 else why[:149] + "…"))
    if not PLAN_ID.fullmatch(plan["id"]):
        _fail(translate("exchange", "Het plan in het bestand heeft geen geldige id."))
    clean_in_place(plan)  # lone surrogates, control characters, NFC: before anything compares or shows a text
    # validate() checks the known club fields; an extra one must be a text cell too, or merging trips on it
    for cell in plan["club"].values():
        if not isinstance(cell, dict) or not isinstance(cell.get("v"), str):
            _fail(translate("exchange", "Het plan in het bestand klopt niet: de clubgegevens zijn beschadigd."))
    for p in phases.values():
        if len(p["rounds"]) > MAX_ROUNDS:
            _fail(translate("exchange", "Het bestand heeft te veel rondes."))
        ids = [r["id"] for r in p["rounds"]]
        if len(set(ids)) != len(ids):
            _fail(translate("exchange", "Het plan in het bestand klopt niet: een ronde komt twee keer voor."))
        for rnd in p["rounds"]:
            for items in rnd["lists"].values():
                item_ids = [i["id"] for i in items]
                if len(set(item_ids)) != len(item_ids):
                    _fail(translate("exchange", "Het plan in het bestand klopt niet: een regel komt twee keer voor."))
    check_one_line_fields(plan)  # the name and club details as the window allows them
    check_marks(plan)  # change marks and dates that the merge and the date display can work with
    return plan


def _stand_in() -> dict[str, Any]:
    return {"status": {"v": NOT_STARTED, "t": "", "d": ""},
            "rounds": [{"id": "-", "number": 1, "answers": {}, "lists": {}}]}


def _check_logo(logo: Any) -> bytes | None:
    if logo is None:
        return None
    if not isinstance(logo, dict) or logo.get("type") != "image/png" or not isinstance(logo.get("data"), str):
        _fail(translate("exchange", "Het logo in het bestand klopt niet."))
    if len(logo["data"]) > MAX_LOGO_BYTES * 4 // 3 + 4:
        _fail(translate("exchange", "Het logo in het bestand is te groot."))
    try:
        png = base64.b64decode(logo["data"], validate=True)
    except (binascii.Error, ValueError):
        _fail(translate("exchange", "Het logo in het bestand is beschadigd."))
    from vv_desktop.core.logo import LogoError, prepare_logo_bytes

    try:
        return prepare_logo_bytes(png, allowed=("PNG",))
    except LogoError as exc:
        _fail(translate("exchange", "De app kan het logo in het bestand niet gebruiken: {why}").format(why=exc))
    return None


def check_sendable(doc: dict[str, Any], logo_png: bytes | None) -> None:
    """Raise :class:`ExchangeError` unless ``doc`` (e.g. the result of a merge) fits in an exchange file
    again: the same counts and size a file may have, so that the plan can always be sent on."""
    why = None
    for phase in doc["phases"].values():
        if len(phase["rounds"]) > MAX_ROUNDS:
            why = translate("exchange", "een fase krijgt te veel rondes (meer dan {n})").format(n=MAX_ROUNDS)
        for rnd in phase["rounds"]:
            if len(rnd["answers"]) > MAX_ANSWERS:
                why = translate("exchange", "een ronde krijgt te veel antwoorden (meer dan {n})").format(
                    n=MAX_ANSWERS)
            if len(rnd["lists"]) > MAX_ANSWERS or any(len(items) > MAX_ITEMS for items in rnd["lists"].values()):
                why = translate("exchange", "een lijst krijgt te veel regels (meer dan {n})").format(n=MAX_ITEMS)
    if why is None:
        text = json.dumps(doc, ensure_ascii=False, separators=(",", ":"))
        if text.count("{") + 10 > MAX_OBJECTS or text.count(",") + 100 > MAX_VALUES:
            why = translate("exchange", "het krijgt te veel onderdelen (meer dan {n} antwoorden, regels en rondes "
                                        "samen)").format(n=f"{MAX_OBJECTS:,}".replace(",", "."))
        elif len(text.encode("utf-8")) + len(logo_png or b"") * 4 // 3 + 1000 > MAX_FILE_BYTES:
            why = translate("exchange", "het bestand zou groter worden dan {mb} MB").format(
                mb=MAX_FILE_BYTES // 1024 // 1024)
    if why is not None:
        _fail(translate("exchange", "Samen met jouw versie wordt het plan te groot om nog te versturen: {why}.").format(
            why=why))


def parse_exchange(raw: bytes) -> Exchange:
    """Check a whole exchange file held in memory; raises :class:`ExchangeError`."""
    if len(raw) > MAX_FILE_BYTES:
        _fail(translate("exchange", "Het bestand is te groot (meer dan {mb} MB).").format(
            mb=MAX_FILE_BYTES // 1024 // 1024))
    _check_parts(raw)
    data = _parse(raw)
    # The logo is checked on its own (type, size, pixels): its base64 text may be longer than an answer.
    _check_shape(dict(data, logo=None) if isinstance(data, dict) else data)
    _check_envelope(data)
    plan = _check_plan(data.get("plan"), data.get("phase"))
    logo = _check_logo(data.get("logo"))
    device, exported = (clean_text(data[key], one_line=True) for key in ("device", "exported"))
    return Exchange(plan, logo, device, exported, data.get("phase"))


def read_exchange(path: Path) -> Exchange:
    return parse_exchange(read_file(Path(path)))


def read_file(path: Path) -> bytes:
    """The bytes of a plain file, at most the size limit. A named pipe, a device or a folder is refused
    at once: opened without waiting (a pipe would wait for a writer forever), then checked."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        raise ExchangeError(translate("exchange", "De app kan het bestand niet lezen ({why}).").format(
            why=os_reason(exc))) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            _fail(translate("exchange", "De app kan dit bestand niet lezen: het is geen gewoon "
                                       "bestand (maar bijvoorbeeld een map, een pijp of een "
                                       "apparaat)."))
        if info.st_size > MAX_FILE_BYTES:
            _fail(translate("exchange", "Het bestand is te groot (meer dan {mb} MB).").format(
                mb=MAX_FILE_BYTES // 1024 // 1024))
        with os.fdopen(fd, "rb", closefd=False) as fh:
            return fh.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise ExchangeError(translate("exchange", "De app kan het bestand niet lezen ({why}).").format(
            why=os_reason(exc))) from None
    finally:
        os.close(fd)
