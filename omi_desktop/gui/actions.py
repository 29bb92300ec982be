"""The one registry of actions (STYLE.md 9): every command of the window, its text, shortcut, icon and menu.

Creating actions (``Actions(window)``) is kept apart from what they do: a component or a feature module
connects a handler with ``actions.connect(ActionId.X, handler)``. Actions marked ``needs_handler`` stay
hidden and disabled until something connects one, so a button bound to such an action (e.g. the welcome
screen's "Import assignment…") appears by itself once the sync feature is installed.

Shortcut scopes: ``WINDOW`` works anywhere in the main window; ``ANSWER`` only while focus is in the answer
of the current question (so typing "y" in a note never answers a question); ``NOTE`` only in the note.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from enum import Enum, StrEnum

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QAbstractButton, QMenu, QMenuBar, QWidget

from omi_desktop.gui.icons import icon


class Menu(StrEnum):
    FILE = "file"
    INSPECTION = "inspection"
    CASE = "case"
    REVIEW = "review"
    HEAD_OFFICE = "head_office"
    HELP = "help"


#: Menu titles, in menu-bar order.
MENU_TITLES: dict[Menu, str] = {
    Menu.FILE: QT_TRANSLATE_NOOP("Actions", "&File"),
    Menu.INSPECTION: QT_TRANSLATE_NOOP("Actions", "&Inspection"),
    Menu.CASE: QT_TRANSLATE_NOOP("Actions", "&Case"),
    Menu.REVIEW: QT_TRANSLATE_NOOP("Actions", "&Review"),
    Menu.HEAD_OFFICE: QT_TRANSLATE_NOOP("Actions", "Head &office"),
    Menu.HELP: QT_TRANSLATE_NOOP("Actions", "&Help"),
}


class Scope(Enum):
    WINDOW = "window"
    ANSWER = "answer"
    NOTE = "note"


class ActionId(StrEnum):
    # File
    OPEN_DATA_FOLDER = "file.open_data_folder"
    OPEN_DEMO = "file.open_demo"
    IMPORT_ASSIGNMENT = "file.import_assignment"  # sync
    IMPORT_BUNDLE = "file.import_bundle"  # sync: a team member's return bundle (lead inspector)
    EXPORT_RETURN = "file.export_return"  # sync
    IMPORT_RECEIPT = "file.import_receipt"  # sync
    PURGE_ACKNOWLEDGED = "file.purge_acknowledged"  # sync
    BACKUP_NOW = "file.backup_now"
    QUIT = "file.quit"
    # Inspection
    CHOOSE_INSPECTION = "inspection.choose"
    FILTER_CASES = "inspection.filter_cases"
    INSPECTION_SCORES = "inspection.scores"  # reports
    PRINT_AREA_FEEDBACK = "inspection.print_area_feedback"  # reports
    EXPORT_ANSWERS = "inspection.export_answers"  # reports
    EXPORT_CASE_SUMMARIES = "inspection.export_case_summaries"  # reports
    SHOW_CASES = "inspection.show_cases"  # instruments: which list the left pane shows
    SHOW_AREA_ASSESSMENT = "inspection.show_area_assessment"  # instruments
    SHOW_QUESTIONNAIRES = "inspection.show_questionnaires"  # instruments
    ADD_QUESTIONNAIRE = "inspection.add_questionnaire"  # instruments
    # Case
    FOCUS_CASE_LIST = "case.focus_list"
    NEXT_CASE = "case.next"
    PREVIOUS_CASE = "case.previous"
    CASE_HISTORY = "case.history"
    PREVIEW_FEEDBACK = "case.preview_feedback"  # reports
    PRINT_FEEDBACK = "case.print_feedback"  # reports
    PRINT_TODAYS_FEEDBACK = "case.print_todays_feedback"  # reports
    # Review
    FIRST_QUESTION = "review.first_question"
    NEXT_QUESTION = "review.next_question"
    PREVIOUS_QUESTION = "review.previous_question"
    NEXT_UNANSWERED = "review.next_unanswered"
    TOGGLE_GUIDANCE = "review.toggle_guidance"
    EDIT_NOTE = "review.edit_note"
    CLEAR_ANSWER = "review.clear_answer"
    SHOW_SKIPPED = "review.show_skipped"
    FINALISE = "review.finalise"
    REOPEN = "review.reopen"
    # Answering (scope: the answer of the current question)
    ANSWER_YES = "answer.yes"
    ANSWER_PARTLY = "answer.partly"
    ANSWER_NO = "answer.no"
    ANSWER_NA = "answer.na"
    CONFIRM_NEXT = "answer.confirm_next"
    BACK_TO_ANSWER = "note.back_to_answer"
    # Head office
    HQ_NEW_INSPECTION = "hq.new_inspection"  # sampling: the set-up wizard from its first step
    HQ_SAMPLE = "hq.sample"  # sampling
    HQ_ALLOCATE = "hq.allocate"  # sampling: cases to inspectors, automatically and by hand
    HQ_ISSUE_ASSIGNMENTS = "hq.issue_assignments"  # sync
    HQ_IMPORT_RETURNS = "hq.import_returns"  # sync
    HQ_CONFLICTS = "hq.conflicts"  # sync
    # Help
    SHORTCUTS = "help.shortcuts"
    ABOUT = "help.about"


@dataclass(frozen=True)
class ActionSpec:
    id: ActionId
    text: str  # source text, translated when the action is created (context "Actions")
    menu: Menu | None = None  # None: not in a menu (listed in Help → Keyboard shortcuts only)
    shortcuts: tuple[str, ...] = ()
    icon: str | None = None  # resources/icons/<icon>.svg
    tip: str = ""
    group: int = 0  # menus put a separator between groups
    scope: Scope = Scope.WINDOW
    needs_handler: bool = False  # hidden and disabled until a handler is connected
    checkable: bool = False


def _spec(*args: object, **kwargs: object) -> ActionSpec:
    return ActionSpec(*args, **kwargs)  # type: ignore[arg-type]


N = QT_TRANSLATE_NOOP
A = ActionId

# fmt: off
ACTIONS: tuple[ActionSpec, ...] = (
    # File
    _spec(A.OPEN_DATA_FOLDER, N("Actions", "&Open data folder…"), Menu.FILE, ("Ctrl+O",), "folder-open",
          N("Actions", "Open the OMI data of another folder")),
    _spec(A.OPEN_DEMO, N("Actions", "Open the &training inspection"), Menu.FILE, (), "training",
          N("Actions", "Open (creating it if needed) the demo inspection with synthetic training data")),
    _spec(A.IMPORT_ASSIGNMENT, N("Actions", "&Import assignment…"), Menu.FILE, ("Ctrl+I",), "import",
          N("Actions", "Import the cases head office allocated to you"), group=1, needs_handler=True),
    _spec(A.IMPORT_BUNDLE, N("Actions", "Import team &bundle…"), Menu.FILE, (), "import",
          N("Actions", "Import a team member's return bundle"), group=1, needs_handler=True),
    _spec(A.EXPORT_RETURN, N("Actions", "&Export finalised reviews…"), Menu.FILE, ("Ctrl+Shift+E",), "export",
          N("Actions", "Write the finalised reviews to a signed return bundle"), group=1, needs_handler=True),
    _spec(A.IMPORT_RECEIPT, N("Actions", "Import &receipt…"), Menu.FILE, (), "import",
          N("Actions", "Import head office's receipt for returned reviews"), group=1, needs_handler=True),
    _spec(A.PURGE_ACKNOWLEDGED, N("Actions", "Remove &acknowledged case data…"), Menu.FILE, (), "clear",
          N("Actions", "Remove the personal data of reviews head office has confirmed receiving"), group=1,
          needs_handler=True),
    _spec(A.BACKUP_NOW, N("Actions", "&Back up now"), Menu.FILE, (), "backup",
          N("Actions", "Copy the database to the backups folder now"), group=2),
    _spec(A.QUIT, N("Actions", "&Quit"), Menu.FILE, ("Ctrl+Q",), None, group=9),
    # Inspection
    _spec(A.CHOOSE_INSPECTION, N("Actions", "&Choose inspection…"), Menu.INSPECTION, ("Ctrl+Shift+O",),
          "inspection", N("Actions", "Switch to another inspection in this data folder")),
    _spec(A.FILTER_CASES, N("Actions", "&Filter cases"), Menu.INSPECTION, ("Ctrl+F",), "filter",
          N("Actions", "Type to filter the case list")),
    _spec(A.SHOW_CASES, N("Actions", "Cas&es"), Menu.INSPECTION, ("Ctrl+1",), "cases",
          N("Actions", "Show the cases in the list on the left"), group=3, needs_handler=True),
    _spec(A.SHOW_AREA_ASSESSMENT, N("Actions", "Area assess&ment"), Menu.INSPECTION, ("Ctrl+2",),
          "inspection", N("Actions", "The area-level assessment, recorded once by the lead inspector"),
          group=3, needs_handler=True),
    _spec(A.SHOW_QUESTIONNAIRES, N("Actions", "&Questionnaires"), Menu.INSPECTION, ("Ctrl+3",), "note",
          N("Actions", "The service-user questionnaire responses of this inspection"), group=3,
          needs_handler=True),
    _spec(A.ADD_QUESTIONNAIRE, N("Actions", "A&dd questionnaire…"), Menu.INSPECTION, ("Ctrl+Shift+N",),
          "note", N("Actions", "Enter a new questionnaire response"), group=3, needs_handler=True),
    _spec(A.INSPECTION_SCORES, N("Actions", "&Scores…"), Menu.INSPECTION, (), "scores", group=1,
          needs_handler=True),
    _spec(A.PRINT_AREA_FEEDBACK, N("Actions", "Print &area feedback…"), Menu.INSPECTION, (), "print",
          group=1, needs_handler=True),
    _spec(A.EXPORT_ANSWERS, N("Actions", "Export a&nswers for analysts…"), Menu.INSPECTION, (), "export",
          N("Actions", "Every answer of every review, with the case facts, as a spreadsheet (XLSX or CSV)"),
          group=2, needs_handler=True),
    _spec(A.EXPORT_CASE_SUMMARIES, N("Actions", "Export case s&ummaries…"), Menu.INSPECTION, (), "export",
          N("Actions", "One row per case: facts, thread outcomes and criterion judgements (XLSX or CSV)"),
          group=2, needs_handler=True),
    # Case
    _spec(A.FOCUS_CASE_LIST, N("Actions", "Go to the case &list"), Menu.CASE, ("Ctrl+L",), "cases"),
    _spec(A.NEXT_CASE, N("Actions", "&Next case"), Menu.CASE, ("Ctrl+PgDown",), "next-case"),
    _spec(A.PREVIOUS_CASE, N("Actions", "&Previous case"), Menu.CASE, ("Ctrl+PgUp",), "previous-case"),
    _spec(A.CASE_HISTORY, N("Actions", "&History…"), Menu.CASE, ("Ctrl+H",), "history",
          N("Actions", "Every change to this case's review: who, when, old and new value, and why"), group=1),
    _spec(A.PREVIEW_FEEDBACK, N("Actions", "Feedback sheet pre&view…"), Menu.CASE, ("Ctrl+Shift+P",),
          "preview", group=2, needs_handler=True),
    _spec(A.PRINT_FEEDBACK, N("Actions", "P&rint feedback sheet…"), Menu.CASE, ("Ctrl+P",), "print",
          group=2, needs_handler=True),
    _spec(A.PRINT_TODAYS_FEEDBACK, N("Actions", "Print &today's feedback sheets…"), Menu.CASE, (), "print",
          N("Actions", "Print the feedback sheet of every case finalised today, as one print job"), group=2,
          needs_handler=True),
    # Review
    # Alt+Home, not Ctrl+Home: date, number and text answers, the note and the filter box keep Ctrl+Home for
    # their own cursor, so it would do nothing from there.
    _spec(A.FIRST_QUESTION, N("Actions", "Fi&rst question"), Menu.REVIEW, ("Alt+Home",), None),
    _spec(A.NEXT_QUESTION, N("Actions", "&Next question"), Menu.REVIEW, ("Alt+Right",), "next"),
    _spec(A.PREVIOUS_QUESTION, N("Actions", "&Previous question"), Menu.REVIEW, ("Alt+Left",), "previous"),
    _spec(A.NEXT_UNANSWERED, N("Actions", "Next &unanswered"), Menu.REVIEW, ("Ctrl+J",), "next-unanswered",
          N("Actions", "Jump to the next question that still needs an answer")),
    _spec(A.TOGGLE_GUIDANCE, N("Actions", "Show &guidance"), Menu.REVIEW, ("F1",), "guidance", group=1,
          checkable=True),
    _spec(A.EDIT_NOTE, N("Actions", "Evidence &note"), Menu.REVIEW, ("Ctrl+E",), "note",
          N("Actions", "Move to the evidence note of this question"), group=1),
    _spec(A.CLEAR_ANSWER, N("Actions", "&Clear answer"), Menu.REVIEW, ("Ctrl+Del",), "clear", group=1),
    _spec(A.SHOW_SKIPPED, N("Actions", "Show &skipped questions"), Menu.REVIEW, (), None, group=1,
          checkable=True),
    _spec(A.FINALISE, N("Actions", "&Finalise review…"), Menu.REVIEW, ("Ctrl+Shift+F",), "finalise", group=2),
    _spec(A.REOPEN, N("Actions", "&Reopen review…"), Menu.REVIEW, ("Ctrl+Shift+R",), "reopen", group=2),
    # Answering: only while the answer has focus
    _spec(A.ANSWER_YES, N("Actions", "Answer Yes and go on"), None, ("Y", "1"), scope=Scope.ANSWER),
    _spec(A.ANSWER_PARTLY, N("Actions", "Answer Partly and go on"), None, ("P", "2"), scope=Scope.ANSWER),
    _spec(A.ANSWER_NO, N("Actions", "Answer No and go on"), None, ("N", "3"), scope=Scope.ANSWER),
    _spec(A.ANSWER_NA, N("Actions", "Answer Not applicable and go on"), None, ("A", "4"), scope=Scope.ANSWER),
    _spec(A.CONFIRM_NEXT, N("Actions", "Keep the answer and go to the next question"), None,
          ("Return", "Enter"), scope=Scope.ANSWER),
    _spec(A.BACK_TO_ANSWER, N("Actions", "Back from the note to the answer"), None, ("Esc",),
          scope=Scope.NOTE),
    # Head office
    _spec(A.HQ_NEW_INSPECTION, N("Actions", "&New inspection…"), Menu.HEAD_OFFICE, (), "inspection",
          N("Actions", "Set up an inspection, import its long list and draw the sample"), needs_handler=True),
    _spec(A.HQ_SAMPLE, N("Actions", "Draw a &sample…"), Menu.HEAD_OFFICE, (), "sample", needs_handler=True),
    _spec(A.HQ_ALLOCATE, N("Actions", "&Allocate cases…"), Menu.HEAD_OFFICE, (), "cases",
          N("Actions", "Allocate the sampled cases to the inspection team"), needs_handler=True),
    _spec(A.HQ_ISSUE_ASSIGNMENTS, N("Actions", "&Issue assignments…"), Menu.HEAD_OFFICE, (), "export",
          needs_handler=True),
    _spec(A.HQ_IMPORT_RETURNS, N("Actions", "Import &returned bundles…"), Menu.HEAD_OFFICE, (), "import",
          needs_handler=True),
    _spec(A.HQ_CONFLICTS, N("Actions", "&Conflicts…"), Menu.HEAD_OFFICE, (), "history",
          N("Actions", "Reviews returned in two diverging versions: decide question by question"),
          needs_handler=True),
    # Help
    _spec(A.SHORTCUTS, N("Actions", "&Keyboard shortcuts"), Menu.HELP, ("Ctrl+/",), "keyboard"),
    _spec(A.ABOUT, N("Actions", "&About OMI Desktop"), Menu.HELP, (), None, group=1),
)
# fmt: on

SPECS: dict[ActionId, ActionSpec] = {spec.id: spec for spec in ACTIONS}

#: Keys a widget handles itself (no action of the window behind them), listed in Help → Keyboard shortcuts
#: after the actions: (where, what, keys), translated when shown.
KEY_ROWS: tuple[tuple[str, str, str], ...] = (
    (
        N("Actions", "Case list"),
        N("Actions", "Open the selected case's review (to its first open question)"),
        N("Actions", "Enter"),
    ),
    (
        N("Actions", "Answering"),
        N("Actions", "Choose an option (its key is shown beside it)"),
        N("Actions", "1–9, 0 for the tenth, then A, B, C…"),
    ),
    (
        N("Actions", "Answering"),
        N("Actions", "Tick or untick the option with the keyboard (several answers)"),
        N("Actions", "Space"),
    ),
    (
        N("Actions", "Answering"),
        N("Actions", "Long text: keep it and go to the next question"),
        N("Actions", "Ctrl+Enter"),
    ),
)


def translate(text: str) -> str:
    return QCoreApplication.translate("Actions", text)


def shortcut_text(spec: ActionSpec) -> str:
    """How the shortcuts of ``spec`` are written for people (platform style)."""
    return ", ".join(QKeySequence(s).toString(QKeySequence.SequenceFormat.NativeText) for s in spec.shortcuts)


class Actions(QObject):
    """The window's actions, created once from ``ACTIONS``."""

    #: Emitted when a handler is connected (an action may have become visible).
    handlers_changed = Signal()

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.window = window
        self._actions: dict[ActionId, QAction] = {}
        self._handled: set[ActionId] = set()
        for spec in ACTIONS:
            self._actions[spec.id] = self._create(spec)

    def _create(self, spec: ActionSpec) -> QAction:
        action = QAction(translate(spec.text), self.window)
        action.setObjectName(spec.id.value)
        if spec.icon:
            action.setIcon(icon(spec.icon))
        if spec.shortcuts:
            action.setShortcuts([QKeySequence(s) for s in spec.shortcuts])
        if spec.tip:
            action.setStatusTip(translate(spec.tip))
            action.setToolTip(translate(spec.tip))
        action.setCheckable(spec.checkable)
        if spec.scope is Scope.WINDOW:
            # Added to the window itself, so its shortcut works even when its menu is hidden.
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            self.window.addAction(action)
        else:
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        if spec.needs_handler:
            action.setVisible(False)
            action.setEnabled(False)
        return action

    def __getitem__(self, action_id: ActionId) -> QAction:
        return self._actions[action_id]

    def __iter__(self) -> Iterator[tuple[ActionSpec, QAction]]:
        for spec in ACTIONS:
            yield spec, self._actions[spec.id]

    def connect(self, action_id: ActionId, handler: Callable[[], None]) -> QAction:
        """Give ``action_id`` its handler (shows and enables an action that waited for one)."""
        action = self._actions[action_id]
        if SPECS[action_id].checkable:
            action.toggled.connect(handler)
        else:
            action.triggered.connect(lambda _checked=False: handler())
        self._handled.add(action_id)
        if SPECS[action_id].needs_handler:
            action.setVisible(True)
            action.setEnabled(True)
        self.handlers_changed.emit()
        return action

    def has_handler(self, action_id: ActionId) -> bool:
        return action_id in self._handled

    def set_enabled(self, action_id: ActionId, enabled: bool) -> None:
        """Enable or disable an action; one still waiting for its handler stays disabled."""
        if SPECS[action_id].needs_handler and action_id not in self._handled:
            enabled = False
        self._actions[action_id].setEnabled(enabled)

    def attach(self, widget: QWidget, scope: Scope) -> None:
        """Make the actions of ``scope`` work while focus is inside ``widget``."""
        for spec in ACTIONS:
            if spec.scope is scope:
                widget.addAction(self._actions[spec.id])

    def build_menus(self, menubar: QMenuBar) -> dict[Menu, QMenu]:
        """Fill the menu bar from the table; a menu with no visible action is hidden."""
        menus: dict[Menu, QMenu] = {}
        for menu_id, title in MENU_TITLES.items():
            menu = menubar.addMenu(translate(title))
            menu.setObjectName(f"menu_{menu_id.value}")
            menus[menu_id] = menu
            group = None
            for spec in ACTIONS:
                if spec.menu is not menu_id:
                    continue
                if group is not None and spec.group != group:
                    menu.addSeparator()
                group = spec.group
                menu.addAction(self._actions[spec.id])
        self._menus = menus
        self._update_menus()
        self.handlers_changed.connect(self._update_menus)
        return menus

    def _update_menus(self) -> None:
        for menu_id, menu in self._menus.items():
            visible = any(self._actions[s.id].isVisible() for s in ACTIONS if s.menu is menu_id)
            menu.menuAction().setVisible(visible)

    def shortcut_rows(self) -> list[tuple[str, str, str]]:
        """(where, what, keys) for Help → Keyboard shortcuts, in table order; hidden actions left out."""
        rows = []
        for spec in ACTIONS:
            if not spec.shortcuts or not self._actions[spec.id].isVisible():
                continue
            if spec.menu is not None:
                where = translate(MENU_TITLES[spec.menu]).replace("&", "")
            elif spec.scope is Scope.ANSWER:
                where = QCoreApplication.translate("Actions", "Answering")
            else:
                where = QCoreApplication.translate("Actions", "Evidence note")
            rows.append((where, translate(spec.text).replace("&", ""), shortcut_text(spec)))
        rows.extend((translate(where), translate(what), translate(keys)) for where, what, keys in KEY_ROWS)
        return rows


def bind_button(button: QAbstractButton, action: QAction) -> None:
    """Make ``button`` trigger ``action`` and follow its text, visibility and enabled state."""

    def follow() -> None:
        button.setVisible(action.isVisible())
        button.setEnabled(action.isEnabled())

    button.clicked.connect(action.trigger)
    action.changed.connect(follow)
    follow()
