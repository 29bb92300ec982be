"""Regenerate the pictures of the window in docs/screenshots/ from the training inspection.

    python docs/screenshots/make_gui_screenshots.py [--out DIR] [--scale 2] [--all]

Writes gui-welcome.png, gui-case-list.png, gui-question.png (a question with its guidance open),
gui-finalise.png, gui-area-assessment.png and gui-questionnaires.png, at 1280x720 logical pixels,
offscreen. ``--scale 2`` renders at 200% (for checking high-DPI screens); ``--all`` also writes the other
dialogs (reopen, history, shortcuts, an error).
Everything shown is fictional training data built on the spot in a temporary folder.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

SIZE = (1280, 720)
CASE = "TRN00014"  # not started in the training data: the review starts at its first open question
GUIDED_QUESTION = "1.1.5"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--all", action="store_true", help="also the other dialogs")
    args = parser.parse_args()
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    if args.scale != 1.0:
        os.environ["QT_SCALE_FACTOR"] = str(args.scale)
    args.out.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix="omi-screens-"))
    # The pictures show a data folder in a home folder and an anonymous login, never this machine's.
    os.environ.update(HOME=str(folder), USER="inspector", LOGNAME="inspector", USERNAME="inspector")
    try:
        written = Shooter(folder / "OMI Desktop", args.out).run(args.all)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    for path in written:
        print(path)
    return 0


class Shooter:
    def __init__(self, data_dir: Path, out: Path) -> None:
        from PySide6.QtCore import QtMsgType, qInstallMessageHandler
        from PySide6.QtWidgets import QApplication

        from omi_desktop.gui.app import create_application

        qInstallMessageHandler(lambda kind, _ctx, msg: None if kind == QtMsgType.QtWarningMsg else print(msg))
        self.app = create_application()
        assert isinstance(self.app, QApplication)
        self.data_dir = data_dir
        self.out = out
        self.written: list[Path] = []

    def wait(self, condition: Callable[[], bool], seconds: float = 60) -> None:
        deadline = time.monotonic() + seconds
        while not condition() and time.monotonic() < deadline:
            self.app.processEvents()
            time.sleep(0.005)
        for _ in range(5):  # let layouts settle and paint
            self.app.processEvents()

    def save(self, name: str, image: object) -> None:
        path = self.out / f"gui-{name}.png"
        image.save(str(path))  # type: ignore[attr-defined]
        self.written.append(path)

    def composite(self, window: object, dialog: object) -> object:
        """The window with the dialog over its centre, as a person sees it."""
        from PySide6.QtCore import QPoint
        from PySide6.QtGui import QColor, QPainter

        base = window.grab()  # type: ignore[attr-defined]
        top = dialog.grab()  # type: ignore[attr-defined]
        ratio = base.devicePixelRatio()
        painter = QPainter(base)
        painter.fillRect(base.rect(), QColor(0, 0, 0, 60))
        at = QPoint(
            int((base.width() / ratio - top.width() / ratio) / 2),
            int((base.height() / ratio - top.height() / ratio) / 2),
        )
        shadow = top.rect().translated(at + QPoint(4, 5))
        painter.fillRect(
            shadow.x(), shadow.y(), int(top.width() / ratio), int(top.height() / ratio), QColor(0, 0, 0, 70)
        )
        painter.drawPixmap(at, top)
        painter.end()
        return base

    def run(self, everything: bool) -> list[Path]:
        from omi_desktop.gui.actions import ActionId
        from omi_desktop.gui.main_window import MainWindow
        from omi_desktop.gui.workspace import Workspace

        window = MainWindow(Workspace.open(self.data_dir))
        window.resize(*SIZE)
        window.show()
        window.activateWindow()
        self.wait(window.isActiveWindow)
        window.install_features()  # the welcome screen's "Import assignment…" comes with a feature
        self.wait(lambda: window.features_installed)
        self.save("welcome", window.grab())

        window.actions[ActionId.OPEN_DEMO].trigger()
        self.wait(
            lambda: window.ui.pages.currentWidget() is window.ui.inspectionPage and not window.tasks.busy
        )
        window.activateWindow()
        case = next(c for c in window.case_list.model.cases if c.reference == CASE)
        window.case_list.select_case(case.id)
        panel = window.review
        self.wait(lambda: panel.view is not None and not panel.session.loading and not window.tasks.busy)
        window.case_list.focus_table()
        self.save("case-list", window.grab())

        self._answer_up_to_guided_question(window)
        panel.page.set_guidance_visible(True)
        panel.page.ui.noteEdit.setPlainText(
            "Full analysis completed in OASys on day 12; it names the partner and the two children "
            "as at risk."
        )
        panel.page.flush_note()
        self.wait(lambda: not window.tasks.busy)
        panel.focus_answer()
        self.save("question", window.grab())

        from omi_desktop.gui.review import lifecycle

        dialog = lifecycle.finalise(panel)
        self.wait(lambda: dialog is not None and dialog.isVisible())
        self.save("finalise", self.composite(window, dialog))
        dialog.reject()
        self._instruments(window)
        if everything:
            self._other_dialogs(window)
        window.close()
        window.deleteLater()
        self.app.processEvents()
        return self.written

    def _instruments(self, window: object) -> None:
        """The area assessment (the lead's, two-thirds answered) and a questionnaire being entered."""
        from omi_desktop.gui.actions import ActionId

        panel = window.review  # type: ignore[attr-defined]

        def shown(words: str) -> Callable[[], bool]:
            return lambda: (
                panel.view is not None
                and not panel.session.loading
                and not window.tasks.busy  # type: ignore[attr-defined]
                and words in panel.ui.headerTitle.text()
            )

        window.actions[ActionId.SHOW_AREA_ASSESSMENT].trigger()  # type: ignore[attr-defined]
        self.wait(shown("area assessment"))
        self.save("area-assessment", window.grab())  # type: ignore[attr-defined]
        window.actions[ActionId.SHOW_QUESTIONNAIRES].trigger()  # type: ignore[attr-defined]
        pane = window.instruments.questionnaires  # type: ignore[attr-defined]
        entering = next(e for e in pane.model.entries if e.status == "in_progress")
        pane.select_key(entering.review_id)
        self.wait(shown(entering.label))
        panel.focus_answer()
        self.save("questionnaires", window.grab())  # type: ignore[attr-defined]
        window.actions[ActionId.SHOW_CASES].trigger()  # type: ignore[attr-defined]
        self.wait(lambda: not window.tasks.busy)  # type: ignore[attr-defined]

    def _answer_up_to_guided_question(self, window: object) -> None:
        """Give a few plausible answers, as an inspector part-way through the case would have."""
        panel = window.review  # type: ignore[attr-defined]
        for qid, value in (("0.1.10", "english"), ("1.1.1", "yes"), ("1.1.2", "yes"), ("1.1.3", "yes")):
            if qid in panel.view.evaluation.flow:
                panel.session.answer(qid, value)
        panel.session.answer("1.1.4", "yes")
        self.wait(lambda: not window.tasks.busy)  # type: ignore[attr-defined]
        panel.go_to(GUIDED_QUESTION)

    def _other_dialogs(self, window: object) -> None:
        from omi_desktop.core.errors import RefusedError
        from omi_desktop.gui.dialogs.error import show_error
        from omi_desktop.gui.dialogs.history import HistoryDialog
        from omi_desktop.gui.dialogs.reopen import ReopenDialog
        from omi_desktop.gui.dialogs.shortcuts import ShortcutsDialog

        panel = window.review  # type: ignore[attr-defined]
        first = window.case_list.model.cases[0]  # type: ignore[attr-defined]
        window.case_list.select_case(first.id)  # type: ignore[attr-defined]
        self.wait(
            lambda: panel.view is not None and panel.view.review.finalised and not panel.session.loading
        )
        self.save("finalised", window.grab())  # type: ignore[attr-defined]
        reopen = ReopenDialog(first.reference, window)  # type: ignore[arg-type]
        reopen.ui.reasonEdit.setPlainText("The offender manager sent the missing risk management plan.")
        reopen.show()
        self.wait(reopen.isVisible)
        self.save("reopen", self.composite(window, reopen))
        reopen.close()
        from omi_desktop.core.review import audit_trail

        entries = audit_trail(window.workspace.store, panel.view.review.id)  # type: ignore[attr-defined]
        history = HistoryDialog(first.reference, entries, window)  # type: ignore[arg-type]
        history.show()
        self.wait(history.isVisible)
        self.save("history", self.composite(window, history))
        history.close()
        shortcuts = ShortcutsDialog(window.actions.shortcut_rows(), window)  # type: ignore[attr-defined]
        shortcuts.show()
        self.wait(shortcuts.isVisible)
        self.save("shortcuts", self.composite(window, shortcuts))
        shortcuts.close()
        error = show_error(
            window,  # type: ignore[arg-type]
            RefusedError("the review is finalised; reopen it (with a reason) to change it"),
        )
        self.wait(error.isVisible)
        self.save("error", self.composite(window, error))
        error.close()


if __name__ == "__main__":
    raise SystemExit(main())
