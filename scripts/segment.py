"""Sentences and tokens with character offsets, from spaCy's rule-based English (no model download)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import spacy
from spacy.language import Language


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    tokens: tuple[tuple[int, int], ...]  # (start, end) of each non-space token


@lru_cache(maxsize=1)
def _nlp() -> Language:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


def sentences(text: str) -> list[Sentence]:
    """The text's sentences, each with its tokens; whitespace tokens and empty sentences left out."""
    result = []
    for sent in _nlp()(text).sents:
        tokens = tuple((t.idx, t.idx + len(t.text)) for t in sent if not t.is_space)
        if tokens:
            result.append(Sentence(tokens[0][0], tokens[-1][1], tokens))
    return result
