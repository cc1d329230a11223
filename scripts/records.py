"""Canonical document records: their ids, their one serialisation, and JSON Lines in and out."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import orjson

from scripts.errors import PipelineError
from scripts.files import atomic_writer, input_file

Record = dict[str, Any]

METADATA_FIELDS = ("title", "source", "author", "url", "published", "language", "license")
MAX_TEXT = 5_000_000  # characters of one article: the cost of every step grows linearly with it, as memory does


def too_long(text: str) -> str | None:
    """Why a text is longer than an article may be, or None."""
    if len(text) <= MAX_TEXT:
        return None
    return f"the text has {len(text):,} characters, more than the {MAX_TEXT:,} an article may have"


def doc_id(text: str) -> str:
    """A document's id: the first 16 hex digits of the SHA-256 of its UTF-8 text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def dumps(obj: Any) -> str:
    """One canonical JSON serialisation, so that the same record always gives the same bytes (and never
    NaN or Infinity, which are not JSON)."""
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False)


def json_type(value: Any) -> str:
    """What a JSON value is, as a message says it."""
    names = {dict: "an object", list: "a list", str: "a string", bool: "true or false", type(None): "null"}
    return names.get(type(value), "a number")


def write_jsonl(path: Path, records: Iterable[Record]) -> int:
    count = 0
    with atomic_writer(path) as handle:
        for record in records:
            handle.write(dumps(record) + "\n")
            count += 1
    return count


def read_jsonl(path: Path) -> Iterator[tuple[int, Record]]:
    """Yield (line number, record); a line that is not UTF-8, or not a JSON object (NaN and lone
    surrogates are not JSON, and orjson refuses them), is a PipelineError."""
    with input_file(path).open("rb") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                record = orjson.loads(line.decode("utf-8"))
            except UnicodeDecodeError as err:
                raise PipelineError(f"{path}: line {number}: not UTF-8 (byte {err.start} of the line)") from None
            except orjson.JSONDecodeError as err:
                raise PipelineError(f"{path}: line {number}: not valid JSON: {err.msg}") from None
            if not isinstance(record, dict):
                raise PipelineError(f"{path}: line {number}: expected a JSON object")
            yield number, record
