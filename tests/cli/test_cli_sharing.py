"""vv-desktop export / import / validate, and render from a .vvplan file."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader

from tests.helpers.factory import hockey_club_halfway
from vv_desktop.cli import main
from vv_desktop.core.settings import Settings
from vv_desktop.core.store import PlanStore


def store_in(folder: Path) -> PlanStore:
    folder.mkdir(parents=True, exist_ok=True)
    return PlanStore(folder, Settings(folder).device_id)


def test_export_validate_import_and_a_conflict_kept_side_by_side(capsys, tmp_path, method):
    a_dir, b_dir = tmp_path / "a", tmp_path / "b"
    plan = hockey_club_halfway(store_in(a_dir), method)
    file = tmp_path / "plan.vvplan"
    assert main(["export", "--data-dir", str(a_dir), "--plan", plan.name, "-o", str(file)]) == 0
    assert main(["validate", str(file)]) == 0
    assert "in orde" in capsys.readouterr().out

    assert main(["import", "--data-dir", str(b_dir), str(file)]) == 0
    assert "Nieuw plan" in capsys.readouterr().out
    assert main(["import", "--data-dir", str(b_dir), str(file)]) == 0
    assert "niets nieuws" in capsys.readouterr().out

    for folder, text in ((a_dir, "van A"), (b_dir, "van B")):
        store = store_in(folder)
        p = store.load(plan.id)
        p.set_answer("agenderen", "kansen", text)
        store.save(p)
    reply = tmp_path / "antwoord.vvplan"
    assert main(["export", "--data-dir", str(b_dir), "--plan", plan.id, "-o", str(reply)]) == 0
    capsys.readouterr()
    assert main(["import", "--data-dir", str(a_dir), str(reply)]) == 0
    assert "beide versies onder elkaar" in capsys.readouterr().out
    a = store_in(a_dir)
    assert len(a.scan()[0]) == 1  # merged into the plan itself, no copies piling up
    kansen = a.load(plan.id).answer("agenderen", "kansen")
    assert "van A" in kansen and "van B" in kansen  # nothing overwritten: both versions, side by side
    assert main(["import", "--data-dir", str(a_dir), str(reply)]) == 0
    assert "niets nieuws" in capsys.readouterr().out  # and a second import changes nothing


def test_validate_and_import_refuse_a_bad_file(capsys, tmp_path):
    bad = tmp_path / "kapot.vvplan"
    bad.write_bytes(b"\x00\xffgeen json")
    assert main(["validate", str(bad)]) == 1
    assert "Niet gelukt" in capsys.readouterr().err
    data = tmp_path / "data"
    assert main(["import", "--data-dir", str(data), str(bad)]) == 1
    assert list((data / "plans").iterdir()) == []


def test_export_of_one_phase_and_an_unknown_phase(capsys, tmp_path, method):
    folder = tmp_path / "a"
    plan = hockey_club_halfway(store_in(folder), method)
    out = tmp_path / "fase.vvplan"
    assert main(["export", "--data-dir", str(folder), "--plan", plan.id, "--phase", "uitvoeren", "-o", str(out)]) == 0
    assert main(["export", "--data-dir", str(folder), "--plan", plan.id, "--phase", "fase9", "-o",
                 str(tmp_path / "x.vvplan")]) == 1
    assert not (tmp_path / "x.vvplan").exists()


def test_render_accepts_a_vvplan_file_as_the_plan(capsys, tmp_path, method):
    folder = tmp_path / "a"
    plan = hockey_club_halfway(store_in(folder), method)
    file = tmp_path / "plan.vvplan"
    assert main(["export", "--data-dir", str(folder), "--plan", plan.id, "-o", str(file)]) == 0
    pdf = tmp_path / "poster.pdf"
    assert main(["render", "--plan", str(file), "--kind", "poster", "--phase", "concretiseren", "-o", str(pdf)]) == 0
    assert "Elke trainer weet" in " ".join(PdfReader(pdf).pages[0].extract_text().split())


def test_validate_and_import_refuse_a_named_pipe_at_once(tmp_path):
    """A named pipe given as the file hung `validate` and `import` forever."""
    import os
    import subprocess
    import sys

    fifo = tmp_path / "pijp.vvplan"
    os.mkfifo(fifo)
    for args in (["validate", str(fifo)], ["import", "--data-dir", str(tmp_path / "data"), str(fifo)]):
        try:
            done = subprocess.run([sys.executable, "-m", "vv_desktop", *args], capture_output=True, text=True,
                                  timeout=60, env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
        except subprocess.TimeoutExpired:
            os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))  # let the reader go
            raise
        assert done.returncode == 1 and "gewoon bestand" in done.stderr


def test_an_imported_name_reaches_the_plan_list_without_escape_sequences(capsys, tmp_path, method):
    """`vv-desktop plans` printed a name from a file raw: a terminal obeyed its escape sequences."""
    import json

    from vv_desktop.core.exchange import write_exchange
    from vv_desktop.core.model import Plan

    plan = Plan.new("Seizoen", "Club", "collega")
    plan.doc["name"]["v"] = "Seizoen\x1b[2J\x1b]0;gekaapt\x07\nregel twee"
    file = write_exchange(tmp_path / "vreemd.vvplan", plan.doc, "collega")
    assert "\\u001b" in file.read_text("utf-8")
    assert main(["import", "--data-dir", str(tmp_path / "data"), str(file)]) == 0
    capsys.readouterr()
    assert main(["plans", "--data-dir", str(tmp_path / "data")]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out and "Seizoen" in out and "regel twee" in out
    assert json.dumps(out)  # one line per plan
    assert len(out.strip().splitlines()) == 1
