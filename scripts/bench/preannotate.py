"""`preannotate --bench`: the pre-annotator's throughput against the bare trained pipeline, and its memory.

For each N, made-up articles 0..N-1 (rebuilt from their index alone, so workers need nothing but index
ranges) go through two passes on the same engine and cores, one after the other, each on workers
started for it: the bare pipeline alone (`nlp.pipe` over the texts, in batches, as the pre-annotator
parses them) and the whole pre-annotator (the same parse, the rules, the checks). The ratio of their
rates is what the rules cost; the largest resident set of any worker shows whether memory stays flat
as N grows.
"""

from __future__ import annotations

import random
import resource
import time
from collections.abc import Iterator

from scripts.engine import Engine, running
from scripts.schema.tables import table

CHUNK = 250  # articles a worker takes at a time
BEGIN = "<!-- BEGIN GENERATED: preannotate bench (python -m scripts preannotate --bench N... --readme README.md) -->"
END = "<!-- END GENERATED: preannotate bench -->"
# Made-up sources, places and things; none of these sentences comes from a real article.
PEOPLE = ["Ingrid Haugen", "Tomas Ek", "Lena Fors", "Pavel Dorn", "Amara Obi", "Jonas Vik", "Rosa Lind"]
TITLES = ["Trade Secretary", "Fisheries Secretary", "Transport Secretary", "port authority spokesperson",
          "regional governor"]
OUTLETS = ["The Valley Herald", "The Evening Ledger", "The Harbour Post"]
COUNTRIES = ["Chile", "Peru", "Kenya", "Ghana", "Norway", "Finland", "Iceland", "Portugal", "Morocco", "Uganda"]
CITIES = ["Tampere", "Lima", "Porto", "Accra", "Bergen", "Mombasa", "Cusco", "Valparaiso"]
NOUNS = ["trawlers", "containers", "ferries", "volunteers", "lorries", "engineers", "pilots"]
GROUPS = ["officials", "analysts", "diplomats", "residents", "investigators"]
TEMPLATES = [
    "{title} {person} said on {day} that {n:,} {noun} had been sent to {country}.",
    "“We will not give up,” {person}, the {title_l} of {country}, wrote on {day}.",
    "{surname} added that the plan would cost up to ${m} million (€{m2} million) per year.",
    "The convoy reached {city} on {day}, according to {demonym} {group}.",
    "According to {surname}, {country} has delivered about {n:,} tonnes of grain to {country2}.",
    "{outlet} reported that a senior {demonym} official had confirmed the agreement.",
    "“The situation in {city} is stable. There is no threat to the harbour,” {surname} said.",
    "{surname} also claimed that {n:,} {noun} were waiting near the {city} region, though {pronoun} "
    "added that the talks in {city2} would continue.",
    "Prices in {country} rose by {p} percent in {year}, the statistics office estimated.",
    "The delegation from {country} met {group} in {city} for {k} days.",
    "{capital} said it had no information on the incident, and {capital}’s envoy declined to comment.",
    "Unemployment across the {sea} coast reached {p} percent last year.",
]
DEMONYMS = ["Chilean", "Peruvian", "Kenyan", "Ghanaian", "Norwegian", "Finnish", "Icelandic"]
CAPITALS = ["Santiago", "Quito", "Nairobi", "Oslo", "Helsinki"]
SEAS = ["Norwegian Sea", "Gulf of Guinea", "Baltic Sea"]
DAYS = ["Wednesday", "Thursday", "Friday"]


def article(index: int) -> str:
    """The made-up article number `index`: 4 to 9 paragraphs of templated sentences."""
    rng = random.Random(index)
    paragraphs = []
    for _ in range(rng.randint(4, 9)):
        person = rng.choice(PEOPLE)
        countries = rng.sample(COUNTRIES, 2)
        cities = rng.sample(CITIES, 2)
        paragraphs.append(rng.choice(TEMPLATES).format(
            person=person, surname=person.split()[-1], title=rng.choice(TITLES[:3]),
            title_l=rng.choice(TITLES[3:]), outlet=rng.choice(OUTLETS), country=countries[0],
            country2=countries[1], city=cities[0], city2=cities[1], noun=rng.choice(NOUNS),
            group=rng.choice(GROUPS), demonym=rng.choice(DEMONYMS), capital=rng.choice(CAPITALS),
            sea=rng.choice(SEAS), pronoun=rng.choice(["he", "she"]),
            day=rng.choice(DAYS), n=rng.randrange(100, 100_000),
            m=rng.randrange(2, 900), m2=rng.randrange(2, 900), p=rng.randrange(1, 40),
            k=rng.randrange(2, 12), year=rng.randrange(2000, 2030)))
    return "\n".join(paragraphs)


def _texts(bounds: tuple[int, int]) -> Iterator[str]:
    return (article(index) for index in range(*bounds))


def _peak_mib() -> float:
    """The largest resident set this process has had, in MiB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _parse_chunk(bounds: tuple[int, int]) -> tuple[int, int, float]:
    """The bare pipeline over the articles of one index range: (documents, 0, peak MiB)."""
    from scripts.preannotate.predict import PIPE_BATCH, nlp

    documents = 0
    texts = list(_texts(bounds))
    for start in range(0, len(texts), PIPE_BATCH):
        batch = texts[start:start + PIPE_BATCH]
        documents += sum(1 for _ in nlp(len(batch)).pipe(batch))
    return documents, 0, _peak_mib()


def run_chunk(bounds: tuple[int, int]) -> tuple[int, int, float]:
    """The whole pre-annotator over the articles of one index range: (documents, spans, peak MiB)."""
    from scripts.preannotate.predict import checked, predict_many

    documents = spans = 0
    for record in predict_many({"text": text} for text in _texts(bounds)):
        spans += len(checked(record)["spans"])
        documents += 1
    return documents, spans, _peak_mib()


def _pass(n: int, engine: Engine, work) -> tuple[float, int, int, float]:
    """(seconds, documents, spans, largest worker MiB) of one pass over articles 0..n-1, on workers
    started for it."""
    chunks = [(start, min(n, start + CHUNK)) for start in range(0, n, CHUNK)]
    started = time.perf_counter()
    with running(engine) as workers:
        results = list(workers.map(work, chunks))
    seconds = time.perf_counter() - started
    return (seconds, sum(r[0] for r in results), sum(r[1] for r in results), max((r[2] for r in results),
                                                                                 default=0.0))


def report(sizes: list[int], engine: Engine = Engine()) -> str:
    """Time the bare pipeline and the pre-annotator on the same made-up articles, for each size."""
    rows = []
    for n in sizes:
        bare_s, bare_docs, _, bare_mib = _pass(n, engine, _parse_chunk)
        full_s, docs, spans, full_mib = _pass(n, engine, run_chunk)
        rows.append([f"{n:,}", f"{bare_docs / bare_s:,.1f}", f"{docs / full_s:,.1f}",
                     f"{(docs / full_s) / (bare_docs / bare_s):.2f}", f"{spans / max(docs, 1):.1f}",
                     f"{bare_mib:,.0f}", f"{full_mib:,.0f}"])
    header = ["N", "bare pipeline docs/s", "pre-annotator docs/s", "ratio", "spans per doc",
              "bare max RSS MiB per process", "pre-annotator max RSS MiB per process"]
    return (f"{engine.size} {engine.name} worker(s); made-up articles of about "
            f"{sum(len(article(i)) for i in range(100)) // 100:,} characters; each pass on workers started "
            f"for it (start-up included)\n\n{table(header, rows)}")
