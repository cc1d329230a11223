"""What every row of the table is made of: per-document counts (true positives, predicted, gold) of
one measure, summed into P/R/F1 with an interval from resampling the documents."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
from seqeval.scheme import IOB2, Entities

from scripts.evaluate.scores import Score, compare
from scripts.records import Record
from scripts.schema.scheme import load_scheme

RESAMPLES, RESAMPLE_SEED = 1000, 0
Counts = dict[str, Score]  # document id -> counts of one measure


def entities(tags: list[list[str]]) -> set[tuple[int, str, int, int]]:
    """(sentence, type, first token, end token) of every entity, as seqeval reads strict IOB2."""
    return {entity.to_tuple() for sentence in Entities(tags, IOB2).entities for entity in sentence}


def entity_counts(rows: list[dict], gold: list[list[str]], pred: list[list[str]],
                  label: str | None = None) -> Counts:
    """seqeval's strict entity-level counts per document, for one entity type or all."""
    counts: Counts = {}
    for doc in dict.fromkeys(row["document_id"] for row in rows):
        index = [i for i, row in enumerate(rows) if row["document_id"] == doc]
        g, p = ({e for e in entities([tags[i] for i in index]) if label in (None, e[1])} for tags in (gold, pred))
        counts[doc] = Score(len(g & p), len(g), len(p))
    return counts


def tags_of(row: dict, spans: Iterable[dict], labels: Iterable[str]) -> list[str]:
    """IOB2 tags of one sentence row from character spans of the labels, as the `ner` view lays them
    out: spans off token boundaries or over a tagged token are left out."""
    starts = {s: i for i, s in enumerate(row["token_starts"])}
    ends = {e: i for i, e in enumerate(row["token_ends"])}
    tags, wanted = ["O"] * len(row["tokens"]), set(labels)
    for span in sorted(spans, key=lambda s: (s["start"], -s["end"])):
        if span["label"] in wanted and span["start"] in starts and span["end"] in ends:
            covered = range(starts[span["start"]], ends[span["end"]] + 1)
            if covered and all(tags[i] == "O" for i in covered):
                for i in covered:
                    tags[i] = ("B-" if i == covered.start else "I-") + span["label"]
    return tags


def spans_of(row: dict, tags: list[str], start_id: int = 0) -> list[dict]:
    """Character spans of one sentence row's IOB2 tags, with the attributes a record carries."""
    scheme = load_scheme()
    spans = []
    for _, label, first, end in sorted(entities([tags]), key=lambda entity: entity[2]):
        start, stop = row["token_starts"][first], row["token_ends"][end - 1]
        spans.append({"id": f"p{start_id + len(spans)}", "start": start, "end": stop, "label": label,
                      "attributes": scheme.empty_attributes(label)})
    return spans


def compared(gold: dict[str, Record], pred: dict[str, Record]) -> dict[str, dict]:
    """`evaluate.compare` of each document alone."""
    return {doc: compare([gold[doc]], [pred[doc]]) for doc in pred}


def span_counts(scores: dict[str, dict], mode: str, labels: Iterable[str]) -> Counts:
    """Span counts of `compare` results, summed over the labels."""
    labels = tuple(labels)
    counts: Counts = {}
    for doc, result in scores.items():
        total = Score()
        for label in labels:
            one = result["spans"][mode][label]
            total.add(one["tp"], one["gold"], one["pred"])
        counts[doc] = total
    return counts


def link_counts(scores: dict[str, dict], mode: str, kind: str) -> Counts:
    return {doc: Score(**{k: result["links"][mode][kind][k] for k in ("tp", "gold", "pred")})
            for doc, result in scores.items()}


def total(counts: Counts) -> Score:
    summed = Score()
    for one in counts.values():
        summed.add(one.tp, one.gold, one.pred)
    return summed


def f1_interval(counts: Counts) -> tuple[float, float]:
    """The 2.5th and 97.5th percentiles of F1 over the documents resampled with replacement (seeded):
    how much the score moves with which documents happen to be in the corpus."""
    table = np.array([(c.tp, c.gold, c.pred) for _, c in sorted(counts.items())], dtype=float)
    draws = np.random.default_rng(RESAMPLE_SEED).integers(0, len(table), size=(RESAMPLES, len(table)))
    tp, gold, pred = table[draws].sum(axis=1).T
    f1 = np.divide(2 * tp, gold + pred, out=np.zeros_like(tp), where=gold + pred > 0)
    low, high = np.percentile(f1, [2.5, 97.5])
    return float(low), float(high)
