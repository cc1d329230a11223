"""Label Studio full JSON exports -> canonical document records (one per task, or per annotation)."""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scripts.errors import PipelineError
from scripts.labelstudio.exports import iter_tasks
from scripts.records import METADATA_FIELDS, Record, doc_id, dumps, write_jsonl
from scripts.schema.scheme import Attribute, Scheme, load_scheme

ATTRIBUTE_TYPES = ("choices", "textarea", "number")


@dataclass
class Options:
    all_annotations: bool = False
    predictions: bool = False  # read the task's predictions instead of its annotations
    label_map: dict[str, str] = field(default_factory=dict)  # foreign label -> scheme label
    ignore_controls: frozenset[str] = frozenset()  # per-region controls to drop (and count)


@dataclass
class Stats:
    tasks: int = 0
    records: int = 0
    cancelled: int = 0
    unannotated: int = 0
    ignored_attributes: Counter = field(default_factory=Counter)

    def summary(self) -> str:
        text = (f"{self.tasks} task(s) -> {self.records} record(s); {self.cancelled} cancelled "
                f"annotation(s) skipped; {self.unannotated} task(s) without a completed annotation")
        if self.ignored_attributes:
            dropped = ", ".join(f"{name} x{n}" for name, n in sorted(self.ignored_attributes.items()))
            text += f"; attributes dropped as asked: {dropped}"
        return text


class Problems:
    """Collects every problem of a file so that all are reported at once, each naming its task.

    A task is named by its id, or by its position when it has none; positions are counted within
    what was read, so a part of an export read alone renders them from the position of its first task.
    """

    def __init__(self, file: str) -> None:
        self.file = file
        self.entries: list[tuple[int, Any, str, str]] = []  # (position, task id, place, message)

    def add(self, index: int, task_id: Any, place: str, message: str) -> None:
        self.entries.append((index, task_id, place, message))

    def line(self, position: int, task_id: Any, place: str, message: str) -> str:
        name = task_id if task_id is not None else f"#{position}"
        return f"{self.file}: task {name}{': ' + place if place else ''}: {message}"

    def lines(self, first: int = 0) -> list[str]:
        """The problems as text, task positions counted from `first`."""
        return [self.line(first + index, *rest) for index, *rest in self.entries]

    def raise_if_any(self) -> None:
        if self.entries:
            raise PipelineError("\n".join(self.lines()))


def annotator_name(completed_by: Any) -> str | None:
    """`completed_by` is a user id in today's exports and a user object in older ones."""
    if isinstance(completed_by, dict):
        return completed_by.get("email") or str(completed_by.get("id"))
    return None if completed_by is None else str(completed_by)


def _attribute_value(attribute: Attribute, value: dict, say) -> Any:
    if attribute.type in ("choice", "flag"):
        choices = value.get("choices") or []
        if attribute.type == "flag":
            return attribute.name in choices
        if len(choices) != 1 or choices[0] not in attribute.values:
            say(f"{attribute.name} must be one of {', '.join(attribute.values)}, found {choices}")
            return None
        return choices[0]
    raw = value.get("number", value.get("text"))
    if isinstance(raw, list):
        raw = "\n".join(str(item) for item in raw)
    raw = None if raw is None else str(raw).strip()
    if not raw:
        return None
    if attribute.type == "number":
        try:
            return float(raw.replace(",", "").replace("_", ""))
        except ValueError:
            say(f"{attribute.name} must be a number, found {raw!r}")
            return None
    return raw


def _text_agrees(stored: str, actual: str) -> bool:
    """`value.text` may hold backslash-n for a newline and collapse runs of spaces (#3078)."""
    if stored == actual or stored == actual.replace("\n", "\\n"):
        return True
    return " ".join(stored.replace("\\n", "\n").split()) == " ".join(actual.split())


def _regions(result: list, text: str, scheme: Scheme, options: Options, stats: Stats, say) -> dict:
    """Spans keyed by region id, with their per-region attributes joined on; None for a refused one."""
    spans: dict[str, dict | None] = {}
    label_names = scheme.label_names
    for item in result:
        if item.get("type") != "labels":
            continue
        rid, value = str(item.get("id")), item.get("value") or {}
        where = f"region {rid}"
        if rid in spans:
            say(where, "two regions share this id")
            continue
        spans[rid] = None
        start, end = value.get("start"), value.get("end")
        if not isinstance(start, int) or not isinstance(end, int):
            say(where, f"offsets {str(start)[:40]!r}..{str(end)[:40]!r} are not character offsets "
                       "(a HyperText/XPath region?): only Text tasks can be converted")
            continue
        labels = [options.label_map.get(label, label) for label in value.get("labels") or []]
        faults = []
        if len(labels) != 1:
            faults.append(f"expected one label, found {labels}")
        elif labels[0] not in label_names:
            faults.append(f"label {labels[0]!r} is not in the schema ({', '.join(label_names)}); "
                          f"map it with --map-label {labels[0]}=<LABEL>")
        if not 0 <= start < end <= len(text):
            faults.append(f"offsets [{start}, {end}) outside the text of length {len(text)}")
        elif "text" in value and not _text_agrees(value["text"], text[start:end]):
            faults.append(f"value.text {value['text']!r} disagrees with text[{start}:{end}] "
                          f"{text[start:end]!r}")
        for fault in faults:
            say(where, fault)
        if faults:
            continue
        spans[rid] = {"id": rid, "start": start, "end": end, "label": labels[0],
                      "text": text[start:end], "attributes": {}}
    attributes = {a.name: a for a in scheme.attributes}
    for item in result:
        if item.get("type") not in ATTRIBUTE_TYPES:
            continue
        control, rid = item.get("from_name"), str(item.get("id"))
        where = f"region {rid}"
        if control in options.ignore_controls:
            stats.ignored_attributes[control] += 1
            continue
        attribute = attributes.get(control)
        if attribute is None:
            say(where, f"per-region control {control!r} is not an attribute of the schema; "
                       f"drop it with --ignore-control {control}")
        elif rid not in spans:
            say(where, f"{control} is not attached to any labelled region")
        elif spans[rid] is None:
            continue
        elif not attribute.applies_to(spans[rid]["label"]):
            say(where, f"{control} is for {attribute.label}, not {spans[rid]['label']}")
        else:
            spans[rid]["attributes"][control] = _attribute_value(
                attribute, item.get("value") or {}, lambda m: say(where, m))
    defaults = {label: scheme.empty_attributes(label) for label in label_names}
    for span in filter(None, spans.values()):
        span["attributes"] = {**defaults[span["label"]], **span["attributes"]}
    return spans


def _relations(result: list, spans: dict, scheme: Scheme, say) -> list[dict]:
    """Relations normalised by the labels of their ends; `from_id -> to_id` is only click order."""
    relations = []
    for item in result:
        if item.get("type") != "relation":
            continue
        first, second = str(item.get("from_id")), str(item.get("to_id"))
        where = f"relation {first} -> {second}"
        missing = [rid for rid in (first, second) if rid not in spans]
        if missing:
            say(where, f"dangling: no region {', '.join(missing)}")
            continue
        if spans[first] is None or spans[second] is None:
            continue  # an end was refused, and said so
        a, b = spans[first], spans[second]
        kind = scheme.relation_between(a["label"], b["label"])
        if kind is None:
            say(where, f"links {a['label']} and {b['label']}, which no relation of the schema allows")
            continue
        known = {label for label in item.get("labels") or [] if scheme.relation(label)}
        if known - {kind.name}:
            say(where, f"labelled {sorted(known)} but links {a['label']} and {b['label']} ({kind.name})")
            continue
        direction = item.get("direction", "right")
        if a["label"] != b["label"]:
            head, tail = (a, b) if a["label"] == kind.head else (b, a)
        elif direction == "bi":
            say(where, f"{kind.name} drawn both ways: cannot tell the mention from its antecedent")
            continue
        else:
            head, tail = (a, b) if direction == "right" else (b, a)
        relations.append({"id": f"r{len(relations) + 1}", "type": kind.name,
                          "head": head["id"], "tail": tail["id"]})
    return relations


def _chosen(completed: list[dict], options: Options, say) -> list[dict]:
    """The annotations that become records: ground truth, the only one, or all if asked."""
    if options.all_annotations or len(completed) <= 1:
        return completed
    marked = [a for a in completed if a.get("ground_truth")]
    if len(marked) == 1:
        return marked
    people = ", ".join(f"{a.get('id')} by {annotator_name(a.get('completed_by'))}" for a in completed)
    say("annotations", f"{len(completed)} completed annotations ({people}) and "
        f"{'several' if marked else 'none'} marked ground_truth: mark one as ground truth "
        "or pass --all-annotations")
    return []


def task_records(task: dict, export: str, scheme: Scheme, options: Options, stats: Stats,
                 problems: Problems, index: int) -> Iterator[Record]:
    """The records of one task (its chosen annotations); its problems go to `problems`."""
    task_id = task.get("id")
    data = task.get("data") or {}
    text = data.get("text")
    stats.tasks += 1
    if not isinstance(text, str) or not text:
        keys = ", ".join(sorted(data)) or "none"
        problems.add(index, task_id, "", f"no text: data.text is missing or empty (data keys: {keys})")
        strings = [value for value in data.values() if isinstance(value, str) and value]
        if len(strings) != 1:
            return
        text = strings[0]  # still check the regions against the one text there is, to say all
    if options.predictions:
        chosen, kind = task.get("predictions") or [], "prediction"
        if not all(isinstance(p, dict) for p in chosen):
            problems.add(index, task_id, "", "predictions are ids only: take a task list with full predictions")
            return
    else:
        annotations = task.get("annotations") or []
        stats.cancelled += sum(1 for a in annotations if a.get("was_cancelled"))
        completed = [a for a in annotations if not a.get("was_cancelled")]
        chosen = _chosen(completed, options, lambda w, m: problems.add(index, task_id, w, m))
        kind = "annotation"
    if not chosen:
        stats.unannotated += 1
    for index_in_task, annotation in enumerate(chosen):
        where = f"{kind} {annotation.get('id', '#' + str(index_in_task))}"

        def say(place: str, message: str, where: str = where) -> None:
            problems.add(index, task_id, f"{where}: {place}", message)

        result = annotation.get("result") or []
        spans = _regions(result, text, scheme, options, stats, say)
        relations = _relations(result, spans, scheme, say)
        stats.records += 1
        yield {
            "id": doc_id(text),
            "text": text,
            "metadata": {name: None for name in METADATA_FIELDS},
            "spans": sorted(filter(None, spans.values()), key=lambda s: (s["start"], -s["end"], s["label"], s["id"])),
            "relations": relations,
            "provenance": {
                "origin": kind,
                "export": export,
                "task_id": task_id if isinstance(task_id, int) else None,
                "annotation_id": annotation.get("id") if isinstance(annotation.get("id"), int) else None,
                "annotator": annotator_name(annotation.get("completed_by")),
                "ground_truth": annotation.get("ground_truth"),
                "model_version": annotation.get("model_version"),
                "task_doc_id": data.get("doc_id") if isinstance(data.get("doc_id"), str) else None,
            },
        }


@dataclass
class Conversion:
    records: list[Record]
    stats: Stats


def convert_exports(paths: Iterable[Path], all_annotations: bool = False,
                    options: Options | None = None, scheme: Scheme | None = None) -> Conversion:
    """Convert whole exports; every problem of a file is raised together, nothing partial returned."""
    scheme = scheme or load_scheme()
    options = options or Options(all_annotations=all_annotations)
    stats, records = Stats(), []
    for path in paths:
        problems = Problems(str(path))
        for index, task in enumerate(iter_tasks(path)):
            records.extend(task_records(task, path.name, scheme, options, stats, problems, index))
        problems.raise_if_any()
    return Conversion(records, stats)


def _mapping(pairs: list[str]) -> dict[str, str]:
    mapping = {}
    for pair in pairs:
        source, sep, target = pair.partition("=")
        if not sep or not source or not target:
            raise SystemExit(f"--map-label takes FROM=TO, found {pair!r}")
        mapping[source] = target
    return mapping


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "convert",
        help="Label Studio JSON exports -> canonical records (JSONL)",
        description="Convert Label Studio full JSON exports to canonical records, one per task "
        "(its ground-truth or only completed annotation) or, with --all-annotations, one per "
        "annotation. Refuses, naming task and region, anything it cannot convert faithfully.",
    )
    parser.add_argument("exports", nargs="+", type=Path)
    parser.add_argument("--out", type=Path, help="JSONL file to write (default: standard output)")
    parser.add_argument("--all-annotations", action="store_true",
                        help="one record per completed annotation (for agreement)")
    parser.add_argument("--predictions", action="store_true",
                        help="convert each task's predictions (pre-annotations) instead")
    parser.add_argument("--map-label", action="append", default=[], metavar="FROM=TO",
                        help="read a foreign label as one of the schema's (repeatable)")
    parser.add_argument("--ignore-control", action="append", default=[], metavar="NAME",
                        help="drop a per-region control the schema does not know, and count it")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    options = Options(args.all_annotations, args.predictions, _mapping(args.map_label),
                      frozenset(args.ignore_control))
    conversion = convert_exports(args.exports, options=options)
    if args.out:
        write_jsonl(args.out, conversion.records)
    else:
        sys.stdout.writelines(dumps(record) + "\n" for record in conversion.records)
    print(conversion.stats.summary(), file=sys.stderr)
    return 0
