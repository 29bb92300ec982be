"""Forms generated from ui/*.ui by ``python -m omi_desktop.gui.compile_forms`` (do not edit by hand)."""
