"""The A4 documents (worksheet, blank worksheet, stellingen sheet, whole plan), read back with pypdf."""

from __future__ import annotations

import copy
import errno
import io
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.platypus.doctemplate import LayoutError

from tests.helpers.factory import hockey_club_halfway
from tests.helpers.pdf import pdf, text_of
from vv_desktop.core.columns import STANCES
from vv_desktop.core.labels import source_title, stance_label
from vv_desktop.core.model import Plan, cell_key
from vv_desktop.core.store import PlanStore
from vv_desktop.core.worksheets import PHASE_IDS, Method
from vv_desktop.render.fonts import fonts
from vv_desktop.render.kinds import Request, render
from vv_desktop.render.output import RenderError
from vv_desktop.render.report import build_report
from vv_desktop.render.stellingen import build_stellingen
from vv_desktop.render.worksheet import build_blank, build_worksheet

A4_SIZE = (595.28, 841.89)
HOSTILE = ('<b>vet', 'a & b < c', '<font name="x">', '<img src="{logo}"/>', '<para>', '<a href="x">', '&amp; &lt;')


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> PlanStore:
    return PlanStore(tmp_path_factory.mktemp("data"), "dev")


@pytest.fixture(scope="module")
def hockey(store: PlanStore, method: Method) -> Plan:
    return hockey_club_halfway(store, method)


@pytest.fixture(scope="module")
def logo(tmp_path_factory) -> Path:
    from PIL import Image

    file = tmp_path_factory.mktemp("logo") / "logo.png"
    Image.new("RGB", (120, 60), (31, 111, 139)).save(file)
    return file


def assert_a4(reader: PdfReader) -> None:
    assert len(reader.pages) >= 1
    for page in reader.pages:
        box = page.mediabox
        assert float(box.width) == pytest.approx(A4_SIZE[0], abs=1)
        assert float(box.height) == pytest.approx(A4_SIZE[1], abs=1)


def font_names(reader: PdfReader) -> set[str]:
    names = set()
    for page in reader.pages:
        fonts = page["/Resources"].get_object().get("/Font", {})
        for ref in fonts.values():
            font = ref.get_object()
            assert "/FontFile2" in font["/FontDescriptor"].get_object(), font["/BaseFont"]  # embedded
            names.add(str(font["/BaseFont"]).split("+")[-1])
    return names


def image_count(reader: PdfReader) -> int:
    return sum(len(page.images) for page in reader.pages)


# -- the club's worksheet --------------------------------------------------------------------
def test_worksheet_has_answers_tips_sources_and_metadata(method: Method, hockey: Plan):
    reader = pdf(lambda fh: build_worksheet(fh, method, hockey, "agenderen"))
    assert_a4(reader)
    text = text_of(reader)
    assert "Mixed Hockey Club Vleuten" in text
    assert "vertrouwenscontactpersoon" in text
    assert "Vooral bij wedstrijden van de selectie" in text
    assert "de ouderavond" in text  # the current round (2) is printed
    assert "Ronde 2" in text and "Bezig" in text
    assert "(nog niet ingevuld)" in text  # the club's own good practices are still empty
    phase = method.phase("agenderen")
    assert " ".join(phase.tips[0].text.split()[:6]) in " ".join(text.split())
    source = method.sources[phase.tips[0].source]
    assert f"Bron: {source.title}" in " ".join(text.split())
    assert phase.practices[0].title in text  # a good practice
    assert " ".join(phase.practices[0].club.split()) in " ".join(text.split())  # and what a club could do
    meta = reader.metadata
    assert meta.author == "Mixed Hockey Club Vleuten"
    assert "Agenderen" in meta.title
    assert meta.creator == "Stappenplan"
    assert reader.trailer["/Root"]["/Lang"] == "nl"
    assert {"Lato-Regular", "Lato-Bold"} <= font_names(reader)


def test_worksheet_of_concretiseren_has_actions_and_objectives(method: Method, hockey: Plan, logo: Path):
    reader = pdf(lambda fh: build_worksheet(fh, method, hockey, "concretiseren", logo=logo))
    text = text_of(reader)
    assert "Elke trainer weet wat hij kan doen als een jongere stress heeft" in text
    assert "Jeugdraad schrijft de regels langs de lijn" in text
    assert "Technisch coördinator" in text and "Gepland" in text
    assert "Plan het gesprek op een vaste avond" in text  # the club's own tip
    assert image_count(reader) == 1  # the logo


def test_worksheet_with_all_rounds_shows_each_round(method: Method, hockey: Plan):
    text = text_of(pdf(lambda fh: build_worksheet(fh, method, hockey, "agenderen", all_rounds=True)))
    assert "Ronde 2" in text and "Ronde 1" in text and "huidige ronde" in text
    assert "de trainerscursus in januari. " in text  # round 1 still says it without the ouderavond
    assert text.index("Ronde 2") < text.index("Ronde 1")


def test_unknown_phase_is_a_clear_error(method: Method, hockey: Plan):
    with pytest.raises(RenderError, match="Onbekende fase"):
        build_worksheet(io.BytesIO(), method, hockey, "opruimen")


# -- paper forms -----------------------------------------------------------------------------
@pytest.mark.parametrize("phase_id", PHASE_IDS)
def test_blank_worksheet_has_every_question_and_its_help(method: Method, phase_id: str):
    reader = pdf(lambda fh: build_blank(fh, method, phase_id))
    assert_a4(reader)
    text = text_of(reader)
    phase = method.phase(phase_id)
    assert "Club:" in text and "Datum:" in text
    for f in phase.fields:
        assert f.label in text
        assert " ".join(f.help.split()[:6]) in text
    assert phase.tips[0].text.split(".")[0] in text
    assert reader.trailer["/Root"]["/Lang"] == "nl"


def test_blank_worksheet_offers_the_statements_and_levels(method: Method):
    text = text_of(pdf(lambda fh: build_blank(fh, method, "agenderen")))
    statements = method.phase("agenderen").field("stellingen")
    assert all(option.label in text for option in statements.options)
    assert all(stance_label(stance) and stance_label(stance) in text for stance in STANCES)
    assert all(method.level(level).label in text for level in method.phase("agenderen").field("besproken").levels)
    uitvoeren = text_of(pdf(lambda fh: build_blank(fh, method, "uitvoeren")))
    assert f"1 {method.scale[0]}" in uitvoeren and f"5 {method.scale[4]}" in uitvoeren  # the scale explained


def test_stellingen_sheet_is_anonymous_and_has_every_statement(method: Method, hockey: Plan):
    reader = pdf(lambda fh: build_stellingen(fh, method))
    assert_a4(reader)
    text = text_of(reader)
    for option in method.phase("agenderen").field("stellingen").options:
        assert option.label in text
    assert "waarom" in text.lower() and "belangrijk" in text
    assert "Naam" not in text
    from_source = [o for o in method.phase("agenderen").field("stellingen").options if o.source]
    assert from_source  # some statements come from the kick-off, and the sheet says which
    for option in from_source:
        assert source_title(method, option.source) in " ".join(text.split())
    plan = Plan(copy.deepcopy(hockey.doc), "dev")
    plan.add_item("agenderen", "stellingen", {"tekst": "Na een verloren wedstrijd praten we er samen over."})
    own = text_of(pdf(lambda fh: build_stellingen(fh, method, plan)))
    assert "Na een verloren wedstrijd praten we er samen over." in own
    assert "Mixed Hockey Club Vleuten" in own


# -- the whole plan --------------------------------------------------------------------------
def test_report_has_cover_overview_phases_and_closing(method: Method, hockey: Plan, logo: Path):
    reader = pdf(lambda fh: build_report(fh, method, hockey, logo=logo))
    assert_a4(reader)
    text = text_of(reader)
    for expected in ("Stappenplan prestatiedruk en mentale gezondheid", "Stappenplan 2026-2027",
                     "Vertrouwenscontactpersoon", "vertrouwen@mhcvleuten.nl", "Waar staan we?", "Vragen beantwoord",
                     "Workshop 'het gesprek beginnen' voor trainers", "Helft van de trainers deed mee",
                     f"3 · {method.scale[2]}", "Leden zeggen dat het sfeer geeft", "geen rechte lijn"):
        assert expected in text, expected
    assert "(nog niet ingevuld)" not in text  # empty questions are left out of the report
    assert image_count(reader) == 1
    assert reader.metadata.author == "Mixed Hockey Club Vleuten"
    assert reader.trailer["/Root"]["/Lang"] == "nl"


def test_empty_plan_gives_a_readable_report(method: Method):
    plan = Plan.new("Nieuw plan", "Toneelgroep De Kiem", "dev", kind="cultuur")
    reader = pdf(lambda fh: build_report(fh, method, plan))
    assert_a4(reader)
    text = text_of(reader)
    assert "Waar staan we?" in text and "0 van 6" in text
    assert "In deze ronde is nog niets ingevuld." in text
    assert all(p.title in text for p in method.phases)
    empty_names = Plan.new("", "", "dev")
    assert_a4(pdf(lambda fh: build_report(fh, method, empty_names)))
    assert_a4(pdf(lambda fh: build_worksheet(fh, method, empty_names, "verduurzamen")))


# -- hostile and unusual text ----------------------------------------------------------------
def test_markup_in_answers_prints_literally_and_loads_nothing(method: Method, logo: Path):
    hostile = [h.format(logo=logo) for h in HOSTILE]
    plan = Plan.new(hostile[1], hostile[0], "dev")
    plan.set_answer("agenderen", "al_bezig", "\n".join(hostile))
    plan.set_answer("agenderen", cell_key("besproken", "bestuur", "uitkomst"), hostile[3])
    plan.set_answer("agenderen", cell_key("stellingen", "s1", "toelichting"), hostile[2])
    plan.set_answer("agenderen", cell_key("stellingen", "s1", "top"), True)
    for h in hostile:
        plan.add_item("concretiseren", "doelen", {"tekst": h})
        plan.add_item("concretiseren", "acties", {"wat": h, "wie": h, "wanneer": h})
        plan.add_item("agenderen", "stellingen", {"tekst": h})
    builds = [lambda fh: build_worksheet(fh, method, plan, "agenderen"),
              lambda fh: build_worksheet(fh, method, plan, "concretiseren"),
              lambda fh: build_report(fh, method, plan),
              lambda fh: build_stellingen(fh, method, plan)]
    for build in builds:
        reader = pdf(build)
        text = text_of(reader)
        for h in hostile:
            assert h in text, h
        assert image_count(reader) == 0  # the <img> pointed at a real PNG: it must not be loaded
        assert all("/Annots" not in page for page in reader.pages)  # and <a href> made no link
    assert pdf(builds[2]).metadata.author == "<b>vet"


def test_long_answers_and_many_actions_flow_over_pages(method: Method):
    plan = Plan.new("Lang", "Club", "dev")
    words = " ".join(f"woord{n}" for n in range(5000)) + " slotwoord"
    plan.set_answer("agenderen", "al_bezig", words)
    plan.set_answer("agenderen", cell_key("besproken", "ouders", "uitkomst"), " ".join(["lang"] * 1500) + " einde")
    for n in range(300):
        plan.add_item("concretiseren", "acties", {"wat": f"Actie nummer {n}", "wie": "Trainer", "status": "bezig"})
    worksheet = pdf(lambda fh: build_worksheet(fh, method, plan, "agenderen"))
    assert len(worksheet.pages) > 3
    text = text_of(worksheet)
    assert "woord4999 slotwoord" in text and "lang einde" in text
    actions = pdf(lambda fh: build_worksheet(fh, method, plan, "concretiseren"))
    assert len(actions.pages) > 3
    text = text_of(actions)
    assert "Actie nummer 0 " in text and "Actie nummer 299" in text
    assert text.count("Actie Doel Wie Niveau Wanneer Status") >= 3  # the header is repeated on every page
    report = text_of(pdf(lambda fh: build_report(fh, method, plan)))
    assert "Actie nummer 299" in report and "slotwoord" in report


def test_emoji_arabic_and_chinese_do_not_crash(method: Method):
    plan = Plan.new("Plan 🏑", "Club 中文 عربي", "dev")
    plan.set_answer("agenderen", "al_bezig", "Super 👍 goed, شكرا جزيلا en 谢谢 — çà ß łğİ")
    plan.add_item("concretiseren", "acties", {"wat": "Taart 🎂 bakken", "wie": "مدرب"})
    for build in (lambda fh: build_worksheet(fh, method, plan, "agenderen"),
                  lambda fh: build_worksheet(fh, method, plan, "concretiseren"),
                  lambda fh: build_report(fh, method, plan), lambda fh: build_stellingen(fh, method, plan)):
        reader = pdf(build)
        assert_a4(reader)
    reader = pdf(lambda fh: build_worksheet(fh, method, plan, "agenderen"))
    assert reader.metadata.author == "Club 中文 عربي"  # metadata is Unicode: nothing replaced there
    text = text_of(reader)
    assert "Super □ goed" in text and "□□" in text  # emoji and Chinese visibly replaced
    assert "çà ß łğİ" in text
    assert "DejaVuSans" in font_names(reader)  # the Arabic letters come from the fallback font


# -- text a plan can hold, however odd: never an error, never off the paper ----------------------------------
def long_word_plan(word: str) -> Plan:
    """A plan with ``word`` (no spaces) in every field the A4 documents print."""
    plan = Plan.new(word, word, "dev")
    plan.set_club("contact_role", word)
    plan.set_club("contact_email", word + "@example.nl")
    plan.set_answer("agenderen", "al_bezig", word)
    plan.set_answer("agenderen", cell_key("besproken", "bestuur", "uitkomst"), word)
    plan.set_answer("agenderen", cell_key("stellingen", "s1", "toelichting"), word)
    plan.add_item("agenderen", "stellingen", {"tekst": word})
    plan.add_item("concretiseren", "doelen", {"tekst": word})
    plan.add_item("concretiseren", "acties", {"wat": word, "wie": word, "wanneer": word})
    return plan


def a4_builds(method: Method, plan: Plan, logo: Path | None = None) -> dict[str, Callable[[io.BytesIO], None]]:
    return {"worksheet agenderen": lambda fh: build_worksheet(fh, method, plan, "agenderen", logo=logo),
            "worksheet concretiseren": lambda fh: build_worksheet(fh, method, plan, "concretiseren", True, logo),
            "report": lambda fh: build_report(fh, method, plan, logo=logo),
            "stellingen": lambda fh: build_stellingen(fh, method, plan)}


def overlong_lines(reader: PdfReader, piece: str) -> list[str]:
    """Extracted lines holding ``piece`` that are longer than any line fits on A4 (text drawn off the paper)."""
    lines = "\n".join(page.extract_text() or "" for page in reader.pages).splitlines()
    return [line[:80] for line in lines if piece in line and len(line) > 130]


@pytest.mark.parametrize("length", [400, 6000])
def test_long_unbreakable_words_wrap_in_every_a4_document(method: Method, logo: Path, length: int):
    plan = long_word_plan("w" * length)
    for name, build in a4_builds(method, plan, logo).items():
        reader = pdf(build)
        assert_a4(reader)
        assert not overlong_lines(reader, "w" * 30), name
        assert "w" * 60 in text_of(reader).replace(" ", ""), name


def test_a_word_of_100000_letters_is_printed_whole(method: Method):
    plan = Plan.new("Lang", "Club", "dev")
    plan.set_answer("agenderen", "al_bezig", "q" * 100_000)
    def q_count(reader: PdfReader) -> int:
        return " ".join(p.extract_text() for p in reader.pages).count("q")

    reader = pdf(lambda fh: build_worksheet(fh, method, plan, "agenderen"))
    without = pdf(lambda fh: build_worksheet(fh, method, Plan.new("Lang", "Club", "dev"), "agenderen"))
    assert q_count(reader) - q_count(without) == 100_000
    assert not overlong_lines(reader, "q" * 30)


# -- what can go wrong while making a PDF: one Dutch sentence (with an id), nothing half-written -------------
RENDERS = [Request("poster", "agenderen"), Request("poster-tiled", "agenderen"), Request("worksheet", "agenderen"),
           Request("report"), Request("stellingen"), Request("blank", "agenderen")]


@pytest.fixture(scope="module")
def bad_logos(tmp_path_factory) -> dict[str, Path]:
    from PIL import Image

    folder = tmp_path_factory.mktemp("bad-logos")
    noise = Image.effect_noise((400, 300), 80).convert("RGB")
    noise.save(folder / "whole.png")
    data = (folder / "whole.png").read_bytes()
    (folder / "truncated.png").write_bytes(data[: len(data) // 2])  # the header is fine, the pixels are cut off
    (folder / "not-an-image.png").write_bytes(b"this is no picture at all")
    Image.new("L", (9000, 9000)).save(folder / "huge.png")  # 81 million pixels in a small file
    return {name: folder / f"{name}.png" for name in ("truncated", "not-an-image", "huge")}


@pytest.mark.parametrize("which", ["truncated", "not-an-image", "huge"])
def test_a_broken_or_huge_logo_gives_the_document_without_it(method: Method, hockey: Plan, bad_logos, tmp_path,
                                                             which: str):
    for request in RENDERS[:4]:
        notes: list[str] = []
        out = render(request, tmp_path / f"{request.kind}.pdf", method, hockey, bad_logos[which], notes=notes)
        reader = PdfReader(out)
        assert image_count(reader) == 0, request
        assert len(notes) == 1, request  # the user is told the logo was left out


def test_a_logo_replaced_by_a_big_photo_is_scaled_down_and_printed(method: Method, hockey: Plan, tmp_path):
    from PIL import Image

    photo = tmp_path / "logo.png"
    Image.effect_noise((3000, 2000), 40).convert("RGB").save(photo, format="JPEG")  # a JPEG under the PNG's name
    notes: list[str] = []
    reader = PdfReader(render(Request("report"), tmp_path / "rapport.pdf", method, hockey, photo, notes=notes))
    assert image_count(reader) == 1 and notes == []
    assert max(reader.pages[0].images[0].image.size) <= 1200


def assert_nothing_written(folder: Path, keep: tuple[str, ...] = ()) -> None:
    assert sorted(p.name for p in folder.iterdir()) == sorted(keep)


def assert_one_sentence(error: RenderError) -> None:
    message = str(error)
    assert message and "\n" not in message and "Error" not in message and "errno" not in message.lower()


def test_a_missing_or_damaged_font_file_is_a_clear_error(method: Method, hockey: Plan, tmp_path, monkeypatch):
    assets = tmp_path / "assets"
    (assets / "fonts").mkdir(parents=True)
    (assets / "fonts" / "Lato-Regular.ttf").write_bytes(b"no font")  # damaged; the others are missing
    monkeypatch.setattr("vv_desktop.render.fonts.assets_dir", lambda: assets)
    folder = tmp_path / "uit"
    folder.mkdir()
    fonts.cache_clear()
    try:
        for request in RENDERS:
            with pytest.raises(RenderError) as failed:
                render(request, folder / "uit.pdf", method, hockey)
            assert failed.value.reason == "font"
            assert_one_sentence(failed.value)
    finally:
        fonts.cache_clear()
    assert_nothing_written(folder)


@pytest.mark.parametrize(("code", "reason", "where"), [
    (errno.ENOSPC, "disk_full", "fsync"), (errno.EDQUOT, "disk_full", "fsync"),
    (errno.EROFS, "read_only", "mkstemp"), (errno.EACCES, "read_only", "mkstemp"), (errno.EIO, "write", "fsync")])
def test_a_full_disk_or_a_read_only_folder_is_a_clear_error_and_keeps_the_old_file(
        method: Method, hockey: Plan, tmp_path, monkeypatch, code: int, reason: str, where: str):
    folder = tmp_path / "uit"
    folder.mkdir()
    (folder / "poster.pdf").write_bytes(b"oude poster")

    def fail(*_args, **_kwargs):
        raise OSError(code, os.strerror(code))

    # The operating system's answer is simulated; everything above it (ReportLab, the temp file) is real.
    monkeypatch.setattr(os, "fsync", fail) if where == "fsync" else monkeypatch.setattr(tempfile, "mkstemp", fail)
    with pytest.raises(RenderError) as failed:
        render(Request("poster", "agenderen"), folder / "poster.pdf", method, hockey)
    monkeypatch.undo()
    assert failed.value.reason == reason
    assert_one_sentence(failed.value)
    assert (folder / "poster.pdf").read_bytes() == b"oude poster"
    assert_nothing_written(folder, ("poster.pdf",))


def test_a_target_that_cannot_be_a_file_is_a_clear_error(method: Method, hockey: Plan, tmp_path):
    (tmp_path / "bestand").write_text("geen map")
    (tmp_path / "map.pdf").mkdir()
    for target in (tmp_path / "bestand" / "uit.pdf", tmp_path / "map.pdf"):
        with pytest.raises(RenderError) as failed:
            render(Request("worksheet", "agenderen"), target, method, hockey)
        assert failed.value.reason == "write"
        assert_one_sentence(failed.value)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bestand", "map.pdf"]
    assert list((tmp_path / "map.pdf").iterdir()) == []


@pytest.mark.parametrize(("error", "reason"), [
    (lambda: LayoutError("Flowable too large on page 2"), "layout"),
    (lambda: Exception("code length overflow. (40164 > 17728)"), "bug"),
    (lambda: MemoryError(), "memory"),
    (lambda: RuntimeError("a bug"), "bug")])
def test_any_other_failure_while_drawing_is_one_dutch_sentence(method: Method, hockey: Plan, tmp_path,
                                                               monkeypatch, error, reason: str):
    def broken(*_args, **_kwargs):
        raise error()

    # Stands in for a ReportLab failure the data cannot cause any more (each such case has its own test above).
    monkeypatch.setattr("reportlab.platypus.doctemplate.BaseDocTemplate.handle_flowable", broken)
    monkeypatch.setattr("vv_desktop.render.poster.PosterPainter.draw", broken)
    folder = tmp_path / "uit"
    folder.mkdir()
    for request in RENDERS:
        with pytest.raises(RenderError) as failed:
            render(request, folder / "uit.pdf", method, hockey)
        assert failed.value.reason == reason
        assert_one_sentence(failed.value)
    assert_nothing_written(folder)


def _with_sources(method: Method, option_ids: set[str]) -> Method:
    """The method with some statements from the kick-off (as the content pass will mark them)."""
    phase = method.phase("agenderen")
    fields = tuple(f._replace(options=tuple(o._replace(source="vvkickoff", quote="x") if o.id in option_ids
                                            else o._replace(source="", quote="") for o in f.options))
                   if f.type == "statements" else f
                   for f in phase.fields)
    phases = tuple(p._replace(fields=fields) if p.id == phase.id else p for p in method.phases)
    return method._replace(phases=phases)


def test_the_origin_note_of_several_statements_reads_as_dutch(method: Method):
    from vv_desktop.render.stellingen import origin_note

    one = " ".join(origin_note(_with_sources(method, {"s2"})).split())
    assert "Stelling 2 " in one
    several = " ".join(origin_note(_with_sources(method, {"s1", "s3", "s4"})).split())
    assert "Stellingen 1, 3 en 4 komen" in several, several  # not "Stelling 1 en 3 en 4 komt"


def test_the_first_pages_of_a_report_are_a_pdf_of_their_own(method: Method, hockey: Plan):
    from vv_desktop.render.a4doc import first_pages

    whole = pdf(lambda fh: build_report(fh, method, hockey))
    with first_pages(2):
        begin = pdf(lambda fh: build_report(fh, method, hockey))
    assert len(whole.pages) > 2 and len(begin.pages) == 2
    assert begin.metadata.title == whole.metadata.title  # a finished document, with its title
    assert text_of(begin)[:200] == text_of(whole)[:200]
    again = pdf(lambda fh: build_report(fh, method, hockey))  # the limit ends with the block
    assert len(again.pages) == len(whole.pages)
