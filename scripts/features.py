"""Hugging Face `Features` of every published view, derived from the scheme."""

from __future__ import annotations

from datasets import ClassLabel, Features, List, Value

from scripts.records import METADATA_FIELDS
from scripts.scheme import Scheme, load_scheme

_ATTRIBUTE_DTYPES = {"choice": "string", "text": "string", "number": "float64", "flag": "bool"}

VIEWS = ("documents", "ner", "claims", "sentences", "kb")


def _string() -> Value:
    return Value("string")


def _attributes(scheme: Scheme) -> dict[str, Value]:
    return {a.name: Value(_ATTRIBUTE_DTYPES[a.type]) for a in scheme.attributes}


def documents(scheme: Scheme) -> Features:
    """The lossless view: the text, its metadata, every span and relation."""
    return Features(
        {
            "id": _string(),
            "text": _string(),
            **{field: _string() for field in METADATA_FIELDS},
            "spans": List(
                {
                    "id": _string(),
                    "start": Value("int32"),
                    "end": Value("int32"),
                    "label": ClassLabel(names=list(scheme.label_names)),
                    "text": _string(),
                    "attributes": _attributes(scheme),
                }
            ),
            "relations": List(
                {
                    "id": _string(),
                    "type": ClassLabel(names=[r.name for r in scheme.relations]),
                    "head": _string(),
                    "tail": _string(),
                }
            ),
            "annotator": _string(),
            "task_id": Value("int64"),
            "annotation_id": Value("int64"),
        }
    )


def ner(scheme: Scheme) -> Features:
    """One sentence per row, tokens with their character offsets and IOB2 tags."""
    return Features(
        {
            "id": _string(),
            "document_id": _string(),
            "sentence_index": Value("int32"),
            "tokens": List(_string()),
            "token_starts": List(Value("int32")),
            "token_ends": List(Value("int32")),
            "ner_tags": List(ClassLabel(names=list(scheme.ner_tag_names))),
        }
    )


def claims(scheme: Scheme) -> Features:
    """One CLAIM per row with its sentence and its speaker, as marked and as resolved."""
    reporting = scheme.attribute("reporting")
    speaker_type = scheme.attribute("speaker_type")
    assert reporting is not None and speaker_type is not None
    return Features(
        {
            "id": _string(),
            "document_id": _string(),
            "claim": _string(),
            "start": Value("int32"),
            "end": Value("int32"),
            "reporting": ClassLabel(names=list(reporting.values)),
            "sentence": _string(),
            "sentence_start": Value("int32"),
            "sentence_end": Value("int32"),
            "speaker": _string(),
            "speaker_start": Value("int32"),
            "speaker_end": Value("int32"),
            "resolved_speaker": _string(),
            "resolved_speaker_start": Value("int32"),
            "resolved_speaker_end": Value("int32"),
            "speaker_type": ClassLabel(names=list(speaker_type.values)),
        }
    )


def sentences(scheme: Scheme) -> Features:
    """One sentence per row with whether it contains a claim (check-worthiness)."""
    return Features(
        {
            "id": _string(),
            "document_id": _string(),
            "sentence_index": Value("int32"),
            "text": _string(),
            "start": Value("int32"),
            "end": Value("int32"),
            "contains_claim": ClassLabel(names=["no", "yes"]),
        }
    )


def kb(scheme: Scheme) -> Features:
    """The BigBio `kb` layout, so tooling written for BigBio reads the corpus."""
    normalized = List({"db_name": _string(), "db_id": _string()})
    offsets = List(List(Value("int32")))
    return Features(
        {
            "id": _string(),
            "document_id": _string(),
            "passages": List(
                {"id": _string(), "type": _string(), "text": List(_string()), "offsets": offsets}
            ),
            "entities": List(
                {
                    "id": _string(),
                    "type": _string(),
                    "text": List(_string()),
                    "offsets": offsets,
                    "normalized": normalized,
                }
            ),
            "events": List(
                {
                    "id": _string(),
                    "type": _string(),
                    "trigger": {"text": List(_string()), "offsets": offsets},
                    "arguments": List({"role": _string(), "ref_id": _string()}),
                }
            ),
            "coreferences": List({"id": _string(), "entity_ids": List(_string())}),
            "relations": List(
                {
                    "id": _string(),
                    "type": _string(),
                    "arg1_id": _string(),
                    "arg2_id": _string(),
                    "normalized": normalized,
                }
            ),
        }
    )


def view_features(view: str, scheme: Scheme | None = None) -> Features:
    builders = {"documents": documents, "ner": ner, "claims": claims, "sentences": sentences, "kb": kb}
    return builders[view](scheme or load_scheme())
