"""spaCy pipelines as the pipeline uses them: made anew now and then, so memory stays flat over a corpus."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

DOCUMENTS_PER_PIPELINE = 20_000  # documents a spaCy pipeline serves before it is made anew

Made = TypeVar("Made")


def renewed(make: Callable[[], Made]) -> Callable[[], Made]:
    """make(), made once and then again after every DOCUMENTS_PER_PIPELINE calls (one call per
    document). A spaCy vocabulary and tokenizer cache keep every new word they meet, so one pipeline
    kept for a whole corpus would grow with it; a new one tokenizes the same way."""
    made: list[Made] = []
    calls = 0

    def current() -> Made:
        nonlocal calls
        if calls % DOCUMENTS_PER_PIPELINE == 0:
            made[:] = [make()]
        calls += 1
        return made[0]

    return current
