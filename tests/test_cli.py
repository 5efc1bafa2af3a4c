"""The command line: --help, --version, sub-commands with --data-dir before or after them."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.damage import DAMAGES, prepare
from tests.factory import hockey_club_halfway
from vv_desktop import __version__
from vv_desktop.cli import main
from vv_desktop.core.settings import Settings
from vv_desktop.core.store import PlanStore


def test_version_and_help_in_dutch(capsys):
    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0
    assert __version__ in capsys.readouterr().out
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert "--data-dir" in out and "toon deze uitleg" in out and "plans" in out


@pytest.mark.parametrize("order", ["before", "after"])
def test_plans_lists_the_plans_of_the_data_dir(capsys, data_dir, method, order):
    plan = hockey_club_halfway(PlanStore(data_dir, Settings(data_dir).device_id), method)
    argv = ["--data-dir", str(data_dir), "plans"] if order == "before" else ["plans", "--data-dir", str(data_dir)]
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert plan.id in out and "Mixed Hockey Club Vleuten" in out


def test_a_data_dir_that_cannot_be_made_gives_a_message_and_exit_1(capsys, tmp_path):
    blocker = tmp_path / "bestand"
    blocker.write_text("geen map")
    assert main(["plans", "--data-dir", str(blocker / "plannen")]) == 1
    assert "Dat lukt niet" in capsys.readouterr().err


def test_python_dash_m_starts_the_same_entry_point():
    result = subprocess.run([sys.executable, "-m", "vv_desktop", "--version"], capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0 and __version__ in result.stdout


@pytest.mark.parametrize("kind", list(DAMAGES))
def test_plans_and_export_work_whatever_else_is_in_the_data_dir(capsys, tmp_path, monkeypatch, kind):
    data = tmp_path / "data"
    good, victim = prepare(data, kind, monkeypatch)
    assert main(["--data-dir", str(data), "plans"]) == 0
    out = capsys.readouterr().out
    assert all(plan_id in out for plan_id in good)
    assert (victim in out) == DAMAGES[kind].victim_lists
    for plan_id in good + ([victim] if DAMAGES[kind].victim_lists else []):
        out_file = tmp_path / f"{plan_id}.vvplan"
        assert main(["--data-dir", str(data), "export", "--plan", plan_id, "-o", str(out_file)]) == 0
        assert out_file.is_file()


def test_plans_with_a_file_named_plans_gives_a_message(capsys, data_dir):
    (data_dir / "plans").write_text("geen map", "utf-8")
    assert main(["--data-dir", str(data_dir), "plans"]) == 0
    captured = capsys.readouterr()
    assert "plans-" in captured.err and "Traceback" not in captured.err
