"""What the card says about a build, gathered document by document so that nothing grows with the corpus
but counters (and a short list of documents to show)."""

from __future__ import annotations

import heapq
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scripts.dataset.worker import DocSummary
from scripts.evaluate.agreement import Pair
from scripts.evaluate.scores import add_scores

DOCUMENTS_SHOWN = 50  # the card lists this many documents (the smallest ids) and counts the rest


class Smallest:
    """The `size` smallest keys offered, each with its item, in bounded memory."""

    def __init__(self, size: int) -> None:
        self.size, self.heap = size, []  # (negated order: the top is the largest key kept)

    def offer(self, key: str, item: Any) -> None:
        entry = (_Backwards(key), item)
        if len(self.heap) < self.size:
            heapq.heappush(self.heap, entry)
        elif self.heap and key < self.heap[0][0].key:
            heapq.heapreplace(self.heap, entry)

    def items(self) -> list[tuple[str, Any]]:
        """(key, item), smallest key first."""
        return sorted((entry.key, item) for entry, item in self.heap)


@dataclass(frozen=True)
class _Backwards:
    key: str

    def __lt__(self, other: _Backwards) -> bool:
        return self.key > other.key


@dataclass
class Summary:
    documents: int = 0
    labels: dict[str, Counter] = field(default_factory=dict)  # split -> label -> spans
    relations: Counter = field(default_factory=Counter)
    dropped: dict[str, Counter] = field(default_factory=dict)  # view -> reason -> spans
    licences: Counter = field(default_factory=Counter)
    shown: Smallest = field(default_factory=lambda: Smallest(DOCUMENTS_SHOWN))  # rows of the smallest ids
    annotators: dict[Path, Counter] = field(default_factory=dict)  # export -> (annotator, role) -> annotations
    agreement: dict | None = None  # every pair of independent passes of every article, pooled
    agreed: Smallest = field(default_factory=lambda: Smallest(DOCUMENTS_SHOWN))  # per-article pairs, smallest ids

    def add_document(self, doc: DocSummary, label_names: tuple[str, ...], relation_names: tuple[str, ...]) -> None:
        """Count one admitted document."""
        self.documents += 1
        self.labels.setdefault(doc.split, Counter()).update(dict(zip(label_names, doc.labels)))
        self.relations.update(dict(zip(relation_names, doc.relations)))
        for view, reason, n in doc.dropped:
            self.dropped.setdefault(view, Counter())[reason] += n
        self.licences[doc.licence] += 1
        self.shown.offer(doc.id, (doc.split, sum(doc.labels), doc.licence or "not known (null)", doc.credit or "-",
                                  ", ".join(doc.unknown) or "-", "; ".join(doc.reasons) or "-"))

    def add_annotations(self, export: Path, annotators: Counter, agreement: list[Pair]) -> None:
        self.annotators.setdefault(export, Counter()).update(annotators)
        for pair in agreement:
            self.agreement = add_scores(self.agreement, pair[3])
            self.agreed.offer(f"{pair[0]} {pair[1]} {pair[2]}", pair)

    def label_totals(self) -> Counter:
        return sum(self.labels.values(), Counter())

