"""Posters, their A4 tiles, the render command and its file names: checked in the PDFs themselves."""

from __future__ import annotations

import io
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.helpers.factory import hockey_club_halfway
from vv_desktop.cli import main
from vv_desktop.core.model import Plan
from vv_desktop.core.settings import Settings
from vv_desktop.core.store import PlanStore
from vv_desktop.render.kinds import Request, default_file_name, render
from vv_desktop.render.output import RenderError
from vv_desktop.render.poster import build_poster, build_poster_tiles

A3 = (841.89, 1190.55)
A2 = (1190.55, 1683.78)
A4 = (595.28, 841.89)


@pytest.fixture
def store(data_dir) -> PlanStore:
    return PlanStore(data_dir, Settings(data_dir).device_id)


@pytest.fixture
def hockey(store, method) -> Plan:
    return hockey_club_halfway(store, method)


def read(build) -> PdfReader:
    buffer = io.BytesIO()
    build(buffer)
    return PdfReader(io.BytesIO(buffer.getvalue()))


def text_of(reader: PdfReader) -> str:
    return "\n".join(page.extract_text() for page in reader.pages)


def size_of(page) -> tuple[float, float]:
    return float(page.mediabox.width), float(page.mediabox.height)


def fonts_of(reader: PdfReader) -> set[str]:
    names = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            names.add(str(font["/BaseFont"]))
            descendants = font.get("/DescendantFonts")
            if font.get("/FontDescriptor") is None and descendants is None:
                raise AssertionError(f"font {font['/BaseFont']} is not embedded")
    return names


@pytest.mark.parametrize(("paper", "size"), [("A3", A3), ("A2", A2)])
def test_poster_shows_the_clubs_key_answers_and_tips(method, hockey, paper, size):
    reader = read(lambda fh: build_poster(fh, method, hockey, "concretiseren", paper))
    assert len(reader.pages) == 1
    assert size_of(reader.pages[0]) == pytest.approx(size, abs=1)
    text = text_of(reader)
    first_tip = method.phase("concretiseren").tips[0].text[:30]
    titles = [p.title for p in method.phases]
    for expected in ("Mixed Hockey Club Vleuten", f"Stap 2: {titles[1]}", "Elke trainer weet wat hij kan doen",
                     "Workshop 'het gesprek beginnen' voor trainers", "Tips", first_tip, "geen rechte lijn",
                     "vertrouwen@mhcvleuten.nl", f"1. {titles[0]}", f"4. {titles[3]}"):
        assert expected in " ".join(text.split()), expected
    meta = reader.metadata
    assert meta.author == "Mixed Hockey Club Vleuten" and "Concretiseren" in meta.title
    assert str(reader.trailer["/Root"]["/Lang"]) == "nl"
    assert all(name.endswith(("Lato-Regular", "Lato-Bold", "Lato-Black", "Lato-Italic")) for name in fonts_of(reader))


def test_poster_has_a_qr_code_with_the_contact(method, hockey):
    reader = read(lambda fh: build_poster(fh, method, hockey, "uitvoeren", "A3"))
    content = reader.pages[0].get_contents().get_data()
    # The QR code is drawn as many small filled squares: far more rectangles than the layout itself uses.
    assert content.count(b" re") > 200
    hockey.set_club("contact_email", "")
    plain = read(lambda fh: build_poster(fh, method, hockey, "uitvoeren", "A3")).pages[0].get_contents().get_data()
    assert plain.count(b" re") < 50


def test_long_answers_are_shortened_visibly_at_a_word(method, hockey):
    long_text = " ".join(f"woord{n}" for n in range(3000))
    hockey.set_answer("agenderen", "kansen", long_text)
    text = " ".join(text_of(read(lambda fh: build_poster(fh, method, hockey, "agenderen", "A3"))).split())
    assert "…" in text
    assert "woord2999" not in text
    shown = [w for w in text.split() if w.startswith("woord")]
    assert all(w.rstrip("…").removeprefix("woord").isdigit() for w in shown), "a word was cut in the middle"


def test_an_empty_plan_gives_a_poster_with_the_questions(method, store):
    plan = store.create("Leeg", "De Vrolijke Noten", "cultuur")
    text = " ".join(text_of(read(lambda fh: build_poster(fh, method, plan, "verduurzamen", "A3"))).split())
    first_question = method.phase("verduurzamen").field(method.phase("verduurzamen").poster[0]).label
    assert "Denk je mee?" in text and first_question in text and "De Vrolijke Noten" in text


def test_hostile_text_prints_literally(method, hockey):
    hostile = '<b>vet <img src="/etc/passwd"/> a & b < c <font name="x"> <a href="x">'
    hockey.set_answer("agenderen", "kansen", hostile)
    hockey.set_club("name", "Club <i>&amp;")
    text = " ".join(text_of(read(lambda fh: build_poster(fh, method, hockey, "agenderen", "A3"))).split())
    assert '<b>vet <img src="/etc/passwd"/> a & b < c' in text
    assert "Club <i>&amp;" in text


def test_letters_the_font_lacks_use_the_fallback_or_a_visible_box(method, hockey):
    hockey.set_answer("agenderen", "kansen", "Łódź, İstanbul, Straße, Ελλάδα, שלום, 中文 👍")
    reader = read(lambda fh: build_poster(fh, method, hockey, "agenderen", "A3"))
    text = text_of(reader)
    assert "Łódź, İstanbul, Straße" in text
    assert "Ελλάδα" in text
    assert "□" in text  # Chinese and emoji: a visible box, not nothing
    assert any("DejaVuSans" in name for name in fonts_of(reader))  # Hebrew comes from the fallback font


@pytest.mark.parametrize(("paper", "sheets"), [("A3", 4), ("A2", 9)])
def test_tiles_cover_the_poster_on_a4_with_labels(method, hockey, paper, sheets):
    reader = read(lambda fh: build_poster_tiles(fh, method, hockey, "agenderen", paper))
    assert len(reader.pages) == sheets
    assert all(size_of(p) == pytest.approx(A4, abs=1) for p in reader.pages)
    first, last = reader.pages[0].extract_text(), reader.pages[-1].extract_text()
    assert f"blad 1 van {sheets}" in first and "rij 1, kolom 1" in first
    assert f"blad {sheets} van {sheets}" in last
    headline = f"Stap 1: {method.phase('agenderen').title}"
    assert headline in " ".join(first.split())  # the headline sits on the top-left sheet


def test_render_refuses_bad_requests_and_leaves_nothing_behind(method, hockey, tmp_path):
    folder = tmp_path / "uit"
    folder.mkdir()
    out = folder / "uit.pdf"
    for request, plan in ((Request("plaatje"), hockey), (Request("poster", "fase9"), hockey),
                          (Request("poster", paper="A5"), hockey), (Request("report"), None)):
        with pytest.raises(RenderError):
            render(request, out, method, plan)
    assert list(folder.iterdir()) == []


def test_a_failing_render_does_not_leave_a_half_written_file(method, hockey, tmp_path, monkeypatch):
    folder = tmp_path / "uit"
    folder.mkdir()
    out = folder / "poster.pdf"
    out.write_bytes(b"oude poster")

    def broken(*_args, **_kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("vv_desktop.render.poster.PosterPainter.draw", broken)
    with pytest.raises(OSError):
        render(Request("poster", "agenderen"), out, method, hockey)
    assert out.read_bytes() == b"oude poster"
    assert sorted(p.name for p in folder.iterdir()) == ["poster.pdf"]


def test_file_names_are_readable_and_safe(method, hockey):
    name = default_file_name(Request("worksheet", "uitvoeren"), method, hockey, date(2026, 11, 22))
    assert name == f"Mixed Hockey Club Vleuten - {method.phase('uitvoeren').title} - Werkblad - 2026-11-22.pdf"
    hockey.set_club("name", 'A/B:C*"club"?')
    assert default_file_name(Request("report"), method, hockey, date(2026, 1, 2)) == \
        "ABCclub - Het hele plan - 2026-01-02.pdf"


def test_render_command(capsys, data_dir, method, hockey, tmp_path):
    out = tmp_path / "poster.pdf"
    assert main(["render", "--data-dir", str(data_dir), "--plan", "stappenplan 2026-2027", "--kind", "poster",
                 "--phase", "uitvoeren", "--paper", "a2", "-o", str(out)]) == 0
    reader = PdfReader(out)
    assert size_of(reader.pages[0]) == pytest.approx(A2, abs=1)
    assert main(["render", "--kind", "blank", "--phase", "agenderen", "-o", str(tmp_path / "leeg.pdf")]) == 0
    assert main(["render", "--kind", "stellingen", "-o", str(tmp_path / "stellingen.pdf")]) == 0
    capsys.readouterr()
    for bad in (["--plan", "bestaat niet", "--kind", "poster"], ["--plan", hockey.id, "--kind", "poster", "--phase",
                                                                  "fase9"],
                ["--plan", hockey.id, "--kind", "poster", "--paper", "A5"], ["--kind", "report"]):
        target = tmp_path / "fout.pdf"
        assert main(["render", "--data-dir", str(data_dir), *bad, "-o", str(target)]) == 1
        assert "Niet gelukt" in capsys.readouterr().err
        assert not target.exists()


def test_render_accepts_the_plan_id(data_dir, method, hockey, tmp_path):
    out = tmp_path / "rapport.pdf"
    assert main(["render", "--data-dir", str(data_dir), "--plan", hockey.id, "--kind", "report", "-o", str(out)]) == 0
    assert Path(out).stat().st_size > 1000


@pytest.mark.skipif(not (shutil.which("zbarimg") and shutil.which("pdftoppm")), reason="zbarimg/pdftoppm not installed")
def test_the_qr_code_reads_back_as_the_contact(method, hockey, tmp_path):
    pdf = tmp_path / "poster.pdf"
    render(Request("poster", "uitvoeren"), pdf, method, hockey)
    subprocess.run(["pdftoppm", "-r", "120", "-png", str(pdf), str(tmp_path / "p")], check=True)
    scanned = subprocess.run(["zbarimg", "-q", "--raw", str(next(tmp_path.glob("p*.png")))], capture_output=True,
                             text=True)
    assert scanned.stdout.strip() == "mailto:vertrouwen@mhcvleuten.nl"


# -- text a plan can hold, however odd: never an error, never off the paper ----------------------------------
LONG_ADDRESS = "a" * 5000 + "@example.nl"  # 5,012 characters: more than any QR code holds


def long_lines(text: str, word: str = "x" * 40) -> list[str]:
    """Lines of extracted text that hold a piece of the long test word and are longer than a poster line."""
    return [line for line in text.splitlines() if word in line and len(line) > 160]


@pytest.mark.parametrize("kind", ["poster", "poster-tiled"])
@pytest.mark.parametrize("paper", ["A3", "A2"])
def test_an_address_too_long_for_a_qr_code_is_printed_as_text_without_the_code(method, hockey, tmp_path, kind,
                                                                                paper):
    hockey.set_club("contact_email", LONG_ADDRESS)
    out = tmp_path / "poster.pdf"
    notes: list[str] = []
    render(Request(kind, "uitvoeren", paper), out, method, hockey, notes=notes)
    reader = PdfReader(out)
    assert all(drawn(page).count(b" re") < 60 for page in reader.pages)  # no QR code
    text = text_of(reader)
    assert "aaaaaaaaaaaaaaaaaaaa" in text  # the address is there as text ...
    assert not long_lines(text, "a" * 40)  # ... wrapped, not one line off the paper
    assert len(notes) == 1  # and the user is told why there is no QR code


def test_a_long_but_valid_address_still_gets_a_readable_qr_code(method, hockey):
    hockey.set_club("contact_email", "vertrouwenscontactpersoon." + "jeugd" * 40 + "@mhcvleuten.nl")
    content = read(lambda fh: build_poster(fh, method, hockey, "uitvoeren", "A3")).pages[0].get_contents().get_data()
    assert content.count(b" re") > 200


def test_long_words_wrap_or_are_shortened_on_the_poster(method, hockey):
    word = "x" * 100_000
    hockey.set_club("name", "Mixed" + "x" * 3000)
    hockey.set_club("contact_role", "y" * 3000)
    hockey.set_answer("agenderen", "kansen", word)
    hockey.add_item("agenderen", "stellingen", {"tekst": word})
    for build in (lambda fh: build_poster(fh, method, hockey, "agenderen", "A3"),
                  lambda fh: build_poster_tiles(fh, method, hockey, "agenderen", "A3")):
        text = text_of(read(build))
        assert "Mixedxxxx" in text and "…" in text  # the club name, shortened to fit its band
        assert "yyyyyyyyyy" in text
        assert not long_lines(text) and not long_lines(text, "y" * 40)
    answer = text_of(read(lambda fh: build_poster(fh, method, hockey, "agenderen", "A3")))
    assert "x" * 40 + "…" in answer.replace("\n", "")  # the answer is on the poster, cut with '…'


# -- drawn once: the QR code per content, the poster once for all its A4 sheets, the fallback font when needed --
def drawn(page) -> bytes:
    """What a page draws: its own content and the forms it places (a form drawn once, placed on every sheet)."""
    data = page.get_contents().get_data()
    for xobject in page["/Resources"].get("/XObject", {}).values():
        xobject = xobject.get_object()
        if xobject["/Subtype"] == "/Form":
            data += xobject.get_data()
    return data


def test_the_same_qr_content_is_encoded_once(method, hockey, monkeypatch):
    from reportlab.graphics.barcode import qrencoder

    hockey.set_club("contact_email", "qr-once@mhcvleuten.nl")  # an address no other test has encoded
    made: list[object] = []
    make = qrencoder.QRCode.make

    def counted(self):
        made.append(self)
        return make(self)

    monkeypatch.setattr(qrencoder.QRCode, "make", counted)
    posters = [read(lambda fh: build_poster(fh, method, hockey, "agenderen", "A3")),
               read(lambda fh: build_poster(fh, method, hockey, "uitvoeren", "A2")),
               read(lambda fh: build_poster_tiles(fh, method, hockey, "agenderen", "A3"))]
    assert len(made) == 1
    for reader in posters:  # and every poster still has the code: its modules are rectangles
        assert sum(drawn(page).count(b" re") for page in reader.pages) > 200 * len(reader.pages)


@pytest.mark.parametrize(("paper", "sheets"), [("A3", 4), ("A2", 9)])
def test_the_sheets_place_one_drawing_of_the_poster(method, hockey, paper, sheets):
    reader = read(lambda fh: build_poster_tiles(fh, method, hockey, "agenderen", paper))
    forms = []
    for page in reader.pages:
        refs = [ref for ref in page["/Resources"]["/XObject"].values()
                if ref.get_object()["/Subtype"] == "/Form"]
        assert len(refs) == 1
        forms.append(refs[0].idnum)
        assert b" Do" in page.get_contents().get_data()
    assert len(set(forms)) == 1  # one form, drawn once, on every sheet
    assert len(reader.pages) == sheets
    first, last = reader.pages[0].extract_text(), reader.pages[-1].extract_text()
    assert f"Stap 1: {method.phase('agenderen').title}" in " ".join(first.split())  # top left: the headline
    assert "Vragen of ideeën?" in " ".join(last.split())  # bottom right: the footer


def test_the_fallback_font_is_read_only_when_a_text_needs_it(method, hockey, tmp_path):
    """A fresh process: posters in Dutch do not read DejaVu; one with Hebrew reads and embeds it.

    (The report needs it for the ★ of the chosen statements, which Lato lacks.)"""
    script = (
        "import io, sys\n"
        "from reportlab.pdfbase import pdfmetrics\n"
        "from pathlib import Path\n"
        "from vv_desktop.core.store import PlanStore\n"
        "from vv_desktop.core.worksheets import load_method\n"
        "from vv_desktop.render.poster import build_poster, build_poster_tiles\n"
        "from tests.helpers.factory import hockey_club_halfway\n"
        "method = load_method()\n"
        "plan = hockey_club_halfway(PlanStore(Path(sys.argv[1]), 'test'), method)\n"
        "for build in (lambda fh: build_poster(fh, method, plan, 'agenderen', 'A3'),\n"
        "              lambda fh: build_poster(fh, method, plan, 'uitvoeren', 'A2'),\n"
        "              lambda fh: build_poster_tiles(fh, method, plan, 'agenderen', 'A3')):\n"
        "    build(io.BytesIO())\n"
        "print('before', sorted(n for n in pdfmetrics.getRegisteredFontNames() if 'DejaVu' in n))\n"
        "plan.set_answer('agenderen', 'kansen', 'Shalom: שלום')\n"
        "out = io.BytesIO()\n"
        "build_poster(out, method, plan, 'agenderen', 'A3')\n"
        "Path(sys.argv[1], 'hebrew.pdf').write_bytes(out.getvalue())\n"
        "print('after', sorted(n for n in pdfmetrics.getRegisteredFontNames() if 'DejaVu' in n))\n"
    )
    import os
    import sys
    done = subprocess.run([sys.executable, "-c", script, str(tmp_path)], capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])})
    assert done.returncode == 0, done.stderr
    assert "before []" in done.stdout
    assert "after ['DejaVuSans', 'DejaVuSans-Bold']" in done.stdout
    assert any("DejaVuSans" in name for name in fonts_of(PdfReader(tmp_path / "hebrew.pdf")))


def test_the_qr_code_is_solid_black_where_dark_modules_meet(qapp, tmp_path):
    """Each row of modules is drawn a little taller so that rows meet without a hairline: as a PDF reader
    shows it, two dark modules one above the other are black all the way, also where they overlap."""
    from PySide6.QtCore import QSize
    from PySide6.QtPdf import QPdfDocument
    from reportlab.pdfgen.canvas import Canvas

    from vv_desktop.render.qr import BORDER, _modules, draw_qr

    value, size, scale = "mailto:vertrouwen@mhcvleuten.nl", 370.0, 8  # 10 pt a module: 80 pixels
    out = tmp_path / "qr.pdf"
    c = Canvas(str(out), pagesize=(size, size))
    draw_qr(c, value, 0, 0, size)
    c.save()
    document = QPdfDocument()
    document.load(str(out))
    image = document.render(0, QSize(int(size * scale), int(size * scale)))
    document.close()
    modules = _modules(value)
    unit = size * scale / (len(modules) + 2 * BORDER)  # pixels per module
    light = []
    for r in range(len(modules) - 1):
        for col, (dark, below) in enumerate(zip(modules[r], modules[r + 1], strict=True)):
            if dark and below:  # the band where this row's rectangle overlaps the row below it
                x = int((col + BORDER + 0.5) * unit)
                for y in range(int((r + BORDER + 0.9) * unit), int((r + BORDER + 1.1) * unit)):
                    pixel = image.pixelColor(x, y)  # QtPdf leaves paper that nothing covers transparent
                    if pixel.alpha() < 128 or pixel.lightness() > 128:
                        light.append((r, col, y))
    assert not light, light[:5]
