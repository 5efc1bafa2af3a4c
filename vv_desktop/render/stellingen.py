"""The stellingen sheet (A4): the statements of Agenderen, for members to fill in anonymously."""

from __future__ import annotations

from typing import BinaryIO

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, HRFlowable, Indenter, KeepTogether, Paragraph, Table

from vv_desktop.core.columns import STANCES, TEXT
from vv_desktop.core.i18n import translate
from vv_desktop.core.labels import source_title, stance_label
from vv_desktop.core.model import Plan
from vv_desktop.core.worksheets import FieldDef, Method
from vv_desktop.render.a4doc import (
    CONTENT_WIDTH,
    STAR,
    Styles,
    TickBox,
    coloured,
    gap,
    labelled_line,
    make_doc,
    phase_colour,
    styles,
    subject,
    tstyle,
)
from vv_desktop.render.fonts import markup
from vv_desktop.render.output import LIGHT, RenderError
from vv_desktop.render.safe_text import paragraphs, shorten

PHASE = "agenderen"
NUMBER_COL = 10 * mm


def statements_field(method: Method) -> FieldDef:
    for f in method.phase(PHASE).fields:
        if f.type == "statements":
            return f
    raise RenderError(translate("pdf", "Er staan geen stellingen in de fase Agenderen."))


def statements(method: Method, plan: Plan | None) -> tuple[list[str], int]:
    """The statements of the method plus the plan's own ones, and how many to pick."""
    f = statements_field(method)
    texts = [o.label for o in f.options]
    if plan is not None:
        current = len(plan.rounds(PHASE)) - 1  # an explicit round: reading must not add an empty list
        for item in plan.items(PHASE, f.id, current):
            text = item["values"].get(TEXT)
            if isinstance(text, str) and text.strip():
                texts.append(text.strip())
    return texts, f.pick


def origin_note(method: Method) -> str:
    """Which statements come from a source (the kick-off in Vleuten), and that the others are the app's own."""
    by_source: dict[str, list[str]] = {}
    for n, option in enumerate(statements_field(method).options, start=1):
        if option.source:
            by_source.setdefault(option.source, []).append(str(n))
    parts = [(translate("pdf", "Stelling {number} komt uit: {source}.").format(number=numbers[0], source=title)
              if len(numbers) == 1 else
              translate("pdf", "Stellingen {numbers} en {last} komen uit: {source}.").format(
                  numbers=", ".join(numbers[:-1]), last=numbers[-1], source=title))
             for source, numbers in by_source.items() for title in [source_title(method, source)]]
    if not parts:
        return ""
    return " ".join([*parts, translate("pdf", "De andere stellingen zijn voor dit stappenplan geschreven.")])


def _instruction(pick: int, st: Styles) -> Table:
    steps = [translate("pdf", "Lees elke stelling en kies: eens, neutraal of oneens. Zet een kruisje in het hokje."),
             translate("pdf", "Schrijf erbij waarom. Een paar woorden is genoeg.")]
    if pick:
        steps.append(translate("pdf", "Zet daarna een kruisje bij {star} bij de {n} stellingen die jij het "
                                      "belangrijkst vindt.").format(star=STAR, n=pick))
    rows = [[Paragraph(markup(f"{n}."), st["body"]), Paragraph(markup(text), st["body"])]
            for n, text in enumerate(steps, start=1)]
    rows.append(["", Paragraph(markup(translate("pdf", "Je naam hoeft er niet op. Er is geen goed of fout antwoord.")),
                               st["intro"])])
    table = Table(rows, colWidths=[11 * mm, CONTENT_WIDTH - 11 * mm])
    table.setStyle(tstyle([("BACKGROUND", (0, 0), (-1, -1), colors.HexColor(LIGHT)),
                               ("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (0, -1), 9),
                               ("TOPPADDING", (0, 0), (-1, 0), 8), ("BOTTOMPADDING", (0, -1), (-1, -1), 6),
                               ("TOPPADDING", (0, 1), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -2), 0)]))
    return table


def _choices(st: Styles, pick: int) -> Table:
    cells: list = []
    widths: list[float] = []
    for stance in STANCES:
        cells += [TickBox(5 * mm), Paragraph(markup(stance_label(stance)), st["body"])]
        widths += [8 * mm, 26 * mm]
    if pick:
        star = translate("pdf", "{star} belangrijk").format(star=STAR)
        cells += ["", TickBox(5 * mm), Paragraph(markup(star, bold=True), st["bodybold"])]
        widths += [10 * mm, 8 * mm, 30 * mm]
    table = Table([cells], colWidths=widths, hAlign="LEFT")
    table.setStyle(tstyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("RIGHTPADDING", (0, 0), (-1, -1), 0), ("TOPPADDING", (0, 0), (-1, -1), 0),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 0)]))
    return table


def _statement(n: int, text: str, st: Styles, pick: int) -> Flowable:
    """The number in the margin, the statement, the tick boxes and a line for 'why'.

    Not a table: the statement is the club's own text and may be longer than a page; as
    paragraphs it flows on to the next one.
    """
    why = labelled_line(translate("pdf", "Waarom?"), st, CONTENT_WIDTH - NUMBER_COL)
    number = st["bigbold"]
    style = ParagraphStyle("statement", parent=st["big"], leftIndent=NUMBER_COL, bulletIndent=0,
                           bulletFontName=number.fontName, bulletFontSize=number.fontSize)
    style.bulletColor = phase_colour(PHASE)
    return KeepTogether([*paragraphs(text, style, bullet=str(n)), gap(1.5), Indenter(NUMBER_COL), _choices(st, pick),
                         why, Indenter(-NUMBER_COL), gap(5)])


def build_stellingen(fh: BinaryIO, method: Method, plan: Plan | None = None) -> None:
    """An A4 sheet with every statement, three tick boxes, a line for 'why' and a star box."""
    texts, pick = statements(method, plan)
    st = styles()
    club = plan.club("name") if plan is not None else ""
    doc = make_doc(fh, translate("pdf", "Stellingen"), club,
                   subject())
    colour = phase_colour(PHASE)
    story: list[Flowable] = []
    if club.strip():
        story.append(Paragraph(markup(shorten(club.strip())), st["club"]))
    story += [HRFlowable(width="100%", thickness=2.5, color=colour, spaceBefore=4, spaceAfter=8),
              Paragraph(markup(translate("pdf", "Stellingen: wat vind jij?")), coloured(st["title"], colour)),
              Paragraph(markup(translate("pdf", "Over druk en plezier bij onze club")), st["subtitle"]),
              _instruction(pick, st), gap(7)]
    story += [_statement(n, text, st, pick) for n, text in enumerate(texts, start=1)]
    note = origin_note(method)
    if note:
        story.append(Paragraph(markup(note), st["source"]))
    doc.build(story)
