"""The corpus folder: one `<id>.txt` (the exact text) and one `<id>.json` (its metadata) per article."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scripts.records import METADATA_FIELDS, PipelineError, Record, doc_id
from scripts.scheme import ROOT

CORPUS_DIR = ROOT / "corpus"


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


def read_text(path: Path) -> str:
    """An article's text as stored: UTF-8, never empty."""
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as err:
        raise PipelineError(f"{path}: not UTF-8 (byte {err.start}: {err.reason})") from None
    if not text.strip():
        raise PipelineError(f"{path}: the article is empty")
    return text


def load_article(text_path: Path) -> Article:
    meta_path = text_path.with_suffix(".json")
    text = read_text(text_path)
    if not meta_path.exists():
        raise PipelineError(f"{text_path}: no metadata file {meta_path.name}")
    metadata = json.loads(meta_path.read_text(encoding="utf-8"))
    if metadata.get("id") != doc_id(text) or text_path.stem != doc_id(text):
        raise PipelineError(f"{text_path}: its id does not match the hash of its text ({doc_id(text)})")
    return Article(id=metadata["id"], text=text, metadata=metadata)


def articles(corpus_dir: Path = CORPUS_DIR) -> Iterator[Article]:
    """Every article of the corpus, in id order."""
    for text_path in sorted(corpus_dir.glob("*.txt")):
        yield load_article(text_path)
