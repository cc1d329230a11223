"""The gold articles in their three groups (the development set the rules were generalised and
calibrated on, the articles held out from that, the seed), and what the rules make of each, span by
span, for the calibration and the card."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from scripts.corpus.articles import MEASURED_AS, load_article, measured_as
from scripts.labelstudio.convert import convert_exports
from scripts.preannotate.calibration import Outcome, calibrate
from scripts.preannotate.predict import document_candidates
from scripts.records import Record
from scripts.schema.scheme import load_scheme


def group_of(document_id: str, corpus_dir: Path) -> str:
    """The group a document is measured in (`measured_as`); one not in the corpus is development."""
    path = corpus_dir / f"{document_id}.txt"
    return measured_as(load_article(path).metadata) if path.exists() else "development"


def gold_articles(annotation_dir: Path, corpus_dir: Path) -> Iterator[tuple[Record, str]]:
    """The gold record of every annotated corpus article, and its group."""
    for record in convert_exports(sorted(annotation_dir.glob("*.json"))).records:
        yield record, group_of(record["id"], corpus_dir)


def outcomes(gold: Record) -> list[Outcome]:
    """Each predicted span's label, rule and whether a gold span of its label has its offsets."""
    scheme = load_scheme()
    right = {(s["label"], s["start"], s["end"]) for s in gold["spans"]}
    kept, _ = next(document_candidates([gold["text"]], scheme))
    return [(c.label, c.rule, (c.label, c.start, c.end) in right) for c in kept]


def calibrate_on_gold(annotation_dir: Path, corpus_dir: Path) -> dict:
    """The calibration table from the development set, written, with its leave-one-out error and its
    error on the held-out articles."""
    by_group: dict[str, dict[str, list[Outcome]]] = {group: {} for group in MEASURED_AS}
    for record, group in gold_articles(annotation_dir, corpus_dir):
        by_group[group][record["id"]] = outcomes(record)
    return calibrate(by_group["development"], held_out=by_group["held-out"])


MEASURE_COMMAND = "python -m scripts preannotate --measure"
OVERSTATED = 0.05  # mean score above the rate of right regions by more than this: the report says so


def measure(annotation_dir: Path, corpus_dir: Path) -> dict[str, dict | None]:
    """The pre-annotator's scores on each group of gold articles, apart."""
    from scripts.evaluate.scores import compare
    from scripts.preannotate.predict import predict

    sides: dict[str, tuple[list[Record], list[Record]]] = {group: ([], []) for group in MEASURED_AS}
    for record, group in gold_articles(annotation_dir, corpus_dir):
        sides[group][0].append(record)
        sides[group][1].append(predict({**record, "spans": [], "relations": []}))
    return {group: compare(*sides[group]) if sides[group][0] else None for group in MEASURED_AS}


CAPTIONS = {
    "held-out": ("Held out", "Articles kept from the rules' development and calibration (their metadata says so), "
                             "annotated after the rules were written: what to expect on news the rules have not seen"),
    "development": ("Development set", "Every other corpus article but the seed: the rules were generalised on "
                                       "these articles and calibrated on them, so their scores are optimistic"),
    "seed": ("Seed", "The article the guidelines and the first rules were written from: an upper bound"),
}


def report(sides: dict[str, dict | None], calibration: dict) -> str:
    """Each group's table, held-out first, and how calibrated the scores are."""
    from scripts.evaluate.report import format_table

    parts = [f"**{CAPTIONS[group][0]}** ({scores['documents']} article(s)). {CAPTIONS[group][1]}:\n\n"
             f"```\n{format_table(scores)}\n```"
             for group in ("held-out", "development", "seed") if (scores := sides.get(group)) is not None]
    if calibration:
        held_out = calibration.get("ece_held_out")
        parts.append(f"Each span's score is the calibrated probability that it matches a gold span exactly: its "
                     f"rule's rate on the development set, smoothed (`python -m scripts preannotate --calibrate`, "
                     f"{calibration['documents']} articles, {calibration['spans']} spans). Expected calibration "
                     f"error ({calibration['ece_bins']} bins), each development article scored by the rates of "
                     f"the others: **{calibration['ece_leave_one_article_out']:.3f}**"
                     + (f"; the held-out articles scored by the development set's rates "
                        f"({calibration['held_out_documents']} articles, {calibration['held_out_spans']} spans): "
                        f"**{held_out:.3f}**." if held_out is not None else ".")
                     + (f" On them the scores average {calibration['held_out_mean_score']:.2f} where "
                        f"{calibration['held_out_rate_right']:.2f} of the regions are right: on news the rules have "
                        f"not seen the scores overstate how often a region is right, and are best read as an order, "
                        f"the least certain regions first." if held_out is not None
                        and calibration.get("held_out_mean_score", 0) - calibration.get("held_out_rate_right", 0)
                        > OVERSTATED else ""))
    return "\n\n".join(parts) if parts else "No gold annotation to measure the pre-annotator on yet."
