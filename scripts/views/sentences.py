"""`sentences`: every sentence with whether a CLAIM touches it, for check-worthiness models."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from scripts.views.common import Document


def rows(doc: Document, dropped: Counter) -> Iterator[dict]:
    claims = [s for s in doc.record["spans"] if s["label"] == "CLAIM"]
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
