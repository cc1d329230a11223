"""`build`: the Hugging Face dataset folder, Parquet per config and split, and the card.

The exports are read in ranges of whole tasks (`scripts.labelstudio.exports`), each range converted,
checked and laid out as rows of every view by a worker (`scripts.dataset.worker`), locally or on a
Dask cluster (`scripts.engine`); this process only chooses between records of the same document,
writes the Parquet files as results come and counts what the card says (`scripts.dataset.collector`).
Ranges go newest first (the last export, its last task first), so the first record of a document seen
is the one that wins, and the rows of the dataset follow that order. Memory stays flat whatever the
size of the exports.
"""

from __future__ import annotations

import argparse
import fcntl
import os
import shutil
import sqlite3
import sys
import tempfile
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from datasets.info import DatasetInfo
from datasets.splits import SplitDict, SplitInfo

from scripts.corpus.articles import count_unannotated
from scripts.dataset.card import write_card
from scripts.dataset.collector import Collector
from scripts.dataset.parquet import SHARD_BYTES
from scripts.dataset.preannotation import add_sides, sample_ranges, score_preannotation
from scripts.dataset.result import BuildResult
from scripts.dataset.splits import SPLITS
from scripts.dataset.views import VIEWS
from scripts.dataset.worker import Part, process
from scripts.engine import Engine, Workers, add_engine_arguments, running
from scripts.errors import PipelineError
from scripts.files import exchange_folders
from scripts.labelstudio.exports import RANGE_BYTES, Miscut, NotAnExport, exact_ranges, ranges
from scripts.paths import ANNOTATIONS_DIR, BUILD_MARKER, CORPUS_DIR, DATASET_DIR, shown
from scripts.schema.scheme import load_scheme

STAGING = ".build-"  # `.<out>.build-XXXX`: a build's staging folder beside its output, locked while it runs
MARKER_TEXT = "Written by `python -m scripts build`, which replaces this folder whole on the next build.\n"


def _parts(exports: list[Path], corpus_dir: Path, exact: set[Path], range_bytes: int) -> list[Part]:
    """Every range of every export, newest first."""
    parts = []
    for export_no in reversed(range(len(exports))):
        path = exports[export_no]
        planned = exact_ranges(path, size=range_bytes) if path in exact else ranges(path, range_bytes)
        parts += [Part(export_no, r, corpus_dir) for r in reversed(planned)]
    return parts


def _collect(collector: Collector, corpus_dir: Path, workers: Workers, range_bytes: int,
             exact: set[Path]) -> None:
    parts = _parts(collector.exports, corpus_dir, exact, range_bytes)
    results = workers.map(process, parts)
    for part in parts:
        try:
            collector.add(next(results))
        except (Miscut, NotAnExport):
            if part.range.exact:
                raise  # not a miscut: the export itself is not a list of tasks
            raise _Recut(part.range.path) from None
    collector.raise_if_any()


class _Recut(Exception):
    """An export whose ranges must be cut exactly: a cut fell inside a task."""

    def __init__(self, path: Path) -> None:
        super().__init__(str(path))
        self.path = path


def _infos(collector: Collector) -> dict[str, DatasetInfo]:
    scheme = load_scheme()
    infos = {}
    for name, view in VIEWS.items():
        splits = SplitDict()
        download_size = 0
        for split in SPLITS:
            writer = collector.writers[(name, split)]
            files = writer.close()
            if files:
                splits.add(SplitInfo(name=split, num_bytes=writer.nbytes, num_examples=writer.rows))
                download_size += sum(f.stat().st_size for f in files)
        infos[name] = DatasetInfo(features=view.features(scheme), splits=splits, download_size=download_size,
                                  dataset_size=sum(s.num_bytes for s in splits.values()), config_name=name)
    return infos


def _replaceable(out: Path) -> None:
    """Refuse an `out` that a build did not write: a build replaces its folder whole, and must never
    delete what someone else put there (notes, a corpus, another dataset)."""
    if not out.exists() and not out.is_symlink():
        return
    if not out.is_dir() or out.is_symlink():
        raise PipelineError(f"{out}: not a folder a build wrote: refusing to replace it; choose another --out")
    if not (out / BUILD_MARKER).is_file() and any(out.iterdir()):
        raise PipelineError(f"{out}: not a folder a build wrote (no {BUILD_MARKER} in it): refusing to replace "
                            "what it holds; remove it yourself or choose another --out")


def _clear_abandoned(out: Path) -> None:
    """Remove the staging folders of builds that were killed: those whose lock nobody holds any more."""
    for staging in out.parent.glob(f".{out.name}{STAGING}*"):
        try:
            handle = os.open(staging, os.O_RDONLY | os.O_DIRECTORY)
        except OSError:
            continue
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            shutil.rmtree(staging, ignore_errors=True)
        except BlockingIOError:
            pass  # a build running now
        finally:
            os.close(handle)


@contextmanager
def _staging(out: Path) -> Iterator[Path]:
    """A new staging folder beside `out`, locked while the build runs (the system releases the lock of a
    killed process, so a later build can tell it was abandoned) and deleted after."""
    staging = Path(tempfile.mkdtemp(dir=out.parent, prefix=f".{out.name}{STAGING}"))
    handle = os.open(staging, os.O_RDONLY | os.O_DIRECTORY)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield staging
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        os.close(handle)


def build(annotation_dir: Path, out: Path, corpus_dir: Path = CORPUS_DIR, engine: Engine = Engine(),
          range_bytes: int = RANGE_BYTES, shard_bytes: int = SHARD_BYTES) -> BuildResult:
    """Build into a locked staging folder beside `out` and exchange it with `out` in one step, so no
    partial output is ever seen; then the previous build is deleted with the staging folder. Only a
    folder a build wrote (it holds BUILD_MARKER) is replaced. A worker takes about `range_bytes` of an
    export at a time; a Parquet file holds about `shard_bytes` of Arrow data."""
    exports = sorted(annotation_dir.glob("*.json"))
    _replaceable(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    _clear_abandoned(out)
    try:
        return _built(exports, annotation_dir, out, corpus_dir, engine, range_bytes, shard_bytes)
    except (OSError, sqlite3.Error) as err:  # the table of admitted documents is written through SQLite
        filename = getattr(err, "filename", None)
        if filename is not None and not str(filename).startswith(str(out.parent / f".{out.name}{STAGING}")):
            raise  # an input that could not be read: its own error names it
        kept = "the previous build is kept" if out.exists() else "nothing written"
        reason = getattr(err, "strerror", None) or err
        raise PipelineError(f"{out}: cannot write the dataset: {reason}; {kept}") from None


def _built(exports: list[Path], annotation_dir: Path, out: Path, corpus_dir: Path, engine: Engine,
           range_bytes: int, shard_bytes: int) -> BuildResult:
    """The build, exchanged with `out` once complete; recut exactly where a range was cut inside a task."""
    exact: set[Path] = set()
    with running(engine) as workers:
        while True:
            try:
                with _staging(out) as staging:
                    folder = staging / out.name
                    folder.mkdir()
                    folder.chmod(0o755)
                    (folder / BUILD_MARKER).write_text(MARKER_TEXT, encoding="utf-8")
                    result = _write_dataset(exports, annotation_dir, corpus_dir, folder, staging, workers, range_bytes,
                                           shard_bytes, exact)
                    exchange_folders(folder, out)
                    return result
            except _Recut as recut:
                exact.add(recut.path)


def _write_dataset(exports: list[Path], annotation_dir: Path, corpus_dir: Path, folder: Path, staging: Path,
           workers: Workers, range_bytes: int, shard_bytes: int, exact: set[Path]) -> BuildResult:
    """Every config and the card, written into `folder`."""
    collector = Collector(exports, folder, shard_bytes, staging)
    try:
        _collect(collector, corpus_dir, workers, range_bytes, exact)
        if not collector.seen.count:
            raise PipelineError(f"no gold annotation in {annotation_dir}: nothing to build")
        sample = sample_ranges(collector.sample)
        scores = None
        for sampled in sample:  # here: a small sample, the trained pipeline loaded once
            scores = add_sides(scores, score_preannotation(sampled, corpus_dir))
        result = BuildResult(annotation_dir, corpus_dir, exports, collector.summary, _infos(collector),
                             collector.warnings, count_unannotated(corpus_dir, collector.seen.__contains__),
                             scores, sum(len(positions) for _, positions in sample))
        write_card(result, folder)
        return result
    finally:
        collector.seen.close()


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "build",
        help="build the Hugging Face dataset folder (Parquet + card)",
        description="Convert and validate the exports in annotations/, join them to the corpus and "
        "write a Hugging Face dataset repository folder: README.md (the card) and "
        "data/<config>/<split>-0000K-of-0000N.parquet for every config. Reads the exports a range of "
        "tasks at a time on all cores (or on a Dask cluster), so memory stays flat at any size. The new "
        "build replaces --out whole, in one step, and only if a build wrote it (or it is empty).",
    )
    parser.add_argument("--annotations", type=Path, default=ANNOTATIONS_DIR,
                        help="folder of Label Studio JSON exports (default: annotations/)")
    parser.add_argument("--corpus", type=Path, default=CORPUS_DIR, help="the articles (default: corpus/)")
    parser.add_argument("--out", type=Path, default=DATASET_DIR, help="output folder (default: build/hf)")
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
    print(f"built {shown(args.out)} from {result.summary.documents} annotated document(s); "
          f"{result.unannotated} corpus document(s) not yet annotated")
    return 0

