"""Canonical document records: ids, reading and writing JSON Lines without leaving partial files."""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TextIO

Record = dict[str, Any]

METADATA_FIELDS = ("title", "source", "url", "published", "language", "license")


class PipelineError(Exception):
    """A problem in the input that stops a step; its message names the file, task and region."""


def doc_id(text: str) -> str:
    """A document's id: the first 16 hex digits of the SHA-256 of its UTF-8 text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def dumps(obj: Any) -> str:
    """One canonical JSON serialisation, so that the same record always gives the same bytes."""
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


@contextmanager
def atomic_writer(path: Path, mode: int = 0o644) -> Iterator[TextIO]:
    """Write to a temporary file beside `path` and move it into place only on success.

    mkstemp creates the file readable by its owner only; `mode` gives the file its final permissions.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.fchmod(fd, mode)
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            yield handle
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


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
