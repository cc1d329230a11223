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


def _load(path: Path) -> Iterator[tuple[str, Record]]:
    """Records from a JSONL file, or those an export publishes (its ground truth), through the converter."""
    if path.suffix == ".jsonl":
        for _, record in read_jsonl(path):
            yield str(path), record
        return
    for record in convert_exports([path]).records:
        yield str(path), record


def default_paths() -> list[Path]:
    """What `validate` checks with no argument: the exports in annotations/."""
    return sorted(ANNOTATIONS_DIR.glob("*.json"))


def corpus_records() -> Iterator[tuple[str, Record]]:
    """The corpus articles as records without spans: their text, id and metadata are checked too."""
    for article in articles():
        yield f"corpus/{article.id}.txt", article.record()


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "validate",
        help="check records or Label Studio exports against the schema",
        description="Check canonical records (.jsonl) or Label Studio JSON exports (.json) against "
        "the JSON Schema and the semantic rules. Reports every problem; exits 1 if any.",
    )
    parser.add_argument("paths", nargs="*", type=Path,
                        help="files (default: the corpus and annotations/*.json)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.paths:
        sources = {str(path): partial(_load, path) for path in args.paths}
    else:
        sources = {"corpus/": corpus_records,
                   **{shown(path): partial(_load, path) for path in default_paths()}}
    records, problems = 0, 0
    for load in sources.values():
        checked = list(load())
        records += len(checked)
        for problem in records_problems(checked):
            print(problem, file=sys.stderr)
            problems += 1
    where = ", ".join(sources)
    if problems:
        print(f"{problems} problem(s) in {where}", file=sys.stderr)
        return 1
    print(f"ok: {records} record(s) in {where}, no problems")
    return 0
