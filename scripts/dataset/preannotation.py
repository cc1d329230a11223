"""The pre-annotator scored against a sample of the gold, in the workers: the card's pre-annotation table."""

from __future__ import annotations

from functools import reduce

from scripts.dataset.summary import Smallest
from scripts.evaluate.scores import add_scores, compare
from scripts.labelstudio.convert import Options, Problems, Stats, task_records
from scripts.labelstudio.exports import Range, read_range
from scripts.schema.scheme import load_scheme


def sample_ranges(sample: Smallest) -> list[tuple[Range, tuple[int, ...]]]:
    """The ranges that hold the sampled gold documents, each with their tasks' positions."""
    by_range: dict[Range, list[int]] = {}
    for _, (part, position) in sample.items():
        by_range.setdefault(part, []).append(position)
    return [(part, tuple(positions)) for part, positions in by_range.items()]


def score_preannotation(sampled: tuple[Range, tuple[int, ...]]) -> dict:
    """The pre-annotator's scores on the gold records of some tasks of one range, read again there."""
    from scripts.preannotate.predict import predict

    part, positions = sampled
    tasks = read_range(part)
    records = (record for position in positions
               for record in task_records(tasks[position], part.path.name, load_scheme(), Options(), Stats(),
                                          Problems(str(part.path)), position))
    return reduce(add_scores, (compare([r], [predict({**r, "spans": [], "relations": []})]) for r in records))
