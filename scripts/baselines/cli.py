"""`baselines`: train and score the baselines from the published folder; write the table into the card
source and the README."""

from __future__ import annotations

import argparse
import shlex
import sys
import time
from pathlib import Path

from scripts.engine import Engine
from scripts.paths import DATACARD, DATASET_DIR, README, shown


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "baselines",
        help="train and score baselines from the built dataset; write the table into the card and README",
        description="Load the dataset folder with datasets.load_dataset, train a spaCy NER (ner), a "
        "claim-sentence classifier (sentences) and a speaker-attribution rule (claims) on the test split's "
        "complement, or leave-one-document-out while the test split has fewer than 10 documents, score them with seqeval and "
        "`evaluate` beside the pre-annotator, run the Hugging Face token-classification data step, and "
        "write the table between the baselines markers of the card source and the README.",
    )
    parser.add_argument("--data", type=Path, default=DATASET_DIR, help="the dataset folder (default: build/hf)")
    parser.add_argument("--card", type=Path, default=DATACARD, help="card source to write (default: datacard.md)")
    parser.add_argument("--readme", type=Path, default=README, help="README to write (default: README.md)")
    parser.add_argument("--documents", type=int, metavar="N",
                        help="only the N gold documents with the smallest ids (default: all)")
    parser.add_argument("--epochs", type=int, help="spaCy NER epochs (default: scripts/baselines/ner.cfg's)")
    parser.add_argument("--workers", type=int,
                        help="worker processes (default: one per core; the table is the same for any number)")
    parser.set_defaults(func=run)


def _command(args: argparse.Namespace) -> str:
    """The command that makes the same table: the options that change it, where not the default."""
    parts = ["python", "-m", "scripts", "baselines"]
    for option, value, default in (("--data", args.data, DATASET_DIR), ("--card", args.card, DATACARD),
                                   ("--readme", args.readme, README), ("--documents", args.documents, None),
                                   ("--epochs", args.epochs, None)):
        if value is not None and value != default:
            parts += [option, shown(value) if isinstance(value, Path) else str(value)]
    return shlex.join(parts)


def run(args: argparse.Namespace) -> int:
    from datasets import disable_progress_bars

    from scripts.baselines import experiment, table

    disable_progress_bars()
    started = time.monotonic()
    results = experiment.run(args.data, args.documents, args.epochs, Engine(workers=args.workers))
    text = table.block(results, _command(args), shown(args.data))
    for path in (args.card, args.readme):
        table.write(path, text)
    print(text)
    print(f"wrote {shown(args.card)} and {shown(args.readme)} in {time.monotonic() - started:.0f} s", file=sys.stderr)
    return 0
