"""`preannotate`: predictions for corpus documents, as records or as Label Studio tasks, on an engine."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import TextIO

from scripts.corpus.articles import load_article
from scripts.engine import Engine, add_engine_arguments, running
from scripts.errors import PipelineError
from scripts.files import atomic_writer, output_file
from scripts.labelstudio.results import record_to_result, task_data
from scripts.paths import CORPUS_DIR
from scripts.preannotate.predict import PROVENANCE, checked, predict
from scripts.records import Record, dumps

BATCH = 64  # documents a worker predicts at a time: few round trips, little in flight


def labelstudio_task(record: Record) -> dict:
    """A Label Studio task carrying the prediction, scored by the mean of its span scores."""
    scores = [s["score"] for s in record["spans"]]
    return {"data": task_data(record),
            "predictions": [{"model_version": record["provenance"]["model_version"],
                             "score": round(sum(scores) / len(scores), 3) if scores else 0.0,
                             "result": record_to_result(record)}]}


def predict_files(paths: tuple[Path, ...]) -> list[Record]:
    """Checked predictions for some corpus files: the unit of work a worker gets."""
    return [checked(predict(load_article(path).record())) for path in paths]


def predictions(doc_ids: list[str], corpus_dir: Path = CORPUS_DIR,
                engine: Engine = Engine(workers=1)) -> Iterator[Record]:
    """One checked prediction per document given (or per corpus document, in id order), computed by
    the engine's workers a batch at a time and streamed."""
    if doc_ids:
        paths = [corpus_dir / f"{d}.txt" for d in doc_ids]
        missing = [d for d, path in zip(doc_ids, paths) if not path.exists()]
        if missing:
            raise PipelineError(f"not in the corpus: {', '.join(missing)}")
    else:
        paths = sorted(corpus_dir.glob("*.txt"))
    batches = [tuple(paths[i:i + BATCH]) for i in range(0, len(paths), BATCH)]
    with running(engine) as workers:
        for batch in workers.map(predict_files, batches):
            yield from batch


@contextmanager
def _output(path: Path | None) -> Iterator[TextIO]:
    with atomic_writer(path) if path else nullcontext(sys.stdout) as handle:
        yield handle


def write(records: Iterable[Record], path: Path | None, form: str) -> int:
    """Stream records as JSON Lines, or as a JSON list of Label Studio tasks; returns the count."""
    count = 0
    with _output(path) as handle:
        if form == "labelstudio":
            handle.write("[")
        for record in records:
            if form == "labelstudio":
                handle.write(("," if count else "") + "\n" + json.dumps(labelstudio_task(record), ensure_ascii=False))
            else:
                handle.write(dumps(record) + "\n")
            count += 1
        if form == "labelstudio":
            handle.write("\n]\n")
    return count


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "preannotate",
        help="predict spans and links for corpus documents (rules, no trained model)",
        description="Predict spans of every label with their attributes, and their links, "
        "for every corpus document (or the given ids), as canonical "
        "records with provenance origin 'prediction' and a score per span, or as Label Studio tasks "
        "with predictions. --bench N times the rules on N made-up articles instead.",
    )
    parser.add_argument("doc_ids", nargs="*", metavar="DOC_ID", help="documents to predict (default: all)")
    parser.add_argument("--out", type=Path, help="file to write (default: standard output)")
    parser.add_argument("--format", choices=("jsonl", "labelstudio"), default="jsonl",
                        help="canonical records (JSONL) or a JSON list of Label Studio tasks")
    parser.add_argument("--corpus", type=Path, default=CORPUS_DIR, help="the articles (default: corpus/)")
    parser.add_argument("--bench", type=int, metavar="N", help="time N generated articles and report")
    add_engine_arguments(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    engine = Engine.from_args(args)
    if args.bench:
        from scripts.bench.preannotate import report

        print(report(args.bench, engine))
        return 0
    if args.out:
        output_file(args.out)
        if args.out.absolute().parent == args.corpus.absolute():
            raise PipelineError(f"{args.out}: is in the corpus folder {args.corpus}: writing there could destroy "
                                "an article")
    count = write(predictions(args.doc_ids, args.corpus, engine), args.out, args.format)
    print(f"{count} document(s) pre-annotated ({PROVENANCE['model_version']})", file=sys.stderr)
    return 0
