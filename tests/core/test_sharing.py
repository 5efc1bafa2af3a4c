"""Export, import and merge between laptops: the stories of the sharing issue, without a window."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.helpers.factory import hockey_club_halfway
from vv_desktop.core import sharing
from vv_desktop.core.exchange import ExchangeError, read_exchange
from vv_desktop.core.merge import BOTH, THEIRS
from vv_desktop.core.merge_policy import default_choices
from vv_desktop.core.model import cell_key
from vv_desktop.core.settings import Settings
from vv_desktop.core.store import PlanStore


def laptop(root: Path) -> PlanStore:
    root.mkdir(parents=True, exist_ok=True)
    return PlanStore(root, Settings(root).device_id)


def content(doc: dict) -> dict:
    return {k: v for k, v in doc.items() if k != "updated"}


def plain(plan) -> dict:
    """What a person sees: the values, without who changed them when."""
    def strip(node):
        if isinstance(node, dict):
            if set(node) == {"v", "t", "d"}:
                return strip(node["v"])
            return {k: strip(v) for k, v in node.items() if k not in ("t", "d", "updated", "started")}
        if isinstance(node, list):
            return [strip(v) for v in node]
        return node
    return strip(plan.doc)


@pytest.fixture
def secretary(tmp_path: Path) -> PlanStore:
    return laptop(tmp_path / "secretaris")


@pytest.fixture
def chair(tmp_path: Path) -> PlanStore:
    return laptop(tmp_path / "voorzitter")


def test_export_then_import_on_another_laptop_is_lossless(secretary, chair, method, tmp_path):
    plan = hockey_club_halfway(secretary, method)
    secretary.store_logo(plan, _png())
    file = sharing.export_plan(secretary, plan.id, tmp_path / "MHC - stappenplan.vvplan")
    outcome = sharing.prepare_import(chair, file)
    assert outcome.kind == "new" and outcome.plan_id == plan.id
    sharing.finish_import(chair, outcome)
    theirs = chair.load(plan.id)
    assert content(theirs.doc) == content(secretary.load(plan.id).doc)
    assert chair.logo_file(plan.id) is not None


def test_the_same_file_imported_twice_changes_nothing_the_second_time(secretary, chair, method, tmp_path):
    plan = hockey_club_halfway(secretary, method)
    file = sharing.export_plan(secretary, plan.id, tmp_path / "plan.vvplan")
    sharing.finish_import(chair, sharing.prepare_import(chair, file))
    before = (chair.plan_folder(plan.id) / "plan.json").read_bytes()
    again = sharing.prepare_import(chair, file)
    assert again.kind == "unchanged"
    assert (chair.plan_folder(plan.id) / "plan.json").read_bytes() == before


def test_two_laptops_edit_offline_exchange_both_ways_and_converge(secretary, chair, method, tmp_path):
    plan = hockey_club_halfway(secretary, method)
    sharing.finish_import(chair, sharing.prepare_import(chair, sharing.export_plan(
        secretary, plan.id, tmp_path / "1.vvplan")))

    # Both work offline: different fields, one field on both sides, new list items on both sides.
    mine = secretary.load(plan.id)
    mine.set_answer("agenderen", "kansen", "Kans van de secretaris")
    mine.set_answer("verduurzamen", "visie", "Plezier voorop")
    mine.add_item("concretiseren", "doelen", {"tekst": "Doel van de secretaris"})
    secretary.save(mine)
    theirs = chair.load(plan.id)
    theirs.set_answer("agenderen", "kansen", "Kans van de voorzitter")
    theirs.set_answer("uitvoeren", "input_praktijk", "Gaat goed in de praktijk")
    theirs.add_item("concretiseren", "doelen", {"tekst": "Doel van de voorzitter"})
    theirs.set_answer("agenderen", cell_key("besproken", "leden", "datum"), "01-10-2026")
    chair.save(theirs)

    # The chair mails their version; the secretary imports it: one real conflict.
    outcome = sharing.prepare_import(secretary, sharing.export_plan(chair, plan.id, tmp_path / "2.vvplan"))
    assert outcome.kind == "conflicts"
    assert [(c.phase, c.key) for c in outcome.conflicts] == [("agenderen", "kansen")]
    sharing.finish_import(secretary, outcome, {outcome.conflicts[0].id: BOTH})

    # The secretary mails back; the chair imports without any question.
    back = sharing.prepare_import(chair, sharing.export_plan(secretary, plan.id, tmp_path / "3.vvplan"))
    assert back.kind == "merged" and not back.conflicts
    sharing.finish_import(chair, back)

    a, b = secretary.load(plan.id), chair.load(plan.id)
    assert plain(a) == plain(b), "both laptops end with the same content"
    kansen = a.answer("agenderen", "kansen")
    assert "Kans van de secretaris" in kansen and "Kans van de voorzitter" in kansen  # nothing typed is gone
    assert a.answer("verduurzamen", "visie") == "Plezier voorop"
    assert a.answer("uitvoeren", "input_praktijk") == "Gaat goed in de praktijk"
    assert a.answer("agenderen", cell_key("besproken", "leden", "datum")) == "01-10-2026"
    goals = [i["values"]["tekst"] for i in a.items("concretiseren", "doelen")]
    assert "Doel van de secretaris" in goals and "Doel van de voorzitter" in goals
    assert len(goals) == len(set(goals)), "the union of both lists, without duplicates"


def test_choosing_theirs_takes_their_value(secretary, chair, method, tmp_path):
    plan = hockey_club_halfway(secretary, method)
    sharing.finish_import(chair, sharing.prepare_import(chair, sharing.export_plan(
        secretary, plan.id, tmp_path / "1.vvplan")))
    for store, text in ((secretary, "mijn"), (chair, "hun")):
        p = store.load(plan.id)
        p.set_answer("agenderen", "al_bezig", text)
        store.save(p)
    outcome = sharing.prepare_import(secretary, sharing.export_plan(chair, plan.id, tmp_path / "2.vvplan"))
    (conflict,) = outcome.conflicts
    assert (conflict.mine, conflict.theirs) == ("mijn", "hun")
    sharing.finish_import(secretary, outcome, {conflict.id: THEIRS})
    assert secretary.load(plan.id).answer("agenderen", "al_bezig") == "hun"


def test_an_import_can_be_undone_in_one_step(secretary, chair, method, tmp_path):
    plan = hockey_club_halfway(secretary, method)
    sharing.finish_import(chair, sharing.prepare_import(chair, sharing.export_plan(
        secretary, plan.id, tmp_path / "1.vvplan")))
    p = chair.load(plan.id)
    p.set_answer("agenderen", "kansen", "Nieuw bij de voorzitter")
    chair.save(p)
    before = secretary.load(plan.id).doc
    backup = sharing.finish_import(secretary, sharing.prepare_import(
        secretary, sharing.export_plan(chair, plan.id, tmp_path / "2.vvplan")))
    assert secretary.load(plan.id).answer("agenderen", "kansen") == "Nieuw bij de voorzitter"
    sharing.undo_import(secretary, plan.id, backup)
    assert content(secretary.load(plan.id).doc) == content(before)


def test_one_phase_travels_alone_and_merges_only_that_phase(secretary, chair, method, tmp_path):
    plan = hockey_club_halfway(secretary, method)
    sharing.finish_import(chair, sharing.prepare_import(chair, sharing.export_plan(
        secretary, plan.id, tmp_path / "1.vvplan")))
    p = chair.load(plan.id)
    p.set_answer("verduurzamen", "visie", "Alleen in verduurzamen")
    p.set_answer("agenderen", "kansen", "Niet meegestuurd")
    chair.save(p)
    file = sharing.export_plan(chair, plan.id, tmp_path / "fase.vvplan", phase="verduurzamen")
    assert set(read_exchange(file).plan["phases"]) == {"verduurzamen"}
    sharing.finish_import(secretary, sharing.prepare_import(secretary, file))
    mine = secretary.load(plan.id)
    assert mine.answer("verduurzamen", "visie") == "Alleen in verduurzamen"
    assert mine.answer("agenderen", "kansen") != "Niet meegestuurd"


def test_a_one_phase_file_of_an_unknown_plan_becomes_a_new_plan(secretary, chair, method, tmp_path):
    plan = hockey_club_halfway(secretary, method)
    file = sharing.export_plan(secretary, plan.id, tmp_path / "fase.vvplan", phase="concretiseren")
    sharing.finish_import(chair, sharing.prepare_import(chair, file))
    new = chair.load(plan.id)
    assert [i["values"]["tekst"] for i in new.items("concretiseren", "doelen")][0].startswith("Elke trainer")
    assert new.status("verduurzamen") == "niet_gestart"


def test_a_plan_in_the_trash_is_not_silently_replaced(secretary, chair, method, tmp_path):
    plan = hockey_club_halfway(secretary, method)
    file = sharing.export_plan(secretary, plan.id, tmp_path / "1.vvplan")
    sharing.finish_import(chair, sharing.prepare_import(chair, file))
    chair.trash(plan.id)
    with pytest.raises(ExchangeError, match="prullenbak"):
        sharing.prepare_import(chair, file)


def test_a_same_named_plan_is_not_overwritten(secretary, chair, method, tmp_path):
    plan = hockey_club_halfway(secretary, method)
    own = chair.create("Stappenplan 2026-2027", "Andere club")
    sharing.finish_import(chair, sharing.prepare_import(chair, sharing.export_plan(
        secretary, plan.id, tmp_path / "1.vvplan")))
    names = sorted(s.name for s in chair.scan()[0])
    assert names == ["Stappenplan 2026-2027", "Stappenplan 2026-2027 (kopie)"]
    assert chair.load(own.id).club("name") == "Andere club"


def _png() -> bytes:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (64, 64), "navy").save(buffer, format="PNG")
    return buffer.getvalue()


def test_a_plan_folder_the_list_leaves_out_is_not_overwritten(secretary, chair, method, tmp_path):
    plan = hockey_club_halfway(secretary, method)
    file = sharing.export_plan(secretary, plan.id, tmp_path / "1.vvplan")
    folder = chair.plan_folder(plan.id)
    folder.mkdir(parents=True)
    (folder / "plan.json").write_text('{"plan": {"1": {"schema": 99}}}')  # from a newer app version
    with pytest.raises(ExchangeError, match="niets veranderd"):
        sharing.prepare_import(chair, file)
    assert (folder / "plan.json").read_text() == '{"plan": {"1": {"schema": 99}}}'


# -- regressions from a review: crossing mails, clocks, choices that stick, one-phase files ----------


def _edit(store: PlanStore, plan_id: str, key: str, text: str, at: str | None = None) -> None:
    p = store.load(plan_id)
    if at is not None:
        p._clock = lambda: at  # this laptop's clock says so
    p.set_answer("agenderen", key, text)
    store.save(p)


def _shared(secretary, chair, method, tmp_path):
    plan = hockey_club_halfway(secretary, method)
    sharing.finish_import(chair, sharing.prepare_import(chair, sharing.export_plan(
        secretary, plan.id, tmp_path / "0.vvplan")))
    return plan


def test_crossing_mails_ask_instead_of_overwriting(secretary, chair, method, tmp_path):
    plan = _shared(secretary, chair, method, tmp_path)
    _edit(secretary, plan.id, "kansen", "A")
    _edit(chair, plan.id, "kansen", "B")
    from_a = sharing.export_plan(secretary, plan.id, tmp_path / "a.vvplan")  # both mail at the same time
    from_b = sharing.export_plan(chair, plan.id, tmp_path / "b.vvplan")
    for store, file in ((secretary, from_b), (chair, from_a)):
        outcome = sharing.prepare_import(store, file)
        assert outcome.kind == "conflicts", "a change on both sides is always a question"


def test_exporting_twice_does_not_make_my_later_text_lose(secretary, chair, method, tmp_path):
    plan = _shared(secretary, chair, method, tmp_path)
    _edit(secretary, plan.id, "kansen", "A1")
    sharing.export_plan(secretary, plan.id, tmp_path / "1.vvplan")
    _edit(secretary, plan.id, "kansen", "A2")
    sharing.export_plan(secretary, plan.id, tmp_path / "2.vvplan")  # mailed again (or cancelled)
    _edit(chair, plan.id, "kansen", "B")  # replying to the very first file
    outcome = sharing.prepare_import(secretary, sharing.export_plan(chair, plan.id, tmp_path / "b.vvplan"))
    assert outcome.kind == "conflicts"


def test_a_laptop_with_its_clock_behind_does_not_lose_its_change(secretary, chair, method, tmp_path):
    plan = _shared(secretary, chair, method, tmp_path)
    ahead = (datetime.now(UTC) + timedelta(days=5 * 365)).isoformat(timespec="milliseconds")
    _edit(chair, plan.id, "kansen", "B eerst", at=ahead)  # the chair's clock is years ahead
    sharing.finish_import(secretary, sharing.prepare_import(secretary, sharing.export_plan(
        chair, plan.id, tmp_path / "1.vvplan")))
    # Later in real life, but far "earlier" by the chair's clock: it must still count as new.
    _edit(secretary, plan.id, "kansen", "A daarna")
    outcome = sharing.prepare_import(chair, sharing.export_plan(secretary, plan.id, tmp_path / "2.vvplan"))
    sharing.finish_import(chair, outcome)
    assert chair.load(plan.id).answer("agenderen", "kansen") == "A daarna"


def test_keeping_mine_sticks_and_the_laptops_settle(secretary, chair, method, tmp_path):
    plan = _shared(secretary, chair, method, tmp_path)
    _edit(secretary, plan.id, "kansen", "A")
    _edit(chair, plan.id, "kansen", "B")
    file = sharing.export_plan(chair, plan.id, tmp_path / "b.vvplan")
    outcome = sharing.prepare_import(secretary, file)
    sharing.finish_import(secretary, outcome, {outcome.conflicts[0].id: "mine"})
    assert sharing.prepare_import(secretary, file).kind == "unchanged", "the same file again asks nothing"
    back = sharing.prepare_import(chair, sharing.export_plan(secretary, plan.id, tmp_path / "a.vvplan"))
    assert back.kind == "merged"  # the chair takes the decision over without a question
    sharing.finish_import(chair, back)
    assert chair.load(plan.id).answer("agenderen", "kansen") == "A"
    again = sharing.prepare_import(secretary, sharing.export_plan(chair, plan.id, tmp_path / "c.vvplan"))
    assert again.kind == "unchanged"


def test_a_one_phase_file_then_the_whole_plan_gives_no_empty_rounds(secretary, chair, method, tmp_path):
    plan = hockey_club_halfway(secretary, method)
    sharing.finish_import(chair, sharing.prepare_import(chair, sharing.export_plan(
        secretary, plan.id, tmp_path / "fase.vvplan", phase="agenderen")))
    sharing.finish_import(chair, sharing.prepare_import(chair, sharing.export_plan(
        secretary, plan.id, tmp_path / "alles.vvplan")))
    theirs, mine = chair.load(plan.id), secretary.load(plan.id)
    for phase in ("concretiseren", "uitvoeren", "verduurzamen"):
        assert len(theirs.rounds(phase)) == len(mine.rounds(phase))
    assert theirs.items("concretiseren", "acties") == mine.items("concretiseren", "acties")


def test_a_colleague_who_only_had_one_phase_sends_the_plan_back(secretary, chair, method, tmp_path):
    plan = hockey_club_halfway(secretary, method)
    sharing.finish_import(chair, sharing.prepare_import(chair, sharing.export_plan(
        secretary, plan.id, tmp_path / "fase.vvplan", phase="agenderen")))
    _edit(chair, plan.id, "kansen", "Aanvulling van de voorzitter")
    back = sharing.prepare_import(secretary, sharing.export_plan(chair, plan.id, tmp_path / "terug.vvplan"))
    sharing.finish_import(secretary, back)
    mine = secretary.load(plan.id)
    assert mine.answer("agenderen", "kansen") == "Aanvulling van de voorzitter"
    for phase in ("concretiseren", "uitvoeren", "verduurzamen"):
        assert len(mine.rounds(phase)) == 1 and not mine.round(phase).get("stand_in")
    assert mine.items("concretiseren", "acties"), "the actions did not disappear behind an empty round"


def test_a_new_logo_travels_to_the_other_laptop(secretary, chair, method, tmp_path):
    import io

    from PIL import Image

    def png(colour: str) -> bytes:
        buffer = io.BytesIO()
        Image.new("RGB", (80, 40), colour).save(buffer, format="PNG")
        return buffer.getvalue()

    plan = hockey_club_halfway(secretary, method)
    secretary.store_logo(secretary.load(plan.id), png("navy"))
    sharing.finish_import(chair, sharing.prepare_import(chair, sharing.export_plan(
        secretary, plan.id, tmp_path / "1.vvplan")))
    secretary.store_logo(secretary.load(plan.id), png("orange"))  # the club got a new logo
    outcome = sharing.prepare_import(chair, sharing.export_plan(secretary, plan.id, tmp_path / "2.vvplan"))
    assert outcome.kind == "merged"
    sharing.finish_import(chair, outcome)
    with Image.open(chair.logo_file(plan.id)) as logo:
        assert logo.convert("RGB").getpixel((5, 5)) == (255, 165, 0)
    back = sharing.prepare_import(secretary, sharing.export_plan(chair, plan.id, tmp_path / "3.vvplan"))
    assert back.kind == "unchanged"  # and it does not bounce back and forth


# -- issue 8: a new order travels, merging stays within what can be sent again ----------------------
def _goals(store: PlanStore, plan_id: str) -> list[str]:
    return [i["values"]["tekst"] for i in store.load(plan_id).items("concretiseren", "doelen")]


def _send(source: PlanStore, target: PlanStore, plan_id: str, file: Path) -> None:
    outcome = sharing.prepare_import(target, sharing.export_plan(source, plan_id, file))
    sharing.finish_import(target, outcome, default_choices(outcome.conflicts, None))


def test_a_new_order_reaches_the_other_laptop_both_ways(secretary, chair, method, tmp_path):
    """Moving an item had no change mark: the other laptop never got the new order."""
    plan = _shared(secretary, chair, method, tmp_path)
    before = _goals(secretary, plan.id)
    assert len(before) >= 2
    mine = secretary.load(plan.id)
    last = mine.items("concretiseren", "doelen")[-1]["id"]
    assert mine.move_item("concretiseren", "doelen", last, -1)
    secretary.save(mine)
    moved = _goals(secretary, plan.id)
    assert moved != before
    _send(secretary, chair, plan.id, tmp_path / "1.vvplan")
    assert _goals(chair, plan.id) == moved

    # The chair moves it back and adds a goal only they have; the secretary gets both.
    theirs = chair.load(plan.id)
    first = theirs.items("concretiseren", "doelen")[0]["id"]
    assert theirs.move_item("concretiseren", "doelen", first, +1)
    theirs.add_item("concretiseren", "doelen", {"tekst": "Alleen bij de voorzitter"})
    chair.save(theirs)
    _send(chair, secretary, plan.id, tmp_path / "2.vvplan")
    assert _goals(secretary, plan.id) == _goals(chair, plan.id) == [*before, "Alleen bij de voorzitter"]


def test_the_newer_order_wins_and_keeps_items_only_one_side_has(secretary, chair, method, tmp_path):
    plan = _shared(secretary, chair, method, tmp_path)
    mine = secretary.load(plan.id)
    extra = mine.add_item("concretiseren", "doelen", {"tekst": "Alleen bij de secretaris"})
    mine.move_item("concretiseren", "doelen", extra, -1)
    secretary.save(mine)
    theirs = chair.load(plan.id)
    later = (datetime.now(UTC) + timedelta(minutes=1)).isoformat(timespec="milliseconds")
    theirs._clock = lambda: later  # a minute later: this move wins (both moved: the newer order, no question)
    ids = [i["id"] for i in theirs.items("concretiseren", "doelen")]
    theirs.move_item("concretiseren", "doelen", ids[1], -1)
    theirs.add_item("concretiseren", "doelen", {"tekst": "Alleen bij de voorzitter"})
    chair.save(theirs)
    _send(chair, secretary, plan.id, tmp_path / "1.vvplan")
    _send(secretary, chair, plan.id, tmp_path / "2.vvplan")
    goals = _goals(secretary, plan.id)
    assert goals == _goals(chair, plan.id)
    assert "Alleen bij de secretaris" in goals and "Alleen bij de voorzitter" in goals
    ids_now = [i["id"] for i in secretary.load(plan.id).items("concretiseren", "doelen") if i["id"] in ids]
    assert ids_now == [ids[1], ids[0], *ids[2:]]  # the chair's later move holds on both laptops


def test_a_file_without_order_marks_still_merges(secretary, chair, method, tmp_path):
    """Files from before the order mark: no "order" in the rounds; they load and merge as before."""
    import json

    plan = _shared(secretary, chair, method, tmp_path)
    theirs = chair.load(plan.id)
    theirs.add_item("concretiseren", "doelen", {"tekst": "Oud bestand"})
    chair.save(theirs)
    file = sharing.export_plan(chair, plan.id, tmp_path / "oud.vvplan")
    data = json.loads(file.read_text("utf-8"))
    for phase in data["plan"]["phases"].values():
        for rnd in phase["rounds"]:
            rnd.pop("order", None)
    file.write_text(json.dumps(data), "utf-8")
    sharing.finish_import(secretary, sharing.prepare_import(secretary, file))
    assert _goals(secretary, plan.id)[-1] == "Oud bestand"


def test_a_merge_that_could_not_be_sent_again_is_refused(secretary, chair, method, tmp_path):
    from vv_desktop.core.exchange import MAX_ITEMS

    plan = _shared(secretary, chair, method, tmp_path)
    mine = secretary.load(plan.id)
    for n in range(MAX_ITEMS // 2 + 1):
        mine.add_item("uitvoeren", "eigen_tips", {"tekst": f"mijn tip {n}"})
    secretary.save(mine)
    theirs = chair.load(plan.id)
    for n in range(MAX_ITEMS // 2 + 1):
        theirs.add_item("uitvoeren", "eigen_tips", {"tekst": f"hun tip {n}"})
    chair.save(theirs)
    before = (secretary.plan_folder(plan.id) / "plan.json").read_bytes()
    with pytest.raises(ExchangeError, match=str(MAX_ITEMS)):
        sharing.prepare_import(secretary, sharing.export_plan(chair, plan.id, tmp_path / "1.vvplan"))
    assert (secretary.plan_folder(plan.id) / "plan.json").read_bytes() == before


def test_an_imported_name_follows_the_windows_rules(secretary, chair, method, tmp_path):
    """Names from a file skipped the rules the window enforces (length, lines, escape sequences)."""
    plan = hockey_club_halfway(secretary, method, name="x" * 80)
    chair.create("x" * 80, "Andere club")  # the same name: the import gets a "(kopie)" name that still fits
    outcome = sharing.prepare_import(chair, sharing.export_plan(secretary, plan.id, tmp_path / "1.vvplan"))
    sharing.finish_import(chair, outcome)
    name = chair.load(plan.id).name
    assert name != "x" * 80 and chair.check_name(name, exclude_id=plan.id) == name


def test_a_choice_in_a_plan_holding_odd_marks_is_still_a_new_change(secretary, chair, method, tmp_path):
    """A plan that already holds a mark of year 9999 (from an older app): a merge choice must come after it."""
    plan = _shared(secretary, chair, method, tmp_path)
    _edit(secretary, plan.id, "kansen", "A")
    _edit(chair, plan.id, "kansen", "B")
    mine = secretary.load(plan.id)
    odd = "9999-12-31T23:59:59.998+00:00"
    mine.doc["seen"][secretary.device_id] = odd
    secretary.save(mine)
    outcome = sharing.prepare_import(secretary, sharing.export_plan(chair, plan.id, tmp_path / "b.vvplan"))
    (conflict,) = outcome.conflicts
    sharing.finish_import(secretary, outcome, {conflict.id: THEIRS})
    cell = secretary.load(plan.id).round("agenderen")["answers"]["kansen"]
    assert cell["v"] == "B" and cell["t"] > odd and cell["d"] == secretary.device_id


def test_a_plan_the_colleague_would_refuse_is_not_exported_and_says_why(tmp_path):
    """Found in review: a plan with a mark from a clock that ran years ahead (or a hand-edited one)
    exported fine and was then refused by every colleague. Now the export says so and makes no file."""
    store = PlanStore(tmp_path, Settings(tmp_path).device_id)
    plan = store.create("Seizoen", "Club")
    plan.set_answer("agenderen", "kansen", "tekst")
    plan.round("agenderen")["answers"]["kansen"]["t"] = "9999-12-31T23:59:59.999+00:00"
    store.save(plan)
    target = tmp_path / "uit" / "plan.vvplan"
    target.parent.mkdir()
    with pytest.raises(ExchangeError):
        sharing.export_plan(store, plan.id, target)
    assert list(target.parent.iterdir()) == []
