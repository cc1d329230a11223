"""Small made-up records for the tests (the sentences are written for the tests, not from the corpus)."""

from __future__ import annotations

from scripts.records import METADATA_FIELDS, Record, doc_id
from scripts.schema.scheme import load_scheme

TEXT = "Mayor Ana Ruiz said that 40 buses run in Lyon. She added that fares rise."


def span(sid: str, label: str, needle: str, text: str = TEXT, nth: int = 0, **attributes) -> dict:
    """A span over the nth occurrence of `needle`, with every attribute present."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    values = load_scheme().empty_attributes(label)
    values.update(attributes)
    return {"id": sid, "start": start, "end": start + len(needle), "label": label, "text": needle,
            "attributes": values}


def relation(rid: str, kind: str, head: str, tail: str) -> dict:
    return {"id": rid, "type": kind, "head": head, "tail": tail}


def record(spans: list[dict] | None = None, relations: list[dict] | None = None, text: str = TEXT) -> Record:
    """A valid record of TEXT: a speaker, two claims, a quantity, a place, a pronoun."""
    if spans is None:
        spans = [
            span("s1", "SPEAKER", "Ana Ruiz", speaker_type="person"),
            span("c1", "CLAIM", "40 buses run in Lyon", reporting="indirect"),
            span("q1", "QUANTITY", "40", value=40.0, unit="bus"),
            span("l1", "LOCATION", "Lyon", location_id=None),
            span("s2", "SPEAKER", "She", speaker_type="person"),
            span("c2", "CLAIM", "fares rise", reporting="indirect"),
        ]
    if relations is None:
        relations = [relation("r1", "attribution", "s1", "c1"), relation("r2", "coreference", "s2", "s1"),
                     relation("r3", "attribution", "s2", "c2")]
    return {
        "id": doc_id(text),
        "text": text,
        "metadata": {name: None for name in METADATA_FIELDS},
        "spans": spans,
        "relations": relations,
        "provenance": {"origin": "annotation", "export": None, "task_id": None, "annotation_id": None,
                       "annotator": None},
    }
