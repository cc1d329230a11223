"""`validate`: check canonical records, or Label Studio exports through the converter, and the corpus."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from functools import partial
from pathlib import Path

from scripts.corpus.articles import articles
from scripts.labelstudio.convert import convert_exports
from scripts.paths import ANNOTATIONS_DIR, shown
from scripts.records import Record, read_jsonl
from scripts.validate.rules import records_problems


def _load(path: Path) -> Iterator[tuple[str, Record, bool]]:
    """(file, record, published): records from a JSONL file, or from an export through the converter,
    what it publishes (its ground truth) and its independent passes."""
    name = shown(path)
    if path.suffix == ".jsonl":
        for _, record in read_jsonl(path):
            yield name, record, True
        return
    conversion = convert_exports([path])
    for records, published in ((conversion.records, True), (conversion.passes, False)):
        for record in records:
            yield name, record, published


def default_paths() -> list[Path]:
    """What `validate` checks with no argument: the exports in annotations/."""
    return sorted(ANNOTATIONS_DIR.glob("*.json"))


def corpus_records() -> Iterator[tuple[str, Record, bool]]:
    """The corpus articles as records without spans: their text, id and metadata are checked too."""
    for article in articles():
        yield f"corpus/{article.id}.txt", article.record(), True


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "validate",
        help="check records or Label Studio exports against the schema",
        description="Check canonical records (.jsonl) or Label Studio JSON exports (.json) against "
        "the JSON Schema and the semantic rules. Every completed annotation of an export is checked: a "
        "departure from the annotation rules in an independent pass (not the published gold) is a warning, "
        "as is the same text in two tasks. Reports every problem; exits 1 if any.",
    )
    parser.add_argument("paths", nargs="*", type=Path,
                        help="files (default: the corpus and annotations/*.json)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.paths:
        sources = {shown(path): partial(_load, path) for path in args.paths}
    else:
        sources = {"corpus/": corpus_records,
                   **{shown(path): partial(_load, path) for path in default_paths()}}
    counts = {True: 0, False: 0}  # published records, independent passes
    problems = warnings = 0
    for load in sources.values():
        checked = list(load())
        for _, _, published in checked:
            counts[published] += 1
        for problem, warning in records_problems(checked):
            print(f"warning: {problem}" if warning else problem, file=sys.stderr)
            warnings += warning
            problems += not warning
    where = ", ".join(sources)
    noted = f"; {warnings} warning(s)" if warnings else ""
    if problems:
        print(f"{problems} problem(s) in {where}{noted}", file=sys.stderr)
        return 1
    passes = f" and {counts[False]} independent pass(es)" if counts[False] else ""
    print(f"ok: {counts[True]} record(s){passes} in {where}, no problems{noted}")
    return 0
