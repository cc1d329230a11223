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
from scripts.paths import ANNOTATIONS_DIR, CORPUS_DIR, ROOT
from scripts.preannotate.calibration import TABLE
from scripts.schema.tables import write_between_markers
from scripts.preannotate.predict import PROVENANCE, checked, predict_many
from scripts.records import Record, dumps

BATCH = 64  # documents a worker predicts at a time: few round trips, little in flight
MEASURE_BEGIN = "<!-- BEGIN GENERATED: pre-annotation scores ({command} --readme README.md) -->"
MEASURE_END = "<!-- END GENERATED: pre-annotation scores -->"


def labelstudio_task(record: Record) -> dict:
    """A Label Studio task carrying the prediction, scored by the mean of its span scores."""
    scores = [s["score"] for s in record["spans"]]
    return {"data": task_data(record),
            "predictions": [{"model_version": record["provenance"]["model_version"],
                             "score": round(sum(scores) / len(scores), 3) if scores else 0.0,
                             "result": record_to_result(record)}]}


def predict_files(paths: tuple[Path, ...]) -> list[Record]:
    """Checked predictions for some corpus files: the unit of work a worker gets."""
    return [checked(record) for record in predict_many(load_article(path).record() for path in paths)]


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
        help="predict spans and links for corpus documents (a trained pipeline and the guidelines' rules)",
        description="Predict spans of every label with their attributes, and their links, "
        "for every corpus document (or the given ids), as canonical "
        "records with provenance origin 'prediction' and a score per span, or as Label Studio tasks "
        "with predictions. --bench N times the rules on N made-up articles instead; --calibrate measures "
        "the scores on the gold.",
    )
    parser.add_argument("doc_ids", nargs="*", metavar="DOC_ID", help="documents to predict (default: all)")
    parser.add_argument("--out", type=Path, help="file to write (default: standard output)")
    parser.add_argument("--format", choices=("jsonl", "labelstudio"), default="jsonl",
                        help="canonical records (JSONL) or a JSON list of Label Studio tasks")
    parser.add_argument("--corpus", type=Path, default=CORPUS_DIR, help="the articles (default: corpus/)")
    parser.add_argument("--bench", type=int, nargs="+", metavar="N",
                        help="time the pre-annotator against the bare trained pipeline on N made-up articles "
                        "(for each N given), with each pass's largest worker memory")
    parser.add_argument("--measure", action="store_true",
                        help="score the predictions against the gold of annotations/: the held-out articles, the "
                        "development set and the seed apart, as the card shows them")
    parser.add_argument("--readme", type=Path, metavar="FILE",
                        help="with --measure or --bench: also write the tables into FILE between their markers")
    parser.add_argument("--calibrate", action="store_true",
                        help="measure each rule's rate of exact matches on the gold of the development set "
                        "(annotations/, every corpus article but the seed and the held-out ones), write the "
                        f"scores' table ({TABLE.relative_to(ROOT)}) and print the expected calibration error, "
                        "leaving one article out, and on the held-out articles")
    add_engine_arguments(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    engine = Engine.from_args(args)
    if args.calibrate:
        from scripts.preannotate.development import calibrate_on_gold

        made = calibrate_on_gold(ANNOTATIONS_DIR, args.corpus)
        print(f"{TABLE.relative_to(ROOT)}: {len(made['rules'])} rules calibrated on {made['documents']} articles "
              f"({made['spans']} predicted spans); expected calibration error, leaving one article out: "
              f"{made['ece_leave_one_article_out']:.3f}"
              + (f"; on the {made['held_out_documents']} held-out articles: {made['ece_held_out']:.3f}"
                 if "ece_held_out" in made else ""))
        return 0
    if args.measure:
        from scripts.preannotate.calibration import table
        from scripts.preannotate.development import MEASURE_COMMAND, measure, report

        text = report(measure(ANNOTATIONS_DIR, args.corpus), table())
        print(text)
        if args.readme:
            write_between_markers(args.readme, MEASURE_BEGIN.format(command=MEASURE_COMMAND), MEASURE_END, text)
        return 0
    if args.bench:
        from scripts.bench.preannotate import BEGIN, END, report

        text = report(args.bench, engine)
        print(text)
        if args.readme:
            write_between_markers(args.readme, BEGIN, END, text)
        return 0
    if args.out:
        output_file(args.out)
        if args.out.absolute().parent == args.corpus.absolute():
            raise PipelineError(f"{args.out}: is in the corpus folder {args.corpus}: writing there could destroy "
                                "an article")
    count = write(predictions(args.doc_ids, args.corpus, engine), args.out, args.format)
    print(f"{count} document(s) pre-annotated ({PROVENANCE['model_version']})", file=sys.stderr)
    return 0
