"""Every PDF of a plan names the club's own levels, and not the levels it removed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from vv_desktop.core import plan_levels
from vv_desktop.core.model import cell_key
from vv_desktop.core.store import PlanStore
from vv_desktop.core.worksheets import Method
from vv_desktop.render.kinds import Request, render

OWN = "Jeugdorkestxyz"


@pytest.mark.parametrize("document", ["worksheet", "blank", "poster", "report"])
def test_the_pdfs_follow_the_plans_levels(tmp_path: Path, method: Method, document: str) -> None:
    plan = PlanStore(tmp_path / "data", "dev").create("Seizoen", "De Club", "cultuur")
    own = plan_levels.add_level(plan, OWN)
    plan_levels.rename_level(plan, "leden", "Muzikantenxyz")
    plan_levels.remove_level(plan, "jongeren")
    for level in method.for_plan(plan).phase("uitvoeren").field("check").levels:  # the poster of Uitvoeren shows it
        plan.set_answer("uitvoeren", cell_key("check", level, "uitleg"), "Gaat goed")
    plan.set_answer("uitvoeren", cell_key("check", "jongeren", "uitleg"), "Verborgen")
    assert own in method.for_plan(plan).phase("uitvoeren").field("check").levels
    out = render(Request(document, "uitvoeren"), tmp_path / "x.pdf", method, plan)
    text = re.sub(r"\s+", "", " ".join(p.extract_text() for p in PdfReader(out).pages))
    assert "Muzikantenxyz" in text  # a renamed method level
    if document != "poster":  # the poster shows the first rows only ("+ nog 1 in ons werkblad")
        assert OWN in text
    assert "Verborgen" not in text  # the answer of the removed level stays in the plan, not on paper
