"""Counts that make the table: seqeval's entity reading, tags and spans both ways, intervals."""

from __future__ import annotations

import pytest
from seqeval.metrics import f1_score, precision_score, recall_score
from seqeval.scheme import IOB2

from scripts.baselines.scoring import entity_counts, f1_interval, spans_of, tags_of, total
from scripts.evaluate.scores import Score

TEXT = "Mayor Ana Ruiz said 40 buses run in Lyon ."
TOKENS = TEXT.split(" ")


def _row(document: str = "d1") -> dict:
    starts, position = [], 0
    for token in TOKENS:
        starts.append(TEXT.index(token, position))
        position = starts[-1] + len(token)
    return {"id": f"{document}-0", "document_id": document, "tokens": TOKENS, "token_starts": starts,
            "token_ends": [s + len(t) for s, t in zip(starts, TOKENS)]}


def _span(label: str, needle: str) -> dict:
    start = TEXT.index(needle)
    return {"label": label, "start": start, "end": start + len(needle)}


def test_spans_become_tags_as_the_ner_view_lays_them_out_and_back() -> None:
    spans = [_span("SPEAKER", "Ana Ruiz"), _span("QUANTITY", "40"), _span("LOCATION", "Lyon"),
             _span("LOCATION", "yon"),  # off token boundaries
             _span("QUANTITY", "40 buses"),  # the longer of two at one start comes first, as in the view
             _span("CLAIM", "40 buses run in Lyon")]  # not a label asked for
    tags = tags_of(_row(), spans, ["SPEAKER", "QUANTITY", "LOCATION"])
    assert tags == ["O", "B-SPEAKER", "I-SPEAKER", "O", "B-QUANTITY", "I-QUANTITY", "O", "O", "B-LOCATION", "O"]
    back = [(s["label"], TEXT[s["start"]:s["end"]]) for s in spans_of(_row(), tags)]
    assert back == [("SPEAKER", "Ana Ruiz"), ("QUANTITY", "40 buses"), ("LOCATION", "Lyon")]


def test_entity_counts_are_seqevals_strict_scores() -> None:
    gold = [["B-SPEAKER", "I-SPEAKER", "O", "B-LOCATION"], ["B-QUANTITY", "O"], ["O", "B-LOCATION"]]
    pred = [["B-SPEAKER", "I-SPEAKER", "O", "O"], ["I-QUANTITY", "O"], ["O", "B-LOCATION"]]
    rows = [{"document_id": d} for d in ("a", "a", "b")]
    counts = entity_counts(rows, gold, pred)
    assert counts == {"a": Score(1, 3, 1), "b": Score(1, 1, 1)}
    summed = total(counts).as_dict()
    for ours, theirs in ((summed["precision"], precision_score), (summed["recall"], recall_score),
                         (summed["f1"], f1_score)):
        assert ours == pytest.approx(theirs(gold, pred, mode="strict", scheme=IOB2), abs=1e-4)
    assert entity_counts(rows, gold, pred, "LOCATION") == {"a": Score(0, 1, 0), "b": Score(1, 1, 1)}


def test_the_interval_is_seeded_and_brackets_what_the_documents_allow() -> None:
    mixed = {f"d{i}": Score(i % 3, 2, 2) for i in range(12)}
    low, high = f1_interval(mixed)
    assert (low, high) == f1_interval(dict(reversed(mixed.items())))
    assert 0 <= low < total(mixed).as_dict()["f1"] < high <= 1
    assert f1_interval({f"d{i}": Score(2, 2, 2) for i in range(5)}) == (1.0, 1.0)
