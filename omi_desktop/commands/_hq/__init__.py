"""Modules adding actions to ``omi hq`` (see ``commands/hq.py``)."""
