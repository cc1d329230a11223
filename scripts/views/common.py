"""What every view reads: a gold record with its corpus metadata and its sentences."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from scripts.records import Record
from scripts.segment import Sentence, sentences


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
    def sentences(self) -> list[Sentence]:
        return sentences(self.text)

    @cached_property
    def spans_by_id(self) -> dict[str, dict]:
        return {span["id"]: span for span in self.record["spans"]}

    def relations(self, kind: str) -> list[dict]:
        return [r for r in self.record["relations"] if r["type"] == kind]

    def resolved(self, speaker_id: str) -> dict:
        """Follow coreference from a mention to its named antecedent."""
        antecedent = {r["head"]: r["tail"] for r in self.relations("coreference")}
        while speaker_id in antecedent:
            speaker_id = antecedent[speaker_id]
        return self.spans_by_id[speaker_id]

    def sentence_range(self, start: int, end: int) -> tuple[int, int]:
        """Indices of the first and last sentence a character range touches."""
        touched = [i for i, s in enumerate(self.sentences) if s.start < end and start < s.end]
        return touched[0], touched[-1]
