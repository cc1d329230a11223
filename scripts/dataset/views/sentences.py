"""`sentences`: every sentence with whether a CLAIM touches it, for check-worthiness models."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from datasets import ClassLabel, Features, Value

from scripts.dataset.views.base import Document, View, string
from scripts.schema.scheme import Scheme


def features(scheme: Scheme) -> Features:
    return Features(
        {
            "id": string(),
            "document_id": string(),
            "sentence_index": Value("int32"),
            "text": string(),
            "start": Value("int32"),
            "end": Value("int32"),
            "contains_claim": ClassLabel(names=["no", "yes"]),
        }
    )


def rows(doc: Document, dropped: Counter) -> Iterator[dict]:
    touched: set[int] = set()  # the sentences a claim shares text with, found by offset, not by pairs
    for claim in doc.spans(doc.roles.claim):
        first, last = doc.sentence_range(claim["start"], claim["end"])
        touched.update(range(first, last + 1))
    for index, sentence in enumerate(doc.sentences):
        yield {
            "id": f"{doc.id}-{index}",
            "document_id": doc.id,
            "sentence_index": index,
            "text": doc.text[sentence.start:sentence.end],
            "start": sentence.start,
            "end": sentence.end,
            "contains_claim": "yes" if index in touched else "no",
        }


VIEW = View("sentences", features, rows)
