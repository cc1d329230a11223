"""`claims`: one CLAIM per row with its sentence, how it is reported and its speaker, resolved."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from datasets import ClassLabel, Features, Value

from scripts.dataset.views.base import Document, View, string
from scripts.schema.scheme import Scheme


def features(scheme: Scheme) -> Features:
    reporting = scheme.attribute(scheme.roles.reporting)
    speaker_type = scheme.attribute(scheme.roles.speaker_type)
    return Features(
        {
            "id": string(),
            "document_id": string(),
            "claim": string(),
            "start": Value("int32"),
            "end": Value("int32"),
            "reporting": ClassLabel(names=list(reporting.values)),
            "denied": Value("bool"),
            "sentence": string(),
            "sentence_start": Value("int32"),
            "sentence_end": Value("int32"),
            "speaker": string(),
            "speaker_start": Value("int32"),
            "speaker_end": Value("int32"),
            "resolved_speaker": string(),
            "resolved_speaker_start": Value("int32"),
            "resolved_speaker_end": Value("int32"),
            "speaker_type": ClassLabel(names=list(speaker_type.values)),
        }
    )


def rows(doc: Document, dropped: Counter) -> Iterator[dict]:
    roles = doc.roles
    speaker_of = {r["tail"]: r["head"] for r in doc.relations(roles.attribution)}
    for claim in doc.spans(roles.claim):
        first, last = doc.sentence_range(claim["start"], claim["end"])
        start, end = doc.sentences[first].start, doc.sentences[last].end
        speaker = doc.spans_by_id.get(speaker_of.get(claim["id"], ""))
        resolved = doc.resolved(speaker["id"]) if speaker else None
        yield {
            "id": f"{doc.id}-{claim['id']}",
            "document_id": doc.id,
            "claim": claim["text"],
            "start": claim["start"],
            "end": claim["end"],
            "reporting": claim["attributes"][roles.reporting],
            "denied": claim["attributes"][roles.denied],
            "sentence": doc.text[start:end],
            "sentence_start": start,
            "sentence_end": end,
            **_speaker("speaker", speaker),
            **_speaker("resolved_speaker", resolved),
            "speaker_type": resolved["attributes"][roles.speaker_type] if resolved else None,
        }


def _speaker(prefix: str, span: dict | None) -> dict:
    return {prefix: span and span["text"], f"{prefix}_start": span and span["start"],
            f"{prefix}_end": span and span["end"]}


VIEW = View("claims", features, rows)
