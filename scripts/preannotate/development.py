"""The development set: every corpus article with a gold annotation but the seed, and what the rules
make of it, span by span, for the calibration and the card."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from scripts.corpus.articles import is_seed, load_article
from scripts.labelstudio.convert import convert_exports
from scripts.preannotate.calibration import Outcome, calibrate
from scripts.preannotate.predict import document_candidates
from scripts.records import Record
from scripts.schema.scheme import load_scheme


def gold_articles(annotation_dir: Path, corpus_dir: Path) -> Iterator[tuple[Record, bool]]:
    """The gold record of every annotated corpus article, and whether it is the seed."""
    for record in convert_exports(sorted(annotation_dir.glob("*.json"))).records:
        path = corpus_dir / f"{record['id']}.txt"
        seed = path.exists() and is_seed(load_article(path).metadata)
        yield record, seed


def outcomes(gold: Record) -> list[Outcome]:
    """Each predicted span's label, rule and whether a gold span of its label has its offsets."""
    scheme = load_scheme()
    right = {(s["label"], s["start"], s["end"]) for s in gold["spans"]}
    kept, _ = next(document_candidates([gold["text"]], scheme))
    return [(c.label, c.rule, (c.label, c.start, c.end) in right) for c in kept]


def calibrate_on_gold(annotation_dir: Path, corpus_dir: Path) -> dict:
    """The calibration table from the development set, written, with its leave-one-out error."""
    by_document = {record["id"]: outcomes(record) for record, seed in gold_articles(annotation_dir, corpus_dir)
                   if not seed}
    return calibrate(by_document)


MEASURE_COMMAND = "python -m scripts preannotate --measure"


def measure(annotation_dir: Path, corpus_dir: Path) -> tuple[dict | None, dict | None]:
    """The pre-annotator's scores on the development set and on the seed, apart."""
    from scripts.evaluate.scores import compare
    from scripts.preannotate.predict import predict

    sides: dict[bool, tuple[list[Record], list[Record]]] = {False: ([], []), True: ([], [])}
    for record, seed in gold_articles(annotation_dir, corpus_dir):
        sides[seed][0].append(record)
        sides[seed][1].append(predict({**record, "spans": [], "relations": []}))
    development, seed = (compare(*sides[side]) if sides[side][0] else None for side in (False, True))
    return development, seed


def report(development: dict | None, seed: dict | None, calibration: dict) -> str:
    """The development set's table beside the seed's, and how calibrated the scores are."""
    from scripts.evaluate.report import format_table

    parts = []
    if development is not None:
        parts.append(f"Every corpus article with a gold annotation but the seed ({development['documents']} "
                     f"articles, the development set):\n\n```\n{format_table(development)}\n```")
    if seed is not None:
        parts.append(f"The seed article, which the guidelines and the first rules were written from (an upper "
                     f"bound):\n\n```\n{format_table(seed)}\n```")
    if calibration:
        parts.append(f"Each span's score is the calibrated probability that it matches a gold span exactly: its "
                     f"rule's rate on the development set, smoothed (`python -m scripts preannotate --calibrate`, "
                     f"{calibration['documents']} articles, {calibration['spans']} spans). Expected calibration "
                     f"error, each article scored by the rates of the others: "
                     f"**{calibration['ece_leave_one_article_out']:.3f}** ({calibration['ece_bins']} bins).")
    return "\n\n".join(parts) if parts else "No gold annotation to measure the pre-annotator on yet."
