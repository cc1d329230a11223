"""Made-up Label Studio exports shaped like real ones, so speed and memory can be measured at any size.

Every article is about 3 KB of news-like English with 20 to 50 spans of the four labels, nested
claims, attribution and coreference links and per-region attributes, written through the same
`record_to_result` that produces predictions, so the export is what our labelling config yields.
The same seed always gives the same bytes.
"""

from __future__ import annotations

import json
import random
import string
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import orjson

from scripts.records import METADATA_FIELDS, Record, doc_id
from scripts.labelstudio.results import record_to_result, task_data
from scripts.schema.scheme import load_scheme

PEOPLE = ("Ana Ruiz", "Wei Chen", "Olena Kravets", "Samuel Okafor", "Marta Lindqvist", "Hiroshi Tanaka",
          "Priya Raman", "Jonas Weber", "Fatima Haddad", "Carlos Mendes", "Ingrid Solberg", "Kwame Mensah")
GROUPS = (("Development Bank", "organisation", "the "), ("Reuters", "media_outlet", ""),
          ("transport ministry", "organisation", "the "), ("senior official", "anonymous", "a "),
          ("local residents", "collective", ""), ("Red Cross", "organisation", "the "))
PLACES = (("Portugal", "PT"), ("Lyon", None), ("Vestland county", "NO-46"), ("Bavaria", "DE-BY"), ("Kenya", "KE"),
          ("Ohio", "US-OH"), ("Osaka", None), ("Baltic Sea", None), ("Manitoba", "CA-MB"), ("Chile", "CL"))
COUNTED = (("buses", "bus"), ("troops", "troop"), ("schools", "school"), ("families", "family"),
           ("flights", "flight"))
PRONOUNS = {"person": ("She", "He"), "organisation": ("It",), "media_outlet": ("It",),
            "anonymous": ("He", "She"), "collective": ("They",)}
VERBS = ("said", "told reporters", "wrote", "confirmed", "argued")
OPENINGS = ("", "", "On Monday, ", "In a statement on Tuesday, ", "Speaking after the meeting, ",
            "Asked about the plan, ")
CLOSINGS = ("", "", ", according to a statement released after the meeting",
            ", citing figures from the regional authorities", ", adding that more details would follow")
FILLERS = ("The meeting in the capital ended late on Tuesday without a joint statement from the delegations.",
           "No vote on the proposal has been scheduled, and several members said they had not seen the final text.",
           "The figures could not be checked independently, and earlier estimates published in the spring were lower.",
           "Talks between the two sides are expected to resume next week, officials familiar with the matter said.",
           "Several roads around the port remained closed on Wednesday morning as crews cleared the debris.",
           "Markets were closed for the holiday, and trading is due to resume on Thursday.",
           "The proposal still needs the approval of parliament, where the governing coalition has a slim majority.",
           "A full transcript of the hearing was released later in the day.")
USERS = tuple(range(2, 14))
BASE_TIME = datetime(2026, 1, 5, 9, 0, tzinfo=timezone.utc)


class _Article:
    """Text written piece by piece, with the spans and relations laid over it as it grows."""

    def __init__(self, rng: random.Random) -> None:
        self.rng, self.parts, self.length = rng, [], 0
        self.spans: list[dict] = []
        self.relations: list[dict] = []
        self.last_speaker: tuple[str, str] | None = None  # (span id, speaker type)
        self.scheme = load_scheme()
        self.roles = self.scheme.roles

    def add(self, text: str) -> None:
        self.parts.append(text)
        self.length += len(text)

    def span(self, label: str, start: int, **attributes: object) -> str:
        """A span from `start` to the current end of the text; attributes are given by role."""
        rid = "".join(self.rng.choices(string.ascii_letters + string.digits, k=10))
        text = "".join(self.parts)[start:self.length]
        values = self.scheme.empty_attributes(label)
        values.update({getattr(self.roles, role): value for role, value in attributes.items()})
        if self.rng.random() < 0.05:
            values[self.roles.note] = "checked against the original"
        self.spans.append({"id": rid, "start": start, "end": self.length, "label": label, "text": text,
                           "attributes": values})
        return rid

    def labelled(self, label: str, text: str, **attributes: object) -> str:
        start = self.length
        self.add(text)
        return self.span(label, start, **attributes)

    def link(self, kind: str, head: str, tail: str) -> None:
        self.relations.append({"id": f"r{len(self.relations) + 1}", "type": kind, "head": head, "tail": tail})

    def place(self) -> str:
        name, code = self.rng.choice(PLACES)
        return self.labelled(self.roles.location, name, location_id=code)

    def quantity(self) -> None:
        rng = self.rng
        kind = rng.randrange(4)
        if kind == 0:
            n = rng.randrange(2, 900) * 1000
            self.labelled(self.roles.quantity, f"{n:,} tonnes", value=float(n), unit="tonne")
        elif kind == 1:
            n = rng.randrange(1, 99) * 100
            self.labelled(self.roles.quantity, f"${n:,}", value=float(n), unit="USD")
        elif kind == 2:
            n = rng.randrange(1, 60)
            self.labelled(self.roles.quantity, f"{n}%", value=float(n), unit="percent")
        else:
            noun, unit = rng.choice(COUNTED)
            n = rng.randrange(3, 400)
            self.labelled(self.roles.quantity, str(n), value=float(n), unit=unit)
            self.add(f" {noun}")

    def speaker(self, initial: bool) -> str:
        """A named source, or a pronoun linked to the last one named; `initial` starts a sentence."""
        if self.last_speaker and self.rng.random() < 0.3:
            antecedent, kind = self.last_speaker
            pronoun = self.rng.choice(PRONOUNS[kind])
            pronoun = self.labelled(self.roles.speaker, pronoun if initial else pronoun.lower(), speaker_type=kind)
            self.link(self.roles.coreference, pronoun, antecedent)
            return pronoun
        if self.rng.random() < 0.6:
            name, kind = self.rng.choice(PEOPLE), "person"
        else:
            name, kind, determiner = self.rng.choice(GROUPS)
            self.add(determiner.capitalize() if initial else determiner)
        rid = self.labelled(self.roles.speaker, name, speaker_type=kind)
        self.last_speaker = (rid, kind)
        return rid

    def clause(self) -> None:
        """A reported clause with a quantity and a place inside it."""
        form = self.rng.randrange(3)
        if form == 0:
            self.quantity()
            self.add(" had been moved to ")
            self.place()
            self.add(" since March")
        elif form == 1:
            self.add("prices in ")
            self.place()
            self.add(" rose by ")
            self.quantity()
        else:
            self.place()
            self.add(" would receive ")
            self.quantity()
            self.add(" by next year")

    def claim(self, nested: bool) -> str:
        start = self.length
        if nested:
            inner_speaker = self.labelled(self.roles.speaker, self.rng.choice(PEOPLE), speaker_type="person")
            self.add(" had warned that ")
            inner_start = self.length
            self.clause()
            self.link(self.roles.attribution, inner_speaker, self.span(self.roles.claim, inner_start, reporting="indirect"))
        else:
            self.clause()
        return self.span(self.roles.claim, start, reporting="indirect")

    def sentence(self) -> None:
        form = self.rng.random()
        if form < 0.45:
            opening = self.rng.choice(OPENINGS)
            self.add(opening)
            speaker = self.speaker(initial=not opening)
            self.add(f" {self.rng.choice(VERBS)} that ")
            self.link(self.roles.attribution, speaker, self.claim(nested=self.rng.random() < 0.2))
            self.add(f"{self.rng.choice(CLOSINGS)}.")
        elif form < 0.7:
            start = self.length
            self.add("“We expect ")
            self.quantity()
            self.add(" more in ")
            self.place()
            self.add(",”")
            claim = self.span(self.roles.claim, start, reporting="direct")
            self.add(" ")
            self.link(self.roles.attribution, self.speaker(initial=False), claim)
            self.add(f" said{self.rng.choice(CLOSINGS)}.")
        elif form < 0.85:
            self.add("About ")
            self.quantity()
            self.spans[-1]["attributes"][self.roles.approximate] = True
            self.add(" were reported in ")
            self.place()
            self.add(".")
        else:
            self.add(self.rng.choice(FILLERS))

    def write(self, number: int) -> str:
        self.add(f"Dispatch {number} from ")
        self.place()
        self.add("\n\n")
        target, spans = self.rng.randrange(2600, 3400), round(self.rng.triangular(22, 50, 22))
        while self.length < target or len(self.spans) < 20:
            before = (len(self.spans), self.length)
            if len(self.spans) / spans > self.length / target:
                self.add(self.rng.choice(FILLERS))  # spread the spans over the whole article
            else:
                self.sentence()
                if len(self.spans) > spans:
                    self._undo(*before)
                    self.add(self.rng.choice(FILLERS))
            self.add("\n\n" if self.rng.random() < 0.25 else " ")
        return "".join(self.parts).rstrip()

    def _undo(self, spans: int, length: int) -> None:
        """Take back the last sentence: it would give the article too many spans."""
        text = "".join(self.parts)[:length]
        self.parts, self.length = [text], length
        kept = {s["id"] for s in self.spans[:spans]}
        self.spans = self.spans[:spans]
        self.relations = [r for r in self.relations if r["head"] in kept and r["tail"] in kept]
        if self.last_speaker and self.last_speaker[0] not in kept:
            self.last_speaker = None


def article(number: int, rng: random.Random) -> Record:
    """The canonical record of made-up article `number`."""
    built = _Article(rng)
    text = built.write(number)
    return {"id": doc_id(text), "text": text, "metadata": {name: None for name in METADATA_FIELDS},
            "spans": built.spans, "relations": built.relations,
            "provenance": {"origin": "annotation", "export": None, "task_id": None, "annotation_id": None,
                           "annotator": None}}


def _stamp(seconds: int) -> str:
    return (BASE_TIME + timedelta(seconds=seconds)).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _annotation(ident: int, task_id: int, user: int, result: list[dict], gold: bool, cancelled: bool) -> dict:
    return {"id": ident, "completed_by": user, "result": result, "was_cancelled": cancelled,
            "ground_truth": gold, "created_at": _stamp(ident * 60), "updated_at": _stamp(ident * 60 + 5),
            "draft_created_at": None, "lead_time": round(30 + ident % 500 * 1.7, 3), "prediction": {},
            "result_count": len(result), "unique_id": f"{ident:08x}-0000-4000-8000-{task_id:012x}",
            "import_id": None, "last_action": None, "bulk_created": False, "task": task_id, "project": 1,
            "updated_by": user, "parent_prediction": None, "parent_annotation": None, "last_created_by": None}


def _independent_pass(record: Record, rng: random.Random) -> Record:
    """Another annotator's pass: a few spans missed, with the links that touched them."""
    missed = set(rng.sample([s["id"] for s in record["spans"]], k=2))
    return {**record, "spans": [s for s in record["spans"] if s["id"] not in missed],
            "relations": [r for r in record["relations"] if not {r["head"], r["tail"]} & missed]}


def _regions(result: list[dict]) -> list[dict]:
    for item in result:
        if item["type"] != "relation":
            item["origin"] = "manual"
    return result


def task(number: int, seed: int = 0) -> tuple[dict, Record]:
    """Task `number` (from 1) of the export, and the gold record it holds."""
    rng = random.Random(seed * 1_000_003 + number)
    record = article(number, rng)
    users = rng.sample(USERS, 2)
    annotations = []
    next_id = number * 4
    if rng.random() < 0.2:
        annotations.append(_annotation(next_id, number, users[1],
                                       _regions(record_to_result(_independent_pass(record, rng))), False, False))
        next_id += 1
    if rng.random() < 0.03:
        annotations.append(_annotation(next_id, number, users[1], [], False, True))
        next_id += 1
    annotations.append(_annotation(next_id, number, users[0], _regions(record_to_result(record)),
                                   len(annotations) > 0, False))
    created = _stamp(number * 30)
    return ({"id": number, "annotations": annotations, "drafts": [], "predictions": [],
             "data": task_data(record), "meta": {}, "created_at": created, "updated_at": created,
             "allow_skip": True, "inner_id": number, "total_annotations": len(annotations),
             "cancelled_annotations": sum(a["was_cancelled"] for a in annotations), "total_predictions": 0,
             "comment_count": 0, "unresolved_comment_count": 0, "last_comment_updated_at": None,
             "project": 1, "updated_by": None, "comment_authors": []}, record)


def long_task(characters: int, seed: int = 0) -> tuple[dict, Record]:
    """One task whose article is made-up articles joined until it has about `characters` characters, as
    dense in spans and links as they are, with the gold and two independent passes (as a fifth of the
    tasks of `tasks` have one): a long transcript or report annotated twice."""
    rng = random.Random(seed)
    texts: list[str] = []
    spans: list[dict] = []
    relations: list[dict] = []
    length = 0
    while length < characters:
        part = article(len(texts) + 1, rng)
        prefix = f"a{len(texts) + 1}-"
        offset = length + 2 * bool(texts)
        spans += [{**span, "id": prefix + span["id"], "start": span["start"] + offset,
                   "end": span["end"] + offset} for span in part["spans"]]
        relations += [{**relation, "id": f"r{len(relations) + n}", "head": prefix + relation["head"],
                       "tail": prefix + relation["tail"]} for n, relation in enumerate(part["relations"], start=1)]
        texts.append(part["text"])
        length = offset + len(part["text"])
    text = "\n\n".join(texts)
    record = {**article(0, random.Random(seed)), "id": doc_id(text), "text": text, "spans": spans,
              "relations": relations}
    annotations = [_annotation(number, 1, user, _regions(record_to_result(_independent_pass(record, rng))), False,
                               False) for number, user in ((1, 2), (2, 3))]
    annotations.append(_annotation(3, 1, 4, _regions(record_to_result(record)), True, False))
    return {"id": 1, "annotations": annotations, "data": task_data(record)}, record


def tasks(count: int, seed: int = 0) -> Iterator[tuple[dict, Record]]:
    for number in range(1, count + 1):
        yield task(number, seed)


def write_export(path: Path, count: int, corpus_dir: Path | None = None, seed: int = 0) -> int:
    """Write an export of `count` tasks (and their articles to `corpus_dir`); returns its size in bytes."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if corpus_dir:
        corpus_dir.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as out:
        out.write(b"[")
        for number, (item, record) in enumerate(tasks(count, seed)):
            out.write(b"," if number else b"")
            out.write(orjson.dumps(item))
            if corpus_dir:
                _write_article(corpus_dir, record)
        out.write(b"]")
    return path.stat().st_size


def _write_article(corpus_dir: Path, record: Record) -> None:
    """The article as `ingest` stores it, with metadata a real outlet would give."""
    metadata = {"id": record["id"], "title": record["text"].split("\n", 1)[0], "source": "Synthetic Wire",
                "url": f"https://example.org/{record['id']}", "published": "2026-01-05", "language": "en",
                "license": "CC-BY-4.0", "notes": {}, "ingested_from": f"{record['id']}.txt"}
    (corpus_dir / f"{record['id']}.json").write_text(json.dumps(metadata, ensure_ascii=False, indent=2) + "\n",
                                                     encoding="utf-8")
    (corpus_dir / f"{record['id']}.txt").write_text(record["text"], encoding="utf-8")
