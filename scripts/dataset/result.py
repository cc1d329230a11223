"""What a build made and counted: everything the card and the command's report say."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from datasets.info import DatasetInfo

from scripts.dataset.summary import Summary


@dataclass
class BuildResult:
    annotation_dir: Path
    corpus_dir: Path
    exports: list[Path]
    summary: Summary
    infos: dict[str, DatasetInfo]  # view -> its features, splits and sizes
    warnings: list[str]
    unannotated: int
    preannotation: dict | None  # pre-annotator scores on a sample of the gold
    preannotated: int  # documents in that sample
