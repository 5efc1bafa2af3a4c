"""The screen follows the meaning common.toml gives the action statuses, not their ids: a club (or a
facilitator) that renames them keeps a working 'klaar' tick, a sensible start and the progress count."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from tests.helpers.factory import hockey_club_halfway
from vv_desktop.core.progress import field_filled
from vv_desktop.core.resources import worksheets_dir
from vv_desktop.core.settings import Settings
from vv_desktop.core.store import PlanStore
from vv_desktop.core.worksheets import Method, load_method

RENAMED = {'id = "gepland"': 'id = "nieuw"', 'id = "bezig"': 'id = "onderweg"', 'id = "klaar"': 'id = "af"'}


def _field(window, phase: str, field_id: str):
    return next(f for f in window.view.page(phase).fields if f.fdef.id == field_id)


@pytest.fixture
def method(tmp_path: Path) -> Method:
    """The method with every status that has a role renamed (overrides the shared fixture here)."""
    folder = tmp_path / "worksheets"
    shutil.copytree(worksheets_dir(), folder)
    common = folder / "common.toml"
    text = common.read_text("utf-8")
    for old, new in RENAMED.items():
        assert old in text
        text = text.replace(old, new)
    common.write_text(text, "utf-8")
    return load_method(folder)


def test_renamed_statuses_keep_start_tick_and_progress(qtbot, open_window, data_dir, method):
    store = PlanStore(data_dir, Settings(data_dir).device_id)
    plan = hockey_club_halfway(store, method)
    for item in plan.items("concretiseren", "acties"):  # the factory writes the usual ids
        plan.set_item_value("concretiseren", "acties", item["id"], "status", "nieuw")
    store.save(plan)
    window = open_window()
    window.open_plan(plan.id)
    window.view.go("concretiseren")
    actions = _field(window, "concretiseren", "acties")
    qtbot.mouseClick(actions.add_button, Qt.MouseButton.LeftButton)
    assert actions.cards[-1].status.currentData() == "nieuw"
    assert window.session.plan.items("concretiseren", "acties")[-1]["values"]["status"] == "nieuw"

    window.view.go("uitvoeren")
    progress = _field(window, "uitvoeren", "voortgang")
    voortgang = method.phase("uitvoeren").field("voortgang")
    uitvoeren_plan = window.session.plan
    assert not field_filled(uitvoeren_plan, method, "uitvoeren", voortgang)
    _item, done, status, _note = progress.rows[0]
    done.click()
    assert status.currentData() == "af"
    assert field_filled(uitvoeren_plan, method, "uitvoeren", voortgang)
    done.click()
    assert status.currentData() == "onderweg"
    status.setCurrentIndex(status.findData("af"))
    assert done.isChecked()
