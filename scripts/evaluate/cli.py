"""`evaluate`: compare PRED with GOLD, records or Label Studio exports, and print the scores."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from scripts.errors import PipelineError
from scripts.evaluate.report import format_table
from scripts.evaluate.scores import compare
from scripts.labelstudio.convert import convert_exports
from scripts.records import Record, read_jsonl


def load_records(path: Path, annotator: str | None) -> list[Record]:
    """Records from JSONL, or from an export: its ground truth, or one annotator's annotations."""
    if path.suffix == ".jsonl":
        records = [record for _, record in read_jsonl(path)]
    else:
        records = convert_exports([path], all_annotations=annotator is not None).records
    if annotator is not None:
        records = [r for r in records if r["provenance"].get("annotator") == annotator]
        if not records:
            raise PipelineError(f"{path}: no record annotated by {annotator!r}")
    return records


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "evaluate",
        help="compare records: span, link and attribute agreement",
        description="Compare PRED with GOLD (JSONL records or Label Studio exports) over the same "
        "documents: precision, recall and F1 per label for exact and overlap span match, "
        "attribution and coreference links, and attribute agreement of matched spans.",
    )
    parser.add_argument("gold", type=Path)
    parser.add_argument("pred", type=Path)
    parser.add_argument("--gold-annotator",
                        help="from an export GOLD, take this annotator's annotations (default: the ground truth)")
    parser.add_argument("--pred-annotator",
                        help="from an export PRED, take this annotator's annotations (default: the ground truth)")
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    scores = compare(load_records(args.gold, args.gold_annotator), load_records(args.pred, args.pred_annotator))
    print(json.dumps(scores, indent=2, sort_keys=True) if args.json else format_table(scores))
    return 0
