"""The A4 documents (worksheet, blank worksheet, stellingen sheet, whole plan), read back with pypdf."""

from __future__ import annotations

import copy
import io
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.factory import hockey_club_halfway
from vv_desktop.core.model import Plan, cell_key
from vv_desktop.core.store import PlanStore
from vv_desktop.core.worksheets import PHASE_IDS, Method
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


def pdf(build: Callable[[io.BytesIO], None]) -> PdfReader:
    fh = io.BytesIO()
    build(fh)
    fh.seek(0)
    return PdfReader(fh)


def text_of(reader: PdfReader) -> str:
    """All text, with line breaks and repeated spaces made single spaces (table cells wrap)."""
    return re.sub(r"\s+", " ", " ".join(page.extract_text() or "" for page in reader.pages))


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
    assert "Zorg voor duidelijke kaders en een mandaat op elk niveau" in text
    assert "Bron: Vleuten Versterkt: inzichten en vervolgstappen (Vleuten Versterkt, 2023)" in text
    assert "Zes stellingen bij de kick-off" in text  # a good practice
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
    assert "Bij ons mag je fouten maken." in text
    assert "Eens" in text and "Neutraal" in text and "Oneens" in text
    assert "Trainers en begeleiders" in text and "Ouders" in text
    uitvoeren = text_of(pdf(lambda fh: build_blank(fh, method, "uitvoeren")))
    assert "1 Nee" in uitvoeren and "5 Ja" in uitvoeren  # the scale is explained on paper


def test_stellingen_sheet_is_anonymous_and_has_every_statement(method: Method, hockey: Plan):
    reader = pdf(lambda fh: build_stellingen(fh, method))
    assert_a4(reader)
    text = text_of(reader)
    for option in method.phase("agenderen").field("stellingen").options:
        assert option.label in text
    assert "waarom" in text.lower() and "belangrijk" in text
    assert "Naam" not in text
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
                     "3 · Een beetje", "Leden zeggen dat het sfeer geeft", "geen rechte lijn"):
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
