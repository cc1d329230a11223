"""Scores that mean something: the rate at which each rule's spans are right, measured on the gold.

A span's score is the share of the spans its rule proposed on the development set that matched a gold
span exactly (label and offsets), smoothed towards the rate of all spans of its label, so that a rule
seen rarely does not claim certainty. The table is written by `preannotate --calibrate` from the gold
(`calibration.json`); a rule it does not know gets its label's rate.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from scripts.preannotate.text import Candidate

TABLE = Path(__file__).with_name("calibration.json")
DEFAULT = 0.5  # before any calibration


@lru_cache(maxsize=None)
def table() -> dict[str, float]:
    return json.loads(TABLE.read_text(encoding="utf-8")) if TABLE.exists() else {}


def score(candidate: Candidate) -> float:
    """The calibrated probability that the candidate is a gold span."""
    rates = table()
    return rates.get(candidate.rule, rates.get(candidate.label, DEFAULT))
