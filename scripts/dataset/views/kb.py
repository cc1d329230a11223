"""`kb`: the BigBio knowledge-base layout (passages, entities, relations, coreferences), so tooling
written for BigBio reads the corpus."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from datasets import Features, List, Value

from scripts.dataset.views.base import Document, View, string
from scripts.schema.scheme import Scheme


def features(scheme: Scheme) -> Features:
    normalized = List({"db_name": string(), "db_id": string()})
    offsets = List(List(Value("int32")))
    return Features(
        {
            "id": string(),
            "document_id": string(),
            "passages": List(
                {"id": string(), "type": string(), "text": List(string()), "offsets": offsets}
            ),
            "entities": List(
                {
                    "id": string(),
                    "type": string(),
                    "text": List(string()),
                    "offsets": offsets,
                    "normalized": normalized,
                }
            ),
            "events": List(
                {
                    "id": string(),
                    "type": string(),
                    "trigger": {"text": List(string()), "offsets": offsets},
                    "arguments": List({"role": string(), "ref_id": string()}),
                }
            ),
            "coreferences": List({"id": string(), "entity_ids": List(string())}),
            "relations": List(
                {
                    "id": string(),
                    "type": string(),
                    "arg1_id": string(),
                    "arg2_id": string(),
                    "normalized": normalized,
                }
            ),
        }
    )


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
    for relation in doc.relations(doc.roles.coreference):
        chains.setdefault(doc.resolved(relation["head"])["id"], []).append(relation["head"])
    return [[root, *sorted(mentions)] for root, mentions in sorted(chains.items())]


def rows(doc: Document, dropped: Counter) -> Iterator[dict]:
    place_code = doc.roles.location_id
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
                "normalized": [{"db_name": "ISO3166", "db_id": span["attributes"][place_code]}]
                if span["attributes"].get(place_code) else [],
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
            for r in doc.relations(doc.roles.attribution)
        ],
    }


VIEW = View("kb", features, rows)
