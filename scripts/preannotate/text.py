"""What the pre-annotation rules share: the candidate span, the scheme's roles and word tests."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Span, Token

from scripts.preannotate.lexicons import CLAIM_PHRASAL_VERBS, CLAIM_VERBS, MONTHS, WEEKDAYS
from scripts.schema.scheme import Roles, load_scheme

POSSESSIVES = frozenset({"’s", "'s", "’", "'"})


def roles() -> Roles:
    """The scheme's names of the labels, attributes and relations the rules propose."""
    return load_scheme().roles


@dataclass(eq=False)  # compared by identity: relations point at candidates
class Candidate:
    """A span proposed by a rule, before the spans of all rules are reconciled and numbered; its label
    and the keys of its attributes are the scheme's names."""

    label: str
    start: int
    end: int
    rule: str  # what proposed it: the calibrated score is the rule's rate of being right
    attributes: dict[str, Any] = field(default_factory=dict)


def entity_of(token: Token) -> Span:
    """The pipeline's entity that holds a token (which has an entity type), found from the token's
    IOB tags: cheaper than reading `Doc.ents`, which builds every entity's span anew on each access."""
    doc = token.doc
    start, end = token.i, token.i + 1
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return Span(doc, start, end, label=token.ent_type_)


def capitalised(token: Token) -> bool:
    """A word that can belong to a name: starts with a capital letter ("I" and quote marks excluded)."""
    text = token.text
    return text[:1].isupper() and any(c.isalpha() for c in text) and text != "I"


def common_word(token: Token) -> bool:
    """A function word, or a weekday or month name: never a name of a place or source by itself."""
    lower = token.lower_
    return lower in STOP_WORDS or lower in WEEKDAYS or lower in MONTHS


@lru_cache(maxsize=None)
def inflect_engine() -> Any:
    """inflect's engine, made on first use. inflect wraps its methods in typeguard's run-time type
    checks, which re-parse its source when it is imported (about 3 s in every process); they are left
    out of the import, as `python -O` would leave them out, since only strings are passed to it."""
    from unittest import mock

    with mock.patch("typeguard.typechecked", lambda target=None, **_: target or (lambda function: function)):
        import inflect
    return inflect.engine()


def singular(word: str) -> str | None:
    """The singular of a plural noun ("troops" -> "troop", "people" -> "person"); None otherwise."""
    return inflect_engine().singular_noun(word) or None


def is_claim_verb(verb: Token) -> bool:
    """A verb of the guidelines' table, or a phrasal verb read as one ("pointed out")."""
    return verb.lemma_ in CLAIM_VERBS or any(c.dep_ == "prt" and (verb.lemma_, c.lower_) in CLAIM_PHRASAL_VERBS
                                             for c in verb.children)
