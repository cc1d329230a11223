"""The documents a build has admitted, with the export and annotation each came from.

A build must know every document it has taken to refuse or skip a later record of the same one; held
in a dict that would grow by about 200 bytes a document. The table lives in an SQLite file instead
(a bounded page cache in memory), so a build's memory stays flat at millions of documents.
"""

from __future__ import annotations

import sqlite3
import tempfile
from pathlib import Path


class Admitted:
    """document id -> (export number, annotation id); a temporary file, removed by `close`."""

    def __init__(self) -> None:
        self._folder = tempfile.TemporaryDirectory(prefix="admitted-")
        self.path = Path(self._folder.name) / "admitted.sqlite"
        self._db = sqlite3.connect(self.path, isolation_level=None)
        self._db.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; "
                               "CREATE TABLE admitted (id TEXT PRIMARY KEY, export INTEGER, annotation INTEGER) "
                               "WITHOUT ROWID; BEGIN;")
        self.count = 0

    def get(self, doc_id: str) -> tuple[int, int | None] | None:
        return self._db.execute("SELECT export, annotation FROM admitted WHERE id = ?", (doc_id,)).fetchone()

    def add(self, doc_id: str, export_no: int, annotation_id: int | None) -> None:
        self._db.execute("INSERT INTO admitted VALUES (?, ?, ?)", (doc_id, export_no, annotation_id))
        self.count += 1

    def __contains__(self, doc_id: str) -> bool:
        return self.get(doc_id) is not None

    def close(self) -> None:
        self._db.close()
        self._folder.cleanup()
