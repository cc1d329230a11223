"""Throughput of pre-annotation on made-up articles, generated deterministically from templates.

Every article is rebuilt from its index alone, so the workers need nothing but index ranges: the
benchmark runs in constant memory whatever N is.
"""

from __future__ import annotations

import random
import resource
import time

from scripts.engine import Engine, running
from scripts.preannotate.predict import checked, predict
from scripts.records import METADATA_FIELDS, Record, doc_id

CHUNK = 250
# Made-up sources, places and things; none of these sentences comes from a real article.
PEOPLE = ["Marta Kowalska", "Ivan Petrenko", "Leo Varga", "Amina Yusuf", "Jan Novak", "Sofia Lind",
          "Tomas Berg", "Nadia Haddad", "Oskar Bell", "Lena Moretti"]
TITLES = ["Foreign Minister", "Defence Minister", "Prime Minister", "President", "army spokesperson",
          "regional governor"]
OUTLETS = ["The Daily Herald", "The Evening Post", "Reuters", "The Northern Times"]
COUNTRIES = ["Poland", "Kenya", "Brazil", "Norway", "Japan", "Chile", "Estonia", "Ukraine", "Russia",
             "South Korea", "Turkey", "Canada"]
CITIES = ["Gdansk", "Kharkiv", "Lagos", "Osaka", "Bergen", "Kursk", "Porto", "Valparaiso"]
NOUNS = ["troops", "drones", "tanks", "refugees", "volunteers", "vehicles", "soldiers"]
GROUPS = ["officials", "analysts", "diplomats", "residents", "investigators"]
TEMPLATES = [
    "{title} {person} said on {day} that {n:,} {noun} had been sent to {country}.",
    "“We will not give up,” {person}, the {title_l} of {country}, wrote on {day}.",
    "{surname} added that the plan would cost up to ${m} million (€{m2} million) per year.",
    "The convoy reached {city} on {day}, according to {demonym} {group}.",
    "According to {surname}, {country} has delivered about {n:,} tonnes of grain to {country2}.",
    "{outlet} reported that a senior {demonym} official had confirmed the agreement.",
    "“The situation in {city} is stable. There is no threat to civilians,” {surname} said.",
    "{surname} also claimed that {n:,} {noun} were stationed near the {city} region, though {pronoun} "
    "added that the talks in {city2} would continue.",
    "Prices in {country} rose by {p} percent in {year}, the statistics office estimated.",
    "The delegation from {country} met {group} in {city} for {k} days.",
    "{capital} said it had no information on the incident, and {capital}’s envoy declined to comment.",
    "Unemployment across the {sea} region reached {p} percent last year.",
]
DEMONYMS = ["Polish", "Kenyan", "Brazilian", "Norwegian", "Japanese", "Chilean", "Estonian"]
CAPITALS = ["Warsaw", "Oslo", "Tokyo", "Santiago", "Nairobi"]
SEAS = ["Baltic Sea", "Black Sea", "Korean Peninsula"]


def article(index: int) -> str:
    """The made-up article number `index`: 4 to 9 paragraphs of templated sentences."""
    rng = random.Random(index)
    paragraphs = []
    for _ in range(rng.randint(4, 9)):
        person = rng.choice(PEOPLE)
        countries = rng.sample(COUNTRIES, 2)
        cities = rng.sample(CITIES, 2)
        paragraphs.append(rng.choice(TEMPLATES).format(
            person=person, surname=person.split()[-1], title=rng.choice(TITLES[:4]),
            title_l=rng.choice(TITLES[4:]), outlet=rng.choice(OUTLETS), country=countries[0],
            country2=countries[1], city=cities[0], city2=cities[1], noun=rng.choice(NOUNS),
            group=rng.choice(GROUPS), demonym=rng.choice(DEMONYMS), capital=rng.choice(CAPITALS),
            sea=rng.choice(SEAS), pronoun=rng.choice(["he", "she"]),
            day=rng.choice(["Monday", "Tuesday", "Friday"]), n=rng.randrange(100, 100_000),
            m=rng.randrange(2, 900), m2=rng.randrange(2, 900), p=rng.randrange(1, 40),
            k=rng.randrange(2, 12), year=rng.randrange(2000, 2030)))
    return "\n".join(paragraphs)


def _record(text: str) -> Record:
    return {"id": doc_id(text), "text": text, "metadata": {name: None for name in METADATA_FIELDS},
            "spans": [], "relations": [], "provenance": {}}


def _run_chunk(bounds: tuple[int, int]) -> tuple[int, int]:
    """Predict and check the articles of one index range: (documents, spans)."""
    documents = spans = 0
    for index in range(*bounds):
        spans += len(checked(predict(_record(article(index))))["spans"])
        documents += 1
    return documents, spans


def _cpu_seconds() -> float:
    """CPU time of this process and of its finished children: unlike wall time, not inflated by other load."""
    return sum(usage.ru_utime + usage.ru_stime for usage in map(
        resource.getrusage, (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)))


def report(n: int, engine: Engine = Engine()) -> str:
    """Time n articles on the engine's workers (default: a process per core) and report rate and memory."""
    chunks = [(start, min(n, start + CHUNK)) for start in range(0, n, CHUNK)]
    cpu, started = _cpu_seconds(), time.perf_counter()
    with running(engine) as workers:
        results = list(workers.map(_run_chunk, chunks))
    seconds, cpu = time.perf_counter() - started, _cpu_seconds() - cpu
    documents, spans = map(sum, zip(*results)) if results else (0, 0)
    parent = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return (f"{documents} made-up documents, {spans} spans, {engine.name} engine, {engine.size} worker(s): "
            f"{seconds:.1f} s, {documents / seconds:.0f} documents/s (start-up included); "
            f"{1000 * cpu / max(documents, 1):.1f} ms of CPU per document; peak memory "
            f"{parent:.0f} MiB in the main process, {children:.0f} MiB in the largest worker")
