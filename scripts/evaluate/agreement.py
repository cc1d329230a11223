"""Agreement of the independent passes over the same article: each pair of passes scored per article,
and all pooled over the corpus. What the card reports and `evaluate --agreement` prints."""

from __future__ import annotations

import itertools
from collections.abc import Iterable

from scripts.evaluate.scores import compare
from scripts.records import Record
from scripts.schema.scheme import load_scheme
from scripts.schema.tables import table

Pair = tuple[str, str, str, dict]  # (document, first annotator, second annotator, scores)


def pass_pairs(records: Iterable[Record]) -> list[Pair]:
    """Every two independent passes (ground truth left out) of the records of one task, scored."""
    by_annotator: dict[str, Record] = {}
    for record in records:
        provenance = record["provenance"]
        if not provenance.get("ground_truth") and provenance.get("annotator") is not None:
            by_annotator.setdefault(provenance["annotator"], record)
    return [(by_annotator[first]["id"], first, second, compare([by_annotator[first]], [by_annotator[second]]))
            for first, second in itertools.combinations(sorted(by_annotator, key=_annotator_order), 2)]


def _annotator_order(annotator: str) -> tuple[int, str]:
    """Label Studio user ids in numeric order, other names after them."""
    return (int(annotator), "") if annotator.isdigit() else (1 << 62, annotator)


def _f1(score: dict) -> str:
    """F1, or a dash where neither pass marked any."""
    return "–" if score["gold"] == score["pred"] == 0 else f"{score['f1']:.2f}"


def article_header() -> list[str]:
    scheme = load_scheme()
    return ["Document", "Passes", "exact F1, all spans", *(f"`{name}`" for name in scheme.label_names),
            *(f"`{name}` links" for name in scheme.relation_names)]


def article_row(pair: Pair) -> list[str]:
    """An article's agreement: exact F1 over all spans, overlap F1 per label and per link type."""
    document, first, second, scores = pair
    scheme = load_scheme()
    spans, links = scores["spans"], scores["links"]["overlap"]
    return [f"`{document}`", f"{first} / {second}", _f1(spans["exact"]["ALL"]),
            *(_f1(spans["overlap"][name]) for name in scheme.label_names),
            *(_f1(links[name]) for name in scheme.relation_names)]


def article_table(pairs: Iterable[Pair]) -> str:
    """One row per article and pair of passes, as Markdown."""
    return table(article_header(), [article_row(pair) for pair in pairs])
