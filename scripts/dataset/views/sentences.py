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
    claims = doc.spans(doc.roles.claim)
    for index, sentence in enumerate(doc.sentences):
        touched = any(c["start"] < sentence.end and sentence.start < c["end"] for c in claims)
        yield {
            "id": f"{doc.id}-{index}",
            "document_id": doc.id,
            "sentence_index": index,
            "text": doc.text[sentence.start:sentence.end],
            "start": sentence.start,
            "end": sentence.end,
            "contains_claim": "yes" if touched else "no",
        }


VIEW = View("sentences", features, rows)
