"""The corpus folder: one `<id>.txt` (the exact text) and one `<id>.json` (its metadata) per article."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from scripts.characters import unsafe_character, visible_text
from scripts.errors import PipelineError
from scripts.files import input_file
from scripts.paths import CORPUS_DIR
from scripts.records import METADATA_FIELDS, Record, doc_id, json_type, too_long


@dataclass(frozen=True)
class Article:
    id: str
    text: str
    metadata: dict[str, Any]  # METADATA_FIELDS, plus `notes` (why a field is null) and `ingested_from`

    def record(self) -> Record:
        """The article as a canonical record with no annotation yet."""
        return {
            "id": self.id,
            "text": self.text,
            "metadata": {field: self.metadata.get(field) for field in METADATA_FIELDS},
            "spans": [],
            "relations": [],
            "provenance": {"origin": "annotation", "export": None, "task_id": None,
                           "annotation_id": None, "annotator": None},
        }


def attribution(metadata: dict[str, Any]) -> str | None:
    """The credit an openly licensed text asks for: title, author, address, licence, and what was
    changed in it (from its notes); None when nothing of it is known."""
    known = [f"“{metadata['title']}”" if metadata.get("title") else None, metadata.get("author"),
             metadata.get("url"), metadata.get("license")]
    credit = ", ".join(part for part in known if part)
    changes = (metadata.get("notes") or {}).get("changes")
    return (f"{credit}; changed: {changes}" if changes else credit) or None


SEED_NOTE = "seed"  # a note in an article's metadata: the rules were written with it in view
HELD_OUT_NOTE = "held_out"  # a note in an article's metadata: kept from the rules' development
MEASURED_AS = ("development", "held-out", "seed")  # how the pre-annotator is measured on an article


def measured_as(metadata: dict[str, Any]) -> str:
    """How the pre-annotator is measured on the article: `seed` when the guidelines and the first rules
    were written from it (an upper bound), `held-out` when it was kept from the rules' development (an
    honest estimate), else `development` (the rules were generalised on it, and calibrated)."""
    notes = metadata.get("notes") or {}
    return "seed" if SEED_NOTE in notes else "held-out" if HELD_OUT_NOTE in notes else "development"


def read_text(path: Path) -> str:
    """An article's text as stored: UTF-8, with something a reader can see."""
    try:
        text = input_file(path).read_bytes().decode("utf-8")
    except UnicodeDecodeError as err:
        raise PipelineError(f"{path}: not UTF-8 (byte {err.start}: {err.reason})") from None
    if not visible_text(text):
        raise PipelineError(f"{path}: the article is empty")
    if length := too_long(text):
        raise PipelineError(f"{path}: {length}")
    return text


def check_metadata(metadata: Any, where: Path) -> dict[str, Any]:
    """Metadata as an article must have it: an object whose fields are one-line strings or null, with
    `notes` (why a field is null) an object of strings."""
    if not isinstance(metadata, dict):
        raise PipelineError(f"{where}: the metadata must be an object, found {json_type(metadata)}")
    for name in METADATA_FIELDS:
        value = metadata.get(name)
        if value is not None and not isinstance(value, str):
            raise PipelineError(f"{where}: {name} must be a string or null, found {json_type(value)}")
        unsafe = unsafe_character(value) if value else None
        if unsafe:
            raise PipelineError(f"{where}: {name} holds {unsafe}")
    notes = metadata.get("notes") or {}
    if not isinstance(notes, dict) or not all(isinstance(v, str) for v in notes.values()):
        raise PipelineError(f"{where}: notes must be an object of strings (why a field is null), "
                            f"found {json_type(notes)}")
    return metadata


def load_article(text_path: Path) -> Article:
    meta_path = text_path.with_suffix(".json")
    text = read_text(text_path)
    if not meta_path.exists():
        raise PipelineError(f"{text_path}: no metadata file {meta_path.name}")
    try:
        metadata = check_metadata(orjson.loads(input_file(meta_path).read_bytes()), meta_path)
    except orjson.JSONDecodeError as err:
        raise PipelineError(f"{meta_path}: not valid JSON: {err.msg}") from None
    if metadata.get("id") != doc_id(text) or text_path.stem != doc_id(text):
        raise PipelineError(f"{text_path}: its id does not match the hash of its text ({doc_id(text)})")
    return Article(id=metadata["id"], text=text, metadata=metadata)


def articles(corpus_dir: Path = CORPUS_DIR) -> Iterator[Article]:
    """Every article of the corpus, in id order."""
    for text_path in sorted(corpus_dir.glob("*.txt")):
        yield load_article(text_path)


def count_unannotated(corpus_dir: Path, annotated: Callable[[str], bool]) -> int:
    """Corpus articles with no gold annotation, each checked as the annotated ones are. The folder
    is read as a stream (a corpus may hold millions of files); of several bad articles, the first by
    name is the one reported."""
    count, first_error = 0, None
    with os.scandir(corpus_dir) if corpus_dir.is_dir() else nullcontext(()) as entries:
        for entry in entries:
            if not entry.name.endswith(".txt") or annotated(entry.name[:-4]):
                continue
            count += 1
            try:
                load_article(Path(entry.path))
            except PipelineError as err:
                if first_error is None or entry.name < first_error[0]:
                    first_error = (entry.name, err)
    if first_error:
        raise first_error[1]
    return count
