"""Every kind of PDF the app makes, behind one function used by the window and the command line."""

from __future__ import annotations

import logging
import re
from datetime import date
from pathlib import Path
from typing import NamedTuple

from vv_desktop.core.i18n import translate
from vv_desktop.core.model import Plan
from vv_desktop.core.worksheets import PHASE_IDS, Method
from vv_desktop.render.output import PAPERS, PdfWriteError, RenderError, explain, write_pdf

log = logging.getLogger(__name__)


class Kind(NamedTuple):
    id: str
    needs_plan: bool
    needs_phase: bool
    papers: tuple[str, ...]  # the first is the default


KINDS: dict[str, Kind] = {k.id: k for k in (
    Kind("poster", True, True, ("A3", "A2")),
    Kind("poster-tiled", True, True, ("A3", "A2")),
    Kind("worksheet", True, True, ("A4",)),
    Kind("blank", False, True, ("A4",)),
    Kind("stellingen", False, False, ("A4",)),
    Kind("report", True, False, ("A4",)),
    Kind("kaart", False, False, ("A4",)),  # "Als een jongere iets vertelt": with a plan, its contacts
)}


SHOWS_LOGO = ("poster", "poster-tiled", "worksheet", "report", "kaart")
# Documents that can run to a hundred pages: the preview shows their first pages while the rest is made.
FIRST_PAGES_FIRST = frozenset({"report"})
FIRST_PAGES = 2


def kind_label(kind: str) -> str:
    return {
        "poster": translate("render", "Poster"),
        "poster-tiled": translate("render", "Poster op A4-vellen"),
        "worksheet": translate("render", "Werkblad"),
        "blank": translate("render", "Leeg werkblad"),
        "stellingen": translate("render", "Stellingen"),
        "report": translate("render", "Het hele plan"),
        "kaart": translate("render", "Kaart: als een jongere iets vertelt"),
    }[kind]


class Request(NamedTuple):
    kind: str
    phase: str | None = None
    paper: str | None = None
    all_rounds: bool = False

    def checked(self, plan: Plan | None) -> Request:
        """The request with defaults filled in, or :class:`RenderError` saying what is wrong."""
        kind = KINDS.get(self.kind)
        if kind is None:
            raise RenderError(translate("render", "Onbekende soort '{kind}'. Kies uit: {kinds}.").format(
                kind=self.kind, kinds=", ".join(KINDS)))
        if kind.needs_plan and plan is None:
            raise RenderError(translate("render", "Voor '{kind}' is een plan nodig.").format(kind=self.kind))
        phase = self.phase
        if kind.needs_phase and phase is None:
            phase = PHASE_IDS[0] if plan is None else _current_phase(plan)
        if phase is not None and phase not in PHASE_IDS:
            raise RenderError(translate("render", "Onbekende fase '{phase}'. Kies uit: {phases}.").format(
                phase=phase, phases=", ".join(PHASE_IDS)))
        paper = (self.paper or kind.papers[0]).upper()
        if paper not in PAPERS or paper not in kind.papers:
            raise RenderError(translate("render", "Papierformaat '{paper}' kan niet voor '{kind}'. Kies uit: "
                                                  "{papers}.").format(paper=self.paper, kind=self.kind,
                                                                      papers=", ".join(kind.papers)))
        return Request(self.kind, phase, paper, self.all_rounds)


def _current_phase(plan: Plan) -> str:
    from vv_desktop.core.flow import entry_phase

    return entry_phase(plan)


def render(request: Request, out: Path, method: Method, plan: Plan | None = None,
           logo: Path | None = None, notes: list[str] | None = None) -> Path:
    """Write the PDF asked for to ``out`` (atomically: on failure nothing is left there).

    Anything that goes wrong (a bad request, a missing font, a full disk, a bug) raises
    :class:`RenderError`: one Dutch sentence that says what to do, with a ``reason`` id; the
    details are logged. ``notes`` receives a sentence for each thing the PDF was made without:
    a logo that cannot be read, a QR code the address is too long for.
    """
    from vv_desktop.render import card, poster, stellingen, worksheet
    from vv_desktop.render import report as whole_plan
    from vv_desktop.render.logo_image import logo_note, logo_png

    r = request.checked(plan)
    if plan is not None:  # the words of the plan's kind of club: a music school has no trainers
        method = method.for_plan(plan)
    notes = [] if notes is None else notes
    if r.kind in SHOWS_LOGO and logo is not None and logo_png(logo) is None:
        notes.append(logo_note())
        logo = None
    if r.kind in ("poster", "poster-tiled") and plan is not None and poster.qr_left_out(plan):
        notes.append(poster.qr_note())
    builders = {
        "poster": lambda fh: poster.build_poster(fh, method, plan, r.phase, r.paper, logo),
        "poster-tiled": lambda fh: poster.build_poster_tiles(fh, method, plan, r.phase, r.paper, logo),
        "worksheet": lambda fh: worksheet.build_worksheet(fh, method, plan, r.phase, r.all_rounds, logo),
        "blank": lambda fh: worksheet.build_blank(fh, method, r.phase),
        "stellingen": lambda fh: stellingen.build_stellingen(fh, method, plan),
        "report": lambda fh: whole_plan.build_report(fh, method, plan, logo),
        "kaart": lambda fh: card.build_card(fh, method, plan, logo),
    }
    try:
        return write_pdf(out, builders[r.kind])
    except PdfWriteError as exc:
        log.warning("writing %s failed: %s", out, exc.__cause__ or exc)
        raise
    except RenderError:
        raise
    except Exception as exc:  # the render boundary: whatever ReportLab raises becomes a sentence
        log.exception("rendering %s failed", r)
        raise explain(exc) from exc


def default_file_name(request: Request, method: Method, plan: Plan | None, today: date | None = None) -> str:
    """'<club> - <fase of soort> - <datum>.pdf', safe on Windows, macOS and Linux."""
    today = today or date.today()
    parts = [plan.club("name") if plan else ""]
    if request.phase and request.kind in ("poster", "poster-tiled", "worksheet", "blank"):
        parts.append(method.phase(request.phase).title)
    parts.append(kind_label(request.kind))
    parts.append(today.isoformat())
    name = " - ".join(p for p in (safe_file_part(p) for p in parts) if p)
    return f"{name}.pdf"


def safe_file_part(text: str) -> str:
    """A file-name part: no path separators or characters Windows refuses, not too long."""
    text = re.sub(r'[<>:"/\\|?*\x00-\x1f]', "", text).strip().strip(".")
    return text[:60].strip()
