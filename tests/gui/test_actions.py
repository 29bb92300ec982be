"""The one action registry: unique shortcuts, all listed in Help → Keyboard shortcuts, hooks for features."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMainWindow

from omi_desktop.gui.actions import ACTIONS, ActionId, Actions, Menu, Scope
from omi_desktop.gui.dialogs.shortcuts import ShortcutsDialog
from omi_desktop.gui.welcome import WelcomePage
from tests.gui.helpers import active_dialog, press


def test_no_shortcut_is_used_twice_where_both_could_fire():
    seen: dict[tuple[str, str], ActionId] = {}
    for spec in ACTIONS:
        for shortcut in spec.shortcuts:
            key = QKeySequence(shortcut).toString()
            # Window shortcuts work everywhere, so clash with every scope; scoped ones only with their own.
            scopes = [s.value for s in Scope] if spec.scope is Scope.WINDOW else [spec.scope.value]
            for scope in scopes:
                assert (scope, key) not in seen, f"{shortcut} is used by {seen[(scope, key)]} and {spec.id}"
                seen[(scope, key)] = spec.id
            if spec.scope is Scope.WINDOW:
                sequence = QKeySequence(shortcut)[0]
                plain = sequence.keyboardModifiers() == Qt.KeyboardModifier.NoModifier
                is_function_key = Qt.Key.Key_F1.value <= sequence.key().value <= Qt.Key.Key_F35.value
                assert not plain or is_function_key, f"{shortcut} would fire while typing a note"


def test_help_lists_every_shortcut(qtbot, window):
    press(qtbot, Qt.Key.Key_Slash, Qt.KeyboardModifier.ControlModifier)
    dialog = active_dialog(qtbot, ShortcutsDialog)
    listed = {what for _where, what, _keys in dialog.rows()}
    for spec, action in window.actions:
        if spec.shortcuts and action.isVisible():
            assert action.text().replace("&", "") in listed
    rows = {what: keys for _where, what, keys in dialog.rows()}
    assert rows["Answer Yes and go on"] == "Y, 1"
    assert rows["Finalise review…"] == "Ctrl+Shift+F"


def test_feature_actions_wait_for_a_handler(qtbot):
    window = QMainWindow()  # a registry of its own: the feature modules installed in the app are not involved
    qtbot.addWidget(window)
    actions = Actions(window)
    menus = actions.build_menus(window.menuBar())
    welcome = WelcomePage(actions)
    window.setCentralWidget(welcome)
    window.show()
    importer = actions[ActionId.IMPORT_ASSIGNMENT]
    assert not importer.isVisible() and not importer.isEnabled()
    assert not welcome.ui.importButton.isVisible(), "no import button until sync provides one"
    assert not menus[Menu.HEAD_OFFICE].menuAction().isVisible()
    actions.set_enabled(ActionId.IMPORT_ASSIGNMENT, True)
    assert not importer.isEnabled(), "it cannot be enabled before it has a handler"

    calls = []
    actions.connect(ActionId.IMPORT_ASSIGNMENT, lambda: calls.append("import"))
    actions.connect(ActionId.HQ_SAMPLE, lambda: calls.append("sample"))
    assert welcome.ui.importButton.isVisible()
    assert menus[Menu.HEAD_OFFICE].menuAction().isVisible()
    qtbot.mouseClick(welcome.ui.importButton, Qt.MouseButton.LeftButton)
    actions[ActionId.HQ_SAMPLE].trigger()
    assert calls == ["import", "sample"]


def test_every_installed_feature_loads(window):
    assert window.feature_failures == []
