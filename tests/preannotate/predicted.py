"""What the rule tests share: the prediction for a made-up text, and its spans and links by role."""

from __future__ import annotations

from scripts.preannotate.predict import predict
from scripts.records import METADATA_FIELDS, doc_id
from scripts.validate.rules import record_problems


def predicted(text: str) -> dict:
    """The prediction for a made-up text; every prediction must validate."""
    record = {"id": doc_id(text), "text": text, "metadata": {name: None for name in METADATA_FIELDS},
              "spans": [], "relations": [], "provenance": {}}
    result = predict(record)
    assert record_problems(result, "test") == []
    return result


def spans(record: dict, label: str) -> list[tuple[str, int, dict]]:
    """(text, start, attributes that are set) of the spans with this label, in text order."""
    return [(s["text"], s["start"], {k: v for k, v in s["attributes"].items() if v not in (None, False)})
            for s in record["spans"] if s["label"] == label]


def at(record: dict, part: str, *attributes: tuple[str, object], nth: int = 0) -> tuple[str, int, dict]:
    """A span as `spans` gives it: `part` at its nth place in the text, with these attributes."""
    start = -1
    for _ in range(nth + 1):
        start = record["text"].index(part, start + 1)
    return part, start, dict(attributes)


def links(record: dict, kind: str) -> set[tuple[str, str]]:
    by_id = {s["id"]: s["text"] for s in record["spans"]}
    return {(by_id[r["head"]], by_id[r["tail"]]) for r in record["relations"] if r["type"] == kind}
