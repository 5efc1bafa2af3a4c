"""The card "Als een jongere iets vertelt": read from kaart.toml and checked, its contacts stored as
optional club fields that travel with the plan."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.factory import hockey_club_halfway
from vv_desktop.core import schema, sharing
from vv_desktop.core.model import Plan, card_key
from vv_desktop.core.schema import PlanFileError
from vv_desktop.core.settings import Settings
from vv_desktop.core.store import PlanStore
from vv_desktop.core.worksheets import WorksheetError, load_method


def test_every_step_has_a_source_or_says_it_is_an_addition(method) -> None:
    card = method.card
    assert card is not None and card.steps and card.contacts
    for step in card.steps:
        assert bool(step.source) != bool(step.addition)
        assert not step.source or step.source in method.sources


@pytest.mark.parametrize(("old", "new", "detail"), [
    ('source = "vv2023"\n', 'source = "vv2023"\naddition = "x"\n', "steps nr. 1"),  # both
    ('source = "vv2023"\n', "", "steps nr. 1"),  # neither
    ('source = "nultotlater"', 'source = "wikipedia"', "wikipedia"),
    ('addition = "Aanvulling', 'quote = "x"\naddition = "Aanvulling', "quote"),  # a quote needs its source
    ('id = "buurtteam"', 'id = "vertrouwenspersoon"', "vertrouwenspersoon"),
    ('id = "huisarts"', 'id = "huis/arts"', "huis/arts"),
    ('[[steps]]\ntitle = ', '[[steps]]\ntitel = ', "titel"),
    ('addition = "Aanvulling', 'quote = "x"\naddition = "Aanvulling', "quote"),  # a quote without source: not dropped
])
def test_a_card_the_app_cannot_show_is_refused(folder: Path, old: str, new: str, detail: str) -> None:
    file = folder / "kaart.toml"
    text = file.read_text("utf-8")
    assert old in text
    file.write_text(text.replace(old, new, 1), "utf-8")
    with pytest.raises(WorksheetError) as info:
        load_method(folder)
    assert "kaart.toml" in str(info.value) and detail in str(info.value)


def test_the_card_has_texts_per_kind_of_club(folder: Path) -> None:
    file = folder / "kaart.toml"
    text = file.read_text("utf-8")
    assert "[[steps]]\n" in text
    file.write_text(text.replace("[[steps]]\n", '[[steps]]\ncultuur = { title = "Luister eerst" }\n', 1), "utf-8")
    method = load_method(folder)
    assert method.for_kind("cultuur").card.steps[0].title == "Luister eerst"
    assert method.for_kind("sport").card.steps[0].title == method.card.steps[0].title != "Luister eerst"


def test_contacts_are_kept_and_travel_with_the_plan(tmp_path: Path, method) -> None:
    (tmp_path / "a").mkdir()
    mine = PlanStore(tmp_path / "a", Settings(tmp_path / "a").device_id)
    plan = hockey_club_halfway(mine, method)
    key = card_key(method.card.contacts[0].id)
    assert plan.set_club(key, "Vertrouwenscontactpersoon, 06-12345678")
    mine.save(plan)
    assert mine.load(plan.id).club(key) == "Vertrouwenscontactpersoon, 06-12345678"
    (tmp_path / "b").mkdir()
    other = PlanStore(tmp_path / "b", Settings(tmp_path / "b").device_id)
    file = sharing.export_plan(mine, plan.id, tmp_path / "p.vvplan")
    sharing.finish_import(other, sharing.prepare_import(other, file))
    assert other.load(plan.id).club(key) == "Vertrouwenscontactpersoon, 06-12345678"


def test_an_older_plan_without_contacts_opens_and_a_club_field_nobody_knows_is_refused(method) -> None:
    plan = Plan.new("Plan", "Club", "laptop")
    schema.validate(plan.doc)  # no card contacts: fine
    assert plan.club(card_key("huisarts")) == ""
    with pytest.raises(KeyError):
        plan.set_club("wachtwoord", "x")
    plan.doc["club"]["wachtwoord"] = {"v": "x", "t": "", "d": ""}
    with pytest.raises(PlanFileError):
        schema.validate(plan.doc)
    del plan.doc["club"]["wachtwoord"]
    plan.doc["club"][card_key("huisarts")] = {"v": 5, "t": "", "d": ""}
    with pytest.raises(PlanFileError):
        schema.validate(plan.doc)


def test_an_exported_plan_with_contacts_matches_the_documented_format(tmp_path: Path, method) -> None:
    import json

    from jsonschema import Draft202012Validator

    from tests.helpers import REPO_ROOT

    store = PlanStore(tmp_path, Settings(tmp_path).device_id)
    plan = hockey_club_halfway(store, method)
    plan.set_club(card_key(method.card.contacts[0].id), "Vertrouwenscontactpersoon, 06-12345678")
    store.save(plan)
    data = json.loads(sharing.export_plan(store, plan.id, tmp_path / "p.vvplan").read_bytes())
    validator = Draft202012Validator(json.loads((REPO_ROOT / "docs" / "vvplan.schema.json").read_text("utf-8")))
    assert [e.message for e in validator.iter_errors(data)] == []
    data["plan"]["club"]["wachtwoord"] = {"v": "x", "t": "", "d": ""}
    assert list(validator.iter_errors(data))  # what the app refuses, the documented format refuses too
