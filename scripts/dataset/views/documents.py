"""`documents`: the lossless view, one row per annotated article: text, metadata, every span and relation."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from datasets import ClassLabel, Features, List, Value

from scripts.dataset.views.base import Document, View, string
from scripts.records import METADATA_FIELDS
from scripts.schema.scheme import Scheme

ATTRIBUTE_DTYPES = {"choice": "string", "text": "string", "number": "float64", "flag": "bool"}


def features(scheme: Scheme) -> Features:
    return Features(
        {
            "id": string(),
            "text": string(),
            **{field: string() for field in METADATA_FIELDS},
            "spans": List(
                {
                    "id": string(),
                    "start": Value("int32"),
                    "end": Value("int32"),
                    "label": ClassLabel(names=list(scheme.label_names)),
                    "text": string(),
                    "attributes": {a.name: Value(ATTRIBUTE_DTYPES[a.type]) for a in scheme.attributes},
                }
            ),
            "relations": List(
                {
                    "id": string(),
                    "type": ClassLabel(names=list(scheme.relation_names)),
                    "head": string(),
                    "tail": string(),
                }
            ),
            "annotator": string(),
            "task_id": Value("int64"),
            "annotation_id": Value("int64"),
        }
    )


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


VIEW = View("documents", features, rows, key="id")
