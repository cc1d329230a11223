"""Parquet files of one config and split, written in batches: `<split>-0000K-of-0000N.parquet`.

Tables arrive a few documents at a time (compressed with zstd: smaller and quicker to write than
snappy); they are gathered into row groups of about ROW_GROUP_BYTES and a new file is started past
SHARD_BYTES (Arrow bytes, as `push_to_hub` counts its shards), so memory stays flat whatever the
size of the dataset. Files get their final names once N is known. Min/max statistics are written
for ids and top-level non-text scalars only (offsets, classes): for free text and nested lists they
help no reader, and an open file keeps every row group's statistics in memory until it closes.
"""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

ROW_GROUP_BYTES = 2 << 20
SHARD_BYTES = 500 << 20


def statistics_columns(schema: pa.Schema) -> list[str]:
    """The columns worth min/max statistics: ids, and top-level scalars that are not text."""
    return [f.name for f in schema if f.name in ("id", "document_id")
            or not (pa.types.is_nested(f.type) or pa.types.is_string(f.type) or pa.types.is_large_string(f.type))]


class SplitWriter:
    """The files of one config and split, written as tables come."""

    def __init__(self, folder: Path, split: str, schema: pa.Schema, shard_bytes: int = SHARD_BYTES) -> None:
        self.folder, self.split, self.schema, self.shard_bytes = folder, split, schema, shard_bytes
        self.pending: list[pa.Table] = []
        self.pending_bytes = self.shard_written = 0
        self.writer: pq.ParquetWriter | None = None
        self.files: list[Path] = []
        self.rows = self.nbytes = 0

    def write(self, table: pa.Table) -> None:
        if not table.num_rows:
            return
        self.pending.append(table)
        self.pending_bytes += table.nbytes
        self.rows += table.num_rows
        self.nbytes += table.nbytes
        if self.pending_bytes >= min(ROW_GROUP_BYTES, self.shard_bytes):
            self._flush()

    def _flush(self) -> None:
        if not self.pending:
            return
        if self.writer is None:
            self.folder.mkdir(parents=True, exist_ok=True)
            self.files.append(self.folder / f".{self.split}-{len(self.files):05d}.parquet")
            self.writer = pq.ParquetWriter(self.files[-1], self.schema, compression="zstd",
                                           write_statistics=statistics_columns(self.schema))
        self.writer.write_table(pa.concat_tables(self.pending))
        self.shard_written += self.pending_bytes
        self.pending, self.pending_bytes = [], 0
        if self.shard_written >= self.shard_bytes:
            self._close_file()

    def _close_file(self) -> None:
        if self.writer is not None:
            self.writer.close()
            self.writer, self.shard_written = None, 0

    def close(self) -> list[Path]:
        """Write what is left and give the files their final names, in order."""
        self._flush()
        self._close_file()
        final = [self.folder / f"{self.split}-{i:05d}-of-{len(self.files):05d}.parquet" for i in range(len(self.files))]
        for temporary, name in zip(self.files, final):
            temporary.rename(name)
        return final
