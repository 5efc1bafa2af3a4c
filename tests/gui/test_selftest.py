"""--self-test goes through the real window, storage, poster and exchange, and says what failed."""

from __future__ import annotations

from vv_desktop.cli import main
from vv_desktop.core.store import PlanStore
from vv_desktop.ui import selftest


def test_the_self_test_passes_and_names_each_step(qapp, capsys):
    assert main(["--self-test"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert len([line for line in out if line.startswith("ok  ")]) == 4
    assert out[-1] == "Zelftest geslaagd."


def test_an_answer_that_is_not_saved_fails_the_self_test(qapp, capsys, monkeypatch):
    from vv_desktop.core.plan_writer import snapshot

    real_write = PlanStore.write

    def write_without_answers(self, job):  # every save, also the autosave's, writes through PlanStore.write
        doc = job.doc()
        for phase in doc.get("phases", {}).values():
            for round_ in phase.get("rounds", []):
                round_.get("answers", {}).clear()
        job.snapshot = snapshot(doc)
        real_write(self, job)

    monkeypatch.setattr(PlanStore, "write", write_without_answers)
    assert selftest.run_self_test() == 1
    err = capsys.readouterr().err
    assert err.startswith("Zelftest mislukt:") and err[-1] == "\n" and err.count("\n") == 1


def test_an_unexpected_error_is_one_sentence_not_a_traceback(qapp, capsys, monkeypatch):
    from vv_desktop.render import kinds

    def broken(*_args, **_kwargs):
        raise RuntimeError("geen lettertype")

    monkeypatch.setattr(kinds, "render", broken)
    assert selftest.run_self_test() == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and "geen lettertype" in err and err.startswith("Zelftest mislukt:")
