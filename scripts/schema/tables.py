"""Markdown generated into hand-written documents: the label tables, and blocks between markers."""

from __future__ import annotations

import re
from pathlib import Path

from scripts.errors import PipelineError
from scripts.files import atomic_writer
from scripts.schema.scheme import Scheme

TABLE_BEGIN = "<!-- BEGIN GENERATED: label tables (python -m scripts generate) -->"
TABLE_END = "<!-- END GENERATED: label tables -->"


def table(header: list[str], rows: list[list]) -> str:
    """A Markdown table."""
    lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def label_tables(scheme: Scheme) -> str:
    """Labels, attributes and relations, for the guidelines and the card."""
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
        raise PipelineError(f"the generated-block markers are missing: {begin}")
    return pattern.sub(lambda _: f"{begin}\n{content}\n{end}", document)


def write_between_markers(path: Path, begin: str, end: str, content: str) -> None:
    """Replace, in the file, what lies between the two marker lines, in one atomic write."""
    document = between_markers(path.read_text(encoding="utf-8"), begin, end, content)
    with atomic_writer(path) as handle:
        handle.write(document)


def with_tables(document: str, scheme: Scheme) -> str:
    return between_markers(document, TABLE_BEGIN, TABLE_END, label_tables(scheme))
