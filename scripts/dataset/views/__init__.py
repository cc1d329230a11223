"""The published views, in the order of the card: each turns gold documents into the rows of one
dataset config, with its features beside its rows in its own module. The first is the default config."""

from __future__ import annotations

from scripts.dataset.views import claims, documents, kb, ner, sentences
from scripts.dataset.views.base import View

VIEWS: dict[str, View] = {view.name: view for view in (documents.VIEW, ner.VIEW, claims.VIEW, sentences.VIEW,
                                                        kb.VIEW)}
DEFAULT_VIEW = documents.VIEW.name
