"""Scores that mean something: the probability that a region is right, measured on the gold.

A span is right when a gold span of its label has exactly its offsets. Its score is the rate at which
the spans its rule proposed on the development set (every corpus article with a gold annotation but
the seed) were right, smoothed towards the rate of its label and that towards the rate of all spans
(additive smoothing with PRIOR pseudo-spans), so a rule seen rarely does not claim certainty. The
table is written by `preannotate --calibrate` (`calibration.json`) with the expected calibration
error of these scores, measured leaving one article out: the table made from the other articles
scores the one left out.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path

from scripts.files import atomic_writer
from scripts.preannotate.text import Candidate

TABLE = Path(__file__).with_name("calibration.json")
DEFAULT = 0.5  # before any calibration
PRIOR = 8  # pseudo-spans of the wider rate each rule's rate starts from
BINS = 10  # equal-width score bins of the expected calibration error

Outcome = tuple[str, str, bool]  # (label, rule, whether the span matched a gold span exactly)


@lru_cache(maxsize=None)
def table() -> dict:
    return json.loads(TABLE.read_text(encoding="utf-8")) if TABLE.exists() else {}


def score(candidate: Candidate) -> float:
    """The calibrated probability that the candidate is a gold span."""
    rates = table()
    return rates.get("rules", {}).get(candidate.rule, rates.get("labels", {}).get(candidate.label, DEFAULT))


def rates(outcomes: Iterable[Outcome]) -> dict:
    """Smoothed rates of being right per rule, per label and overall."""
    outcomes = list(outcomes)
    right, seen = Counter(), Counter()
    for label, rule, hit in outcomes:
        for key in ("", f"label:{label}", f"rule:{rule}"):
            seen[key] += 1
            right[key] += hit
    overall = (right[""] + PRIOR * DEFAULT) / (seen[""] + PRIOR)
    labels = {key[6:]: (right[key] + PRIOR * overall) / (seen[key] + PRIOR) for key in seen if key.startswith("label:")}
    rule_label = {rule: label for label, rule, _ in outcomes}
    rules = {key[5:]: (right[key] + PRIOR * labels[rule_label[key[5:]]]) / (seen[key] + PRIOR)
             for key in seen if key.startswith("rule:")}
    return {"overall": round(overall, 4), "labels": {k: round(v, 4) for k, v in sorted(labels.items())},
            "rules": {k: round(v, 4) for k, v in sorted(rules.items())}}


def _scorer(made: dict) -> Callable[[str, str], float]:
    return lambda label, rule: made["rules"].get(rule, made["labels"].get(label, made["overall"]))


def expected_calibration_error(scored: Iterable[tuple[float, bool]]) -> float:
    """The gap between score and rate of being right, averaged over equal-width score bins weighted by
    their spans."""
    bins: dict[int, list[tuple[float, bool]]] = {}
    for probability, hit in scored:
        bins.setdefault(min(int(probability * BINS), BINS - 1), []).append((probability, hit))
    total = sum(len(b) for b in bins.values())
    return sum(abs(sum(p for p, _ in b) - sum(h for _, h in b)) for b in bins.values()) / total if total else 0.0


def leave_one_out(by_document: dict[str, list[Outcome]]) -> float:
    """The expected calibration error of each article's spans scored by the table of the others."""
    scored = []
    for left_out, outcomes in by_document.items():
        scorer = _scorer(rates(o for doc, others in by_document.items() if doc != left_out for o in others))
        scored += [(scorer(label, rule), hit) for label, rule, hit in outcomes]
    return expected_calibration_error(scored)


def calibrate(by_document: dict[str, list[Outcome]], path: Path = TABLE,
              held_out: dict[str, list[Outcome]] | None = None) -> dict:
    """Write the table made from every development article, with its leave-one-out error and, when
    there are held-out articles, its error on their spans."""
    made = {**rates(o for outcomes in by_document.values() for o in outcomes),
            "documents": len(by_document), "spans": sum(map(len, by_document.values())),
            "ece_leave_one_article_out": round(leave_one_out(by_document), 4),
            "ece_bins": BINS, "prior": PRIOR}
    if held_out:
        scorer = _scorer(made)
        scored = [(scorer(label, rule), hit) for outcomes in held_out.values() for label, rule, hit in outcomes]
        made.update(held_out_documents=len(held_out), held_out_spans=len(scored),
                    ece_held_out=round(expected_calibration_error(scored), 4),
                    held_out_mean_score=round(sum(p for p, _ in scored) / len(scored), 4),
                    held_out_rate_right=round(sum(hit for _, hit in scored) / len(scored), 4))
    with atomic_writer(path) as handle:
        handle.write(json.dumps(made, indent=1, ensure_ascii=False) + "\n")
    table.cache_clear()
    return made
