"""The rules a canonical record must keep: the JSON Schema first, then offsets, nesting and links.

Two kinds of problem: faults that make a record unreadable or unfaithful (the schema, offsets outside
the text, dangling or mistyped links, metadata that displays other than it reads), and departures from
the scheme's annotation rules (word and character boundaries, nesting, one attribution per claim),
marked `rule`. A fault is refused wherever it is; a departure is refused in the published gold and a
warning in an independent pass, which is kept as its annotator made it.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from jsonschema import Draft202012Validator

from scripts.characters import cut_cluster, invisible, unsafe_character
from scripts.paths import RECORD_SCHEMA
from scripts.records import Record, doc_id, too_long
from scripts.schema.scheme import Scheme, load_scheme
from scripts.validate.schemacheck import Check, compile_schema


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one record, placed as precisely as the input allows."""

    file: str
    document: str
    where: str  # "span s3", "relation r1" or "" for the whole document
    message: str
    rule: bool = False  # a departure from the scheme's annotation rules, not a fault

    def __str__(self) -> str:
        place = f": {self.where}" if self.where else ""
        return f"{self.file}: document {self.document}{place}: {self.message}"


@lru_cache(maxsize=None)
def _schema_validator() -> Draft202012Validator:
    return Draft202012Validator(json.loads(RECORD_SCHEMA.read_text(encoding="utf-8")))


@lru_cache(maxsize=None)
def _conforms() -> Check | None:
    """The quick yes/no check; the full validator only runs to explain a no."""
    return compile_schema(json.loads(RECORD_SCHEMA.read_text(encoding="utf-8")))


def _place(record: Record, path: list) -> str:
    """Name the span or relation a JSON Schema error points into."""
    if len(path) >= 2 and path[0] in ("spans", "relations") and isinstance(path[1], int):
        items = record.get(path[0]) or []
        item = items[path[1]] if path[1] < len(items) else {}
        name = item.get("id") if isinstance(item, dict) else None
        kind = path[0][:-1]
        return f"{kind} {name}" if name else f"{kind} #{path[1]}"
    return ""


def _schema_problems(record: Record, file: str, document: str) -> list[Problem]:
    quick = _conforms()
    if quick is not None and quick(record):
        return []
    problems = []
    for error in sorted(_schema_validator().iter_errors(record), key=lambda e: list(map(str, e.path))):
        path = list(error.path)
        field = "/".join(str(p) for p in path) or "record"
        problems.append(Problem(file, document, _place(record, path), f"{field}: {error.message}"))
    return problems


def _splits_word(text: str, start: int, end: int) -> bool:
    """True when a boundary falls between two letters or digits, as "Russia" inside "Russian"."""
    return (start > 0 and text[start - 1].isalnum() and text[start].isalnum()) or (
        end < len(text) and text[end - 1].isalnum() and text[end].isalnum())


def _edge_problem(text: str, start: int, end: int) -> str | None:
    """What is wrong with where a span starts and ends, if anything (one problem, the plainest)."""
    first, last, found = text[start], text[end - 1], text[start:end]
    if first.isspace() or last.isspace():
        return f"span {found!r} has leading or trailing whitespace"
    if not (text[max(start - 1, 0):start + 1] + text[end - 1:end + 1]).isascii():  # else neither can be
        hidden = next((char for char in (first, last) if invisible(char)), None)
        if hidden:
            return f"span {found!r} starts or ends with an invisible character (U+{ord(hidden):04X})"
        for edge, side in ((start, "starts"), (end, "ends")):
            cluster = cut_cluster(text, edge)
            if cluster:
                points = " ".join(f"U+{ord(char):04X}" for char in cluster)
                return f"span {found!r} {side} inside the character {cluster!r} ({points})"
    if _splits_word(text, start, end):
        return f"span {found!r} starts or ends inside a word (in {text[max(0, start - 10):end + 10]!r})"
    return None


def _span_problems(record: Record, scheme: Scheme, say) -> None:
    text = record["text"]
    for span in record["spans"]:
        start, end, where = span["start"], span["end"], f"span {span['id']}"
        if start >= end:
            say(where, f"offsets [{start}, {end}) are empty or reversed")
            continue
        if end > len(text):
            say(where, f"offsets [{start}, {end}) outside the text of length {len(text)}")
            continue
        found = text[start:end]
        if found != span["text"]:
            say(where, f"text mismatch: span text {span['text']!r} but text[{start}:{end}] is {found!r}")
        edge = _edge_problem(text, start, end)
        if edge:
            say(where, edge, rule=True)
        for attribute in scheme.attributes:
            if span["attributes"][attribute.name] is not None and not attribute.applies_to(span["label"]):
                say(where, f"attribute {attribute.name} is for {attribute.label}, not {span['label']}")


def _metadata_problems(record: Record, say) -> None:
    for name, value in record["metadata"].items():
        unsafe = unsafe_character(value) if isinstance(value, str) else None
        if unsafe:
            say("", f"metadata {name} holds {unsafe}")


def _nesting_problems(record: Record, scheme: Scheme, say) -> None:
    """Spans nest fully, as the scheme allows, or do not overlap; checked in one sweep."""
    spans = sorted(
        (s for s in record["spans"] if s["start"] < s["end"] <= len(record["text"])),
        key=lambda s: (s["start"], -s["end"], s["id"]),
    )
    open_spans: list[dict] = []
    for span in spans:
        open_spans = [o for o in open_spans if o["end"] > span["start"]]
        for outer in open_spans:
            where = f"span {span['id']}"
            if span["end"] > outer["end"]:
                say(where, f"{span['label']} [{span['start']}, {span['end']}) crosses "
                           f"{outer['label']} span {outer['id']} [{outer['start']}, {outer['end']})", rule=True)
            elif (span["start"], span["end"], span["label"]) == (outer["start"], outer["end"], outer["label"]):
                say(where, f"duplicate of span {outer['id']}: same label and offsets", rule=True)
            elif not scheme.may_nest(span["label"], outer["label"]) and not (
                (span["start"], span["end"]) == (outer["start"], outer["end"])
                and scheme.may_nest(outer["label"], span["label"])
            ):
                say(where, f"{span['label']} may not nest inside {outer['label']} (span {outer['id']})", rule=True)
        open_spans.append(span)


def _relation_problems(record: Record, scheme: Scheme, say) -> None:
    spans = {s["id"]: s for s in record["spans"]}
    attributed: Counter[str] = Counter()
    antecedent: dict[str, str] = {}
    for relation in record["relations"]:
        where, kind = f"relation {relation['id']}", scheme.relation(relation["type"])
        ends = [(role, relation[role], spans.get(relation[role])) for role in ("head", "tail")]
        missing = [f"{role} {sid!r}" for role, sid, span in ends if span is None]
        if missing:
            say(where, f"dangling: no span with id {', '.join(missing)}")
            continue
        head, tail = ends[0][2], ends[1][2]
        if (head["label"], tail["label"]) != (kind.head, kind.tail):
            say(where, f"{kind.name} must link {kind.head} -> {kind.tail}, "
                       f"found {head['label']} -> {tail['label']}")
            continue
        if head["id"] == tail["id"]:
            say(where, "links a span to itself", rule=True)
        elif kind.name == scheme.roles.attribution:
            attributed[tail["id"]] += 1
        elif kind.name != scheme.roles.coreference:
            continue
        elif head["id"] in antecedent:
            say(where, f"span {head['id']} already has an antecedent ({antecedent[head['id']]})", rule=True)
        else:
            antecedent[head["id"]] = tail["id"]
    for claim, count in sorted(attributed.items()):
        if count > 1:
            say(f"span {claim}", f"{scheme.roles.claim} has {count} {scheme.roles.attribution} links; "
                                 "at most one is allowed", rule=True)
    for start in sorted(antecedent):
        seen, current = {start}, antecedent[start]
        while current in antecedent:
            if current in seen:
                say(f"span {start}", f"{scheme.roles.coreference} links form a cycle", rule=True)
                break
            seen.add(current)
            current = antecedent[current]


def record_problems(record: Record, file: str, scheme: Scheme | None = None) -> list[Problem]:
    """Every problem of one record: structure first, then the rules that need a sound structure."""
    scheme = scheme or load_scheme()
    document = str(record.get("id", "?"))
    problems = _schema_problems(record, file, document)
    if problems:
        return problems

    def say(where: str, message: str, rule: bool = False) -> None:
        problems.append(Problem(file, document, where, message, rule))

    if length := too_long(record["text"]):
        say("", length)
        return problems
    if doc_id(record["text"]) != record["id"]:
        say("", f"id {record['id']!r} is not derived from the text (expected {doc_id(record['text'])!r})")
    for kind in ("spans", "relations"):
        for item_id, count in sorted(Counter(item["id"] for item in record[kind]).items()):
            if count > 1:
                say(f"{kind[:-1]} {item_id}", f"duplicate {kind[:-1]} id ({count} times)")
    _metadata_problems(record, say)
    _span_problems(record, scheme, say)
    _nesting_problems(record, scheme, say)
    _relation_problems(record, scheme, say)
    return problems


def _pass_place(file: str, provenance: dict) -> str:
    return (f"{file}: task {provenance.get('task_id')}: annotation {provenance.get('annotation_id')} by "
            f"{provenance.get('annotator')} (an independent pass, kept as annotated)")


def annotation_problems(record: Record, file: str, published: bool,
                        scheme: Scheme | None = None) -> list[tuple[Problem, bool]]:
    """The problems of one converted annotation, each with whether it is only a warning: a departure from
    the annotation rules in an independent pass (a record not published), named by its task and annotation."""
    provenance = record.get("provenance") if isinstance(record.get("provenance"), dict) else {}
    place = file if published else _pass_place(file, provenance)
    return [(problem, problem.rule and not published) for problem in record_problems(record, place, scheme)]


def records_problems(records: Iterable[tuple[str, Record, bool]]) -> Iterator[tuple[Problem, bool]]:
    """Problems of many (file, record, published), each with whether it is only a warning: a departure
    from the annotation rules in an independent pass (a record not published), or the same document in
    two tasks of one file, of which the build takes the later. The same document and annotation twice in
    one file is a fault."""
    seen: set[tuple[str, str, object]] = set()
    tasks: dict[tuple[str, str], object] = {}
    for file, record, published in records:
        yield from annotation_problems(record, file, published)
        if not published:
            continue
        provenance = record.get("provenance") if isinstance(record.get("provenance"), dict) else {}
        document, task = str(record.get("id")), provenance.get("task_id")
        key = (file, document, provenance.get("annotation_id"))
        if key in seen:
            yield Problem(file, document, "", "the same document and annotation appear twice"), False
        seen.add(key)
        earlier = tasks.setdefault((file, document), task)
        if task is not None and earlier is not None and earlier != task:
            yield Problem(file, document, "", f"the same text is in task {earlier} and task {task}: "
                                              f"the build takes task {task}, the later"), True
