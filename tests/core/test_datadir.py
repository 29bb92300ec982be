"""Which data folder is used: --data-dir, then OMI_DATA_DIR, then the platform's per-user folder."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from platformdirs import user_data_dir

from omi_desktop.core.datadir import APP_NAME, ENV_VAR, EmptyDataDirError, resolve_data_dir
from omi_desktop.core.store import DB_FILENAME, Store


def created_by(omi, *argv: object) -> Path:
    """Run a command that opens the store and return the folder where the database appeared."""
    result = omi("backup", "create", "--json", *argv)
    assert result.code == 0, result.err
    return Path(result.json()["file"]).parent.parent


def test_data_dir_option_beats_the_environment(tmp_path, monkeypatch, omi):
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "from-env"))
    assert created_by(omi, "--data-dir", tmp_path / "from-option") == tmp_path / "from-option"
    assert (tmp_path / "from-option" / DB_FILENAME).is_file()
    assert not (tmp_path / "from-env").exists()


def test_the_environment_beats_the_platform_default(tmp_path, monkeypatch, omi):
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "from-env"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert created_by(omi) == tmp_path / "from-env"
    assert not (tmp_path / "home").exists() and not (tmp_path / "xdg").exists()


def test_without_option_or_environment_the_platform_default_is_used(tmp_path, monkeypatch):
    monkeypatch.delenv(ENV_VAR)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    resolved = resolve_data_dir(None)
    assert resolved == Path(user_data_dir(APP_NAME, appauthor=False)).resolve()
    assert resolved.is_relative_to(tmp_path)  # the per-user folder, here moved into the test's folder
    assert resolved.name == APP_NAME


def test_an_empty_environment_variable_falls_through(tmp_path, monkeypatch):
    monkeypatch.setenv(ENV_VAR, "")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert resolve_data_dir(None) == Path(user_data_dir(APP_NAME, appauthor=False)).resolve()


@pytest.mark.parametrize("empty", ["", "  "])
def test_an_explicit_empty_data_dir_is_a_usage_error_and_touches_no_folder(tmp_path, monkeypatch, omi, empty):
    # A script whose variable came out empty must not quietly work on the person's own data.
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "from-env"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.chdir(tmp_path)
    before = sorted(tmp_path.iterdir())

    for argv in (("backup", "create", "--data-dir", empty), ("--data-dir", empty, "backup", "list")):
        result = omi(*argv)
        assert result.code == 2, result
        assert result.out == ""
        assert result.err.splitlines() == [
            "omi: --data-dir is empty: name a folder, or leave the option out to use the default data folder"
        ]
    assert sorted(tmp_path.iterdir()) == before  # neither the default, the environment's nor "." was used
    with pytest.raises(EmptyDataDirError):
        resolve_data_dir(empty)


def test_relative_and_home_paths_become_absolute(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert resolve_data_dir("relative/data") == tmp_path / "relative" / "data"
    assert resolve_data_dir("~/omi") == tmp_path / "home" / "omi"
    monkeypatch.setenv(ENV_VAR, "~/from-env")
    assert resolve_data_dir(None) == tmp_path / "home" / "from-env"


def test_a_created_data_folder_is_private_to_its_owner(tmp_path, data_dir):
    old_umask = os.umask(0o022)  # a typical umask; the folder must be private whatever it is
    try:
        with Store.open(data_dir) as store:
            backup = store.backup_now()
    finally:
        os.umask(old_umask)
    assert stat.S_IMODE(data_dir.stat().st_mode) == 0o700
    assert stat.S_IMODE(backup.path.parent.stat().st_mode) == 0o700
