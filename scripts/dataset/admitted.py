"""The documents a build has admitted, with the export, annotation and task each came from.

A build must know every document it has taken to refuse or skip a later record of the same one; held
in a dict that would grow by about 200 bytes a document. The table lives in an SQLite file instead
(a bounded page cache in memory), so a build's memory stays flat at millions of documents. The file is
in the build's staging folder, so it goes with it, even when the build is killed.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path


class Admitted:
    """document id -> (export number, annotation id, task id), in `folder`/admitted.sqlite."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / "admitted.sqlite"
        self._db = sqlite3.connect(self.path, isolation_level=None)
        self._db.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; "
                               "CREATE TABLE admitted (id TEXT PRIMARY KEY, export INTEGER, annotation INTEGER, "
                               "task INTEGER) WITHOUT ROWID; BEGIN;")
        self.count = 0

    def get(self, doc_id: str) -> tuple[int, int | None, int | None] | None:
        return self._db.execute("SELECT export, annotation, task FROM admitted WHERE id = ?", (doc_id,)).fetchone()

    def add(self, doc_id: str, export_no: int, annotation_id: int | None, task_id: int | None) -> None:
        self._db.execute("INSERT INTO admitted VALUES (?, ?, ?, ?)", (doc_id, export_no, annotation_id, task_id))
        self.count += 1

    def __contains__(self, doc_id: str) -> bool:
        return self.get(doc_id) is not None

    def close(self) -> None:
        self._db.close()
