"""Benchmark: the action pages of a plan with 300 actions vs a bare page of 20 cards (offscreen).

The real MainWindow reopens a plan whose Concretiseren has ``--actions`` actions. Measured per
repeat, each in a fresh window on the same data folder:

- concretiseren: ``view.go("concretiseren")`` until the page is on screen (one round of events:
  layout and paint), the first visit;
- uitvoeren: the same for Uitvoeren (its list of actions to tick off), the first visit;
- after edit: one letter typed in the first action of Concretiseren, then back to Uitvoeren;
- add / move: "+ Actie toevoegen", and the first action one place down, in Concretiseren;
- close: ``MainWindow.show_home()`` until the deleted widgets are gone;
- complete: for a page that builds part of its cards later (from a zero-timer), the time until
  every card exists (the other figures stop at the first paint).

BASELINE, interleaved in the same run: a bare QWidget page with 20 cards of the same plain widgets
(a QFrame with a QGridLayout: QLabel, QLineEdit, QComboBox, QToolButton..., no app code) under the
window's original style sheet, built, put in a QStackedWidget of a QMainWindow and shown the same
way. The aim: the 300-action page in under 2x the bare 20-card page.

    .venv/bin/python bench/bench_pages.py [--repeat 5] [--actions 300]

Prints a table and writes bench/results/bench_pages.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import _plans
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFrame,
    QGridLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

RESULTS = Path(__file__).resolve().parent / "results"

# The window's style sheet as it was before issue 11 (ui/style.py), so that the baseline stays
# the same whatever the app does with its own sheet.
BASE_SHEET = """
QLabel#fieldTitle { font-weight: 600; margin-top: 10px; }
QLabel#fieldHelp, QLabel#muted { color: palette(placeholder-text); }
QLabel#dateHint, QLabel#errorText { color: #a12622; }
QLabel#columnHead { font-weight: 600; }
QLabel#banner { background: #fff4d6; color: #3d2c00; border: 1px solid #e0c060; border-radius: 4px; padding: 6px; }
QFrame#actionCard, QFrame#statementRow { border: 1px solid palette(mid); border-radius: 4px; }
QPushButton#stepButton { text-align: left; padding: 8px 10px; border: 1px solid palette(mid);
    border-left: 6px solid palette(mid); border-radius: 4px; background: palette(base); }
QPushButton#stepButton:checked { background: palette(highlight); color: palette(highlighted-text); }
QPushButton#stepButton:focus { border: 2px solid palette(highlight); border-left: 6px solid palette(highlight); }
QPushButton#primary { font-weight: 600; padding: 6px 14px; }
"""


def _settle() -> None:
    """One round of events (layout, paint), as after a click; and the deletions Qt had waiting."""
    QApplication.processEvents()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def _timed(action) -> float:
    start = time.perf_counter()
    action()
    _settle()
    return time.perf_counter() - start


# -- the bare baseline ------------------------------------------------------------------------------
def _bare_card(n: int) -> QFrame:
    card = QFrame()
    card.setObjectName("actionCard")
    card.setFrameShape(QFrame.Shape.StyledPanel)
    grid = QGridLayout(card)
    grid.addWidget(QLabel(f"Actie {n}"), 0, 0)
    grid.addWidget(QLineEdit(_plans.SENTENCES[n % len(_plans.SENTENCES)]), 0, 1, 1, 5)
    status = QComboBox()
    status.addItems(["Gepland", "Bezig", "Klaar", "Gestopt"])
    grid.addWidget(status, 0, 6)
    for col, text in enumerate(("▲", "▼", "Weg")):
        button = QToolButton()
        button.setText(text)
        grid.addWidget(button, 0, 7 + col)
    goal = QComboBox()
    goal.addItems(["— geen doel gekozen —"] + [f"{i}. {s[:60]}" for i, s in enumerate(_plans.SENTENCES[:4], 1)])
    level = QComboBox()
    level.addItems(["—", "Bestuur", "Trainers", "Ouders", "Spelers", "Jeugdraad"])
    for col, (text, widget) in enumerate((("Doel", goal), ("Wie", QLineEdit("Voorzitter")), ("Niveau", level),
                                          ("Wanneer", QLineEdit("september")))):
        label = QLabel(text)
        label.setBuddy(widget)
        grid.addWidget(label, 1, col * 2)
        grid.addWidget(widget, 1, col * 2 + 1)
    return card


class BareWindow(QMainWindow):
    def __init__(self) -> None:
        super().__init__()
        self.setStyleSheet(BASE_SHEET)
        self.resize(1280, 800)
        self.stack = QStackedWidget()
        self.stack.addWidget(QLabel("Start"))
        self.setCentralWidget(self.stack)

    def show_page(self, cards: int) -> None:
        content = QWidget()
        layout = QVBoxLayout(content)
        for n in range(1, cards + 1):
            layout.addWidget(_bare_card(n))
        layout.addWidget(QPushButton("+ Actie toevoegen"))
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)
        self.stack.addWidget(scroll)
        self.stack.setCurrentWidget(scroll)


def bare(cards: int) -> float:
    window = BareWindow()
    window.show()
    _settle()
    seconds = _timed(lambda: window.show_page(cards))
    window.deleteLater()
    _settle()
    return seconds


# -- the app --------------------------------------------------------------------------------------
ROUNDS: list[float] = []  # how long each round of events took while cards were still being built


def _complete(page) -> float:
    """Seconds until every field of ``page`` has all its rows (a field may build some later)."""
    start = time.perf_counter()
    while any(getattr(f, "rows_pending", lambda: False)() for f in page.fields):
        before = time.perf_counter()
        QApplication.processEvents()
        ROUNDS.append(time.perf_counter() - before)
    return time.perf_counter() - start


def app_run(folder: Path) -> dict[str, float]:
    from vv_desktop.core.settings import Settings
    from vv_desktop.core.store import PlanStore
    from vv_desktop.core.worksheets import load_method
    from vv_desktop.ui.main_window import MainWindow
    from vv_desktop.ui.services import AppServices

    settings = Settings(folder)
    window = MainWindow(AppServices(PlanStore(folder, settings.device_id), settings, load_method(),
                                    folder / "log"))
    window.resize(1280, 800)
    window.show()
    window.start()
    _settle()
    view = window.view
    out: dict[str, float] = {}
    out["concretiseren"] = _timed(lambda: view.go("concretiseren"))
    out["concretiseren_complete"] = out["concretiseren"] + _complete(view.current_page)
    out["uitvoeren"] = _timed(lambda: view.go("uitvoeren"))
    out["uitvoeren_complete"] = out["uitvoeren"] + _complete(view.current_page)
    view.go("concretiseren")
    _complete(view.current_page)
    actions = next(f for f in view.current_page.fields if f.fdef.id == "acties")
    actions.cards[0].what.setFocus()
    QTest.keyClicks(actions.cards[0].what, "x")
    _settle()
    out["after_edit"] = _timed(lambda: view.go("uitvoeren"))
    out["after_edit_complete"] = out["after_edit"] + _complete(view.current_page)
    view.go("concretiseren")
    _settle()
    actions = next(f for f in view.current_page.fields if f.fdef.id == "acties")
    out["add"] = _timed(actions.add_button.click)
    actions = next(f for f in view.current_page.fields if f.fdef.id == "acties")
    out["move"] = _timed(actions.cards[0].down_button.click)
    window.plan_undo.stack.setIndex(0)  # the plan as it was, for the next repeat
    _settle()
    window.session.save_now()
    out["close"] = _timed(window.show_home)
    window.deleteLater()
    _settle()
    return out


STEPS = ["concretiseren", "concretiseren_complete", "uitvoeren", "uitvoeren_complete", "after_edit",
         "after_edit_complete", "add", "move", "close"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="fresh windows measured (default 5)")
    parser.add_argument("--actions", type=int, default=300, help="actions in the plan (default 300)")
    parser.add_argument("--cards", type=int, default=20, help="cards on the bare page (default 20)")
    parser.add_argument("--label", default="", help="a name for this run in the results file")
    args = parser.parse_args()
    from vv_desktop.ui.application import Application

    app = Application(sys.argv[:1])  # noqa: F841 - the windows need it
    work = Path(tempfile.mkdtemp(prefix="bench_pages-"))
    try:
        folder = work / "data"
        _plans.actions_plan(folder, args.actions)
        bare(args.cards)  # warm-up of both
        app_run(folder)
        ROUNDS.clear()
        runs: list[dict[str, float]] = []
        bares: list[float] = []
        for _ in range(args.repeat):
            bares.append(bare(args.cards))
            runs.append(app_run(folder))
            bares.append(bare(args.cards))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    base = statistics.median(bares)
    print(f"bare page, {args.cards} cards: median {base * 1000:.0f} ms (min {min(bares) * 1000:.0f}, "
          f"max {max(bares) * 1000:.0f}, {len(bares)} pages)")
    print(f"{'app, ' + str(args.actions) + ' actions':<26} {'median':>8} {'min':>7} {'max':>7} "
          f"{'ratio':>6} {'ratio min-max':>14}")
    table: dict[str, dict[str, float]] = {}
    for step in STEPS:
        values = [r[step] for r in runs]
        flanking = [(bares[2 * i] + bares[2 * i + 1]) / 2 for i in range(len(runs))]  # the bare pages around it
        ratios = sorted(v / b for v, b in zip(values, flanking, strict=True))
        row = {"median_s": statistics.median(values), "min_s": min(values), "max_s": max(values),
               "ratio": statistics.median(values) / base, "ratio_min": ratios[0], "ratio_max": ratios[-1]}
        table[step] = row
        print(f"{step:<26} {row['median_s'] * 1000:>6.0f}ms {row['min_s'] * 1000:>5.0f}ms "
              f"{row['max_s'] * 1000:>5.0f}ms {row['ratio']:>5.1f}x {row['ratio_min']:>6.1f}-{row['ratio_max']:.1f}x")
    if ROUNDS:
        ROUNDS.sort()
        print(f"while cards were built later: {len(ROUNDS)} rounds of events, median "
              f"{statistics.median(ROUNDS) * 1000:.1f} ms, p90 {ROUNDS[int(len(ROUNDS) * 0.9)] * 1000:.1f} ms, "
              f"max {ROUNDS[-1] * 1000:.1f} ms")
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "bench_pages.json").write_text(json.dumps({
        "label": args.label, "python": platform.python_version(), "machine": platform.machine(),
        "repeat": args.repeat, "actions": args.actions, "cards": args.cards,
        "bare_median_s": base, "bare_s": bares, "app": table, "runs": runs,
        "rounds_while_building_s": ROUNDS}, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
