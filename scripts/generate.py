"""Generate every file that derives from schema/scheme.yaml, or check that none is stale."""

from __future__ import annotations

import argparse
import json
import re
from collections.abc import Callable
from pathlib import Path
from xml.sax.saxutils import quoteattr

from scripts.features import VIEWS, view_features
from scripts.records import METADATA_FIELDS
from scripts.scheme import ROOT, Scheme, load_scheme

LABEL_CONFIG = ROOT / "schema" / "label_config.xml"
RECORD_SCHEMA = ROOT / "schema" / "record.schema.json"
FEATURES = ROOT / "schema" / "features.json"
GUIDELINES = ROOT / "schema" / "guidelines.md"
DATACARD = ROOT / "datacard.md"

TABLE_BEGIN = "<!-- BEGIN GENERATED: label tables (python -m scripts generate) -->"
TABLE_END = "<!-- END GENERATED: label tables -->"


def label_config(scheme: Scheme) -> str:
    """The Label Studio labeling config: a Text task, the labels, relations, per-region attributes."""
    lines = ["<View>", '  <Labels name="label" toName="text">']
    for label in scheme.labels:
        lines.append(
            f"    <Label value={quoteattr(label.name)} background={quoteattr(label.color)}"
            f" hotkey={quoteattr(label.hotkey)}/>"
        )
    lines += ["  </Labels>", '  <Text name="text" value="$text"/>', "  <Relations>"]
    lines += [f"    <Relation value={quoteattr(r.name)}/>" for r in scheme.relations]
    lines.append("  </Relations>")
    for attribute in scheme.attributes:
        lines += _attribute_control(attribute)
    lines.append("</View>")
    return "\n".join(lines) + "\n"


def _attribute_control(attribute) -> list[str]:
    when = f" whenLabelValue={quoteattr(attribute.label)}" if attribute.label else ""
    common = f'name={quoteattr(attribute.name)} toName="text" perRegion="true"'
    header = f'  <View visibleWhen="region-selected"{when}>'
    title = f"    <Header value={quoteattr(attribute.name + ': ' + attribute.description)}/>"
    if attribute.type == "choice":
        body = [f'    <Choices {common} choice="single-radio">']
        body += [f"      <Choice value={quoteattr(v)}/>" for v in attribute.values]
        body.append("    </Choices>")
    elif attribute.type == "flag":
        body = [
            f'    <Choices {common} choice="multiple">',
            f"      <Choice value={quoteattr(attribute.name)}/>",
            "    </Choices>",
        ]
    else:
        body = [f'    <TextArea {common} maxSubmissions="1" editable="true"/>']
    return [header, title, *body, "  </View>"]


def _attribute_schema(attribute) -> dict:
    if attribute.type == "choice":
        return {"enum": [*attribute.values, None]}
    if attribute.type == "number":
        return {"type": ["number", "null"]}
    if attribute.type == "flag":
        return {"type": ["boolean", "null"]}
    schema: dict = {"type": ["string", "null"], "minLength": 1}
    if attribute.pattern:
        schema["pattern"] = attribute.pattern
    return schema


def record_schema(scheme: Scheme) -> dict:
    """The JSON Schema of one canonical document record."""
    nullable_string = {"type": ["string", "null"]}
    nullable_int = {"type": ["integer", "null"]}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "record.schema.json",
        "title": f"{scheme.name} document record (scheme version {scheme.version})",
        "type": "object",
        "required": ["id", "text", "metadata", "spans", "relations", "provenance"],
        "additionalProperties": False,
        "properties": {
            "id": {"type": "string", "pattern": "^[0-9a-f]{16}$"},
            "text": {"type": "string", "minLength": 1},
            "metadata": {
                "type": "object",
                "required": list(METADATA_FIELDS),
                "additionalProperties": False,
                "properties": {field: nullable_string for field in METADATA_FIELDS},
            },
            "spans": {"type": "array", "items": {"$ref": "#/$defs/span"}},
            "relations": {"type": "array", "items": {"$ref": "#/$defs/relation"}},
            "provenance": {
                "type": "object",
                "required": ["origin", "export", "task_id", "annotation_id", "annotator"],
                "additionalProperties": False,
                "properties": {
                    "origin": {"enum": ["annotation", "prediction"]},
                    "export": nullable_string,
                    "task_id": nullable_int,
                    "annotation_id": nullable_int,
                    "annotator": nullable_string,
                    "ground_truth": {"type": ["boolean", "null"]},
                    "model_version": nullable_string,
                    "task_doc_id": nullable_string,
                },
            },
        },
        "$defs": {
            "span": {
                "type": "object",
                "required": ["id", "start", "end", "label", "text", "attributes"],
                "additionalProperties": False,
                "properties": {
                    "id": {"type": "string", "minLength": 1},
                    "start": {"type": "integer", "minimum": 0},
                    "end": {"type": "integer", "minimum": 1},
                    "label": {"enum": list(scheme.label_names)},
                    "text": {"type": "string", "minLength": 1},
                    "score": {"type": ["number", "null"], "minimum": 0, "maximum": 1},
                    "attributes": {
                        "type": "object",
                        "required": [a.name for a in scheme.attributes],
                        "additionalProperties": False,
                        "properties": {a.name: _attribute_schema(a) for a in scheme.attributes},
                    },
                },
            },
            "relation": {
                "type": "object",
                "required": ["id", "type", "head", "tail"],
                "additionalProperties": False,
                "properties": {
                    "id": {"type": "string", "minLength": 1},
                    "type": {"enum": [r.name for r in scheme.relations]},
                    "head": {"type": "string", "minLength": 1},
                    "tail": {"type": "string", "minLength": 1},
                },
            },
        },
    }


def features_json(scheme: Scheme) -> str:
    data = {view: view_features(view, scheme).to_dict() for view in VIEWS}
    return json.dumps(data, indent=2, sort_keys=True) + "\n"


def label_tables(scheme: Scheme) -> str:
    """Markdown tables of labels, attributes and relations, for the guidelines and the card."""
    rows = ["| Label | Definition | The span covers |", "| --- | --- | --- |"]
    rows += [f"| `{l.name}` | {l.definition} | {l.covers} |" for l in scheme.labels]
    rows += ["", "| Attribute | On | Type | Values | Meaning |", "| --- | --- | --- | --- | --- |"]
    for a in scheme.attributes:
        values = ", ".join(f"`{v}`" for v in a.values) or (f"`{a.pattern}`" if a.pattern else "")
        on = f"`{a.label}`" if a.label else "every label"
        rows.append(f"| `{a.name}` | {on} | {a.type} | {values} | {a.description} |")
    rows += ["", "| Relation | Head | Tail | Meaning |", "| --- | --- | --- | --- |"]
    rows += [f"| `{r.name}` | `{r.head}` | `{r.tail}` | {r.description} |" for r in scheme.relations]
    nest = "; ".join(f"`{inner}` inside {', '.join(f'`{o}`' for o in outers)}"
                     for inner, outers in scheme.nesting.items())
    rows += ["", f"Nesting allowed: {nest}. Spans either nest fully or do not overlap."]
    return "\n".join(rows)


def between_markers(document: str, begin: str, end: str, content: str) -> str:
    """The document with what lies between the two marker lines replaced by `content`."""
    pattern = re.compile(re.escape(begin) + r".*?" + re.escape(end), re.S)
    if not pattern.search(document):
        raise SystemExit(f"the generated-block markers are missing: {begin}")
    return pattern.sub(lambda _: f"{begin}\n{content}\n{end}", document)


def with_tables(document: str, scheme: Scheme) -> str:
    return between_markers(document, TABLE_BEGIN, TABLE_END, label_tables(scheme))


def expected_files(scheme: Scheme) -> dict[Path, Callable[[], str]]:
    """Each generated file and a function giving its expected content."""
    return {
        LABEL_CONFIG: lambda: label_config(scheme),
        RECORD_SCHEMA: lambda: json.dumps(record_schema(scheme), indent=2) + "\n",
        FEATURES: lambda: features_json(scheme),
        GUIDELINES: lambda: with_tables(GUIDELINES.read_text(encoding="utf-8"), scheme),
        DATACARD: lambda: with_tables(DATACARD.read_text(encoding="utf-8"), scheme),
    }


def stale_files(scheme: Scheme | None = None) -> list[Path]:
    files = expected_files(scheme or load_scheme())
    return [p for p, make in files.items() if not p.exists() or p.read_text(encoding="utf-8") != make()]


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "generate",
        help="regenerate the files derived from schema/scheme.yaml",
        description="Write the Label Studio config, JSON Schema, HF features and label tables "
        "from schema/scheme.yaml. With --check, write nothing and fail if any is stale.",
    )
    parser.add_argument("--check", action="store_true", help="only report stale files")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    scheme = load_scheme()
    if args.check:
        stale = stale_files(scheme)
        for path in stale:
            print(f"stale: {path.relative_to(ROOT)} (run: python -m scripts generate)")
        return 1 if stale else 0
    for path, make in expected_files(scheme).items():
        content = make()
        if not path.exists() or path.read_text(encoding="utf-8") != content:
            path.write_text(content, encoding="utf-8")
            print(f"wrote {path.relative_to(ROOT)}")
    return 0
