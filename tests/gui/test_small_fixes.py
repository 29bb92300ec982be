"""Small things a person meets: a filter that matches nothing says so."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.gui.helpers import press, type_text


def test_a_filter_that_matches_nothing_says_so(qtbot, window):
    press(qtbot, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    type_text(qtbot, "no such case anywhere")
    panel = window.review
    qtbot.waitUntil(lambda: panel.ui.stack.currentWidget() is panel.ui.emptyPage)
    assert window.case_list.proxy.rowCount() == 0
    assert panel.ui.emptyLabel.text() == "No case matches the filter."
    press(qtbot, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    press(qtbot, Qt.Key.Key_Backspace)
    qtbot.waitUntil(lambda: window.case_list.proxy.rowCount() == 100)


def test_opening_the_training_inspection_again_touches_the_database_off_the_ui_thread(
    qtbot, window, monkeypatch
):
    import threading

    from omi_desktop.gui import window_actions
    from omi_desktop.gui.actions import ActionId
    from tests.gui.conftest import settle

    threads = []
    real = window_actions.set_setting

    def recording(*args, **kwargs):
        threads.append(threading.current_thread())
        return real(*args, **kwargs)

    monkeypatch.setattr(window_actions, "set_setting", recording)
    window.actions[ActionId.OPEN_DEMO].trigger()
    settle(qtbot, window)
    assert threads and threading.main_thread() not in threads
    assert window.inspection is not None and window.inspection.training
