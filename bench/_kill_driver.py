"""Bench-only wrapper: start the REAL app (``vv_desktop.cli.main``) and type into it steadily.

Used by ``bench_kill.py`` (and its small test), which kills this process. The only addition to the
app is a QTimer that, once the window has opened the last plan, types one unique token every
``--interval-ms`` into a field of the open page, with real key events (``QTest.keyClicks``), going
round the text boxes, one-line fields, list lines, action cards, level cells and statement notes
of all four phases. Every token, and every ``saved`` signal of the session, is logged with its
wall-clock time to a side file, flushed at once, so the log survives a SIGKILL::

    ready <time>
    tok <seq> <time> <token>
    saved <time> <seq of the last token typed before the save>

    python bench/_kill_driver.py DATA_DIR LOG_FILE RUN INTERVAL_MS
"""

from __future__ import annotations

import sys
import time


def token(run: int, seq: int) -> str:
    """Unique and never a prefix of another token (fixed widths)."""
    return f"q{run:05d}x{seq:05d}"


def main(data_dir: str, log_path: str, run: int, interval_ms: int) -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QLineEdit, QPlainTextEdit

    from vv_desktop.ui import main_window

    log = open(log_path, "a", buffering=1, encoding="utf-8")  # noqa: SIM115 - open for the whole run
    state = {"seq": 0, "editor": 0}
    original_start = main_window.MainWindow.start

    def write(line: str) -> None:
        log.write(line + "\n")
        log.flush()

    def editors(window) -> list:
        page = window.view.current_page
        found = []
        for widget in page.findChildren(QLineEdit) + page.findChildren(QPlainTextEdit):
            name = widget.accessibleName().lower()
            # Dates are checked when the field is left: a token there would be refused, by design.
            if widget.isReadOnly() or not widget.isEnabled() or "datum" in name or "wanneer" in name:
                continue
            found.append(widget)
        return found

    def type_one(window) -> None:
        if window.view is None:
            return
        seq = state["seq"]
        if seq % 12 == 0:  # every dozen tokens: on to the next phase
            phases = [p.id for p in window.method.phases]
            window.go_phase(phases[(seq // 12) % len(phases)])
        choices = editors(window)
        if not choices:
            return
        editor = choices[(seq * 7) % len(choices)]
        editor.setFocus()
        QTest.keyClicks(editor, f" {token(run, seq)}")
        write(f"tok {seq} {time.time():.6f} {token(run, seq)}")
        state["seq"] = seq + 1

    def start(self) -> None:
        original_start(self)
        if self.session is None:
            write("error no plan opened")
            return
        self.session.saved.connect(lambda: write(f"saved {time.time():.6f} {state['seq'] - 1}"))
        write(f"ready {time.time():.6f}")
        timer = QTimer(self)
        timer.setInterval(interval_ms)
        timer.timeout.connect(lambda: type_one(self))
        timer.start()

    main_window.MainWindow.start = start
    from vv_desktop.cli import main as app_main

    return app_main(["--data-dir", data_dir])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])))
