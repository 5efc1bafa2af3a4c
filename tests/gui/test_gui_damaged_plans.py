"""Through the window: the import undo is offered only while it fits, and a plan damaged since the
list was read gives a sentence."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from tests.helpers.factory import hockey_club_halfway
from tests.helpers.gui import answer_modal, imported
from vv_desktop.core import sharing
from vv_desktop.core.settings import Settings
from vv_desktop.core.store import PlanStore


def _colleagues_plan(tmp_path: Path, method) -> tuple[str, Path]:
    other = tmp_path / "collega"
    other.mkdir()
    store = PlanStore(other, Settings(other).device_id)
    plan = hockey_club_halfway(store, method, "Plan van de collega")
    return plan.id, sharing.export_plan(store, plan.id, tmp_path / "collega.vvplan")


def _accept_every_modal() -> QTimer:
    def accept() -> None:
        widget = QApplication.activeModalWidget()
        if widget is not None:
            widget.accept()

    timer = QTimer()
    timer.timeout.connect(accept)
    timer.start(20)
    return timer


def test_the_undo_of_an_import_never_deletes_a_plan_from_the_trash(qtbot, open_window, method, tmp_path,
                                                                  monkeypatch):
    """A new plan is imported but its pages cannot be shown (open_plan's own fallback). The window
    goes back to the list, yet "Import ongedaan maken" stays in the status bar (last_import is set
    after open_plan, whatever it returned). The person deletes the plan that cannot be shown, then
    clicks the button that is still there: undo_import trashes it a second time, and Trash.put
    removes the copy in the trash before it finds that plans/<id> is gone."""
    plan_id, file = _colleagues_plan(tmp_path, method)
    window = open_window()
    import vv_desktop.ui.plan_view as plan_view

    real = plan_view.PlanView

    def cannot_show(session, *args, **kwargs):
        if session.plan.id == plan_id:
            raise RuntimeError("a plan the pages cannot show")
        return real(session, *args, **kwargs)

    monkeypatch.setattr(plan_view, "PlanView", cannot_show)
    answer_modal(lambda box: box.accept())  # "De app kan dit plan niet tonen"
    assert imported(qtbot, window, file)
    assert window.session is None and window.stack.currentWidget() is window.home
    offered_on_the_list = window.undo_import_button.isVisible()

    answer_modal(lambda box: box.button(QMessageBox.StandardButton.Yes).click())  # to the trash
    window.plans.delete_plan(plan_id)
    assert window.store.is_trashed(plan_id)
    if window.undo_import_button.isVisible():
        told = _accept_every_modal()  # whatever it says (here: two warnings)
        qtbot.mouseClick(window.undo_import_button, Qt.MouseButton.LeftButton)
        told.stop()
    assert window.store.is_trashed(plan_id), "the plan in the trash was deleted for good"
    assert not offered_on_the_list, "the undo of an import is offered while no plan of it is open"


def _damage_after_listing(data_dir: Path, plan_id: str) -> None:
    """The plan file is damaged after the list was read (a sync tool, a stick pulled out): the
    summary next to it still lists the plan."""
    (data_dir / "plans" / plan_id / "plan.json").write_bytes(b'{"plan": {"1": {"id": "')


def _rename_to(text: str):
    def answer(dialog) -> None:
        dialog.name.setText(text)
        dialog.accept()

    return answer


def test_renaming_a_plan_damaged_since_the_list_was_made_gives_a_sentence(qtbot, open_window, data_dir, method):
    """Opening such a plan goes through store.open_plan (set aside, a sentence). Renaming or copying
    it from the list still calls store.load and lets PlanFileError escape the slot."""
    from tests.helpers.gui import make_plans

    victim, _other = make_plans(data_dir, method, "Kapot", "Heel")
    window = open_window()
    _damage_after_listing(data_dir, victim.id)
    told = _accept_every_modal()
    answer_modal(_rename_to("Nieuwe naam"))
    try:
        window.plans.rename_plan(victim.id)
    except Exception as exc:  # noqa: BLE001 - any escape is the finding
        pytest.fail(f"renaming let {type(exc).__name__}: {exc} escape")
    finally:
        told.stop()


def test_copying_a_plan_damaged_since_the_list_was_made_gives_a_sentence(qtbot, open_window, data_dir, method):
    from tests.helpers.gui import make_plans

    victim, _other = make_plans(data_dir, method, "Kapot", "Heel")
    window = open_window()
    _damage_after_listing(data_dir, victim.id)
    answer_modal(_rename_to("Kopie van kapot"))
    told = _accept_every_modal()
    try:
        window.plans.duplicate_plan(victim.id)
    except Exception as exc:  # noqa: BLE001 - any escape is the finding
        pytest.fail(f"copying let {type(exc).__name__}: {exc} escape")
    finally:
        told.stop()
