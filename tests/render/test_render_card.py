"""The card on A4: the steps with where they come from, and the club's own contacts (or lines to fill in)."""

from __future__ import annotations

from tests.helpers.factory import hockey_club_halfway
from tests.helpers.pdf import pdf, text_of
from vv_desktop.core.labels import source_label
from vv_desktop.core.model import card_key
from vv_desktop.core.store import PlanStore
from vv_desktop.render.card import build_card


def test_the_card_has_every_step_with_its_source_and_fits_one_page(method) -> None:
    reader = pdf(lambda fh: build_card(fh, method))
    text = text_of(reader)
    card = method.card
    assert len(reader.pages) == 1
    for step in card.steps:
        assert " ".join(step.title.split()) in text
        where = source_label(method, step.source) if step.source else step.addition
        assert " ".join(where.split()[:4]) in text
    assert all(contact.label in text for contact in card.contacts)


def test_the_clubs_contacts_are_printed_as_typed_markup_and_all(tmp_path, method) -> None:
    plan = hockey_club_halfway(PlanStore(tmp_path, "laptop"), method)
    first, second = method.card.contacts[:2]
    plan.set_club(card_key(first.id), "Vertrouwenscontactpersoon <Anna> & co, 06-12345678")
    text = text_of(pdf(lambda fh: build_card(fh, method.for_kind(plan.club("kind")), plan)))
    assert "Vertrouwenscontactpersoon <Anna> & co, 06-12345678" in text
    assert second.label in text  # not filled in: a line to write on
    assert "Mixed Hockey Club Vleuten" in text


def test_a_card_with_every_contact_filled_in_still_fits_one_page(tmp_path, method) -> None:
    plan = hockey_club_halfway(PlanStore(tmp_path, "laptop"), method)
    for contact in method.card.contacts:
        plan.set_club(card_key(contact.id), "Iemand met een lange omschrijving, telefoon 06-12345678, " * 3)
    assert len(pdf(lambda fh: build_card(fh, method, plan)).pages) == 1
