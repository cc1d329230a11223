"""The build's worker: a range of an export turned into checked gold records and the rows of every view.

Partitions are independent, so they run in any process or on any worker of a cluster; what a
partition cannot decide alone (which of two records of the same document wins, task positions in the
whole export) it reports, and the build decides. Tasks are taken last to first, the order in which
the build admits documents (the newest annotation of a document wins).
"""

from __future__ import annotations

import gc
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

import pyarrow as pa

from scripts.corpus.articles import Article, attribution, load_article
from scripts.dataset.splits import SPLITS, split_of
from scripts.dataset.views import VIEWS
from scripts.dataset.views.arrow import to_table
from scripts.dataset.views.base import Document
from scripts.evaluate.agreement import Pair, pass_pairs
from scripts.labelstudio.convert import Options, Problems, Stats, annotation_records
from scripts.labelstudio.exports import Range, read_range
from scripts.records import METADATA_FIELDS, Record
from scripts.schema.scheme import load_scheme
from scripts.validate.rules import annotation_problems


@dataclass(frozen=True)
class Part:
    export_no: int  # the export's place among the build's exports
    range: Range
    corpus_dir: Path


class DocSummary(NamedTuple):
    """What the build needs of one gold record besides its rows: to choose it and to describe it."""

    id: str
    annotation_id: int | None
    task_id: int | None
    position: int  # of its task in the partition
    split: str
    labels: tuple[int, ...]  # spans per label, in the scheme's order
    relations: tuple[int, ...]  # links per relation type, in the scheme's order
    dropped: tuple[tuple[str, str, int], ...]  # (view, reason, spans)
    licence: str | None
    credit: str | None  # the attribution its licence asks for
    in_corpus: bool
    unknown: tuple[str, ...]  # metadata fields that are null
    reasons: tuple[str, ...]  # why they are
    laid_out: bool  # False for a later duplicate in the same partition: it has no rows


@dataclass
class PartResult:
    part: Part
    tasks: int = 0
    problems: Problems | None = None  # the converter's, named by task
    invalid: list[tuple[int, str]] = field(default_factory=list)  # (task position, problem) of the records
    warnings: list[str] = field(default_factory=list)  # departures from the rules in independent passes
    docs: list[DocSummary] = field(default_factory=list)  # in the order of the rows
    tables: dict[tuple[str, str], pa.Buffer] = field(default_factory=dict)  # (view, split) -> rows, see `from_stream`
    annotators: Counter = field(default_factory=Counter)  # (annotator, role) -> annotations
    agreement: list[Pair] = field(default_factory=list)  # every two independent passes of a task, scored


def process(part: Part) -> PartResult:
    """Convert, check, join to the corpus and lay out every view; the collector stays off meanwhile,
    as nothing made here outlives the partition but its result."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _process(part)
    finally:
        if enabled:
            gc.enable()


def _process(part: Part) -> PartResult:
    path = part.range.path
    tasks = read_range(part.range)
    scheme = load_scheme()
    result = PartResult(part, tasks=len(tasks), problems=Problems(str(path)))
    rows: dict[tuple[str, str], list[dict]] = {(view, split): [] for view in VIEWS for split in SPLITS}
    laid_out: set[str] = set()
    for position in range(len(tasks) - 1, -1, -1):
        converted = list(annotation_records(tasks[position], path.name, scheme, Options(), Stats(), result.problems,
                                            position))
        _tally_annotations([record for record, _ in converted], result)
        for record, published in converted:
            problems = annotation_problems(record, str(path), published, scheme)
            result.invalid += [(position, str(p)) for p, warning in problems if not warning]
            result.warnings += [str(p) for p, warning in problems if warning]
            if not published:
                continue
            article = _article(record, part.corpus_dir, path, result.invalid, position)
            if not problems:
                doc = Document(record, article.metadata if article else {})
                fresh = doc.id not in laid_out
                result.docs.append(_lay_out(doc, position, article is not None, rows if fresh else None))
                laid_out.add(doc.id)
    result.tables = {key: to_stream(to_table(key[0], batch)) for key, batch in rows.items() if batch}
    return result


def to_stream(table: pa.Table) -> pa.Buffer:
    """The table as one Arrow IPC stream: it crosses to the main process as a single buffer, where
    pickling a table would rebuild every nested array one by one."""
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    return sink.getvalue()


def from_stream(stream: pa.Buffer) -> pa.Table:
    """A table of `PartResult.tables` back, without copying its data."""
    return pa.ipc.open_stream(stream).read_all()


def _article(record: Record, corpus_dir: Path, path: Path, invalid: list[tuple[int, str]],
             position: int) -> Article | None:
    """The corpus article of the record, if any; a task that names a corpus article of another text is refused."""
    named = record["provenance"].get("task_doc_id")
    if named and named != record["id"] and (corpus_dir / f"{named}.txt").exists():
        invalid.append((position, f"{path}: task {record['provenance']['task_id']}: its text differs "
                                  f"from the corpus text of document {named}"))
    text_path = corpus_dir / f"{record['id']}.txt"
    return load_article(text_path) if text_path.exists() else None


def _lay_out(doc: Document, position: int, in_corpus: bool,
             rows: dict[tuple[str, str], list[dict]] | None) -> DocSummary:
    """The document's rows of every view (unless `rows` is None) and its summary."""
    scheme = load_scheme()
    split = split_of(doc.id)
    dropped = []
    for view in VIEWS if rows is not None else ():
        reasons: Counter = Counter()
        rows[(view, split)].extend(VIEWS[view].rows(doc, reasons))
        dropped += [(view, reason, n) for reason, n in sorted(reasons.items())]
    labels = Counter(span["label"] for span in doc.record["spans"])
    relations = Counter(relation["type"] for relation in doc.record["relations"])
    meta = doc.metadata
    unknown = tuple(f for f in METADATA_FIELDS if meta.get(f) is None)
    reasons = tuple(sorted({(meta.get("notes") or {}).get(f, "not in the corpus") for f in unknown}))
    return DocSummary(doc.id, doc.record["provenance"]["annotation_id"], doc.record["provenance"]["task_id"],
                      position, split,
                      tuple(labels[name] for name in scheme.label_names),
                      tuple(relations[kind.name] for kind in scheme.relations), tuple(dropped),
                      meta.get("license"), attribution(meta), in_corpus, unknown, reasons, rows is not None)


def _tally_annotations(records: list[Record], result: PartResult) -> None:
    """Who made each completed annotation of a task, and how two independent passes on it agree."""
    for record in records:
        provenance = record["provenance"]
        role = "gold (ground truth)" if provenance.get("ground_truth") else "independent pass"
        result.annotators[(provenance["annotator"], role)] += 1
    result.agreement += pass_pairs(records)
