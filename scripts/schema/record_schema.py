"""The JSON Schema of one canonical document record, generated from the scheme."""

from __future__ import annotations

from scripts.records import METADATA_FIELDS
from scripts.schema.scheme import Attribute, Scheme


def _attribute_schema(attribute: Attribute) -> dict:
    if attribute.type == "choice":
        return {"enum": [*attribute.values, None]}
    if attribute.type == "number":
        return {"type": ["number", "null"]}
    if attribute.type == "flag":
        return {"type": ["boolean", "null"]}
    schema: dict = {"type": ["string", "null"], "minLength": 1}
    if attribute.pattern:
        schema["pattern"] = attribute.pattern
    return schema


def record_schema(scheme: Scheme) -> dict:
    nullable_string = {"type": ["string", "null"]}
    nullable_int = {"type": ["integer", "null"]}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "record.schema.json",
        "title": f"{scheme.name} document record (scheme version {scheme.version})",
        "type": "object",
        "required": ["id", "text", "metadata", "spans", "relations", "provenance"],
        "additionalProperties": False,
        "properties": {
            "id": {"type": "string", "pattern": "^[0-9a-f]{16}$"},
            "text": {"type": "string", "minLength": 1},
            "metadata": {
                "type": "object",
                "required": list(METADATA_FIELDS),
                "additionalProperties": False,
                "properties": {field: nullable_string for field in METADATA_FIELDS},
            },
            "spans": {"type": "array", "items": {"$ref": "#/$defs/span"}},
            "relations": {"type": "array", "items": {"$ref": "#/$defs/relation"}},
            "provenance": {
                "type": "object",
                "required": ["origin", "export", "task_id", "annotation_id", "annotator"],
                "additionalProperties": False,
                "properties": {
                    "origin": {"enum": ["annotation", "prediction"]},
                    "export": nullable_string,
                    "task_id": nullable_int,
                    "annotation_id": nullable_int,
                    "annotator": nullable_string,
                    "ground_truth": {"type": ["boolean", "null"]},
                    "model_version": nullable_string,
                    "task_doc_id": nullable_string,
                },
            },
        },
        "$defs": {
            "span": {
                "type": "object",
                "required": ["id", "start", "end", "label", "text", "attributes"],
                "additionalProperties": False,
                "properties": {
                    "id": {"type": "string", "minLength": 1},
                    "start": {"type": "integer", "minimum": 0},
                    "end": {"type": "integer", "minimum": 1},
                    "label": {"enum": list(scheme.label_names)},
                    "text": {"type": "string", "minLength": 1},
                    "score": {"type": ["number", "null"], "minimum": 0, "maximum": 1},
                    "attributes": {
                        "type": "object",
                        "required": [a.name for a in scheme.attributes],
                        "additionalProperties": False,
                        "properties": {a.name: _attribute_schema(a) for a in scheme.attributes},
                    },
                },
            },
            "relation": {
                "type": "object",
                "required": ["id", "type", "head", "tail"],
                "additionalProperties": False,
                "properties": {
                    "id": {"type": "string", "minLength": 1},
                    "type": {"enum": list(scheme.relation_names)},
                    "head": {"type": "string", "minLength": 1},
                    "tail": {"type": "string", "minLength": 1},
                },
            },
        },
    }
