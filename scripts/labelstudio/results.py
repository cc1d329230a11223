"""Canonical records -> Label Studio results: the inverse of the converter, for predictions and round trips."""

from __future__ import annotations

from typing import Any

from scripts.records import Record
from scripts.schema.label_config import LABELS_CONTROL, TEXT_OBJECT
from scripts.schema.scheme import Attribute, Scheme, load_scheme


def _attribute_result(region: dict, attribute: Attribute, value: Any) -> dict | None:
    """A per-region result carrying one attribute, or None when there is nothing to carry."""
    if value is None or (attribute.type == "flag" and not value):
        return None
    if attribute.type == "choice":
        payload: dict[str, Any] = {"choices": [value]}
    elif attribute.type == "flag":
        payload = {"choices": [attribute.name]}
    elif attribute.type == "number":
        payload = {"text": [format(value, "g") if float(value) != int(value) else str(int(value))]}
    else:
        payload = {"text": [value]}
    return {
        "id": region["id"],
        "from_name": attribute.name,
        "to_name": TEXT_OBJECT,
        "type": "textarea" if attribute.type in ("number", "text") else "choices",
        "value": {"start": region["value"]["start"], "end": region["value"]["end"], **payload},
    }


def record_to_result(record: Record, scheme: Scheme | None = None) -> list[dict]:
    """The `result` list of an annotation or prediction that converts back to the same record."""
    scheme = scheme or load_scheme()
    result: list[dict] = []
    for span in record["spans"]:
        region = {
            "id": span["id"],
            "from_name": LABELS_CONTROL,
            "to_name": TEXT_OBJECT,
            "type": "labels",
            "value": {"start": span["start"], "end": span["end"], "text": span["text"],
                      "labels": [span["label"]]},
        }
        if span.get("score") is not None:
            region["score"] = span["score"]
        result.append(region)
        for attribute in scheme.attributes:
            extra = _attribute_result(region, attribute, span["attributes"].get(attribute.name))
            if extra:
                result.append(extra)
    for relation in record["relations"]:
        result.append({"from_id": relation["head"], "to_id": relation["tail"], "type": "relation",
                       "direction": "right", "labels": [relation["type"]]})
    return result


def task_data(record: Record) -> dict:
    """A task's `data`: the text, and the document id so that exports can be traced to the corpus."""
    return {"text": record["text"], "doc_id": record["id"]}
