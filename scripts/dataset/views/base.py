"""What a view is, and what every view reads: a gold record with its corpus metadata and sentences."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property

from datasets import Features, Value

from scripts.dataset.segment import Sentence, sentences
from scripts.records import Record
from scripts.schema.scheme import Scheme, load_scheme


@dataclass(frozen=True)
class View:
    """One published config: its Hugging Face features and the rows of a document. `rows` adds to
    its Counter, by reason, every span the view cannot hold."""

    name: str
    features: Callable[[Scheme], Features]
    rows: Callable[[Document, Counter], Iterable[dict]]
    key: str = "document_id"  # the column that names a row's document


def string() -> Value:
    return Value("string")


@dataclass
class Document:
    record: Record  # spans, relations and provenance from the gold annotation
    metadata: dict  # from the corpus (all null for a document found only in an export)

    @property
    def id(self) -> str:
        return self.record["id"]

    @property
    def text(self) -> str:
        return self.record["text"]

    @cached_property
    def roles(self):
        return load_scheme().roles

    @cached_property
    def sentences(self) -> list[Sentence]:
        return sentences(self.text)

    @cached_property
    def spans_by_id(self) -> dict[str, dict]:
        return {span["id"]: span for span in self.record["spans"]}

    def spans(self, label: str) -> list[dict]:
        return [span for span in self.record["spans"] if span["label"] == label]

    @cached_property
    def _relations(self) -> dict[str, list[dict]]:
        by_kind: dict[str, list[dict]] = {}
        for relation in self.record["relations"]:
            by_kind.setdefault(relation["type"], []).append(relation)
        return by_kind

    def relations(self, kind: str) -> list[dict]:
        return self._relations.get(kind, [])

    @cached_property
    def _antecedent(self) -> dict[str, str]:
        return {r["head"]: r["tail"] for r in self.relations(self.roles.coreference)}

    def resolved(self, speaker_id: str) -> dict:
        """Follow coreference from a mention to its named antecedent."""
        antecedent = self._antecedent
        while speaker_id in antecedent:
            speaker_id = antecedent[speaker_id]
        return self.spans_by_id[speaker_id]

    @cached_property
    def _sentence_bounds(self) -> tuple[list[int], list[int]]:
        return [s.start for s in self.sentences], [s.end for s in self.sentences]

    def sentence_range(self, start: int, end: int) -> tuple[int, int]:
        """Indices of the first and last sentence a character range touches (sentences are sorted and
        apart, so they are the first ending after `start` and the last starting before `end`)."""
        starts, ends = self._sentence_bounds
        first, last = bisect_right(ends, start), bisect_left(starts, end) - 1
        if first > last:
            raise IndexError(f"no sentence touches [{start}, {end})")
        return first, last
