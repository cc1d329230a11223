"""What the pre-annotation rules share: the candidate span, quotations and word classes of news prose."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Token

# A quotation never crosses a paragraph (one line); straight quotes pair up in order.
QUOTATION = re.compile(r"“[^“”\n]*”|\"[^\"\n]*\"")
QUOTE_MARKS = frozenset({"“", "”", '"'})
POSSESSIVES = frozenset({"’s", "'s", "’", "'"})
WEEKDAYS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})
MONTHS = frozenset({"january", "february", "march", "april", "may", "june", "july", "august",
                    "september", "october", "november", "december", "jan", "feb", "mar", "apr",
                    "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"})
PREPOSITIONS = frozenset({"of", "for", "at", "from", "in", "on", "to", "with", "by", "about", "into",
                          "near", "including", "against", "between", "over", "under", "via",
                          "across", "through", "towards", "toward", "after", "before", "during"})
DETERMINERS = frozenset({"a", "an", "the", "this", "that", "these", "those", "another", "some",
                         "several", "many", "two", "three", "four", "five", "other", "its", "his",
                         "her", "their", "our", "first", "second", "third", "fourth", "fifth",
                         "latest", "last", "one"})
# Finite forms of the verbs that report speech: the cues of attribution.
REPORTING_VERBS = frozenset({
    "said", "says", "say", "told", "tells", "wrote", "writes", "reported", "reports", "added", "adds",
    "alleged", "alleges", "claimed", "claims", "concluded", "concludes", "confirmed", "confirms",
    "denied", "denies", "stated", "announced", "announces", "warned", "warns", "noted", "argued",
    "argues", "insisted", "insists", "explained", "explains", "estimated", "acknowledged", "admitted",
    "admits", "suggested", "suggests", "predicted", "predicts", "revealed", "reveals", "asserted",
    "asserts", "declared", "declares", "stressed", "stresses", "emphasised", "emphasized",
    "maintained", "maintains", "believes", "believed", "believe", "warn", "claim", "argue", "insist",
    "suggest", "estimate", "estimates", "predict", "report", "note", "deny", "confirm", "allege",
})


@dataclass(eq=False)  # compared by identity: relations point at candidates
class Candidate:
    """A span proposed by a rule, before the spans of all rules are reconciled and numbered."""

    label: str
    start: int
    end: int
    score: float
    attributes: dict[str, Any] = field(default_factory=dict)


def quotations(text: str) -> list[tuple[int, int]]:
    """Character spans of the quotations, marks included."""
    return [match.span() for match in QUOTATION.finditer(text)]


def capitalised(token: Token) -> bool:
    """A word that can belong to a name: starts with a capital letter ("I" and quote marks excluded)."""
    text = token.text
    return text[:1].isupper() and any(c.isalpha() for c in text) and text != "I"


def common_word(token: Token) -> bool:
    """A function word, or a weekday or month name: never a name of a place or source by itself."""
    lower = token.lower_
    return lower in STOP_WORDS or lower in WEEKDAYS or lower in MONTHS


@lru_cache(maxsize=None)
def _inflect() -> Any:
    """inflect's engine, made on first use. inflect wraps its methods in typeguard's run-time type
    checks, which re-parse its source when it is imported (about 3 s in every process); they are left
    out of the import, as `python -O` would leave them out, since only strings are passed to it."""
    from unittest import mock

    with mock.patch("typeguard.typechecked", lambda target=None, **_: target or (lambda function: function)):
        import inflect
    return inflect.engine()


def singular(word: str) -> str | None:
    """The singular of a plural noun ("troops" -> "troop", "people" -> "person"); None otherwise."""
    return _inflect().singular_noun(word) or None
