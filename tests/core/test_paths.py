"""The one path resolver finds data/, ui/ and resources/ in a checkout and in a PyInstaller bundle.

The installed-wheel case is proved end to end in tests/e2e/test_wheel.py.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

import omi_desktop
from omi_desktop import paths

CHECKOUT = Path(omi_desktop.__file__).resolve().parent.parent


def test_a_checkout_resolves_to_its_top_level_folders(monkeypatch):
    monkeypatch.delattr(sys, "_MEIPASS", raising=False)
    assert not (CHECKOUT / "omi_desktop" / "_shipped").exists()  # only an installed wheel has that
    assert paths.data_path() == CHECKOUT / "data"
    assert paths.ui_path() == CHECKOUT / "ui"
    assert paths.resource_path() == CHECKOUT / "resources"
    assert paths.data_path("frameworks") == CHECKOUT / "data" / "frameworks"
    assert paths.data_path("frameworks").is_dir()
    assert paths.resource_path("icons", "app.svg") == CHECKOUT / "resources" / "icons" / "app.svg"


def test_a_pyinstaller_bundle_resolves_inside_the_bundle(tmp_path, monkeypatch):
    bundle = tmp_path / "bundle"
    for name in paths.SHIPPED:
        (bundle / name).mkdir(parents=True)
    monkeypatch.setattr(sys, "_MEIPASS", str(bundle), raising=False)  # set by the frozen program's loader
    assert paths.data_path() == bundle / "data"
    assert paths.ui_path("main_window.ui") == bundle / "ui" / "main_window.ui"
    assert paths.resource_path("style.qss") == bundle / "resources" / "style.qss"
    assert paths.shipped_dir("data") == bundle / "data"


def test_an_unknown_shipped_folder_is_a_programming_error():
    with pytest.raises(ValueError, match="unknown shipped folder"):
        paths.shipped_dir("secrets")
