"""The command line: --help, --version, sub-commands with --data-dir before or after them."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.helpers.damage import DAMAGES, prepare
from tests.helpers.factory import hockey_club_halfway
from vv_desktop import __version__
from vv_desktop.cli import main
from vv_desktop.core.settings import Settings
from vv_desktop.core.store import LOGO_FILE, PlanStore


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


# -- vv-desktop render: what goes wrong is one Dutch sentence on stderr, never a traceback ---------------------
@pytest.fixture
def hockey_store(data_dir, method):
    store = PlanStore(data_dir, Settings(data_dir).device_id)
    return store, hockey_club_halfway(store, method)


def render_args(data_dir, plan_id: str, kind: str, out) -> list[str]:
    return ["render", "--data-dir", str(data_dir), "--plan", plan_id, "--kind", kind, "-o", str(out)]


def test_render_with_an_address_too_long_for_a_qr_code_makes_the_poster_and_says_so(capsys, data_dir,
                                                                                     hockey_store, tmp_path):
    store, plan = hockey_store
    plan.set_club("contact_email", "a" * 5000 + "@example.nl")
    store.save(plan)
    for kind in ("poster", "poster-tiled", "report"):
        out = tmp_path / f"{kind}.pdf"
        assert main(render_args(data_dir, plan.id, kind, out)) == 0
        captured = capsys.readouterr()
        assert str(out) in captured.out and out.stat().st_size > 1000
        assert "Traceback" not in captured.err
    assert captured.err == ""  # the report has no QR code, so nothing to say


def test_render_with_a_damaged_logo_makes_the_pdf_without_it(capsys, data_dir, hockey_store, tmp_path):
    store, plan = hockey_store
    (store.plan_folder(plan.id) / LOGO_FILE).write_bytes(b"\x89PNG\r\n\x1a\n" + b"kapot" * 10)
    out = tmp_path / "werkblad.pdf"
    assert main(render_args(data_dir, plan.id, "worksheet", out)) == 0
    captured = capsys.readouterr()
    assert out.stat().st_size > 1000 and captured.err.strip()  # made, with a note about the logo
    assert "Traceback" not in captured.err and len(captured.err.strip().splitlines()) == 1


def test_render_into_a_full_disk_is_a_dutch_sentence_and_leaves_nothing(capsys, data_dir, hockey_store, tmp_path,
                                                                       monkeypatch):
    import errno
    import os

    store, plan = hockey_store
    folder = tmp_path / "uit"
    folder.mkdir()

    def full(*_args):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)  # the disk's answer is simulated; the rest is real
    assert main(render_args(data_dir, plan.id, "report", folder / "rapport.pdf")) == 1
    monkeypatch.undo()
    err = capsys.readouterr().err
    assert err.startswith("Niet gelukt") and len(err.strip().splitlines()) == 1
    assert "No space" not in err and "Traceback" not in err
    assert list(folder.iterdir()) == []


def test_render_without_its_fonts_is_a_dutch_sentence(capsys, data_dir, hockey_store, tmp_path, monkeypatch):
    from vv_desktop.render.fonts import fonts

    store, plan = hockey_store
    monkeypatch.setattr("vv_desktop.render.fonts.assets_dir", lambda: tmp_path / "weg")
    fonts.cache_clear()
    try:
        assert main(render_args(data_dir, plan.id, "poster", tmp_path / "poster.pdf")) == 1
    finally:
        fonts.cache_clear()
    err = capsys.readouterr().err
    assert err.startswith("Niet gelukt") and "Traceback" not in err
    assert not (tmp_path / "poster.pdf").exists()


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
