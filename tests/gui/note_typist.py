"""Child process for the durability test: opens the window, then types an evidence note key by key.

Prints ``typed <n> <unix time>`` after each key, so the parent knows what was typed when it kills us.
Usage: python note_typist.py DATA_DIR CASE_REFERENCE TEXT INTERVAL_MS
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

os.environ["QT_QPA_PLATFORM"] = "offscreen"

from PySide6.QtCore import QTimer
from PySide6.QtTest import QTest

from omi_desktop.gui.app import create_application
from omi_desktop.gui.main_window import MainWindow
from omi_desktop.gui.workspace import Workspace


def main() -> None:
    data_dir, reference, text, interval = Path(sys.argv[1]), sys.argv[2], sys.argv[3], int(sys.argv[4])
    app = create_application()
    window = MainWindow(Workspace.open(data_dir))
    window.show()
    window.case_list.ui.filterEdit.setText(reference)
    window.case_list.select_first()
    state = {"n": 0}

    def ready() -> bool:
        return window.review.view is not None and not window.review.session.loading

    def start() -> None:
        if not ready():
            QTimer.singleShot(20, start)
            return
        note = window.review.page.ui.noteEdit
        window.activateWindow()
        note.setFocus()
        print(f"question {window.review.question_id}", flush=True)
        timer = QTimer(window)

        def key() -> None:
            if state["n"] >= len(text):
                timer.stop()
                print("finished", flush=True)
                return
            QTest.keyClicks(note, text[state["n"]])
            state["n"] += 1
            print(f"typed {state['n']} {time.time():.3f}", flush=True)

        timer.timeout.connect(key)
        timer.start(interval)

    QTimer.singleShot(0, start)
    app.exec()


if __name__ == "__main__":
    main()
