"""The worksheet of one phase on A4: filled in with the club's answers, or blank to fill in by hand."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, HRFlowable, KeepTogether, Paragraph, Table

from vv_desktop.core.columns import ACTION_COLUMNS, LEVEL, NOTE, STANCES, STATUS, WHAT
from vv_desktop.core.dates import local_time
from vv_desktop.core.fields import field_block
from vv_desktop.core.i18n import translate
from vv_desktop.core.labels import column_label, phase_status_label, stance_label
from vv_desktop.core.model import Plan
from vv_desktop.core.worksheets import FieldDef, Method, PhaseDef, own_fields
from vv_desktop.render.a4doc import (
    CONTENT_WIDTH,
    GRID,
    STAR,
    RuledLines,
    Styles,
    TickBox,
    block_flowables,
    coloured,
    gap,
    labelled_line,
    logo_flowable,
    make_doc,
    phase_colour,
    styles,
    subject,
    table_flowable,
    tick_row,
    tips_flowables,
    tstyle,
)
from vv_desktop.render.fonts import markup
from vv_desktop.render.output import RenderError
from vv_desktop.render.safe_text import shorten


def phase_or_error(method: Method, phase_id: str) -> PhaseDef:
    try:
        return method.phase(phase_id)
    except KeyError:
        names = ", ".join(p.id for p in method.phases)
        raise RenderError(translate("pdf", "Onbekende fase '{phase}'. Kies uit: {names}.").format(
            phase=phase_id, names=names)) from None


def page_header(club: str, label: str, logo: Path | None, st: Styles) -> list[Flowable]:
    """Club name and the kind of document at the left, the logo (if any) at the right."""
    left = [Paragraph(markup(shorten(club.strip())), st["club"])] if club.strip() else []
    left.append(Paragraph(markup(label), st["meta"]))
    image = logo_flowable(logo)
    if image is None:
        return left
    table = Table([[left, image]], colWidths=[CONTENT_WIDTH - 55 * mm, 55 * mm])
    table.setStyle(tstyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("ALIGN", (1, 0), (1, 0), "RIGHT"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                               ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0)]))
    return [table]


def phase_title(phase: PhaseDef, st: Styles, intro: bool = True) -> list[Flowable]:
    colour = phase_colour(phase.id)
    out: list[Flowable] = [
        HRFlowable(width="100%", thickness=2.5, color=colour, spaceBefore=6, spaceAfter=8),
        Paragraph(markup(translate("pdf", "Fase {n} van 4").format(n=phase.number), bold=True),
                  coloured(st["meta"], colour)),
        Paragraph(markup(phase.title), coloured(st["title"], colour)),
    ]
    if phase.subtitle:
        out.append(Paragraph(markup(phase.subtitle), st["subtitle"]))
    if intro and phase.intro:
        out.append(Paragraph(markup(" ".join(phase.intro.split())), st["intro"]))
    return out


def question_label(f: FieldDef, number: int | None, st: Styles) -> Paragraph:
    text = f"{number}. {f.label}" if number else f.label
    return Paragraph(markup(text, bold=True), st["h3"])


def numbered_fields(phase: PhaseDef) -> list[tuple[FieldDef, int | None]]:
    """The questions of a phase (numbered) and the club's own tips and good practices."""
    return [*((f, n) for n, f in enumerate(phase.fields, start=1)), *((f, None) for f in own_fields())]


def round_text(plan: Plan, phase_id: str, index: int) -> str:
    rnd = plan.rounds(phase_id)[index]
    started = local_time(rnd.get("started", ""))
    text = translate("pdf", "Ronde {n}").format(n=rnd.get("number", index + 1))
    return translate("pdf", "{round}, gestart {date}").format(round=text, date=started) if started else text


def answers_flowables(plan: Plan, method: Method, phase: PhaseDef, index: int, st: Styles,
                      skip_empty: bool = False) -> list[Flowable]:
    """The questions of one round with their answers (unanswered ones muted, or left out)."""
    out: list[Flowable] = []
    for f, number in numbered_fields(phase):
        block = field_block(plan, method, phase.id, f, index)
        if block is None and skip_empty:
            continue
        if out:
            out.append(CondPageBreak(30 * mm))  # never a question alone at the foot of a page
        out.append(question_label(f, number, st))
        if block is None:
            out.append(Paragraph(markup(translate("pdf", "(nog niet ingevuld)")), st["empty"]))
        else:
            out += block_flowables(block, st)
    return out


def build_worksheet(fh: BinaryIO, method: Method, plan: Plan, phase_id: str, all_rounds: bool = False,
                    logo: Path | None = None) -> None:
    """The club's worksheet of one phase: every question with its answers, then the tips."""
    phase = phase_or_error(method, phase_id)
    st = styles()
    club = plan.club("name")
    doc = make_doc(fh, translate("pdf", "Werkblad {phase} - {plan}").format(phase=phase.title, plan=plan.name),
                   club, subject())
    rounds = plan.rounds(phase.id)
    last = len(rounds) - 1
    story = page_header(club, translate("pdf", "Werkblad"), logo, st)
    story += phase_title(phase, st)
    status = translate("pdf", "Status: {status}").format(status=phase_status_label(plan.status(phase.id)))
    story.append(Paragraph(markup(translate("pdf", "Plan: {name}").format(name=shorten(plan.name))), st["meta"]))
    if all_rounds and len(rounds) > 1:
        info = translate("pdf", "Alle {n} rondes, de nieuwste eerst").format(n=len(rounds))
        story.append(Paragraph(markup(f"{info} · {status}"), st["meta"]))
        for index in range(last, -1, -1):
            head = round_text(plan, phase.id, index)
            if index == last:
                head = translate("pdf", "{round} (huidige ronde)").format(round=head)
            story += [CondPageBreak(50 * mm), Paragraph(markup(head), coloured(st["h2"], phase_colour(phase.id)))]
            story += answers_flowables(plan, method, phase, index, st)
    else:
        story.append(Paragraph(markup(f"{round_text(plan, phase.id, last)} · {status}"), st["meta"]))
        story += answers_flowables(plan, method, phase, last, st)
    story += [CondPageBreak(45 * mm), *tips_flowables(method, phase, st)]
    doc.build(story)


# -- the blank worksheet ---------------------------------------------------------------------
def _fill_in_row(st: Styles) -> Table:
    labels = [translate("pdf", "Club:"), translate("pdf", "Datum:")]
    row = [Paragraph(markup(labels[0], bold=True), st["body"]), "",
           Paragraph(markup(labels[1], bold=True), st["body"]), ""]
    table = Table([row], colWidths=[14 * mm, 92 * mm, 16 * mm, CONTENT_WIDTH - 122 * mm], rowHeights=[10 * mm])
    table.setStyle(tstyle([("LINEBELOW", (1, 0), (1, 0), 0.6, GRID), ("LINEBELOW", (3, 0), (3, 0), 0.6, GRID),
                               ("VALIGN", (0, 0), (-1, -1), "BOTTOM"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 1)]))
    return table


def _empty_table(header: list[str], widths: list[float], rows: int, st: Styles, first: list[str] | None = None,
                 height: float = 11 * mm) -> Flowable:
    labels = first or [""] * rows
    data = [[Paragraph(markup(label), st["cell"]), *([""] * (len(header) - 1))] for label in labels]
    return table_flowable(tuple(header), data, widths, st, min_row_height=height)


def _spread(fixed: list[float]) -> list[float]:
    """Column widths: the given ones, the first column takes what is left."""
    return [CONTENT_WIDTH - sum(fixed), *fixed]


def _blank_levels(method: Method, f: FieldDef, st: Styles) -> list[Flowable]:
    header = [column_label(LEVEL), *(c.label for c in f.columns)]
    rest = CONTENT_WIDTH - 42 * mm
    scale = [30 * mm if c.type == "scale" else (24 * mm if c.type == "date" else 0) for c in f.columns]
    free = (rest - sum(scale)) / max(1, sum(1 for w in scale if not w))
    widths = [42 * mm, *(w or free for w in scale)]
    out = [_empty_table(header, widths, len(f.levels), st, [method.level(lv).label for lv in f.levels])]
    if any(c.type == "scale" for c in f.columns):
        steps = " · ".join(f"{n} {label}" for n, label in enumerate(method.scale, start=1))
        out.append(Paragraph(markup(translate("pdf", "Schaal: {steps}").format(steps=steps)), st["note"]))
    return out


def _blank_actions(_method: Method, _f: FieldDef, st: Styles) -> list[Flowable]:
    header = [column_label(c) for c in ACTION_COLUMNS]
    return [_empty_table(header, _spread([36 * mm, 28 * mm, 24 * mm, 22 * mm, 20 * mm]), 6, st)]


def _blank_progress(_method: Method, _f: FieldDef, st: Styles) -> list[Flowable]:
    header = [column_label(WHAT), column_label(STATUS), column_label(NOTE)]
    return [_empty_table(header, _spread([26 * mm, 70 * mm]), 6, st)]


def _blank_checklist(_method: Method, f: FieldDef, st: Styles) -> list[Flowable]:
    rows = [tick_row([o.label], st, label_width=CONTENT_WIDTH - 10 * mm, pad=2.2) for o in f.options]
    return [*rows, *(_box_line() for _ in range(3))]


def _lines(n: int) -> Callable[[Method, FieldDef, Styles], list[Flowable]]:
    return lambda _method, _f, _st: [RuledLines(n)]


# The writing space of a blank worksheet, per field type (core/fields declares the types).
BLANK_LAYOUTS: dict[str, Callable[[Method, FieldDef, Styles], list[Flowable]]] = {
    "text": _lines(5),
    "line": _lines(2),
    "list": _lines(4),
    "levels": _blank_levels,
    "statements": lambda _method, f, st: _statement_rows(f, st),
    "actions": _blank_actions,
    "action_progress": _blank_progress,
    "checklist": _blank_checklist,
}


def _blank_space(method: Method, f: FieldDef, st: Styles) -> list[Flowable]:
    return BLANK_LAYOUTS[f.type](method, f, st)


def _box_line() -> Table:
    table = Table([[TickBox(), RuledLines(1, 7 * mm, CONTENT_WIDTH - 9 * mm)]], colWidths=[7 * mm, None],
                  hAlign="LEFT")
    table.setStyle(tstyle([("VALIGN", (0, 0), (-1, -1), "BOTTOM"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 2)]))
    return table


def _statement_rows(f: FieldDef, st: Styles) -> list[Flowable]:
    stances = [stance_label(s) for s in STANCES]
    star = translate("pdf", "{star} belangrijk").format(star=STAR)
    why = translate("pdf", "Waarom?")
    out: list[Flowable] = []
    if f.pick:
        text = translate("pdf", "Zet daarna een kruisje bij '{star}' bij de {n} stellingen die het belangrijkst zijn.")
        out.append(Paragraph(markup(text.format(star=star, n=f.pick)), st["help"]))
    for n, option in enumerate(f.options, start=1):
        out.append(KeepTogether([Paragraph(markup(f"{n}. {option.label}"), st["body"]),
                                 tick_row([*stances, star], st, label_width=27 * mm),
                                 labelled_line(why, st), gap(3)]))
    out.append(KeepTogether([labelled_line(translate("pdf", "Eigen stelling:"), st, label_width=28 * mm),
                             tick_row([*stances, star], st, label_width=27 * mm, pad=3), labelled_line(why, st)]))
    return out


def build_blank(fh: BinaryIO, method: Method, phase_id: str) -> None:
    """A blank worksheet to fill in by hand at a meeting, with writing space for every question."""
    phase = phase_or_error(method, phase_id)
    st = styles()
    doc = make_doc(fh, translate("pdf", "Leeg werkblad {phase}").format(phase=phase.title), "",
                   subject())
    story: list[Flowable] = [_fill_in_row(st), gap(2), *phase_title(phase, st)]
    for f, number in numbered_fields(phase):
        space = _blank_space(method, f, st) if number else [RuledLines(3)]
        head = [question_label(f, number, st)]
        if f.help and number:  # the club's own lists are writing space only
            head.append(Paragraph(markup(f.help), st["help"]))
        story += [KeepTogether([*head, space[0]]), *space[1:]]
    story += [CondPageBreak(45 * mm), *tips_flowables(method, phase, st)]
    doc.build(story)
