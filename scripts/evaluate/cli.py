"""`evaluate`: compare PRED with GOLD, records or Label Studio exports, and print the scores."""

from __future__ import annotations

import argparse
import json
import sys
from functools import reduce
from pathlib import Path

from scripts.errors import PipelineError
from scripts.evaluate.agreement import Pair, article_table, pass_pairs
from scripts.evaluate.report import format_table
from scripts.evaluate.scores import add_scores, compare
from scripts.labelstudio.convert import convert_exports
from scripts.records import Record, read_jsonl
from scripts.validate.rules import record_problems


def load_records(path: Path, annotator: str | None, side: str,
                 every_annotation: bool = False) -> tuple[list[Record], list[str]]:
    """Records from JSONL, or from an export: its ground truth, or one annotator's annotations; and the
    warnings to print. Records are checked as `validate` checks them: a fault is refused, since a score
    of an unreadable or unfaithful record means nothing; a departure from the annotation rules is only
    a warning, since either side may be an independent pass, kept as made."""
    if path.suffix == ".jsonl":
        records = [record for _, record in read_jsonl(path)]
    else:
        records = convert_exports([path], all_annotations=every_annotation or annotator is not None).records
    faults, warnings = [], []
    for record in records:
        for problem in record_problems(record, str(path)):
            (warnings if problem.rule else faults).append(str(problem))
    if faults:
        raise PipelineError("\n".join(faults))
    if annotator is not None:
        records = [r for r in records if r["provenance"].get("annotator") == annotator]
        if not records:
            raise PipelineError(f"{path}: no record annotated by {annotator!r}")
    if not records:
        raise PipelineError(f"{path}: {side} holds no record: nothing to score")
    return records, warnings


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "evaluate",
        help="compare records: span, link and attribute agreement",
        description="Compare PRED with GOLD (JSONL records or Label Studio exports) over the same "
        "documents: precision, recall and F1 per label for exact and overlap span match, "
        "attribution and coreference links, and attribute agreement of matched spans.",
    )
    parser.add_argument("gold", type=Path, nargs="?")
    parser.add_argument("pred", type=Path, nargs="?")
    parser.add_argument("--agreement", type=Path, nargs="+", metavar="EXPORT",
                        help="instead of GOLD and PRED: the independent passes of each article of these Label "
                        "Studio exports against each other, article by article and pooled")
    parser.add_argument("--gold-annotator",
                        help="from an export GOLD, take this annotator's annotations (default: the ground truth)")
    parser.add_argument("--pred-annotator",
                        help="from an export PRED, take this annotator's annotations (default: the ground truth)")
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.agreement:
        if args.gold or args.pred:
            raise PipelineError("evaluate takes GOLD and PRED, or --agreement EXPORT..., not both")
        return agreement(args.agreement, args.json)
    if args.gold is None or args.pred is None:
        raise PipelineError("evaluate needs GOLD and PRED (or --agreement EXPORT...)")
    gold, gold_warnings = load_records(args.gold, args.gold_annotator, "GOLD")
    pred, pred_warnings = load_records(args.pred, args.pred_annotator, "PRED")
    for warning in gold_warnings + pred_warnings:
        print(f"warning: {warning}", file=sys.stderr)
    scores = compare(gold, pred, files=(str(args.gold), str(args.pred)))
    print(json.dumps(scores, indent=2, sort_keys=True) if args.json else format_table(scores))
    return 0


def agreement(exports: list[Path], as_json: bool) -> int:
    """Every two independent passes of every task, scored, and all of them pooled."""
    pairs: list[Pair] = []
    for path in exports:
        records, warnings = load_records(path, None, "the export", every_annotation=True)
        for warning in warnings:
            print(f"warning: {warning}", file=sys.stderr)
        by_task: dict[object, list[Record]] = {}
        for record in records:
            by_task.setdefault(record["provenance"]["task_id"], []).append(record)
        for task_records in by_task.values():
            pairs += pass_pairs(task_records)
    if not pairs:
        raise PipelineError(f"no article of {', '.join(map(str, exports))} has two independent passes")
    pooled = reduce(add_scores, (pair[3] for pair in pairs))
    if as_json:
        print(json.dumps({"articles": [{"document": d, "passes": [a, b], "scores": s} for d, a, b, s in pairs],
                          "pooled": pooled}, indent=2, sort_keys=True))
    else:
        print(f"{article_table(pairs)}\n\n{format_table(pooled)}")
    return 0
