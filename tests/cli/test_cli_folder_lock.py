"""export / import and the lock on the data folder, and a read-only data folder, from the command line."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path

from tests.helpers.factory import hockey_club_halfway
from tests.helpers.locks import write_lock
from tests.helpers.read_only_folder import read_only
from vv_desktop.cli import main
from vv_desktop.core import sharing
from vv_desktop.core.folder_lock import LOCK_FILE
from vv_desktop.core.settings import Settings
from vv_desktop.core.store import PlanStore
from vv_desktop.ui.single_instance import SingleInstance


def _plan_in(folder: Path, method):
    folder.mkdir(parents=True, exist_ok=True)
    return hockey_club_halfway(PlanStore(folder, Settings(folder).device_id), method)


def test_export_takes_over_an_empty_lock_file(capsys, tmp_path, method):
    data = tmp_path / "data"
    plan = _plan_in(data, method)
    (data / LOCK_FILE).write_bytes(b"")
    out = tmp_path / "plan.vvplan"
    assert main(["export", "--data-dir", str(data), "--plan", plan.id, "-o", str(out)]) == 0
    assert out.is_file()
    assert not (data / LOCK_FILE).exists()  # taken over, and released after


def test_export_names_the_other_computer_and_changes_nothing(capsys, tmp_path, method):
    data = tmp_path / "data"
    plan = _plan_in(data, method)
    write_lock(data, 4242, "laptop-van-de-voorzitter")
    before = (data / LOCK_FILE).read_bytes()
    out = tmp_path / "plan.vvplan"
    assert main(["export", "--data-dir", str(data), "--plan", plan.id, "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "laptop-van-de-voorzitter" in err
    assert not out.exists()
    assert (data / LOCK_FILE).read_bytes() == before


def test_import_while_stappenplan_runs_is_refused(capsys, qapp, tmp_path, method):
    a, b = tmp_path / "a", tmp_path / "b"
    plan = _plan_in(a, method)
    file = sharing.export_plan(PlanStore(a, Settings(a).device_id), plan.id, tmp_path / "plan.vvplan")
    b.mkdir()
    running = SingleInstance(b)
    assert running.acquire()
    try:
        assert main(["import", "--data-dir", str(b), str(file)]) == 1
        assert not (b / "plans" / plan.id).exists()
    finally:
        running.release()


def test_a_read_only_folder_is_listed_and_exported_but_not_imported_into(capsys, tmp_path, method):
    data = tmp_path / "stick"
    plan = _plan_in(data, method)
    (data / "plans" / plan.id / "summary.json").unlink()  # the cache must be written anew, and cannot be
    file = sharing.export_plan(PlanStore(data, Settings(data).device_id), plan.id, tmp_path / "plan.vvplan")
    out = tmp_path / "uit.vvplan"
    with read_only(data):
        capsys.readouterr()
        assert main(["plans", "--data-dir", str(data)]) == 0
        assert plan.name in capsys.readouterr().out
        assert main(["export", "--data-dir", str(data), "--plan", plan.name, "-o", str(out)]) == 0
        assert out.is_file()
        capsys.readouterr()
        assert main(["import", "--data-dir", str(data), str(file)]) == 1
        assert capsys.readouterr().err.strip()


def test_a_read_only_folder_renders_a_pdf(capsys, tmp_path, method):
    data = tmp_path / "stick"
    plan = _plan_in(data, method)
    out = tmp_path / "rapport.pdf"
    with read_only(data):
        assert main(["render", "--data-dir", str(data), "--plan", plan.name, "--kind", "report",
                     "-o", str(out)]) == 0
    assert out.is_file()
