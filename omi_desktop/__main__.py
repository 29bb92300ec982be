"""``python -m omi_desktop`` is the ``omi`` command."""

from omi_desktop.cli import main

raise SystemExit(main())
