"""`claims`: one CLAIM per row with its sentence, how it is reported and its speaker, resolved."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from scripts.views.common import Document


def rows(doc: Document, dropped: Counter) -> Iterator[dict]:
    speaker_of = {r["tail"]: r["head"] for r in doc.relations("attribution")}
    for claim in doc.record["spans"]:
        if claim["label"] != "CLAIM":
            continue
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
            "reporting": claim["attributes"]["reporting"],
            "sentence": doc.text[start:end],
            "sentence_start": start,
            "sentence_end": end,
            **_speaker("speaker", speaker),
            **_speaker("resolved_speaker", resolved),
            "speaker_type": resolved["attributes"]["speaker_type"] if resolved else None,
        }


def _speaker(prefix: str, span: dict | None) -> dict:
    return {prefix: span and span["text"], f"{prefix}_start": span and span["start"],
            f"{prefix}_end": span and span["end"]}
