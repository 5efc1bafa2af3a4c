"""Benchmark: a poster, the poster on A4 sheets and the whole-plan report against a bare ReportLab
document with the same text; the time until the first preview image; printing the A4 sheets.

The bare document is what ReportLab does with no design at all: the same words as Paragraphs on
the same paper (for the sheets: the poster's text once, as the file holds it once, and each sheet's
label on a page of its own), once in its built-in Helvetica
(nothing embedded) and once in the app's embedded Lato. The aim is measured against the Lato one,
the same text in the same embedded font: poster and report under 1.5x, the A4 sheets under 2x.
The app's PDFs add colour, more fonts, tables and a QR code. The runs are interleaved (app, bare,
bare in Lato, app, ...), so that noise from other processes hits all three.

The print bench prints the poster on A4 sheets through the print dialog's own code on a QPrinter
that writes a PDF file (offscreen), and reports the time and the file's size: ``PrintDialog.print_to``
as the dialog calls it for "print to file", and ``PrintDialog.print_images``, the pictures a real
printer is sent (the same QPrinter stands in for the printer, so the job's size can be measured).
Aim: under 5 s and under 10 MB for the 4 sheets of an A3 poster.

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
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate

from tests.helpers.factory import hockey_club_halfway
from vv_desktop.core.model import Plan, cell_key
from vv_desktop.core.store import PlanStore
from vv_desktop.core.worksheets import load_method
from vv_desktop.render.fonts import fonts
from vv_desktop.render.poster import build_poster, build_poster_tiles
from vv_desktop.render.report import build_report

RESULTS = Path(__file__).resolve().parent / "results"


def bare_document(pages: list[str], pagesize: tuple[float, float], font: str = "Helvetica",
                  faces: tuple[str, ...] = ()) -> Callable[[io.BytesIO], None]:
    """The text of each page as plain Paragraphs, each page's text on a page of its own.

    With ``faces``, the lines take those fonts in turn (each face then embeds about the same letters
    as in the app's PDF); else every line is in ``font``.
    """
    styles = [getSampleStyleSheet()["BodyText"].clone(f"bare{n}", fontName=face)
              for n, face in enumerate(faces or (font,))]
    per_page = [[line for line in text.splitlines() if line.strip()] for text in pages]

    def build(fh: io.BytesIO) -> None:
        story: list = []
        n = 0
        for page, lines in enumerate(per_page):
            if page:
                story.append(PageBreak())
            for line in lines:
                story.append(Paragraph(escape(line), styles[n % len(styles)]))
                n += 1
        SimpleDocTemplate(fh, pagesize=pagesize, initialFontName=styles[0].fontName).build(story)

    return build


def embedded_faces(build: Callable[[io.BytesIO], None]) -> tuple[str, ...]:
    """The TrueType fonts the app's PDF embeds (their registered names, without the subset prefix)."""
    buffer = io.BytesIO()
    build(buffer)
    names: set[str] = set()
    for page in PdfReader(io.BytesIO(buffer.getvalue())).pages:
        resources = page["/Resources"]
        dicts = [resources.get("/Font", {})]
        for xobject in resources.get("/XObject", {}).values():  # the poster's form on the A4 sheets
            dicts.append(xobject.get_object().get("/Resources", {}).get("/Font", {}))
        for fonts_dict in dicts:
            for font in fonts_dict.values():
                names.add(str(font.get_object()["/BaseFont"]).lstrip("/").split("+")[-1])
    registered = {}  # the name in the file (Lato-Regular) -> the name the app registered it under (Lato)
    for name in pdfmetrics.getRegisteredFontNames():
        face = getattr(pdfmetrics.getFont(name), "face", None)
        if face is not None and hasattr(face, "name"):
            registered[face.name.decode() if isinstance(face.name, bytes) else str(face.name)] = name
    return tuple(sorted(registered.get(n, n) for n in names))


def interleaved(builds: list[Callable[[io.BytesIO], None]], repeat: int) -> list[list[float]]:
    """Seconds per run of each build, run in turns so that noise hits them all alike."""
    times: list[list[float]] = [[] for _ in builds]
    for _ in range(repeat):
        for build, own in zip(builds, times, strict=True):
            buffer = io.BytesIO()
            start = time.perf_counter()
            build(buffer)
            own.append(time.perf_counter() - start)
    return times


def p90(values: list[float]) -> float:
    return sorted(values)[min(len(values) - 1, round(0.9 * (len(values) - 1)))]


def page_texts(build: Callable[[io.BytesIO], None]) -> list[str]:
    buffer = io.BytesIO()
    build(buffer)
    return [page.extract_text() for page in PdfReader(io.BytesIO(buffer.getvalue())).pages]


def first_preview_image(method, plan, repeat: int) -> float:
    """Render the worksheet PDF and draw its first page with QtPdf, as the print dialog does."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtPdf import QPdfDocument
    from PySide6.QtWidgets import QApplication

    from vv_desktop.render.kinds import Request, render

    app = QApplication.instance() or QApplication([])  # a QApplication: the print bench shows the dialog
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
    parser.add_argument("--prints", type=int, default=3, help="times the A4 sheets are printed (default 3)")
    parser.add_argument("--long-word", action="store_true",
                        help="time every kind of document with a 100,000-letter word instead")
    args = parser.parse_args()

    method = load_method()
    if args.long_word:
        return long_word(method)
    plan = hockey_club_halfway(PlanStore(Path(tempfile.mkdtemp()), "bench"), method)
    logo = None
    cases = {  # name: (build, paper of the bare document, aim as a ratio to the bare document in Lato)
        "poster A3": (lambda fh: build_poster(fh, method, plan, "agenderen", "A3", logo), A3, 1.5),
        "poster A3 on A4": (lambda fh: build_poster_tiles(fh, method, plan, "agenderen", "A3", logo), A4, 2.0),
        "whole-plan report": (lambda fh: build_report(fh, method, plan, logo), A4, 1.5),
    }
    rows = []
    for name, (build, paper, aim) in cases.items():
        pages = page_texts(build)
        if name == "poster A3 on A4":  # the poster's text once (it is in the file once), and each sheet's label
            pages = [page_texts(cases["poster A3"][0])[0]] + [
                "\n".join(line for line in text.splitlines() if "blad" in line) for text in pages]
        bare = bare_document(pages, paper)
        bare_lato = bare_document(pages, paper, fonts().regular)  # the same text in the same embedded font
        faces = embedded_faces(build)
        bare_faces = bare_document(pages, paper, faces=faces)  # ... in every face the app's PDF embeds
        builds = [build, bare, bare_lato, bare_faces]
        interleaved(builds, 2)  # warm-up: fonts are registered once per process
        app_t, bare_t, lato_t, faces_t = interleaved(builds, args.repeat)
        ratios = [a / b for a, b in zip(app_t, lato_t, strict=True)]
        app_ms = statistics.median(app_t)
        rows.append({"case": name, "app_ms": ms(app_ms), "app_p90_ms": ms(p90(app_t)),
                     "bare_ms": ms(statistics.median(bare_t)), "bare_lato_ms": ms(statistics.median(lato_t)),
                     "ratio_helvetica": round(app_ms / statistics.median(bare_t), 2),
                     "ratio_lato": round(app_ms / statistics.median(lato_t), 2),
                     "ratio_lato_min": round(min(ratios), 2), "ratio_lato_max": round(max(ratios), 2),
                     "faces": faces, "bare_faces_ms": ms(statistics.median(faces_t)),
                     "ratio_faces": round(app_ms / statistics.median(faces_t), 2), "aim": aim})
    preview_s = first_preview_image(method, plan, max(3, args.repeat // 3))
    printed = print_bench(method, plan, max(1, args.prints))

    print(f"medians of {args.repeat} interleaved runs each; ratio = app / bare document in Lato (min-max over "
          "the runs); faces = app / bare document in the app's embedded faces")
    print(f"{'case':<18} {'app ms':>7} {'p90':>6} {'bare ms':>8} {'bare Lato':>10} {'ratio':>6} {'min-max':>10} "
          f"{'aim':>5} {'bare faces':>11} {'faces':>6}")
    for r in rows:
        print(f"{r['case']:<18} {r['app_ms']:>7} {r['app_p90_ms']:>6} {r['bare_ms']:>8} {r['bare_lato_ms']:>10} "
              f"{r['ratio_lato']:>6} {r['ratio_lato_min']:>4}-{r['ratio_lato_max']:<5} {r['aim']:>5} "
              f"{r['bare_faces_ms']:>11} {r['ratio_faces']:>6}")
    for r in rows:
        print(f"  {r['case']}: embeds {', '.join(r['faces'])}")
    print(f"\ntime to the first preview image (worksheet, render + QtPdf page 1): {preview_s * 1000:.0f} ms")
    for way in ("to file", "as pictures"):
        if way in printed:
            p = printed[way]
            print(f"printing the A3 poster on {printed['pages']} A4 sheets, {way:<11}: median {p['s']:.2f} s "
                  f"(max {p['max_s']:.2f} s), {p['mb']:.2f} MB")
    ok = all(r["ratio_lato"] < r["aim"] for r in rows) and all(
        printed[w]["s"] < 5 and printed[w]["mb"] < 10 for w in ("to file", "as pictures") if w in printed)
    print(f"aim: every ratio under its aim, printing under 5 s and 10 MB: {'yes' if ok else 'NO'}")
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / "bench_render.json"
    out.write_text(json.dumps({"repeat": args.repeat, "rows": rows, "first_preview_ms": ms(preview_s),
                               "print": printed}, indent=1))
    print(f"written {out}")
    return 0


def ms(seconds: float) -> float:
    return round(seconds * 1000, 1)


def print_bench(method, plan, repeat: int) -> dict:
    """Print the poster on A4 sheets as the print dialog does, to a QPrinter that writes a PDF file."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtPdf import QPdfDocument
    from PySide6.QtPrintSupport import QPrinter
    from PySide6.QtWidgets import QApplication

    from vv_desktop.ui.print_dialog import PrintDialog

    app = QApplication.instance() or QApplication([])
    dialog = PrintDialog(method, plan, None, "agenderen")
    dialog.kind.setCurrentIndex(dialog.kind.findData("poster-tiled"))
    deadline = time.monotonic() + 60
    while (dialog.is_busy() or dialog.document.status() != QPdfDocument.Status.Ready) and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.01)
    assert dialog.request().kind == "poster-tiled" and dialog.document.pageCount() > 1
    folder = Path(tempfile.mkdtemp())
    result = {"pages": dialog.document.pageCount(), "repeat": repeat}
    # "to file": print_to as the dialog calls it; "as pictures": what a real printer gets (the same
    # QPrinter in PDF format stands in for it, so the job's size can be measured)
    def as_pictures(printer) -> None:  # made in a worker thread: wait until the dialog says it has printed
        finished: list[str] = []
        dialog.printed.connect(finished.append)
        dialog.print_images(printer, range(dialog.document.pageCount()))
        while not finished:
            app.processEvents()
            time.sleep(0.002)
        dialog.printed.disconnect(finished.append)

    ways = {"to file": dialog.print_to}
    if hasattr(dialog, "print_images"):
        ways["as pictures"] = as_pictures
    for way, run in ways.items():
        times, size = [], 0
        for n in range(repeat):
            printer = QPrinter(QPrinter.PrinterMode.HighResolution)  # as PrintDialog.print_pdf makes it
            printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            out = folder / f"printed-{n}.pdf"
            printer.setOutputFileName(str(out))
            start = time.perf_counter()
            run(printer)
            times.append(time.perf_counter() - start)
            size = out.stat().st_size
            assert len(PdfReader(out).pages) == result["pages"]
        result[way] = {"s": round(statistics.median(times), 3), "max_s": round(max(times), 3),
                       "mb": round(size / 1e6, 2)}
    dialog.done(0)
    return result


if __name__ == "__main__":
    sys.exit(main())
