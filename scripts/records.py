"""Canonical document records: their ids, their one serialisation, and JSON Lines in and out."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from scripts.errors import PipelineError
from scripts.files import atomic_writer

Record = dict[str, Any]

METADATA_FIELDS = ("title", "source", "author", "url", "published", "language", "license")


def doc_id(text: str) -> str:
    """A document's id: the first 16 hex digits of the SHA-256 of its UTF-8 text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def dumps(obj: Any) -> str:
    """One canonical JSON serialisation, so that the same record always gives the same bytes."""
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def write_jsonl(path: Path, records: Iterable[Record]) -> int:
    count = 0
    with atomic_writer(path) as handle:
        for record in records:
            handle.write(dumps(record) + "\n")
            count += 1
    return count


def read_jsonl(path: Path) -> Iterator[tuple[int, Record]]:
    """Yield (line number, record); a line that is not a JSON object is a PipelineError."""
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as err:
                raise PipelineError(f"{path}: line {number}: not valid JSON: {err.msg}") from None
            if not isinstance(record, dict):
                raise PipelineError(f"{path}: line {number}: expected a JSON object")
            yield number, record
