"""Dialogs, one module per feature (``dialogs/<feature>.py``)."""
