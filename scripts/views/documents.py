"""`documents`: the lossless view, one row per annotated article."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from scripts.records import METADATA_FIELDS
from scripts.views.common import Document


def rows(doc: Document, dropped: Counter) -> Iterator[dict]:
    provenance = doc.record["provenance"]
    yield {
        "id": doc.id,
        "text": doc.text,
        **{name: doc.metadata.get(name) for name in METADATA_FIELDS},
        "spans": [{key: span[key] for key in ("id", "start", "end", "label", "text", "attributes")}
                  for span in doc.record["spans"]],
        "relations": doc.record["relations"],
        "annotator": provenance.get("annotator"),
        "task_id": provenance.get("task_id"),
        "annotation_id": provenance.get("annotation_id"),
    }
