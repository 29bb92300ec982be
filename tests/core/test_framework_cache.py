"""A stored framework, once checked, is kept in the data folder's cache and read from it in a later run;
a cache file that is damaged, made by another version or not ours is never trusted: the text is parsed again
and the cache made anew."""

from __future__ import annotations

import json
import pickle
import shutil

import pytest

from omi_desktop.core.framework import cache, registry
from omi_desktop.core.framework.loader import parse_framework
from tests.helpers.engine import MINI, mini_store


@pytest.fixture
def store(data_dir, monkeypatch):
    monkeypatch.setattr(registry, "_parsed", {})  # as in a new run of the program
    store, _inspection = mini_store(data_dir)
    yield store
    store.close()


def cached_files(data_dir):
    return sorted((data_dir / cache.CACHE_DIRNAME).glob("framework-*.pickle"))


def new_run(monkeypatch):
    """Forget what this process parsed, as a new start of the program would."""
    monkeypatch.setattr(registry, "_parsed", {})


def refuse_parsing(monkeypatch):
    def parse(*_args, **_kwargs):
        raise AssertionError("the framework text was parsed again")

    monkeypatch.setattr(registry, "parse_framework", parse)


def test_a_stored_framework_is_read_from_the_cache_in_a_later_run(store, data_dir, monkeypatch):
    expected = parse_framework(MINI.read_text(encoding="utf-8"), "mini")
    new_run(monkeypatch)
    first = registry.get_framework(store, "mini", 1)
    [kept] = cached_files(data_dir)
    assert kept.name == f"framework-{expected.sha256}.pickle"

    new_run(monkeypatch)
    refuse_parsing(monkeypatch)
    again = registry.get_framework(store, "mini", 1)
    assert again is not first
    assert again.spec == expected.spec
    assert (again.sha256, again.source) == (expected.sha256, expected.source)
    assert list(again.questions) == list(expected.questions)
    assert again.question_ids("case") == expected.question_ids("case")


def damage_truncated(data: bytes) -> bytes:
    return data[: len(data) // 2]


def damage_flipped_byte(data: bytes) -> bytes:
    return data[:-100] + bytes([data[-100] ^ 0xFF]) + data[-99:]


def damage_garbage(_data: bytes) -> bytes:
    return b"\x00\x01 not a cache at all"


def damage_empty(_data: bytes) -> bytes:
    return b""


@pytest.mark.parametrize("damage", [damage_truncated, damage_flipped_byte, damage_garbage, damage_empty])
def test_a_damaged_cache_is_ignored_and_made_again(store, data_dir, monkeypatch, damage):
    new_run(monkeypatch)
    expected = registry.get_framework(store, "mini", 1)
    [kept] = cached_files(data_dir)
    good = kept.read_bytes()
    kept.write_bytes(damage(good))

    new_run(monkeypatch)
    again = registry.get_framework(store, "mini", 1)
    assert again.spec == expected.spec
    assert cache.load(kept.parent, expected.sha256) == expected.spec  # made anew, usable again
    assert kept.read_bytes() != damage(good)


def test_a_cache_made_by_another_program_version_is_not_used(store, data_dir, monkeypatch):
    new_run(monkeypatch)
    expected = registry.get_framework(store, "mini", 1)
    [kept] = cached_files(data_dir)
    monkeypatch.setattr(cache, "__version__", "99.0.0")  # this program, upgraded
    assert cache.load(kept.parent, expected.sha256) is None

    new_run(monkeypatch)
    again = registry.get_framework(store, "mini", 1)
    assert again.spec == expected.spec
    assert cache.load(kept.parent, expected.sha256) == expected.spec  # remade by this version


class _Planted:
    """What a hostile cache file could hold: unpickling it would create ``path``."""

    def __init__(self, path):
        self.path = path

    def __reduce__(self):
        return (open, (str(self.path), "w"))


def test_a_cache_file_naming_anything_but_framework_models_is_refused_unrun(store, data_dir, monkeypatch):
    new_run(monkeypatch)
    expected = registry.get_framework(store, "mini", 1)
    [kept] = cached_files(data_dir)
    marker = data_dir / "planted"
    payload = pickle.dumps(_Planted(marker), protocol=pickle.HIGHEST_PROTOCOL)
    header = json.dumps(cache._header(expected.sha256, payload)).encode("utf-8")
    kept.write_bytes(cache.MAGIC + header + b"\n" + payload)  # a well-formed file, with a hostile payload

    new_run(monkeypatch)
    again = registry.get_framework(store, "mini", 1)
    assert not marker.exists()
    assert again.spec == expected.spec
    assert cache.load(kept.parent, expected.sha256) == expected.spec


def test_a_cache_folder_that_cannot_be_written_changes_nothing(store, data_dir, monkeypatch):
    shutil.rmtree(data_dir / cache.CACHE_DIRNAME, ignore_errors=True)
    (data_dir / cache.CACHE_DIRNAME).write_text("a file where the cache folder would be", encoding="utf-8")
    new_run(monkeypatch)
    framework = registry.get_framework(store, "mini", 1)
    assert framework.key == ("mini", 1)
    assert (data_dir / cache.CACHE_DIRNAME).is_file()
    assert not list(data_dir.glob("cache*/*.partial"))
