"""Every kind of document, with whatever odd text a plan can hold: it is made, and the text prints literally."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from vv_desktop.core.model import Plan, cell_key
from vv_desktop.core.text import clean_text
from vv_desktop.core.worksheets import load_method
from vv_desktop.render.kinds import Request, render

METHOD = load_method()
DOCUMENTS = [Request("poster", "agenderen"), Request("poster-tiled", "concretiseren", "A2"),
             Request("worksheet", "agenderen"), Request("worksheet", "concretiseren", all_rounds=True),
             Request("report"), Request("stellingen")]

PIECES = st.sampled_from([
    "", " ", "<b>", "</para>", "&amp;", "&", "<", '<img src="x"/>', '"', "'", "<br/>",
    "שלום", "مرحبا بكم", "\u202eomlap", "👍🏽", "👩‍👩‍👧", "e\u0301", "a\u0308\u0308\u0308", "Z̷̛͎a̴l̶g̸o", "中文",
    "\u00ad", "\u00a0", "\t", "\n", "\n\n", "ß", "İ", "mhcvleuten.nl", "@",
])
LONG_WORDS = st.builds(lambda char, n: char * n, st.sampled_from(["x", "W", "ש", "👍", "&", "<", "é"]),
                       st.integers(60, 4000))
ODD_TEXT = st.lists(st.one_of(PIECES, LONG_WORDS, st.text(max_size=12)), max_size=6).map("".join).map(clean_text)
# An address as typed, or one far too long for a QR code (emoji take four bytes each).
EMAIL = st.one_of(ODD_TEXT, LONG_WORDS.map(lambda word: f"{word}@example.nl"))


MARK = "<i>&amp; "  # at the start of the club name, which every document prints: markup must print literally


def odd_plan(texts: list[str]) -> Plan:
    name, club, role, email, answer, item, action, statement = texts
    plan = Plan.new(name, MARK + club, "dev")
    plan.set_club("contact_role", role)
    plan.set_club("contact_email", email)
    plan.set_answer("agenderen", "kansen", answer)
    plan.set_answer("agenderen", cell_key("besproken", "bestuur", "uitkomst"), answer)
    plan.add_item("agenderen", "stellingen", {"tekst": statement})
    plan.add_item("concretiseren", "doelen", {"tekst": item})
    plan.add_item("concretiseren", "acties", {"wat": action, "wie": item, "wanneer": role})
    return plan


@pytest.mark.slow
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(texts=st.lists(ODD_TEXT, min_size=7, max_size=7), email=EMAIL, document=st.sampled_from(DOCUMENTS))
def test_every_document_is_made_whatever_the_text(tmp_path: Path, texts: list[str], email: str, document: Request):
    texts.insert(3, email)
    plan = odd_plan(texts)
    out = render(document, tmp_path / "odd.pdf", METHOD, plan, notes=[])
    reader = PdfReader(out)
    assert len(reader.pages) >= 1
    text = "\n".join(page.extract_text() or "" for page in reader.pages)
    assert max(map(len, text.splitlines()), default=0) < 300  # every line wraps or is shortened on the paper
    assert MARK.strip() in text  # markup is printed, not obeyed
