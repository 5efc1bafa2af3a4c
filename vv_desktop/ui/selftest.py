"""``--self-test``: check an installed or frozen app end to end, headless, in a temporary folder.

It goes the way a user would: open the window, make a plan, type an answer into the first
question, save, start again and find the answer back, print a poster, and export the plan as a
``.vvplan`` file that is then checked like an import. It prints one line per step and exits 0,
or 1 with the reason in one Dutch sentence. Nothing outside the temporary folder is touched.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from vv_desktop.core.i18n import translate

MARK = "Zelftest: we praten erover in de kantine & bij de repetitie <ok>"


class SelfTestFailure(Exception):
    pass


def _check(ok: bool, reason: str) -> None:
    if not ok:
        raise SelfTestFailure(reason)


def _type_first_answer(window) -> None:
    from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit, QTextEdit

    editor = window.view.current_page.first_editor() if window.view is not None else None
    _check(editor is not None, translate("selftest", "Het werkblad toont geen vraag om in te vullen."))
    editor.setFocus()
    if isinstance(editor, QPlainTextEdit | QTextEdit):
        editor.insertPlainText(MARK)
    elif isinstance(editor, QLineEdit):
        editor.insert(MARK)
    else:
        raise SelfTestFailure(translate("selftest", "De eerste vraag is geen tekstveld."))
    QApplication.processEvents()


def _window_steps(root: Path, log_file: Path, method) -> str:
    """Open the window, make a plan, type, save and close; returns the plan's id."""
    from vv_desktop.core.settings import Settings
    from vv_desktop.core.store import PlanStore
    from vv_desktop.ui.main_window import MainWindow
    from vv_desktop.ui.services import AppServices

    settings = Settings(root)
    store = PlanStore(root, settings.device_id)
    window = MainWindow(AppServices(store, settings, method, log_file))
    window.show()
    window.start()
    plan = store.create(translate("selftest", "Zelftest"), translate("selftest", "Zelftestclub"))
    plan.set_club("contact_email", "zelftest@example.org")
    store.save(plan)
    _check(window.open_plan(plan.id), translate("selftest", "De app kan het nieuwe plan niet openen."))
    _type_first_answer(window)
    _check(window.save_all(), translate("selftest", "De app kan het plan niet opslaan."))
    window.close()
    window.deleteLater()
    return plan.id


def _reopen(root: Path, plan_id: str):
    import json

    from vv_desktop.core.settings import Settings
    from vv_desktop.core.store import PlanStore

    store = PlanStore(root, Settings(root).device_id)
    plan = store.load(plan_id)
    _check(MARK in json.dumps(plan.doc, ensure_ascii=False),
           translate("selftest", "Het getypte antwoord is na opnieuw openen niet terug te vinden."))
    return store, plan


def _poster(store, plan, folder: Path, method) -> Path:
    from vv_desktop.render.kinds import Request, render

    pdf = render(Request("poster", "agenderen", "A3"), folder / "poster.pdf", method, plan,
                 store.logo_file(plan.id))
    _check(pdf.read_bytes()[:5] == b"%PDF-" and pdf.stat().st_size > 10_000,
           translate("selftest", "De poster is niet goed gemaakt."))
    return pdf


def _exchange(store, plan, folder: Path) -> Path:
    from vv_desktop.core.exchange import read_exchange
    from vv_desktop.core.sharing import export_plan

    file = export_plan(store, plan.id, folder / "zelftest.vvplan")
    ex = read_exchange(file)  # the checks an import makes
    _check(ex.plan["id"] == plan.id, translate("selftest", "Het .vvplan-bestand bevat niet het juiste plan."))
    return file


def _close_log(log_file: Path) -> None:
    """Stop logging into the temporary folder (Windows cannot delete a file that is still open)."""
    import logging

    root = logging.getLogger()
    for handler in list(root.handlers):
        if Path(getattr(handler, "baseFilename", "")) == log_file:
            root.removeHandler(handler)
            handler.close()


def run_self_test(say: Callable[[str], None] = print) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from vv_desktop.core.logs import setup_logging
    from vv_desktop.core.worksheets import load_method
    from vv_desktop.ui.app import make_application

    make_application()
    # ignore_cleanup_errors: on Windows a file still open (a log, a PDF the OS indexes) must not
    # turn a passed self-test into a traceback.
    with tempfile.TemporaryDirectory(prefix="stappenplan-zelftest-", ignore_cleanup_errors=True) as tmp:
        root = Path(tmp) / "gegevens"
        root.mkdir()
        log_file = setup_logging(root)
        try:
            method = load_method()  # read once: the window and the poster use the same worksheets
            plan_id = _window_steps(root, log_file, method)
            say(translate("selftest", "ok  venster geopend, plan gemaakt, antwoord getypt en opgeslagen"))
            store, plan = _reopen(root, plan_id)
            say(translate("selftest", "ok  opnieuw geopend: het antwoord is er nog"))
            pdf = _poster(store, plan, Path(tmp), method)
            say(translate("selftest", "ok  poster gemaakt ({kb} KB)").format(kb=pdf.stat().st_size // 1024))
            _exchange(store, plan, Path(tmp))
            say(translate("selftest", "ok  .vvplan-bestand gemaakt en gecontroleerd"))
        except SelfTestFailure as exc:
            print(translate("selftest", "Zelftest mislukt: {why}").format(why=exc), file=sys.stderr)
            return 1
        except Exception as exc:  # noqa: BLE001 - the point of a self-test: report, never a traceback
            print(translate("selftest", "Zelftest mislukt: onverwachte fout ({kind}: {why}).").format(
                kind=type(exc).__name__, why=exc), file=sys.stderr)
            return 1
        finally:
            _close_log(log_file)
    say(translate("selftest", "Zelftest geslaagd."))
    return 0
