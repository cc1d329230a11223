"""Build the Hugging Face dataset folder: Parquet per config and split, and the card.

The exports are read in ranges of whole tasks (`scripts.exports`), each range converted, checked and
laid out as rows of every view by a worker (`scripts.partition`), locally or on a Dask cluster
(`scripts.engine`); this process only chooses between records of the same document, writes the
Parquet files as results come and counts what the card says. Ranges go newest first (the last export,
its last task first), so the first record of a document seen is the one that wins, and the rows of
the dataset follow that order. Memory stays flat whatever the size of the exports.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from collections import Counter
from contextlib import nullcontext
from dataclasses import dataclass, field
from functools import cached_property, reduce
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
from datasets.info import DatasetInfo
from datasets.splits import SplitDict, SplitInfo

from scripts.admitted import Admitted
from scripts.convert import Options, Problems, Stats, convert_exports, task_records
from scripts.corpus import CORPUS_DIR, Article, articles, load_article
from scripts.engine import Engine, Workers, add_engine_arguments, running
from scripts.exports import RANGE_BYTES, Miscut, NotAnExport, Range, exact_ranges, ranges, read_range
from scripts.features import VIEWS, view_features
from scripts.parquet import SHARD_BYTES, SplitWriter
from scripts.partition import SPLITS, Part, PartResult, from_stream, process, split_of
from scripts.records import PipelineError, Record
from scripts.scheme import ROOT, load_scheme
from scripts.summary import Smallest, Summary, add_scores
from scripts.validate import records_problems
from scripts.views.common import Document
from scripts.views.table import schema

__all__ = ["SPLITS", "split_of", "build", "gold_documents", "BuildResult", "Inputs"]

DEFAULT_OUT = ROOT / "build" / "hf"
PREANNOTATION_SAMPLE = 50  # gold documents (the smallest ids) the pre-annotator is scored on


@dataclass
class Inputs:
    """What a build reads, with what it had to say about it, held in memory: for small corpora."""

    documents: list[Document]
    exports: list[Path]
    unannotated: list[Article]
    warnings: list[str] = field(default_factory=list)


def gold_documents(annotation_dir: Path, corpus: list[Article]) -> Inputs:
    """Gold records from the exports (a later export replaces an earlier one), joined to the corpus."""
    by_id = {article.id: article for article in corpus}
    exports = sorted(annotation_dir.glob("*.json"))
    gold: dict[str, tuple[Record, Path]] = {}
    warnings: list[str] = []
    errors: list[str] = []
    for path in exports:
        records = convert_exports([path]).records
        errors += [str(p) for p in records_problems((str(path), r) for r in records)]
        for record in records:
            named = record["provenance"].get("task_doc_id")
            if named in by_id and named != record["id"]:
                errors.append(f"{path}: task {record['provenance']['task_id']}: its text differs "
                              f"from the corpus text of document {named}")
            if record["id"] in gold:
                warnings.append(f"document {record['id']}: taking {path.name} over "
                                f"{gold[record['id']][1].name}")
            gold[record["id"]] = (record, path)
    if errors:
        raise PipelineError("refusing to build from invalid annotations:\n" + "\n".join(errors))
    documents = []
    for doc_id, (record, path) in sorted(gold.items()):
        article = by_id.get(doc_id)
        if article is None:
            warnings.append(f"document {doc_id} (from {path.name}) is not in the corpus: "
                            "built with null metadata")
        documents.append(Document(record, article.metadata if article else {}))
    unannotated = [a for a in corpus if a.id not in gold]
    return Inputs(documents, exports, unannotated, warnings)


@dataclass
class BuildResult:
    annotation_dir: Path
    corpus_dir: Path
    exports: list[Path]
    summary: Summary
    infos: dict[str, DatasetInfo]
    warnings: list[str]
    unannotated: int
    preannotation: dict | None  # pre-annotator scores on a sample of the gold
    preannotated: int  # documents in that sample

    @cached_property
    def inputs(self) -> Inputs:
        """The gold documents themselves, converted again and held in memory: for small corpora."""
        return gold_documents(self.annotation_dir, list(articles(self.corpus_dir)))


class _Collector:
    """Takes partition results in order: admits documents, writes their rows, counts, keeps problems."""

    def __init__(self, exports: list[Path], staging: Path, shard_bytes: int) -> None:
        scheme = load_scheme()
        self.names = (scheme.label_names, tuple(r.name for r in scheme.relations))
        self.exports = exports
        self.writers = {(view, split): SplitWriter(staging / "data" / view, split, schema(view), shard_bytes)
                        for view in VIEWS for split in SPLITS}
        self.seen = Admitted()
        self.summary = Summary()
        self.problems: list[tuple[int, int, int, Problems | None, tuple]] = []  # see `raise_if_any`
        self.tasks: dict[int, dict[int, int]] = {}  # export -> range start -> tasks
        self.warnings: list[str] = []
        self.sample = Smallest(PREANNOTATION_SAMPLE)  # id -> (range, position) of admitted documents

    def add(self, result: PartResult) -> None:
        export_no, part = result.part.export_no, result.part.range
        path = self.exports[export_no]
        self.tasks.setdefault(export_no, {})[part.start] = result.tasks
        self.problems += [(export_no, part.start, index, result.problems, tuple(rest))
                          for index, *rest in result.problems.entries]
        self.problems += [(export_no, part.start, position, None, (text,)) for position, text in result.invalid]
        self.summary.add_annotations(path, result.annotators, result.agreement)
        # a partition lays out a document at most once, so its id names the rows to leave out
        dropped = {doc.id for doc in result.docs if not self._admit(doc, export_no, part) and doc.laid_out}
        if self.problems:
            return  # the build will fail: nothing more to write
        for (view, split), stream in result.tables.items():
            table = from_stream(stream)
            if dropped:
                column = table.column("id" if view == "documents" else "document_id")
                table = table.filter(pc.invert(pc.is_in(column, value_set=pa.array(sorted(dropped)))))
            self.writers[(view, split)].write(table)

    def _admit(self, doc, export_no: int, part: Range) -> bool:
        path = self.exports[export_no]
        earlier = self.seen.get(doc.id)
        if earlier is not None:
            newer, annotation = earlier
            if newer == export_no and annotation == doc.annotation_id:
                self.problems.append((export_no, part.start, doc.position, None, (
                    f"{path}: document {doc.id}: the same document and annotation appear twice",)))
            else:
                self.warnings.append(f"document {doc.id}: taking {self.exports[newer].name} over {path.name}")
            return False
        self.seen.add(doc.id, export_no, doc.annotation_id)
        self.summary.add_document(doc, *self.names)
        if not doc.in_corpus:
            self.warnings.append(f"document {doc.id} (from {path.name}) is not in the corpus: "
                                 "built with null metadata")
        self.sample.offer(doc.id, (part, doc.position))
        return True

    def raise_if_any(self) -> None:
        """Every problem, in the order of the exports and their tasks, tasks named by their place in
        the whole export (known only now that every range has been counted)."""
        if not self.problems:
            return
        firsts: dict[tuple[int, int], int] = {}
        for export_no, counts in self.tasks.items():
            total = 0
            for start in sorted(counts):
                firsts[(export_no, start)] = total
                total += counts[start]
        lines = []
        for export_no, start, position, problems, text in sorted(
                self.problems, key=lambda p: (p[0], firsts[(p[0], p[1])] + p[2])):
            where = firsts[(export_no, start)] + position
            lines.append(problems.line(where, *text) if problems else text[0])
        raise PipelineError("refusing to build from invalid annotations:\n" + "\n".join(lines))


def _parts(exports: list[Path], corpus_dir: Path, exact: set[Path], range_bytes: int) -> list[Part]:
    """Every range of every export, newest first."""
    parts = []
    for export_no in reversed(range(len(exports))):
        path = exports[export_no]
        planned = exact_ranges(path, size=range_bytes) if path in exact else ranges(path, range_bytes)
        parts += [Part(export_no, r, corpus_dir) for r in reversed(planned)]
    return parts


def _collect(collector: _Collector, corpus_dir: Path, workers: Workers, range_bytes: int,
             exact: set[Path]) -> None:
    parts = _parts(collector.exports, corpus_dir, exact, range_bytes)
    results = workers.map(process, parts)
    for part in parts:
        try:
            collector.add(next(results))
        except (Miscut, NotAnExport):
            if part.range.path in exact:
                raise
            raise _Recut(part.range.path) from None
    collector.raise_if_any()


class _Recut(Exception):
    """An export whose ranges must be cut exactly: a cut fell inside a task."""

    def __init__(self, path: Path) -> None:
        super().__init__(str(path))
        self.path = path


def _sample_ranges(sample: Smallest) -> list[tuple[Range, tuple[int, ...]]]:
    """The ranges that hold the sampled gold documents, each with their tasks' positions."""
    by_range: dict[Range, list[int]] = {}
    for _, (part, position) in sample.items():
        by_range.setdefault(part, []).append(position)
    return [(part, tuple(positions)) for part, positions in by_range.items()]


def score_preannotation(sampled: tuple[Range, tuple[int, ...]]) -> dict:
    """The pre-annotator's scores on the gold records of some tasks of one range, read again there."""
    from scripts.evaluate import compare
    from scripts.preannotate import predict

    part, positions = sampled
    tasks = read_range(part)
    records = (record for position in positions
               for record in task_records(tasks[position], part.path.name, load_scheme(), Options(), Stats(),
                                          Problems(str(part.path)), position))
    return reduce(add_scores, (compare([r], [predict({**r, "spans": [], "relations": []})]) for r in records))


def _infos(collector: _Collector) -> dict[str, DatasetInfo]:
    infos = {}
    for view in VIEWS:
        splits = SplitDict()
        download_size = 0
        for split in SPLITS:
            writer = collector.writers[(view, split)]
            files = writer.close()
            if files:
                splits.add(SplitInfo(name=split, num_bytes=writer.nbytes, num_examples=writer.rows))
                download_size += sum(f.stat().st_size for f in files)
        infos[view] = DatasetInfo(features=view_features(view), splits=splits, download_size=download_size,
                                  dataset_size=sum(s.num_bytes for s in splits.values()), config_name=view)
    return infos


def _unannotated(corpus_dir: Path, seen: Admitted) -> int:
    """Corpus articles with no gold annotation, each checked as the annotated ones were. The folder
    is read as a stream (a corpus may hold millions of files); of several bad articles, the first by
    name is the one reported."""
    count, first_error = 0, None
    with os.scandir(corpus_dir) if corpus_dir.is_dir() else nullcontext(()) as entries:
        for entry in entries:
            if not entry.name.endswith(".txt") or entry.name[:-4] in seen:
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


def build(annotation_dir: Path, out: Path, corpus_dir: Path = CORPUS_DIR, engine: Engine = Engine(),
          range_bytes: int = RANGE_BYTES, shard_bytes: int = SHARD_BYTES) -> BuildResult:
    """Build into a temporary folder and move it into place, so no partial output is ever left.
    A worker takes about `range_bytes` of an export at a time; a Parquet file holds about
    `shard_bytes` of Arrow data."""
    from scripts.card import write_card

    exports = sorted(annotation_dir.glob("*.json"))
    out.parent.mkdir(parents=True, exist_ok=True)
    exact: set[Path] = set()
    with running(engine) as workers:
        while True:
            staging = Path(tempfile.mkdtemp(dir=out.parent, prefix=f".{out.name}."))
            collector = _Collector(exports, staging, shard_bytes)
            try:
                staging.chmod(0o755)
                _collect(collector, corpus_dir, workers, range_bytes, exact)
                if not collector.seen.count:
                    raise PipelineError(f"no gold annotation in {annotation_dir}: nothing to build")
                sample = _sample_ranges(collector.sample)
                scores = None
                for one in workers.map(score_preannotation, sample):
                    scores = add_scores(scores, one)
                result = BuildResult(annotation_dir, corpus_dir, exports, collector.summary, _infos(collector),
                                     collector.warnings, _unannotated(corpus_dir, collector.seen), scores,
                                     sum(len(positions) for _, positions in sample))
                write_card(result, staging)
                if out.exists():
                    shutil.rmtree(out)
                staging.rename(out)
                return result
            except _Recut as recut:
                exact.add(recut.path)
            finally:
                collector.seen.close()
                shutil.rmtree(staging, ignore_errors=True)


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "build",
        help="build the Hugging Face dataset folder (Parquet + card)",
        description="Convert and validate the exports in annotations/, join them to the corpus and "
        "write a Hugging Face dataset repository folder: README.md (the card) and "
        "data/<config>/<split>-0000K-of-0000N.parquet for every config. Reads the exports a range of "
        "tasks at a time on all cores (or on a Dask cluster), so memory stays flat at any size.",
    )
    parser.add_argument("--annotations", type=Path, default=ROOT / "annotations",
                        help="folder of Label Studio JSON exports (default: annotations/)")
    parser.add_argument("--corpus", type=Path, default=CORPUS_DIR, help="the articles (default: corpus/)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder (default: build/hf)")
    add_engine_arguments(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    result = build(args.annotations, args.out, args.corpus, Engine.from_args(args))
    for warning in result.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    for view, info in result.infos.items():
        splits = ", ".join(f"{name} {split.num_examples}" for name, split in info.splits.items())
        dropped = result.summary.dropped.get(view, Counter())
        note = f"; dropped {sum(dropped.values())} span(s): {dict(sorted(dropped.items()))}" if dropped else ""
        print(f"{view}: {splits}{note}")
    print(f"built {_shown(args.out)} from {result.summary.documents} annotated document(s); "
          f"{result.unannotated} corpus document(s) not yet annotated")
    return 0


def _shown(path: Path) -> str:
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)
