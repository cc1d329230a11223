"""The pre-annotator scored against a sample of the gold, by the process that writes the card: the card's
pre-annotation tables, each group of articles (development, held out, seed) apart. The sample is small
and its ranges are read again, so the workers need not each load the trained pipeline."""

from __future__ import annotations

from pathlib import Path

from scripts.corpus.articles import MEASURED_AS
from scripts.dataset.summary import Smallest
from scripts.evaluate.scores import add_scores, compare
from scripts.labelstudio.convert import Options, Problems, Stats, task_records
from scripts.labelstudio.exports import Range, read_range
from scripts.schema.scheme import load_scheme

Sampled = tuple[Range, tuple[int, ...]]  # a range and its sampled tasks' positions


def sample_ranges(sample: Smallest) -> list[Sampled]:
    """The ranges that hold the sampled gold documents, each with their tasks' positions."""
    by_range: dict[Range, list[int]] = {}
    for _, (part, position) in sample.items():
        by_range.setdefault(part, []).append(position)
    return [(part, tuple(positions)) for part, positions in by_range.items()]


def score_preannotation(sampled: Sampled, corpus_dir: Path) -> dict[str, dict | None]:
    """The pre-annotator's scores on the gold records of some tasks of one range, read again:
    each group of articles (known from the corpus) apart."""
    from scripts.preannotate.development import group_of
    from scripts.preannotate.predict import predict

    part, positions = sampled
    tasks = read_range(part)
    scores: dict[str, dict | None] = dict.fromkeys(MEASURED_AS)
    for position in positions:
        for record in task_records(tasks[position], part.path.name, load_scheme(), Options(), Stats(),
                                   Problems(str(part.path)), position):
            side = group_of(record["id"], corpus_dir)
            scores[side] = add_scores(scores[side], compare([record], [predict({**record, "spans": [],
                                                                                "relations": []})]))
    return scores


def add_sides(total: dict[str, dict | None] | None, scores: dict[str, dict | None]) -> dict[str, dict | None]:
    """Each group's scores added up."""
    if total is None:
        return scores
    return {side: scores[side] if total[side] is None else
            total[side] if scores[side] is None else add_scores(total[side], scores[side]) for side in total}
