"""The published views: each turns gold documents into the rows of one dataset config."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from scripts.views import claims, documents, kb, ner, sentences
from scripts.views.common import Document


@dataclass
class ViewOutput:
    rows: list[dict]
    dropped: Counter = field(default_factory=Counter)  # reason -> spans the view cannot hold


Builder = Callable[[Document, Counter], Iterable[dict]]

BUILDERS: dict[str, Builder] = {
    "documents": documents.rows,
    "ner": ner.rows,
    "claims": claims.rows,
    "sentences": sentences.rows,
    "kb": kb.rows,
}


def build_view(name: str, docs: Iterable[Document]) -> ViewOutput:
    output = ViewOutput(rows=[])
    for doc in docs:
        output.rows.extend(BUILDERS[name](doc, output.dropped))
    return output
