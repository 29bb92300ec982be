"""``python -m omi_desktop.gui`` starts the window (also the entry point of the frozen build)."""

from omi_desktop.gui.app import main

raise SystemExit(main())
