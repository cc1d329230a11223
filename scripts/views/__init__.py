"""The published views: each turns gold documents into the rows of one dataset config."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable

from scripts.views import claims, documents, kb, ner, sentences
from scripts.views.common import Document


Builder = Callable[[Document, Counter], Iterable[dict]]

BUILDERS: dict[str, Builder] = {
    "documents": documents.rows,
    "ner": ner.rows,
    "claims": claims.rows,
    "sentences": sentences.rows,
    "kb": kb.rows,
}

