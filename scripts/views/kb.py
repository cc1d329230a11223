"""`kb`: the BigBio knowledge-base layout (passages, entities, relations, coreferences)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from scripts.views.common import Document


def _passages(doc: Document) -> list[dict]:
    """One passage per non-empty line: the paragraphs of a news article."""
    passages, offset = [], 0
    for line in doc.text.split("\n"):
        stripped = line.strip()
        if stripped:
            start = offset + line.index(stripped)
            passages.append({"id": f"{doc.id}-passage-{len(passages)}", "type": "paragraph",
                             "text": [stripped], "offsets": [[start, start + len(stripped)]]})
        offset += len(line) + 1
    return passages


def _coreference_chains(doc: Document) -> list[list[str]]:
    """Mentions grouped by the named speaker they resolve to."""
    chains: dict[str, list[str]] = {}
    for relation in doc.relations("coreference"):
        chains.setdefault(doc.resolved(relation["head"])["id"], []).append(relation["head"])
    return [[root, *sorted(mentions)] for root, mentions in sorted(chains.items())]


def rows(doc: Document, dropped: Counter) -> Iterator[dict]:
    entity = {span["id"]: f"{doc.id}-entity-{span['id']}" for span in doc.record["spans"]}
    yield {
        "id": doc.id,
        "document_id": doc.id,
        "passages": _passages(doc),
        "entities": [
            {
                "id": entity[span["id"]],
                "type": span["label"],
                "text": [span["text"]],
                "offsets": [[span["start"], span["end"]]],
                "normalized": [{"db_name": "ISO3166", "db_id": span["attributes"]["location_id"]}]
                if span["attributes"].get("location_id") else [],
            }
            for span in doc.record["spans"]
        ],
        "events": [],
        "coreferences": [
            {"id": f"{doc.id}-coref-{i}", "entity_ids": [entity[m] for m in chain]}
            for i, chain in enumerate(_coreference_chains(doc))
        ],
        "relations": [
            {"id": f"{doc.id}-relation-{r['id']}", "type": r["type"], "arg1_id": entity[r["head"]],
             "arg2_id": entity[r["tail"]], "normalized": []}
            for r in doc.relations("attribution")
        ],
    }
