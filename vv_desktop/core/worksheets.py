"""Phase definitions: the questions, tips and good practices of the method, read from data.

Each phase is one TOML file in ``worksheets/`` (human-readable, comments allowed), plus
``common.toml`` for the levels, the sources and the scale. Everything is validated when it is
loaded; a mistake raises :class:`WorksheetError` that names the file and the place, so that a
facilitator who edits a question sees what to fix instead of a traceback.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, NamedTuple

from vv_desktop.core.fields import FIELD_TYPES
from vv_desktop.core.i18n import translate
from vv_desktop.core.model import CLUB_KINDS
from vv_desktop.core.phases import PHASE_IDS
from vv_desktop.core.resources import worksheets_dir
from vv_desktop.core.tips import (
    HelpCard,
    Practice,
    Tip,
    check_advice_ids,
    read_card,
    read_practices,
    read_tips,
    source_and_quote,
)
from vv_desktop.core.worksheet_files import TableReader, WorksheetError, only, read_toml, unique

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
    source: str = ""  # where a statement or a choice comes from; empty: written for this app
    quote: str = ""


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


class KindTexts:
    """The method once per club kind, all read from the same files (see :meth:`Method.for_kind`)."""

    def __init__(self, files: dict[str, Any]):
        self.files = files  # the parsed worksheet files: what two loaded methods compare by
        self.default: Method | None = None
        self.methods: dict[str, Method] = {}

    def __eq__(self, other: object) -> bool:
        return isinstance(other, KindTexts) and other.files == self.files

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:  # the methods inside would repeat the whole method
        return f"KindTexts({', '.join(self.methods)})"


class Method(NamedTuple):
    """The whole method: four phases plus what they share."""

    phases: tuple[PhaseDef, ...]
    levels: tuple[Level, ...]
    sources: dict[str, Source]
    scale: tuple[str, ...]
    action_statuses: ActionStatuses
    card: HelpCard | None = None
    kinds: KindTexts | None = None

    def for_kind(self, kind: str) -> Method:
        """The same method with the texts for a kind of club ('cultuur'); an unknown kind gets the
        default texts. Ids and structure are the same for every kind."""
        if self.kinds is None or self.kinds.default is None:
            return self
        return self.kinds.methods.get(kind, self.kinds.default)

    def for_plan(self, plan: Any) -> Method:
        """The method as a plan sees it: the words of its club kind and its own levels (a Plan or its doc)."""
        from vv_desktop.core.plan_levels import method_for_plan

        return method_for_plan(self, plan if isinstance(plan, dict) else plan.doc)

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


def _read_statuses(root: TableReader) -> ActionStatuses:
    options, roles = [], {}
    for r in only(root.tables("action_statuses"), STATUS_KEYS):
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
    unique(root, [o.id for o in options], translate("worksheets", "status"))
    missing = [role for role in STATUS_ROLES if role not in roles]
    if missing:
        TableReader(root.file, "action_statuses", {}).fail(
            translate("worksheets", "geen status heeft de rol '{role}' (role = \"{role}\")").format(role=missing[0]))
    return ActionStatuses(tuple(options), roles["start"], roles["busy"], roles["done"])


def _read_common(file: Path, data: dict[str, Any], kind: str
                 ) -> tuple[tuple[Level, ...], dict[str, Source], tuple[str, ...], ActionStatuses]:
    root = TableReader(file, "", data, kind).only(COMMON_KEYS)
    levels = tuple(Level(r.key_id(), r.nonempty("label")) for r in only(root.tables("levels"), ID_LABEL))
    unique(root, [lv.id for lv in levels], translate("worksheets", "niveau"))
    sources = {}
    for r in only(root.tables("sources"), SOURCE_KEYS):
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
OPTION_KEYS = ID_LABEL | {"source", "quote"}
STATUS_KEYS = frozenset({"id", "label", "role"})
SOURCE_KEYS = frozenset({"id", "title", "publisher", "year"})
PHASE_KEYS = frozenset({"id", "number", "title", "subtitle", "intro", "fields", "tips", "practices", "poster"})
FIELD_KEYS = frozenset({"id", "type", "label", "help"})  # plus what its type declares
ANY_TYPE_KEYS = frozenset().union(*(t.keys for t in FIELD_TYPES.values()))
COLUMN_KEYS = frozenset({"id", "label", "type"})


def _read_option(r: TableReader, source_ids: set[str]) -> Option:
    if "source" not in r.table and "quote" not in r.table:  # a quote needs its source: never drop it silently
        return Option(r.key_id(), r.nonempty("label"))
    return Option(r.key_id(), r.nonempty("label"), *source_and_quote(r, source_ids))


def _read_field(r: TableReader, level_ids: set[str], source_ids: set[str]) -> FieldDef:
    r.only(FIELD_KEYS | ANY_TYPE_KEYS)  # a typo such as 'tpye' is named before the type is looked at
    ftype = r.nonempty("type")
    if ftype not in FIELD_TYPES:
        r.fail(
            translate("worksheets", "onbekend veldtype '{type}' (kies uit: {types})").format(
                type=ftype, types=", ".join(sorted(FIELD_TYPES))
            )
        )
    r.only(FIELD_KEYS | FIELD_TYPES[ftype].keys)  # e.g. 'options' on a text question would be ignored
    columns = tuple(
        Column(c.key_id(), c.nonempty("label"), c.nonempty("type"))
        for c in only(r.tables("columns", False), COLUMN_KEYS)
    )
    unique(r, [c.id for c in columns], translate("worksheets", "kolom"))
    for c in columns:
        if c.type not in COLUMN_TYPES:
            r.fail(translate("worksheets", "onbekend kolomtype '{type}'").format(type=c.type))
    levels = r.strings("levels")
    for lv in levels:
        if lv not in level_ids:
            r.fail(translate("worksheets", "onbekend niveau '{level}'").format(level=lv))
    unique(r, list(levels), translate("worksheets", "niveau"))
    options = tuple(_read_option(o, source_ids) for o in only(r.tables("options", False), OPTION_KEYS))
    unique(r, [o.id for o in options], translate("worksheets", "keuze"))
    fdef = FieldDef(
        id=r.key_id(),
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


def _read_phase(file: Path, data: dict[str, Any], kind: str, level_ids: set[str], source_ids: set[str]) -> PhaseDef:
    root = TableReader(file, "", data, kind).only(PHASE_KEYS)
    fields = tuple(_read_field(r, level_ids, source_ids) for r in root.tables("fields"))
    unique(root, [f.id for f in fields], translate("worksheets", "vraag"))
    for f in fields:
        if f.id in (OWN_TIPS, OWN_PRACTICES):  # every phase has these lists already (own_fields)
            root.fail(translate("worksheets", "de id '{id}' hoort bij de eigen lijst van elke fase; kies een "
                                              "andere").format(id=f.id))
    return PhaseDef(
        id=root.nonempty("id"),
        number=root.integer("number"),
        title=root.nonempty("title"),
        subtitle=root.text("subtitle", ""),
        intro=root.text("intro", ""),
        fields=fields,
        tips=read_tips(root, source_ids),
        practices=read_practices(root, source_ids),
        poster=root.strings("poster"),
        file=file,
    )


def _check_references(method: Method) -> None:
    ids = {p.id: p for p in method.phases}
    for phase in method.phases:
        reader = TableReader(phase.file, "", {})
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
    """Read and validate ``common.toml`` and the four phase files, with the texts of every club kind
    (each kind is built now, so a mistake in a variant shows at the start, not when a plan opens)."""
    folder = Path(folder) if folder else worksheets_dir()
    files: dict[str, Any] = {}
    texts = KindTexts(files)
    texts.default = _build(folder, files, "")._replace(kinds=texts)
    for kind in CLUB_KINDS:
        texts.methods[kind] = _build(folder, files, kind)._replace(kinds=texts)
    return texts.default


def _build(folder: Path, files: dict[str, Any], kind: str) -> Method:
    """The method with the texts of ``kind`` ('' for the default); ``files`` keeps what was parsed."""

    def data(file: Path) -> dict[str, Any]:
        if file.name not in files:
            files[file.name] = read_toml(file)
        return files[file.name]

    common = folder / "common.toml"
    levels, sources, scale, statuses = _read_common(common, data(common), kind)
    level_ids = {lv.id for lv in levels}
    phases = []
    for number, pid in enumerate(PHASE_IDS, start=1):
        file = folder / f"{pid}.toml"
        phase = _read_phase(file, data(file), kind, level_ids, set(sources))
        if phase.id != pid or phase.number != number:
            raise WorksheetError(
                translate("worksheets", "Fout in werkblad-bestand {name}: id moet '{id}' zijn en number {n}.").format(
                    name=file.name, id=pid, n=number
                )
            )
        phases.append(phase)
    check_advice_ids([(p.file, data(p.file)) for p in phases])
    card_file = folder / "kaart.toml"
    card = read_card(TableReader(card_file, "", data(card_file), kind), set(sources))
    method = Method(tuple(phases), levels, sources, scale, statuses, card)
    _check_references(method)
    return method


def own_fields() -> tuple[FieldDef, FieldDef]:
    """The club's own tips and good practices (the empty slots on the original poster)."""
    return (FieldDef(OWN_TIPS, "list", translate("worksheets", "Onze eigen tips en voorwaarden"),
                     help=translate("worksheets", "Wat werkt bij jullie club? Wat is nodig om te slagen?"),
                     placeholder=translate("worksheets", "Nieuwe tip")),
            FieldDef(OWN_PRACTICES, "list", translate("worksheets", "Onze eigen voorbeelden"),
                     help=translate("worksheets", "Wat ging goed, hier of bij een andere club?"),
                     placeholder=translate("worksheets", "Nieuw voorbeeld")))
