"""Label Studio full JSON exports -> canonical document records (one per task, or per annotation)."""

from __future__ import annotations

import argparse
import math
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scripts.errors import PipelineError
from scripts.files import output_file
from scripts.labelstudio.exports import iter_tasks
from scripts.records import METADATA_FIELDS, Record, doc_id, dumps, json_type, too_long, write_jsonl
from scripts.schema.label_config import LABELS_CONTROL, TEXT_OBJECT
from scripts.schema.scheme import Attribute, Scheme, load_scheme

ATTRIBUTE_TYPES = ("choices", "textarea", "number")
RESULT_TYPES = ("labels", *ATTRIBUTE_TYPES, "relation")  # what a Text task's regions and links can be
DIRECTIONS = ("right", "left", "bi")


@dataclass
class Options:
    all_annotations: bool = False
    predictions: bool = False  # read the task's predictions instead of its annotations
    label_map: dict[str, str] = field(default_factory=dict)  # foreign label or relation -> the scheme's
    ignore_controls: frozenset[str] = frozenset()  # per-region controls to drop (and count)
    control_map: dict[str, str] = field(default_factory=dict)  # foreign control name -> ours


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


def _strings(value: Any) -> bool:
    return type(value) is list and all(type(item) is str for item in value)


def _attribute_value(attribute: Attribute, value: dict, say) -> Any:
    if attribute.type in ("choice", "flag"):
        choices = value.get("choices") or []
        if not _strings(choices):
            say(f"{attribute.name}: choices must be a list of strings, found {json_type(choices)}")
            return None
        if attribute.type == "flag":
            return attribute.name in choices
        if len(choices) != 1 or choices[0] not in attribute.values:
            say(f"{attribute.name} must be one of {', '.join(attribute.values)}, found {choices}")
            return None
        return choices[0]
    raw = value.get("number", value.get("text"))
    if isinstance(raw, list) and all(isinstance(item, (str, int, float)) for item in raw):
        raw = "\n".join(str(item) for item in raw)
    if not isinstance(raw, (str, int, float, type(None))) or isinstance(raw, bool):
        say(f"{attribute.name} must be text, found {json_type(raw)}")
        return None
    raw = None if raw is None else str(raw).strip()
    if not raw:
        return None
    if attribute.type == "number":
        try:
            number = float(raw.replace(",", "").replace("_", ""))
        except ValueError:
            number = math.nan
        if not math.isfinite(number):
            say(f"{attribute.name} must be a finite number, found {raw!r}")
            return None
        return number
    return raw


def _text_agrees(stored: str, actual: str) -> bool:
    """`value.text` may hold backslash-n for a newline and collapse runs of spaces (#3078)."""
    if stored == actual or stored == actual.replace("\n", "\\n"):
        return True
    return " ".join(stored.replace("\\n", "\n").split()) == " ".join(actual.split())


def _items(result: list, options: Options, say) -> tuple[list[tuple[str, dict]], list[tuple[str, str, dict]]]:
    """The regions (region id, value) and the per-region results (region id, control, value) of a Text
    task; what is neither (another type, another control or object, no id, no value) is said and left
    out. Relations are read apart (`_relations`)."""
    regions, per_region = [], []
    control_map = options.control_map
    for number, item in enumerate(result):
        if type(item) is not dict:
            say(f"result #{number}", f"must be an object, found {json_type(item)}")
            continue
        kind = item.get("type")
        if kind == "relation":
            continue
        if kind not in RESULT_TYPES:
            say(f"result #{number}", f"type {kind!r} is not one a Text task's labelling config makes "
                                     f"({', '.join(RESULT_TYPES)})")
            continue
        rid, value, name = item.get("id"), item.get("value"), item.get("from_name")
        if type(rid) not in (str, int) or rid == "":
            say(f"result #{number}", f"a {kind} result without a region id")
            continue
        rid = str(rid)
        control = control_map.get(name, name) if control_map and type(name) is str else name
        if item.get("to_name") != TEXT_OBJECT:
            say(f"region {rid}", f"to_name {item.get('to_name')!r} is not the config's text object "
                                 f"{TEXT_OBJECT!r}: its offsets would not be into the task's text")
        elif kind == "labels" and control != LABELS_CONTROL:
            say(f"region {rid}", f"from_name {name!r} is not the config's labels control {LABELS_CONTROL!r}; "
                                 f"read it as ours with --map-control {name}={LABELS_CONTROL}")
        elif type(value) is not dict:
            say(f"region {rid}", f"value must be an object, found {json_type(value)}")
        elif kind == "labels":
            regions.append((rid, value))
        else:
            per_region.append((rid, control, value))
    return regions, per_region


def _regions(result: list, text: str, scheme: Scheme, options: Options, stats: Stats, say) -> dict:
    """Spans keyed by region id, with their per-region attributes joined on; None for a refused one."""
    spans: dict[str, dict | None] = {}
    label_names = scheme.label_names
    regions, per_region = _items(result, options, say)
    for rid, value in regions:
        where = f"region {rid}"
        if rid in spans:
            say(where, "two regions share this id")
            continue
        spans[rid] = None
        start, end = value.get("start"), value.get("end")
        if type(start) is not int or type(end) is not int:
            say(where, f"offsets {str(start)[:40]!r}..{str(end)[:40]!r} are not character offsets "
                       "(a HyperText/XPath region?): only Text tasks can be converted")
            continue
        labels = value.get("labels") or []
        named = _strings(labels)
        label = options.label_map.get(labels[0], labels[0]) if named and len(labels) == 1 else None
        faults = []
        if not named:
            faults.append(f"value.labels must be a list of label names, found {json_type(labels)}")
        elif len(labels) != 1:
            faults.append(f"expected one label, found {labels}")
        elif label not in label_names:
            faults.append(f"label {labels[0]!r} is not in the schema ({', '.join(label_names)}); "
                          f"map it with --map-label {labels[0]}=<LABEL>")
        if start >= end:
            faults.append(f"offsets [{start}, {end}) are empty or reversed")
        elif not 0 <= start < end <= len(text):
            faults.append(f"offsets [{start}, {end}) outside the text of length {len(text)}")
        elif "text" in value and type(value["text"]) is not str:
            faults.append(f"value.text must be a string, found {json_type(value['text'])}")
        elif "text" in value and not _text_agrees(value["text"], text[start:end]):
            faults.append(f"value.text {value['text']!r} disagrees with text[{start}:{end}] "
                          f"{text[start:end]!r}")
        for fault in faults:
            say(where, fault)
        if not faults:
            spans[rid] = {"id": rid, "start": start, "end": end, "label": label, "text": text[start:end],
                          "attributes": {}}
    attributes = {a.name: a for a in scheme.attributes}
    for rid, control, value in per_region:
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
            spans[rid]["attributes"][control] = _attribute_value(attribute, value, lambda m: say(where, m))
    defaults = {label: scheme.empty_attributes(label) for label in label_names}
    for span in filter(None, spans.values()):
        span["attributes"] = {**defaults[span["label"]], **span["attributes"]}
    return spans


def _relation_type(item: dict, a: dict, b: dict, scheme: Scheme, options: Options) -> tuple[Any, str]:
    """The relation type of a link between spans `a` and `b`: the one its label names, or for an
    untyped link (no label) the one the scheme allows between the two labels; else None and why."""
    labels = item.get("labels") or []
    if not _strings(labels):
        return None, f"labels must be a list of relation names, found {json_type(labels)}"
    unknown = [label for label in labels if not scheme.relation(options.label_map.get(label, label))]
    if unknown:
        return None, (f"label {unknown[0]!r} is not a relation of the schema ({', '.join(scheme.relation_names)}); "
                      f"map it with --map-label {unknown[0]}=<RELATION>")
    named = sorted({options.label_map.get(label, label) for label in labels})
    if len(named) > 1:
        return None, f"labelled both {' and '.join(map(repr, named))}: a relation has one type"
    kind = scheme.relation_between(a["label"], b["label"])
    if kind is None:
        return None, f"links {a['label']} and {b['label']}, which no relation of the schema allows"
    if named and named[0] != kind.name:
        return None, f"labelled {named} but links {a['label']} and {b['label']} ({kind.name})"
    direction = item.get("direction", "right")
    if direction not in DIRECTIONS:
        return None, f"direction {direction!r} is not one of {', '.join(DIRECTIONS)}"
    if a["label"] == b["label"] and direction == "bi":
        return None, f"{kind.name} drawn both ways: cannot tell the mention from its antecedent"
    return kind, ""


def _relations(result: list, spans: dict, scheme: Scheme, options: Options, say) -> list[dict]:
    """Relations normalised by the labels of their ends; `from_id -> to_id` is only click order."""
    relations = []
    for item in result:
        if not isinstance(item, dict) or item.get("type") != "relation":
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
        kind, why = _relation_type(item, a, b, scheme, options)
        if kind is None:
            say(where, why)
            continue
        if a["label"] != b["label"]:
            head, tail = (a, b) if a["label"] == kind.head else (b, a)
        else:
            head, tail = (a, b) if item.get("direction", "right") == "right" else (b, a)
        relations.append({"id": f"r{len(relations) + 1}", "type": kind.name,
                          "head": head["id"], "tail": tail["id"]})
    return relations


def _chosen(completed: list[dict], options: Options, say) -> list[dict]:
    """The annotations that become records: ground truth, the only one, or all if asked."""
    if options.all_annotations or len(completed) <= 1:
        return completed
    marked = [a for a in completed if a.get("ground_truth") is True]
    if len(marked) == 1:
        return marked
    people = ", ".join(f"{a.get('id')} by {annotator_name(a.get('completed_by'))}" for a in completed)
    say("annotations", f"{len(completed)} completed annotations ({people}) and "
        f"{'several' if marked else 'none'} marked ground_truth: mark one as ground truth "
        "or pass --all-annotations")
    return []


def _results(task: dict, options: Options, stats: Stats, say) -> tuple[list[dict], list[dict], str]:
    """(what to convert, what is published, its kind): every completed annotation and the chosen ones,
    or every prediction; annotations that are not objects, or whose flags are not true or false, are said."""
    field_name = "predictions" if options.predictions else "annotations"
    kind = field_name[:-1]
    items = task.get(field_name) or []
    if options.predictions and isinstance(items, list) and items and all(isinstance(p, int) for p in items):
        say("", "predictions are ids only: take a task list with full predictions")
        return [], [], kind
    if not isinstance(items, list):
        say("", f"{field_name} must be a list, found {json_type(items)}")
        return [], [], kind
    whole = []
    for number, item in enumerate(items):
        if not isinstance(item, dict):
            say(f"{kind} #{number}", f"must be an object, found {json_type(item)}")
            continue
        flags = [(flag, item[flag]) for flag in ("was_cancelled", "ground_truth")
                 if item.get(flag) is not None and not isinstance(item[flag], bool)]
        for flag, value in flags:
            say(f"{kind} {item.get('id', '#' + str(number))}", f"{flag} must be true or false, found {value!r}")
        if not flags:
            whole.append(item)
    if options.predictions:
        return whole, whole, kind
    completed = [a for a in whole if not a.get("was_cancelled")]
    stats.cancelled += len(whole) - len(completed)
    return completed, _chosen(completed, options, say), kind


def annotation_records(task: dict, export: str, scheme: Scheme, options: Options, stats: Stats,
                       problems: Problems, index: int) -> Iterator[tuple[Record, bool]]:
    """Every completed annotation of one task (or every prediction) as a record, with whether it is
    published (the ground truth or only annotation; every one with --all-annotations). Each is checked
    alike, so a broken independent pass is refused as a broken gold is; problems go to `problems`."""
    task_id = task.get("id")
    stats.tasks += 1

    def task_says(place: str, message: str) -> None:
        problems.add(index, task_id, place, message)

    data = task.get("data")
    if not isinstance(data, dict):
        task_says("", f"data must be an object, found {json_type(data)}")
        return
    text = data.get("text")
    if not isinstance(text, str) or not text:
        keys = ", ".join(sorted(data)) or "none"
        task_says("", f"no text: data.text is missing or empty (data keys: {keys})")
        strings = [value for value in data.values() if isinstance(value, str) and value]
        if len(strings) != 1:
            return
        text = strings[0]  # still check the regions against the one text there is, to say all
    if length := too_long(text):
        task_says("", length)
        return
    converted, chosen, kind = _results(task, options, stats, task_says)
    if not chosen:
        stats.unannotated += 1
    for index_in_task, annotation in enumerate(converted):
        where = f"{kind} {annotation.get('id', '#' + str(index_in_task))}"

        def say(place: str, message: str, where: str = where) -> None:
            task_says(f"{where}: {place}" if place else where, message)

        result = annotation.get("result") or []
        if not isinstance(result, list):
            say("", f"result must be a list, found {json_type(result)}")
            result = []
        spans = _regions(result, text, scheme, options, stats, say)
        relations = _relations(result, spans, scheme, options, say)
        published = any(annotation is one for one in chosen)
        stats.records += published
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
        }, published


def task_records(task: dict, export: str, scheme: Scheme, options: Options, stats: Stats,
                 problems: Problems, index: int) -> Iterator[Record]:
    """The published records of one task (see `annotation_records`); its problems go to `problems`."""
    for record, published in annotation_records(task, export, scheme, options, stats, problems, index):
        if published:
            yield record


@dataclass
class Conversion:
    records: list[Record]  # what the exports publish
    stats: Stats
    passes: list[Record] = field(default_factory=list)  # the other completed annotations: independent passes


def convert_exports(paths: Iterable[Path], all_annotations: bool = False,
                    options: Options | None = None, scheme: Scheme | None = None) -> Conversion:
    """Convert whole exports; every problem of a file is raised together, nothing partial returned."""
    scheme = scheme or load_scheme()
    options = options or Options(all_annotations=all_annotations)
    conversion = Conversion([], Stats())
    for path in paths:
        problems = Problems(str(path))
        for index, task in enumerate(iter_tasks(path)):
            for record, published in annotation_records(task, path.name, scheme, options, conversion.stats,
                                                         problems, index):
                (conversion.records if published else conversion.passes).append(record)
        problems.raise_if_any()
    return conversion


def _mapping(option: str, pairs: list[str]) -> dict[str, str]:
    mapping = {}
    for pair in pairs:
        source, sep, target = pair.partition("=")
        if not sep or not source or not target:
            raise PipelineError(f"{option} takes FROM=TO, found {pair!r}")
        mapping[source] = target
    return mapping


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "convert",
        help="Label Studio JSON exports -> canonical records (JSONL)",
        description="Convert Label Studio full JSON exports to canonical records, one per task "
        "(its ground-truth or only completed annotation) or, with --all-annotations, one per "
        "annotation. Every completed annotation is checked. Refuses, naming task and region, anything "
        "it cannot convert faithfully.",
    )
    parser.add_argument("exports", nargs="+", type=Path)
    parser.add_argument("--out", type=Path, help="JSONL file to write (default: standard output)")
    parser.add_argument("--all-annotations", action="store_true",
                        help="one record per completed annotation (for agreement)")
    parser.add_argument("--predictions", action="store_true",
                        help="convert each task's predictions (pre-annotations) instead")
    parser.add_argument("--map-label", action="append", default=[], metavar="FROM=TO",
                        help="read a foreign label or relation as one of the schema's (repeatable)")
    parser.add_argument("--map-control", action="append", default=[], metavar="FROM=TO",
                        help=f"read a foreign control as one of the config's, e.g. ner={LABELS_CONTROL} (repeatable)")
    parser.add_argument("--ignore-control", action="append", default=[], metavar="NAME",
                        help="drop a per-region control the schema does not know, and count it")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    options = Options(args.all_annotations, args.predictions, _mapping("--map-label", args.map_label),
                      frozenset(args.ignore_control), _mapping("--map-control", args.map_control))
    if args.out:
        output_file(args.out, args.exports)
    conversion = convert_exports(args.exports, options=options)
    if args.out:
        write_jsonl(args.out, conversion.records)
    else:
        sys.stdout.writelines(dumps(record) + "\n" for record in conversion.records)
    print(conversion.stats.summary(), file=sys.stderr)
    return 0
