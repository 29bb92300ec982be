"""The Qt layer: the app, the main window, views, item models, dialogs, the task runner and the actions.

Nothing in here holds a business rule: it asks ``omi_desktop.core`` and shows the answer.
"""

from omi_desktop.gui._none_guard import protect_none

protect_none()  # before any Qt call: PySide6 6.12 on Python 3.11 leaks references to None
