"""The place table is kept between runs: what is read back is what was built, and a cache that cannot be
read or written costs only the time."""

from __future__ import annotations

from pathlib import Path

import pytest

from scripts.preannotate import gazetteer
from scripts.preannotate.gazetteer import Place

TABLE = {"Norway": Place("NO", "country"), "Bergen": Place(None, "city"), "Eastfold": Place(None, "city"),
         "Lagos State": Place("NG-LA", "subdivision", choices=("NG-LA",)), "Lagos": Place(None, "city", "NG-LA")}


@pytest.fixture
def built(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[int]:
    """A small table in place of the real one, in a cache folder of the test's own; counts the builds."""
    builds: list[int] = []
    monkeypatch.setattr(gazetteer, "CACHE_DIR", tmp_path / "cache")
    monkeypatch.setattr(gazetteer, "_built", lambda: builds.append(1) or dict(TABLE))
    gazetteer.gazetteer.cache_clear()
    yield builds
    gazetteer.gazetteer.cache_clear()


def test_the_table_is_built_once_and_read_back_the_same(built: list[int]) -> None:
    assert gazetteer.gazetteer() == TABLE and built == [1]
    gazetteer.gazetteer.cache_clear()
    assert gazetteer.gazetteer() == TABLE and built == [1]
    assert [path.name.startswith("gazetteer-") for path in gazetteer._cache_file().parent.iterdir()] == [True]


def test_a_broken_cache_is_built_anew_and_an_unwritable_one_only_costs_the_time(
        built: list[int], monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    path = gazetteer._cache_file()
    path.parent.mkdir(parents=True)
    path.write_text('{"places": [["NO"', encoding="utf-8")
    assert gazetteer.gazetteer() == TABLE and built == [1]
    gazetteer.gazetteer.cache_clear()
    assert gazetteer.gazetteer() == TABLE and built == [1]  # rewritten whole
    (tmp_path / "a-file").write_text("", encoding="utf-8")
    monkeypatch.setattr(gazetteer, "CACHE_DIR", tmp_path / "a-file" / "cache")  # no folder can be made there
    gazetteer.gazetteer.cache_clear()
    assert gazetteer.gazetteer() == TABLE and built == [1, 1]
    assert gazetteer.gazetteer() == TABLE and built == [1, 1]  # and kept for the rest of the process


def test_the_cache_is_named_by_what_the_table_is_made_from(monkeypatch: pytest.MonkeyPatch) -> None:
    before = gazetteer._cache_file()
    monkeypatch.setattr(gazetteer.metadata, "version", lambda package: "0.0.1")
    assert gazetteer._cache_file() != before and gazetteer._cache_file().parent == before.parent
