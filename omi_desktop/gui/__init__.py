"""The Qt layer: the app, the main window, views, item models, dialogs, the task runner and the actions.

Nothing in here holds a business rule: it asks ``omi_desktop.core`` and shows the answer.
"""
