"""Benchmark: a poster and the whole-plan report against a bare ReportLab document with the same text,
and the time until the first preview image in the print dialog.

The bare document is what ReportLab does with no design at all: the same words as Paragraphs in
its built-in Helvetica (nothing embedded), on the same paper. The app's PDFs add embedded,
subset TrueType fonts, colour, tables and a QR code. Aim: under 1.5x the bare document. A second
baseline, the same bare document in the app's embedded Lato, shows what the fonts alone cost.

    .venv/bin/python bench/bench_render.py [--repeat 15]

Prints a table and writes bench/results/bench_render.json.

``--long-word`` measures instead how long each kind of document takes when a plan holds a word of
100,000 letters without a space (one run each; ReportLab re-measures such a word letter by letter for
every page it flows over). Aim: under about 2 s per document. Writes bench/results/bench_render_long_word.json.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from xml.sax.saxutils import escape

from pypdf import PdfReader
from reportlab.lib.pagesizes import A3, A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import Paragraph, SimpleDocTemplate

from tests.helpers.factory import hockey_club_halfway
from vv_desktop.core.model import Plan, cell_key
from vv_desktop.core.store import PlanStore
from vv_desktop.core.worksheets import load_method
from vv_desktop.render.fonts import fonts
from vv_desktop.render.poster import build_poster
from vv_desktop.render.report import build_report

RESULTS = Path(__file__).resolve().parent / "results"


def bare_document(text: str, pagesize: tuple[float, float], font: str = "Helvetica") -> Callable[[io.BytesIO], None]:
    style = getSampleStyleSheet()["BodyText"].clone("bare", fontName=font)
    paragraphs = [line for line in text.splitlines() if line.strip()]

    def build(fh: io.BytesIO) -> None:
        SimpleDocTemplate(fh, pagesize=pagesize, initialFontName=font).build(
            [Paragraph(escape(p), style) for p in paragraphs])

    return build


def timed(build: Callable[[io.BytesIO], None], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        buffer = io.BytesIO()
        start = time.perf_counter()
        build(buffer)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def text_of(build: Callable[[io.BytesIO], None]) -> str:
    buffer = io.BytesIO()
    build(buffer)
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(buffer.getvalue())).pages)


def first_preview_image(method, plan, repeat: int) -> float:
    """Render the worksheet PDF and draw its first page with QtPdf, as the print dialog does."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtPdf import QPdfDocument

    from vv_desktop.render.kinds import Request, render

    app = QGuiApplication.instance() or QGuiApplication([])
    folder = Path(tempfile.mkdtemp())
    times = []
    for n in range(repeat):
        start = time.perf_counter()
        out = render(Request("worksheet", "concretiseren"), folder / f"v{n}.pdf", method, plan)
        document = QPdfDocument()
        document.load(str(out))
        image = document.render(0, document.pagePointSize(0).toSize() * 1.4)
        assert not image.isNull()
        times.append(time.perf_counter() - start)
        document.close()
    del app
    return statistics.median(times)


LONG_WORD = "x" * 100_000
# (document kind, phase) as the print dialog offers them
DOCUMENTS = (("poster", "agenderen"), ("poster-tiled", "agenderen"), ("worksheet", "agenderen"),
             ("worksheet", "concretiseren"), ("report", None), ("stellingen", None))


def long_word_plans(method) -> dict[str, Plan]:
    """The hockey club with the long word in one answer, and with it in every field a document prints."""
    one = hockey_club_halfway(PlanStore(Path(tempfile.mkdtemp()), "bench"), method)
    one.set_answer("agenderen", "al_bezig", LONG_WORD)
    one.add_item("agenderen", "stellingen", {"tekst": LONG_WORD})
    every = hockey_club_halfway(PlanStore(Path(tempfile.mkdtemp()), "bench"), method)
    for key in ("name", "contact_role", "contact_email"):
        every.set_club(key, LONG_WORD)
    every.name = LONG_WORD
    every.set_answer("agenderen", "al_bezig", LONG_WORD)
    every.set_answer("agenderen", "kansen", LONG_WORD)
    every.set_answer("agenderen", cell_key("besproken", "bestuur", "uitkomst"), LONG_WORD)
    every.add_item("agenderen", "stellingen", {"tekst": LONG_WORD})
    every.add_item("concretiseren", "doelen", {"tekst": LONG_WORD})
    every.add_item("concretiseren", "acties", {"wat": LONG_WORD, "wie": LONG_WORD})
    return {"in one answer": one, "in every field": every}


def long_word(method) -> int:
    from vv_desktop.render.kinds import Request, render

    folder = Path(tempfile.mkdtemp())
    render(Request("worksheet", "agenderen"), folder / "warm.pdf", method, hockey_club_halfway(
        PlanStore(Path(tempfile.mkdtemp()), "bench"), method))  # fonts registered once per process
    rows = []
    for case, plan in long_word_plans(method).items():
        for kind, phase in DOCUMENTS:
            start = time.perf_counter()
            try:
                render(Request(kind, phase), folder / "long.pdf", method, plan)
                outcome = "ok"
            except Exception as exc:  # noqa: BLE001 - the benchmark reports what went wrong
                outcome = f"{type(exc).__name__}: {str(exc)[:60]}"
            seconds = time.perf_counter() - start
            rows.append({"case": case, "document": f"{kind} {phase or ''}".strip(), "s": round(seconds, 2),
                         "outcome": outcome})
            print(f"{case:<15} {rows[-1]['document']:<26} {seconds:7.2f} s  {outcome}", flush=True)
    ok = all(r["s"] < 2 and r["outcome"] == "ok" for r in rows)
    print(f"aim: every document under ~2 s and made: {'yes' if ok else 'NO'}")
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / "bench_render_long_word.json"
    out.write_text(json.dumps({"word_length": len(LONG_WORD), "rows": rows}, indent=1))
    print(f"written {out}")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15, help="runs per measurement (default 15)")
    parser.add_argument("--long-word", action="store_true",
                        help="time every kind of document with a 100,000-letter word instead")
    args = parser.parse_args()

    method = load_method()
    if args.long_word:
        return long_word(method)
    plan = hockey_club_halfway(PlanStore(Path(tempfile.mkdtemp()), "bench"), method)
    logo = None
    cases = {
        "poster A3": (lambda fh: build_poster(fh, method, plan, "concretiseren", "A3", logo), A3),
        "whole-plan report": (lambda fh: build_report(fh, method, plan, logo), A4),
    }
    rows = []
    for name, (build, paper) in cases.items():
        text = text_of(build)
        bare = bare_document(text, paper)
        bare_lato = bare_document(text, paper, fonts().regular)  # the same, with one embedded font
        for warm in (build, bare, bare_lato):  # warm-up: fonts are registered once per process
            timed(warm, 2)
        app_s, bare_s, lato_s = (timed(b, args.repeat) for b in (build, bare, bare_lato))
        rows.append({"case": name, "app_ms": round(app_s * 1000, 1), "bare_ms": round(bare_s * 1000, 1),
                     "ratio": round(app_s / bare_s, 2), "bare_lato_ms": round(lato_s * 1000, 1),
                     "ratio_lato": round(app_s / lato_s, 2)})
    preview_s = first_preview_image(method, plan, max(3, args.repeat // 3))

    print(f"medians of {args.repeat} runs each")
    print(f"{'case':<20} {'app ms':>8} {'bare ms':>8} {'ratio':>6} {'bare+Lato ms':>13} {'ratio':>6}")
    for r in rows:
        print(f"{r['case']:<20} {r['app_ms']:>8} {r['bare_ms']:>8} {r['ratio']:>6} {r['bare_lato_ms']:>13} "
              f"{r['ratio_lato']:>6}")
    print(f"\ntime to the first preview image (worksheet, render + QtPdf page 1): {preview_s * 1000:.0f} ms")
    ok = all(r["ratio"] < 1.5 for r in rows)
    print(f"aim: every ratio under 1.5x: {'yes' if ok else 'NO'}")
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / "bench_render.json"
    out.write_text(json.dumps({"rows": rows, "first_preview_ms": round(preview_s * 1000, 1)}, indent=1))
    print(f"written {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
