"""Every PDF of a plan speaks the words of its club kind, whatever method it is given."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from vv_desktop.core.model import cell_key
from vv_desktop.core.store import PlanStore
from vv_desktop.core.worksheets import Method
from vv_desktop.render.kinds import Request, render


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("kind", ["cultuur", "buurt"])
@pytest.mark.parametrize("document", ["worksheet", "poster", "report"])
def test_the_pdf_of_a_plan_uses_its_kinds_texts(tmp_path: Path, method: Method, kind: str, document: str) -> None:
    plan = PlanStore(tmp_path / "data", "dev").create("Seizoen", "De Club", kind)
    for level in method.phase("concretiseren").field("behoeften").levels:
        plan.set_answer("concretiseren", cell_key("behoeften", level, "behoefte"), "Een korte cursus")
    for level in method.phase("uitvoeren").field("check").levels:  # a question the poster of Uitvoeren shows
        plan.set_answer("uitvoeren", cell_key("check", level, "uitleg"), "Gaat goed")
    phase = "uitvoeren" if document == "poster" else "concretiseren"
    out = render(Request(document, phase), tmp_path / "x.pdf", method, plan)
    text = _flat(" ".join(p.extract_text() for p in PdfReader(out).pages))
    own = method.for_kind(kind)
    assert _flat(own.level("trainers").label) in text
    assert _flat(method.level("trainers").label) not in text
