"""Adding articles to the corpus: exact text, null metadata with a reason, clear refusals."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scripts.__main__ import main
from scripts.corpus.articles import articles, load_article
from scripts.paths import CORPUS_DIR
from scripts.records import MAX_TEXT, doc_id
from tests.conftest import shared_path


def ingest(tmp_path: Path, *args: str) -> int:
    return main(["ingest", "--corpus", str(tmp_path / "corpus"), *args])


def test_text_is_kept_exactly_but_for_line_endings(tmp_path: Path, capsys) -> None:
    source = tmp_path / "a.txt"
    source.write_bytes("“Quoted”,\r\nsaid Zoë 🐱.\rEnd".encode())
    assert ingest(tmp_path, str(source), "--language", "en") == 0
    expected = "“Quoted”,\nsaid Zoë 🐱.\nEnd"
    stored = tmp_path / "corpus" / f"{doc_id(expected)}.txt"
    assert stored.read_bytes() == expected.encode()
    metadata = json.loads(stored.with_suffix(".json").read_text(encoding="utf-8"))
    assert metadata["language"] == "en" and metadata["url"] is None
    assert metadata["notes"]["url"] == "not known: not given at ingest"
    assert capsys.readouterr().out == f"added: {source} -> corpus/{doc_id(expected)}.txt\n"


def test_reingesting_the_same_text_is_a_no_op(tmp_path: Path, capsys) -> None:
    source = tmp_path / "a.txt"
    source.write_text("Some text.", encoding="utf-8")
    assert ingest(tmp_path, str(source)) == 0
    assert ingest(tmp_path, str(source)) == 0
    assert capsys.readouterr().out.splitlines()[-1].startswith("unchanged: ")
    assert len(list((tmp_path / "corpus").iterdir())) == 2


def test_json_input_carries_metadata(tmp_path: Path) -> None:
    source = tmp_path / "a.json"
    source.write_text(json.dumps({"text": "Body.", "title": "T", "url": "https://example.org/a"}), encoding="utf-8")
    assert ingest(tmp_path, str(source)) == 0
    (article,) = articles(tmp_path / "corpus")
    assert (article.text, article.metadata["title"], article.metadata["url"]) == ("Body.", "T", "https://example.org/a")
    assert set(article.metadata["notes"]) == {"source", "author", "published", "language", "license"}


def test_empty_non_utf8_and_duplicate_are_refused(tmp_path: Path, capsys) -> None:
    empty, latin, a, b = (tmp_path / n for n in ("empty.txt", "latin.txt", "a.txt", "b.txt"))
    empty.write_text(" \n", encoding="utf-8")
    latin.write_bytes("café".encode("latin-1"))
    a.write_text("Same.", encoding="utf-8")
    b.write_text("Same.", encoding="utf-8")
    assert ingest(tmp_path, str(empty)) == 1
    assert ingest(tmp_path, str(latin)) == 1
    assert ingest(tmp_path, str(a), str(b)) == 1
    assert capsys.readouterr().err.splitlines() == [
        f"error: {empty}: the article is empty",
        f"error: {latin}: not UTF-8 (byte 3: unexpected end of data)",
        f"error: {b}: duplicate id {doc_id('Same.')}: same text as {a}",
    ]
    assert not (tmp_path / "corpus").exists()


def test_same_text_with_other_metadata_is_refused(tmp_path: Path, capsys) -> None:
    source = tmp_path / "a.txt"
    source.write_text("Body.", encoding="utf-8")
    assert ingest(tmp_path, str(source), "--title", "First") == 0
    stored = sorted(p.read_bytes() for p in (tmp_path / "corpus").iterdir())
    assert ingest(tmp_path, str(source), "--title", "Other") == 1
    assert capsys.readouterr().err.splitlines()[-1] == (
        f"error: document {doc_id('Body.')} is already in the corpus with other metadata: title 'First', not "
        f"'Other' (from a.txt); edit {tmp_path / 'corpus' / doc_id('Body.')}.json")
    assert sorted(p.read_bytes() for p in (tmp_path / "corpus").iterdir()) == stored


def test_readding_an_article_with_no_metadata_or_the_same_is_a_no_op(tmp_path: Path, capsys) -> None:
    first, copy = tmp_path / "a.txt", tmp_path / "copy.txt"
    first.write_text("Body.", encoding="utf-8")
    copy.write_text("Body.", encoding="utf-8")
    assert ingest(tmp_path, str(first), "--title", "T", "--why-unknown", "given by hand") == 0
    stored = sorted(p.read_bytes() for p in (tmp_path / "corpus").iterdir())
    assert ingest(tmp_path, str(copy)) == 0
    assert ingest(tmp_path, str(copy), "--title", "T") == 0
    assert capsys.readouterr().out.splitlines()[1:] == [
        f"unchanged: {copy} -> corpus/{doc_id('Body.')}.txt (already in the corpus)"] * 2
    assert sorted(p.read_bytes() for p in (tmp_path / "corpus").iterdir()) == stored


def test_a_leading_byte_order_mark_is_not_part_of_the_article(tmp_path: Path, capsys) -> None:
    plain, marked = tmp_path / "plain.txt", tmp_path / "marked.txt"
    plain.write_text("Body.", encoding="utf-8")
    marked.write_text("\ufeffBody.", encoding="utf-8")
    assert ingest(tmp_path, str(plain)) == 0 and ingest(tmp_path, str(marked)) == 0
    assert capsys.readouterr().out.splitlines()[-1].startswith(f"unchanged: {marked} -> corpus/{doc_id('Body.')}.txt")
    assert len(list((tmp_path / "corpus").iterdir())) == 2


@pytest.mark.parametrize(("name", "content", "problem"), [
    ("bom.txt", "\ufeff", "the article is empty"),
    ("invisible.txt", "\u200b\u200d\u2060 \n", "the article is empty"),
    ("notes.json", '{"text": "Body.", "notes": "unknown"}',
     "notes must be an object of strings (why a field is null), found a string"),
    ("title.json", '{"text": "Body.", "title": 42}', "title must be a string or null, found a number"),
    ("surrogate.json", '{"text": "Body \\ud800."}', "not valid JSON: no low surrogate in string (line 1)"),
    ("control.json", '{"text": "Body.", "title": "Bus\\u0007 fares"}', "title holds a control character U+0007"),
    ("override.json", '{"text": "Body.", "source": "\\u202eserutuf"}',
     "source holds a bidirectional control U+202E"),
])
def test_what_is_not_an_article_or_its_metadata_is_refused(tmp_path: Path, capsys, name: str, content: str,
                                                           problem: str) -> None:
    source = tmp_path / name
    source.write_text(content, encoding="utf-8")
    assert ingest(tmp_path, str(source)) == 1
    assert capsys.readouterr().err == f"error: {source}: {problem}\n"
    assert not (tmp_path / "corpus").exists()


@pytest.mark.shared
def test_the_seed_is_the_first_document_exactly_as_given() -> None:
    seed = load_article(CORPUS_DIR / "38a2be65dadfb0cd.txt")
    assert seed.text.encode("utf-8") == shared_path("seeds", "000_19ea85a98065d54c.txt").read_bytes()
    assert seed.id == "38a2be65dadfb0cd"
    assert [seed.metadata[f] for f in ("title", "source", "url", "published", "license")] == [None] * 5
    assert seed.metadata["notes"]["source"].startswith("not known: the article was supplied as plain text")


def test_an_article_longer_than_the_limit_is_refused_naming_it(tmp_path: Path, capsys) -> None:
    source = tmp_path / "long.txt"
    source.write_text("a" * (MAX_TEXT + 1), encoding="utf-8")
    assert ingest(tmp_path, str(source)) == 1
    assert capsys.readouterr().err == (f"error: {source}: the text has {MAX_TEXT + 1:,} characters, more than the "
                                       f"{MAX_TEXT:,} an article may have\n")
    assert not (tmp_path / "corpus").exists()
