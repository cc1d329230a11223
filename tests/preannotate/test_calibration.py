"""Calibrated scores: rates per rule smoothed towards their label's, and the error of such scores."""

from __future__ import annotations

import json
from pathlib import Path

from scripts.corpus.articles import measured_as
from scripts.preannotate.calibration import calibrate, expected_calibration_error, leave_one_out, rates
from scripts.preannotate.development import report


def test_a_rule_seen_rarely_is_pulled_towards_its_labels_rate():
    outcomes = [("CLAIM", "claim:common", True)] * 30 + [("CLAIM", "claim:common", False)] * 10 \
        + [("CLAIM", "claim:rare", False)]
    made = rates(outcomes)
    assert made["labels"]["CLAIM"] < 0.75 and made["rules"]["claim:common"] < 0.75
    assert 0.5 < made["rules"]["claim:rare"] < made["labels"]["CLAIM"]


def test_the_expected_calibration_error_weights_each_bin_by_its_spans():
    assert round(expected_calibration_error([(0.9, True)] * 9 + [(0.9, False)]), 6) == 0.0
    assert round(expected_calibration_error([(0.95, True)] * 5 + [(0.15, True)] * 5), 4) == 0.45


def test_leaving_one_article_out_scores_it_by_the_others(tmp_path: Path) -> None:
    by_document = {"a": [("QUANTITY", "quantity:count", True)] * 4,
                   "b": [("QUANTITY", "quantity:count", False)] * 4}
    assert leave_one_out(by_document) > 0.4  # each article is scored by the other's opposite rate
    made = calibrate(by_document, tmp_path / "table.json")
    assert json.loads((tmp_path / "table.json").read_text()) == made and made["documents"] == 2


def test_the_seed_and_the_held_out_articles_are_known_by_a_note_in_their_metadata():
    assert measured_as({"notes": {"seed": "the rules were written with it in view"}}) == "seed"
    assert measured_as({"notes": {"held_out": "annotated after the rules were written"}}) == "held-out"
    assert measured_as({"notes": {"title": "not known"}}) == measured_as({"notes": None}) == "development"


def test_the_held_out_articles_are_scored_by_the_development_sets_rates(tmp_path: Path) -> None:
    development = {"a": [("LOCATION", "location:city", True)] * 9 + [("LOCATION", "location:city", False)]}
    made = calibrate(development, tmp_path / "table.json",
                     held_out={"b": [("LOCATION", "location:city", False)] * 2})
    assert (made["held_out_documents"], made["held_out_spans"]) == (1, 2)
    assert made["ece_held_out"] == round(made["rules"]["location:city"], 4)  # scored high, never right
    assert (made["held_out_mean_score"], made["held_out_rate_right"]) == (made["ece_held_out"], 0.0)
    said = report({}, made)
    assert said.endswith("On them the scores average 0.86 where 0.00 of the regions are right: on news the rules "
                         "have not seen the scores overstate how often a region is right, and are best read as an "
                         "order, the least certain regions first.")
    assert "overstate" not in report({}, {**made, "held_out_rate_right": made["held_out_mean_score"]})
