"""Phase definitions: the questions, tips and good practices of the method, read from data.

Each phase is one TOML file in ``worksheets/`` (human-readable, comments allowed), plus
``common.toml`` for the levels, the sources and the scale. Everything is validated when it is
loaded; a mistake raises :class:`WorksheetError` that names the file and the place, so that a
facilitator who edits a question sees what to fix instead of a traceback.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any, NamedTuple

from vv_desktop.core.fields import FIELD_TYPES
from vv_desktop.core.i18n import translate
from vv_desktop.core.phases import PHASE_IDS
from vv_desktop.core.resources import worksheets_dir

# One colour per phase, the same on screen and on paper: the four phases are recognisable everywhere.
PHASE_COLOURS = {
    "agenderen": "#1f6f8b",
    "concretiseren": "#99582a",
    "uitvoeren": "#2b7a3d",
    "verduurzamen": "#6b3fa0",
}

COLUMN_TYPES = frozenset({"text", "line", "date", "scale"})

# Lists every phase gets: the empty "tips" and "good practices" slots of the original poster.
OWN_TIPS = "eigen_tips"
OWN_PRACTICES = "eigen_practices"


class WorksheetError(ValueError):
    """A phase definition file is missing, unreadable or wrong; the message says where."""


class Level(NamedTuple):
    id: str
    label: str


class Source(NamedTuple):
    id: str
    title: str
    publisher: str
    year: str


class Column(NamedTuple):
    id: str
    label: str
    type: str


class Option(NamedTuple):
    id: str
    label: str


class FieldDef(NamedTuple):
    id: str
    type: str
    label: str
    help: str = ""
    placeholder: str = ""
    levels: tuple[str, ...] = ()
    columns: tuple[Column, ...] = ()
    options: tuple[Option, ...] = ()  # checklist options, or the statements of "stellingen"
    pick: int = 0  # statements: how many the club picks as most important
    objectives_field: str = ""  # actions: the list field whose items an action can serve
    source_phase: str = ""  # action_progress: where the actions live
    source_field: str = ""


class Tip(NamedTuple):
    text: str
    source: str


class Practice(NamedTuple):
    title: str
    text: str
    source: str


class PhaseDef(NamedTuple):
    id: str
    number: int
    title: str
    subtitle: str
    intro: str
    fields: tuple[FieldDef, ...]
    tips: tuple[Tip, ...]
    practices: tuple[Practice, ...]
    poster: tuple[str, ...] = ()  # the questions whose answers the poster shows, most important first
    file: Path = Path()

    def field(self, field_id: str) -> FieldDef:
        for f in self.fields:
            if f.id == field_id:
                return f
        raise KeyError(field_id)


class ActionStatuses(NamedTuple):
    """The states an action can be in (common.toml), and the meaning the app gives some of them."""

    options: tuple[Option, ...]
    start: str  # a new action starts here
    busy: str  # unticking "done" in Uitvoeren puts an action back here
    done: str  # what the tick in Uitvoeren sets and shows

    def label(self, status_id: str) -> str:
        """How a person reads a status; empty for none or one this version does not know."""
        return next((o.label for o in self.options if o.id == status_id), "")

    @property
    def reported(self) -> frozenset[str]:
        """Every status but the start: someone reported how the action is going."""
        return frozenset(o.id for o in self.options) - {self.start}


# What a status in common.toml may mean ('role'); each role belongs to exactly one status.
STATUS_ROLES = ("start", "busy", "done")


class Method(NamedTuple):
    """The whole method: four phases plus what they share."""

    phases: tuple[PhaseDef, ...]
    levels: tuple[Level, ...]
    sources: dict[str, Source]
    scale: tuple[str, ...]
    action_statuses: ActionStatuses

    def phase(self, phase_id: str) -> PhaseDef:
        for p in self.phases:
            if p.id == phase_id:
                return p
        raise KeyError(phase_id)

    def level(self, level_id: str) -> Level:
        for lv in self.levels:
            if lv.id == level_id:
                return lv
        raise KeyError(level_id)


class _Reader:
    """Typed access to one TOML table that reports errors with file and place."""

    def __init__(self, file: Path, place: str, table: Any):
        self.file = file
        self.place = place
        if not isinstance(table, dict):
            self.fail(translate("worksheets", "hier hoort een tabel te staan"))
        self.table: dict[str, Any] = table

    def fail(self, what: str) -> None:
        where = f"{self.file.name}, {self.place}" if self.place else self.file.name
        raise WorksheetError(
            translate("worksheets", "Fout in werkblad-bestand {where}: {what}.").format(
                where=where, what=what
            )
        )

    def only(self, keys: frozenset[str]) -> _Reader:
        """Refuse a key the code does not read: a typo would otherwise drop what it was meant for."""
        unknown = sorted(set(self.table) - keys)
        if unknown:
            self.fail(translate("worksheets", "onbekende sleutel '{key}' (bedoel je een van: {keys}?)").format(
                key=unknown[0], keys=", ".join(sorted(keys))))
        return self

    def text(self, key: str, default: str | None = None) -> str:
        value = self.table.get(key, default)
        if value is None:
            self.fail(translate("worksheets", "'{key}' ontbreekt").format(key=key))
        if not isinstance(value, str):
            self.fail(translate("worksheets", "'{key}' moet tekst zijn").format(key=key))
        return value.strip()

    def nonempty(self, key: str) -> str:
        value = self.text(key)
        if not value:
            self.fail(translate("worksheets", "'{key}' is leeg").format(key=key))
        return value

    def integer(self, key: str, default: int | None = None) -> int:
        value = self.table.get(key, default)
        if not isinstance(value, int) or isinstance(value, bool):
            self.fail(translate("worksheets", "'{key}' moet een heel getal zijn").format(key=key))
        return value

    def tables(self, key: str, required: bool = True) -> list[_Reader]:
        value = self.table.get(key)
        if value is None:
            if required:
                self.fail(translate("worksheets", "'{key}' ontbreekt").format(key=key))
            return []
        if not isinstance(value, list):
            self.fail(translate("worksheets", "'{key}' moet een lijst zijn").format(key=key))
        prefix = f"{self.place} > " if self.place else ""
        return [_Reader(self.file, f"{prefix}{key} nr. {i + 1}", t) for i, t in enumerate(value)]

    def strings(self, key: str) -> tuple[str, ...]:
        value = self.table.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.fail(translate("worksheets", "'{key}' moet een lijst met teksten zijn").format(key=key))
        return tuple(value)


def _read_toml(file: Path) -> dict[str, Any]:
    try:
        with file.open("rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError:
        raise WorksheetError(
            translate("worksheets", "Het werkblad-bestand {name} ontbreekt.").format(name=file.name)
        ) from None
    except OSError as exc:
        raise WorksheetError(
            translate("worksheets", "Het werkblad-bestand {name} kan niet worden gelezen: {what}.").format(
                name=file.name, what=exc.strerror or exc
            )
        ) from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise WorksheetError(
            translate("worksheets", "Fout in werkblad-bestand {name}: {what}.").format(
                name=file.name, what=str(exc)
            )
        ) from None


def _unique(reader: _Reader, ids: list[str], what: str) -> None:
    seen: set[str] = set()
    for i in ids:
        if i in seen:
            reader.fail(translate("worksheets", "{what} '{id}' komt twee keer voor").format(what=what, id=i))
        seen.add(i)


def _read_statuses(root: _Reader) -> ActionStatuses:
    options, roles = [], {}
    for r in _only(root.tables("action_statuses"), STATUS_KEYS):
        options.append(Option(r.nonempty("id"), r.nonempty("label")))
        role = r.text("role", "")
        if role and role not in STATUS_ROLES:
            r.fail(translate("worksheets", "onbekende rol '{role}' (kies uit: {roles})").format(
                role=role, roles=", ".join(STATUS_ROLES)))
        if role in roles:
            r.fail(translate("worksheets", "de rol '{role}' hoort bij één status, maar staat ook bij '{other}'").format(
                role=role, other=roles[role]))
        if role:
            roles[role] = options[-1].id
    _unique(root, [o.id for o in options], translate("worksheets", "status"))
    missing = [role for role in STATUS_ROLES if role not in roles]
    if missing:
        root.fail(translate("worksheets", "geen status heeft de rol '{role}' (role = \"{role}\")").format(
            role=missing[0]))
    return ActionStatuses(tuple(options), roles["start"], roles["busy"], roles["done"])


def _read_common(file: Path) -> tuple[tuple[Level, ...], dict[str, Source], tuple[str, ...], ActionStatuses]:
    root = _Reader(file, "", _read_toml(file)).only(COMMON_KEYS)
    levels = tuple(Level(r.nonempty("id"), r.nonempty("label")) for r in _only(root.tables("levels"), ID_LABEL))
    _unique(root, [lv.id for lv in levels], translate("worksheets", "niveau"))
    sources = {}
    for r in _only(root.tables("sources"), SOURCE_KEYS):
        src = Source(r.nonempty("id"), r.nonempty("title"), r.text("publisher", ""), r.text("year", ""))
        if src.id in sources:
            r.fail(translate("worksheets", "bron '{id}' komt twee keer voor").format(id=src.id))
        sources[src.id] = src
    scale = root.strings("scale")
    if len(scale) < 2:
        root.fail(translate("worksheets", "'scale' heeft minstens twee stappen nodig"))
    return levels, sources, scale, _read_statuses(root)


# The keys each table of a worksheet file may have (anything else is a typo, refused by the loader).
COMMON_KEYS = frozenset({"levels", "sources", "scale", "action_statuses"})
ID_LABEL = frozenset({"id", "label"})
STATUS_KEYS = frozenset({"id", "label", "role"})
SOURCE_KEYS = frozenset({"id", "title", "publisher", "year"})
PHASE_KEYS = frozenset({"id", "number", "title", "subtitle", "intro", "fields", "tips", "practices", "poster"})
FIELD_KEYS = frozenset({"id", "type", "label", "help", "placeholder"})  # plus what its type declares
COLUMN_KEYS = frozenset({"id", "label", "type"})
TIP_KEYS = frozenset({"text", "source"})
PRACTICE_KEYS = frozenset({"title", "text", "source"})


def _only(readers: list[_Reader], keys: frozenset[str]) -> list[_Reader]:
    return [r.only(keys) for r in readers]


def _read_field(r: _Reader, level_ids: set[str]) -> FieldDef:
    ftype = r.nonempty("type")
    if ftype not in FIELD_TYPES:
        r.fail(
            translate("worksheets", "onbekend veldtype '{type}' (kies uit: {types})").format(
                type=ftype, types=", ".join(sorted(FIELD_TYPES))
            )
        )
    r.only(FIELD_KEYS | FIELD_TYPES[ftype].keys)  # e.g. 'options' on a text question would be ignored
    columns = tuple(
        Column(c.nonempty("id"), c.nonempty("label"), c.nonempty("type"))
        for c in _only(r.tables("columns", False), COLUMN_KEYS)
    )
    for c in columns:
        if c.type not in COLUMN_TYPES:
            r.fail(translate("worksheets", "onbekend kolomtype '{type}'").format(type=c.type))
    levels = r.strings("levels")
    for lv in levels:
        if lv not in level_ids:
            r.fail(translate("worksheets", "onbekend niveau '{level}'").format(level=lv))
    options = tuple(Option(o.nonempty("id"), o.nonempty("label")) for o in _only(r.tables("options", False), ID_LABEL))
    _unique(r, [o.id for o in options], translate("worksheets", "keuze"))
    fdef = FieldDef(
        id=r.nonempty("id"),
        type=ftype,
        label=r.nonempty("label"),
        help=r.text("help", ""),
        placeholder=r.text("placeholder", ""),
        levels=levels,
        columns=columns,
        options=options,
        pick=r.integer("pick", 0),
        objectives_field=r.text("objectives_field", ""),
        source_phase=r.text("source_phase", ""),
        source_field=r.text("source_field", ""),
    )
    for key in FIELD_TYPES[ftype].needs:
        if not getattr(fdef, key):
            r.fail(translate("worksheets", "een vraag van het type '{type}' heeft '{key}' nodig").format(
                type=ftype, key=key))
    if ftype == "statements" and not 0 <= fdef.pick <= len(options):
        r.fail(translate("worksheets", "'pick' moet tussen 0 en het aantal stellingen liggen"))
    return fdef


def _read_phase(file: Path, level_ids: set[str], source_ids: set[str]) -> PhaseDef:
    root = _Reader(file, "", _read_toml(file)).only(PHASE_KEYS)
    fields = tuple(_read_field(r, level_ids) for r in root.tables("fields"))
    _unique(root, [f.id for f in fields], translate("worksheets", "vraag"))
    tips, practices = [], []
    for r in _only(root.tables("tips"), TIP_KEYS):
        tips.append(Tip(r.nonempty("text"), r.nonempty("source")))
        if tips[-1].source not in source_ids:
            r.fail(translate("worksheets", "onbekende bron '{source}'").format(source=tips[-1].source))
    for r in _only(root.tables("practices"), PRACTICE_KEYS):
        practices.append(Practice(r.nonempty("title"), r.nonempty("text"), r.nonempty("source")))
        if practices[-1].source not in source_ids:
            r.fail(translate("worksheets", "onbekende bron '{source}'").format(source=practices[-1].source))
    return PhaseDef(
        id=root.nonempty("id"),
        number=root.integer("number"),
        title=root.nonempty("title"),
        subtitle=root.text("subtitle", ""),
        intro=root.text("intro", ""),
        fields=fields,
        tips=tuple(tips),
        practices=tuple(practices),
        poster=root.strings("poster"),
        file=file,
    )


def _check_references(method: Method) -> None:
    ids = {p.id: p for p in method.phases}
    for phase in method.phases:
        reader = _Reader(phase.file, "", {})
        for field_id in phase.poster:
            if field_id not in {x.id for x in phase.fields}:
                reader.fail(translate("worksheets", "'poster' noemt vraag '{id}', maar die bestaat niet").format(
                    id=field_id))
        for f in phase.fields:
            own_ids = {x.id: x.type for x in phase.fields}
            if f.type == "actions" and f.objectives_field and own_ids.get(f.objectives_field) != "list":
                reader.fail(translate("worksheets", "'{id}': objectives_field '{target}' is geen lijst-vraag in "
                                                    "deze fase").format(id=f.id, target=f.objectives_field))
            if f.type == "action_progress":
                src = ids.get(f.source_phase)
                types = {x.id: x.type for x in src.fields} if src is not None else {}
                if types.get(f.source_field) != "actions":
                    reader.fail(translate("worksheets", "'{id}': '{source}' is geen vraag met acties").format(
                        id=f.id, source=f"{f.source_phase}.{f.source_field}"))


def load_method(folder: Path | None = None) -> Method:
    """Read and validate ``common.toml`` and the four phase files."""
    folder = Path(folder) if folder else worksheets_dir()
    levels, sources, scale, statuses = _read_common(folder / "common.toml")
    level_ids = {lv.id for lv in levels}
    phases = []
    for number, pid in enumerate(PHASE_IDS, start=1):
        file = folder / f"{pid}.toml"
        phase = _read_phase(file, level_ids, set(sources))
        if phase.id != pid or phase.number != number:
            raise WorksheetError(
                translate("worksheets", "Fout in werkblad-bestand {name}: id moet '{id}' zijn en number {n}.").format(
                    name=file.name, id=pid, n=number
                )
            )
        phases.append(phase)
    method = Method(tuple(phases), levels, sources, scale, statuses)
    _check_references(method)
    return method


def own_fields() -> tuple[FieldDef, FieldDef]:
    """The club's own tips and good practices (the empty slots on the original poster)."""
    return (FieldDef(OWN_TIPS, "list", translate("worksheets", "Onze eigen tips en voorwaarden"),
                     help=translate("worksheets", "Wat werkt bij jullie club? Wat is nodig om te slagen?"),
                     placeholder=translate("worksheets", "Nieuwe tip")),
            FieldDef(OWN_PRACTICES, "list", translate("worksheets", "Onze eigen good practices"),
                     help=translate("worksheets", "Wat ging goed, hier of bij een andere club?"),
                     placeholder=translate("worksheets", "Nieuw voorbeeld")))
