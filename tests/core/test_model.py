"""The plan model, rounds, progress and the flow between phases (plain pytest, no Qt)."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from pathlib import Path

import pytest

from vv_desktop.core import progress
from vv_desktop.core.columns import SNAPSHOT
from vv_desktop.core.flow import Flow, entry_phase
from vv_desktop.core.model import CLUB_FIELDS, SCHEMA_VERSION, Plan
from vv_desktop.core.rounds import start_round
from vv_desktop.core.store import PlanStore
from vv_desktop.core.text import clean_document, clean_text
from vv_desktop.core.worksheets import PHASE_IDS, Method, load_method

DEVICE = "laptop-a"


@pytest.fixture(scope="module")
def method() -> Method:
    return load_method()


@pytest.fixture
def clock() -> Callable[[], str]:
    """A clock that moves one second per call, so every change gets a distinct time."""
    ticks = itertools.count()

    def now() -> str:
        n = next(ticks)
        return f"2026-03-14T10:{n // 60:02d}:{n % 60:02d}.000+00:00"

    return now


@pytest.fixture
def plan(clock: Callable[[], str]) -> Plan:
    return Plan.new("Seizoen 2026", "HC Vleuten", DEVICE, "sport", clock=clock)


# -- a new plan -----------------------------------------------------------------------------------


def test_new_plan_has_four_phases_with_one_round(plan: Plan) -> None:
    assert plan.doc["schema"] == SCHEMA_VERSION
    assert list(plan.doc["phases"]) == list(PHASE_IDS)
    for pid in PHASE_IDS:
        assert plan.status(pid) == "niet_gestart"
        rounds = plan.rounds(pid)
        assert len(rounds) == 1
        assert rounds[0]["number"] == 1 and rounds[0]["answers"] == {} and rounds[0]["lists"] == {}
    assert len({plan.round(p)["id"] for p in PHASE_IDS}) == 4
    assert plan.name == "Seizoen 2026"
    assert plan.club("name") == "HC Vleuten" and plan.club("kind") == "sport"
    assert set(plan.doc["club"]) == set(CLUB_FIELDS)
    assert plan.doc["name"]["d"] == DEVICE


def test_set_club_rejects_unknown_keys_and_reports_change(plan: Plan) -> None:
    assert plan.set_club("contact_role", "Vertrouwenscontactpersoon") is True
    assert plan.set_club("contact_role", "Vertrouwenscontactpersoon") is False
    with pytest.raises(KeyError):
        plan.set_club("adres", "Dorpsstraat 1")


# -- answers ---------------------------------------------------------------------------------------


def test_set_answer_records_time_and_device_and_starts_phase(plan: Plan) -> None:
    assert plan.set_answer("agenderen", "al_bezig", "Praatavond") is True
    cell = plan.round("agenderen")["answers"]["al_bezig"]
    assert cell["v"] == "Praatavond"
    assert cell["d"] == DEVICE
    assert cell["t"].startswith("2026-03-14T10:")
    assert plan.status("agenderen") == "bezig"
    assert plan.status("concretiseren") == "niet_gestart"
    assert plan.answer("agenderen", "al_bezig") == "Praatavond"
    assert plan.answer("agenderen", "nog_niet", "standaard") == "standaard"


def test_set_answer_with_same_value_changes_nothing(plan: Plan) -> None:
    plan.set_answer("agenderen", "al_bezig", "Praatavond")
    before = dict(plan.round("agenderen")["answers"]["al_bezig"])
    assert plan.set_answer("agenderen", "al_bezig", "Praatavond") is False
    assert plan.round("agenderen")["answers"]["al_bezig"] == before
    assert plan.set_answer("agenderen", "al_bezig", "Praatavond!") is True
    assert plan.round("agenderen")["answers"]["al_bezig"]["t"] > before["t"]


@pytest.mark.parametrize("empty", ["", None, False])
def test_empty_answer_on_empty_cell_is_no_change(plan: Plan, empty: object) -> None:
    assert plan.set_answer("uitvoeren", "reflectie", empty) is False
    assert plan.round("uitvoeren")["answers"] == {}
    assert plan.status("uitvoeren") == "niet_gestart"


def test_status_does_not_go_back_when_answering(plan: Plan) -> None:
    plan.set_status("verduurzamen", "afgerond")
    plan.set_answer("verduurzamen", "visie", "Sport is plezier")
    assert plan.status("verduurzamen") == "afgerond"
    with pytest.raises(ValueError):
        plan.set_status("verduurzamen", "half")


# -- list items ------------------------------------------------------------------------------------


def test_items_add_set_remove_move(plan: Plan) -> None:
    a = plan.add_item("concretiseren", "doelen", {"tekst": "A"})
    b = plan.add_item("concretiseren", "doelen", {"tekst": "B"})
    c = plan.add_item("concretiseren", "doelen", {"tekst": "C"})
    assert plan.status("concretiseren") == "bezig"
    assert [i["values"]["tekst"] for i in plan.items("concretiseren", "doelen")] == ["A", "B", "C"]
    assert all(i["d"] == DEVICE for i in plan.items("concretiseren", "doelen"))

    t_before = plan.item("concretiseren", "doelen", b)["t"]
    assert plan.set_item_value("concretiseren", "doelen", b, "tekst", "B2") is True
    assert plan.set_item_value("concretiseren", "doelen", b, "tekst", "B2") is False
    assert plan.item("concretiseren", "doelen", b)["t"] > t_before

    assert plan.move_item("concretiseren", "doelen", c, -1) is True
    assert [i["id"] for i in plan.items("concretiseren", "doelen")] == [a, c, b]
    assert plan.move_item("concretiseren", "doelen", a, -1) is False  # already first
    assert plan.move_item("concretiseren", "doelen", b, +1) is False  # already last

    values_before = dict(plan.item("concretiseren", "doelen", c)["values"])
    plan.remove_item("concretiseren", "doelen", c)
    assert [i["id"] for i in plan.items("concretiseren", "doelen")] == [a, b]
    raw = plan.round("concretiseren")["lists"]["doelen"]
    tomb = next(i for i in raw if i["id"] == c)
    # The tombstone keeps what was there, for a merge or an undo later.
    assert tomb["deleted"] is True and tomb["values"] == values_before and tomb["d"] == DEVICE
    with pytest.raises(KeyError):
        plan.item("concretiseren", "doelen", c)
    with pytest.raises(KeyError):
        plan.set_item_value("concretiseren", "doelen", c, "tekst", "terug?")

    # moving skips the tombstone: b moves before a
    assert plan.move_item("concretiseren", "doelen", b, -1) is True
    assert [i["id"] for i in plan.items("concretiseren", "doelen")] == [b, a]
    assert len(raw) == 3


def test_item_with_given_id(plan: Plan) -> None:
    assert plan.add_item("verduurzamen", "verbreden", {"tekst": "x"}, item_id="vast-id") == "vast-id"
    assert plan.item("verduurzamen", "verbreden", "vast-id")["values"] == {"tekst": "x"}


# -- rounds ----------------------------------------------------------------------------------------


def _fill_round(plan: Plan) -> tuple[str, str]:
    plan.set_answer("concretiseren", "doel_bereikt", "Als elk team het gesprek heeft gehad")
    keep = plan.add_item("concretiseren", "doelen", {"tekst": "Gesprek in elk team"})
    gone = plan.add_item("concretiseren", "doelen", {"tekst": "Weggehaald"})
    plan.remove_item("concretiseren", "doelen", gone)
    return keep, gone


def test_new_round_with_copy(plan: Plan) -> None:
    keep, gone = _fill_round(plan)
    plan.set_status("concretiseren", "afgerond")
    old_round = plan.round("concretiseren")
    old_snapshot = repr(old_round)

    fresh = plan.start_new_round("concretiseren", copy_previous=True)
    assert fresh["number"] == 2 and fresh["id"] != old_round["id"]
    assert len(plan.rounds("concretiseren")) == 2
    assert plan.status("concretiseren") == "bezig"  # a finished phase is reopened
    assert plan.answer("concretiseren", "doel_bereikt") == "Als elk team het gesprek heeft gehad"
    copied = plan.items("concretiseren", "doelen")
    assert [i["values"] for i in copied] == [{"tekst": "Gesprek in elk team"}]
    assert copied[0]["id"] != keep
    assert len(fresh["lists"]["doelen"]) == 1  # the tombstone is not copied

    # editing the new round leaves the earlier one as it was
    plan.set_answer("concretiseren", "doel_bereikt", "Nieuw doel")
    plan.set_item_value("concretiseren", "doelen", copied[0]["id"], "tekst", "Aangepast")
    assert repr(plan.round("concretiseren", 0)) == old_snapshot
    assert plan.answer("concretiseren", "doel_bereikt", round_index=0) == "Als elk team het gesprek heeft gehad"
    assert [i["id"] for i in plan.items("concretiseren", "doelen", round_index=0)] == [keep]
    assert plan.items("concretiseren", "acties", round_index=0) == []
    assert "acties" not in plan.round("concretiseren", 0)["lists"]  # reading does not add to an old round


def test_new_round_without_copy(plan: Plan) -> None:
    keep, _ = _fill_round(plan)
    fresh = plan.start_new_round("concretiseren", copy_previous=False)
    assert fresh["answers"] == {} and fresh["lists"] == {}
    assert plan.items("concretiseren", "doelen") == []
    assert plan.answer("concretiseren", "doel_bereikt") == ""
    assert [i["id"] for i in plan.items("concretiseren", "doelen", round_index=0)] == [keep]
    assert plan.status("concretiseren") == "bezig"


def test_start_round_snapshots_action_progress(plan: Plan, method: Method) -> None:
    a1 = plan.add_item("concretiseren", "acties", {"wat": "Trainersavond", "wie": "Bestuur", "status": "klaar"})
    a2 = plan.add_item("concretiseren", "acties", {"wat": "Ouderbrief", "status": "bezig", "notitie": "concept"})
    plan.set_answer("uitvoeren", "reflectie", "Ging goed")

    fresh = start_round(plan, method, "uitvoeren", copy_previous=True)

    old = plan.round("uitvoeren", 0)
    assert old["answers"][f"voortgang/{SNAPSHOT}"]["v"] == [
        {"wat": "Trainersavond", "wie": "Bestuur", "wanneer": "", "status": "klaar", "notitie": ""},
        {"wat": "Ouderbrief", "wie": "", "wanneer": "", "status": "bezig", "notitie": "concept"},
    ]
    assert f"voortgang/{SNAPSHOT}" not in fresh["answers"]
    assert fresh["answers"]["reflectie"]["v"] == "Ging goed"  # copied, as asked
    assert len(plan.rounds("uitvoeren")) == 2

    # later changes to the actions do not change what the old round shows
    plan.set_item_value("concretiseren", "acties", a1, "status", "gestopt")
    plan.remove_item("concretiseren", "acties", a2)
    assert plan.answer("uitvoeren", f"voortgang/{SNAPSHOT}", round_index=0)[0]["status"] == "klaar"
    voortgang = method.phase("uitvoeren").field("voortgang")
    assert progress.field_filled(plan, method, "uitvoeren", voortgang, round_index=0) is True


# -- progress --------------------------------------------------------------------------------------


def test_phase_progress_counts_questions(plan: Plan, method: Method) -> None:
    agenderen = method.phase("agenderen")
    assert progress.phase_progress(plan, method, agenderen) == (0, 6)

    plan.set_answer("agenderen", "al_bezig", "Gesprekken")
    assert progress.phase_progress(plan, method, agenderen) == (1, 6)
    plan.set_answer("agenderen", "kansen", "   ")  # only spaces: not an answer
    assert progress.phase_progress(plan, method, agenderen) == (1, 6)
    plan.set_answer("agenderen", "besproken/bestuur/datum", "14-03-2026")
    plan.set_answer("agenderen", "besproken/leden/uitkomst", "Positief")  # same question, still one
    assert progress.phase_progress(plan, method, agenderen) == (2, 6)
    plan.set_answer("agenderen", "stellingen/s1/keuze", "eens")
    assert progress.phase_progress(plan, method, agenderen) == (3, 6)

    concretiseren = method.phase("concretiseren")
    empty = plan.add_item("concretiseren", "doelen", {"tekst": ""})
    assert progress.phase_progress(plan, method, concretiseren) == (0, 5)
    plan.set_item_value("concretiseren", "doelen", empty, "tekst", "Elk team een gesprek")
    assert progress.phase_progress(plan, method, concretiseren) == (1, 5)
    plan.remove_item("concretiseren", "doelen", empty)
    assert progress.phase_progress(plan, method, concretiseren) == (0, 5)

    uitvoeren = method.phase("uitvoeren")
    act = plan.add_item("concretiseren", "acties", {"wat": "Avond", "status": "gepland"})
    assert progress.phase_progress(plan, method, uitvoeren) == (0, 6)
    plan.set_item_value("concretiseren", "acties", act, "status", "bezig")
    assert progress.phase_progress(plan, method, uitvoeren) == (1, 6)

    verduurzamen = method.phase("verduurzamen")
    plan.set_answer("verduurzamen", "borging/beleidsplan", True)
    assert progress.phase_progress(plan, method, verduurzamen) == (1, 5)
    assert progress.method_progress(plan, method) == {
        "agenderen": (3, 6), "concretiseren": (1, 5), "uitvoeren": (1, 6), "verduurzamen": (1, 5)}


def test_progress_of_an_earlier_round(plan: Plan, method: Method) -> None:
    plan.set_answer("agenderen", "al_bezig", "Ronde 1")
    plan.start_new_round("agenderen", copy_previous=False)
    agenderen = method.phase("agenderen")
    assert progress.phase_progress(plan, method, agenderen) == (0, 6)
    assert progress.phase_progress(plan, method, agenderen, round_index=0) == (1, 6)


def test_own_additions(plan: Plan) -> None:
    plan.add_item("agenderen", "eigen_tips", {"tekst": "Begin klein"})
    plan.add_item("agenderen", "eigen_practices", {"tekst": "Buddy-systeem"})
    assert progress.own_additions(plan, "agenderen") == 2


# -- flow ------------------------------------------------------------------------------------------


def test_flow_next_and_previous_stop_at_the_ends() -> None:
    flow = Flow()
    assert flow.current == "agenderen" and not flow.has_previous and flow.has_next
    assert flow.previous() == "agenderen"
    assert [flow.next() for _ in range(5)] == ["concretiseren", "uitvoeren", "verduurzamen"] + ["verduurzamen"] * 2
    assert flow.has_previous and not flow.has_next
    assert flow.previous() == "uitvoeren"


def test_flow_goes_to_any_phase_in_any_order() -> None:
    flow = Flow("uitvoeren")
    for phase in ("agenderen", "verduurzamen", "concretiseren", "concretiseren", "agenderen"):
        assert flow.go(phase) == phase
        assert flow.current == phase
    with pytest.raises(ValueError):
        flow.go("evalueren")
    with pytest.raises(ValueError):
        Flow("evalueren")


@pytest.mark.parametrize(
    ("statuses", "expected"),
    [
        (("niet_gestart",) * 4, "agenderen"),
        (("afgerond", "niet_gestart", "niet_gestart", "niet_gestart"), "concretiseren"),
        (("bezig", "niet_gestart", "bezig", "niet_gestart"), "uitvoeren"),  # the last busy one
        (("afgerond", "bezig", "afgerond", "niet_gestart"), "concretiseren"),
        (("afgerond", "afgerond", "niet_gestart", "afgerond"), "uitvoeren"),
        (("afgerond",) * 4, "verduurzamen"),
    ],
)
def test_entry_phase(plan: Plan, statuses: tuple[str, ...], expected: str) -> None:
    for pid, status in zip(PHASE_IDS, statuses, strict=True):
        plan.set_status(pid, status)
    assert entry_phase(plan) == expected
    assert Flow.for_plan(plan).current == expected


# -- unicode and big texts survive the store -------------------------------------------------------

TEXTS = {
    "emoji": "Voetbal ⚽ en hockey 🏑, familie: 👨‍👩‍👧‍👦, vlag 🇳🇱",
    "arabic": "الضغط على الأداء في النادي — مع Nederlandse woorden ertussen",
    "hebrew-marks": "\u202bשלום\u202c en \u200fRTL-markering",
    "combining": "cafe\u0301 naïef Øresund ß ǅ",
    "control": "regel 1\nregel 2\ttab \u0000 nul \u2028 scheiding",
    "big": "Lange tekst. " * 80_000 + "einde",  # a bit over 1 MB
}


def test_unicode_and_big_texts_survive_a_round_trip(tmp_path: Path) -> None:
    ps = PlanStore(tmp_path, DEVICE)
    plan = ps.create("Club 🏑 الضغط", "Vereniging ‮tekst")
    for n, (key, text) in enumerate(TEXTS.items()):
        plan.set_answer("agenderen", f"tekst/{key}", text)
        plan.add_item("concretiseren", "doelen", {"tekst": text, "nr": n})
    assert len(TEXTS["big"].encode()) > 1_000_000
    ps.save(plan)

    loaded = PlanStore(tmp_path, "laptop-b").load(plan.id)
    assert loaded.name == "Club 🏑 الضغط"
    assert loaded.club("name") == "Vereniging ‮tekst"
    # Loading cleans text as it enters (core/text.py): NFC, no NUL or line separator; the rest is kept.
    for key, text in TEXTS.items():
        assert loaded.answer("agenderen", f"tekst/{key}") == clean_text(text)
    assert [i["values"]["tekst"] for i in loaded.items("concretiseren", "doelen")] == \
        [clean_text(t) for t in TEXTS.values()]
    assert loaded.doc == clean_document(plan.doc)


def test_a_copied_round_keeps_actions_tied_to_their_objectives():
    plan = Plan.new("P", "C", DEVICE)
    goal = plan.add_item("concretiseren", "doelen", {"tekst": "Doel"})
    plan.add_item("concretiseren", "acties", {"wat": "Actie", "doel": goal})
    plan.start_new_round("concretiseren", copy_previous=True)
    (new_goal,) = plan.items("concretiseren", "doelen")
    (new_action,) = plan.items("concretiseren", "acties")
    assert new_goal["id"] != goal
    assert new_action["values"]["doel"] == new_goal["id"]
    old_action = plan.items("concretiseren", "acties", round_index=0)[0]
    assert old_action["values"]["doel"] == goal  # the earlier round is unchanged


# -- change marks that came from elsewhere (issue 8) ---------------------------------------------------
ABSURD = "9999-12-31T23:59:59.999+00:00"


@pytest.mark.parametrize("last", [ABSURD, "9999-12-31T23:59:59.998+00:00", "gisteren", "9999-12-31"])
def test_a_plan_holding_absurd_marks_of_this_laptop_can_still_be_edited(plan: Plan, tmp_path: Path,
                                                                        last: str) -> None:
    """An older app accepted a file whose marks said year 9999: every later edit raised OverflowError."""
    plan.doc["seen"][DEVICE] = last
    plan.doc["club"]["name"]["t"] = last
    assert plan.set_answer("agenderen", "kansen", "Verder na de vreemde import") is True
    item = plan.add_item("concretiseren", "doelen", {"tekst": "Nog een doel"})
    plan.move_item("concretiseren", "doelen", item, 0)
    store = PlanStore(tmp_path, DEVICE)
    store.plan_folder(plan.id).mkdir(parents=True)
    store.save(plan)
    assert store.load(plan.id).answer("agenderen", "kansen") == "Verder na de vreemde import"


def test_the_newest_mark_stays_after_this_laptops_last_change_where_that_can_be(plan: Plan) -> None:
    almost = "9999-12-31T23:59:59.998+00:00"
    plan.doc["seen"][DEVICE] = almost
    plan.set_answer("agenderen", "kansen", "een")
    first = plan.round("agenderen")["answers"]["kansen"]["t"]
    assert first > almost
    plan.set_answer("agenderen", "kansen", "twee")
    assert plan.round("agenderen")["answers"]["kansen"]["t"] > first  # still after, past the last millisecond
    assert plan.doc["seen"][DEVICE] >= plan.round("agenderen")["answers"]["kansen"]["t"]


def test_moving_an_item_records_the_new_order_with_a_change_mark(plan: Plan) -> None:
    """Without a mark the other laptop never learnt of a new order."""
    a = plan.add_item("concretiseren", "doelen", {"tekst": "A"})
    b = plan.add_item("concretiseren", "doelen", {"tekst": "B"})
    c = plan.add_item("concretiseren", "doelen", {"tekst": "C"})
    seen_before = plan.doc["seen"][DEVICE]
    assert plan.move_item("concretiseren", "doelen", c, -1) is True
    order = plan.round("concretiseren")["order"]["doelen"]
    assert order["v"] == [a, c, b] and order["d"] == DEVICE and order["t"] > seen_before
    assert plan.doc["seen"][DEVICE] == order["t"]
    assert plan.move_item("concretiseren", "doelen", a, -5) is False  # nothing moved: no new mark
    assert plan.round("concretiseren")["order"]["doelen"] == order
