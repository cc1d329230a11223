"""`python -m scripts <command>`: one program for every step of the pipeline."""

from __future__ import annotations

import argparse
import importlib
import sys

# The steps in the order the data flows; each module has add_parser(sub) and run(args).
STEPS = ("ingest", "preannotate", "labelstudio", "convert", "validate", "build", "publish", "evaluate", "generate", "bench")


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(
        prog="python -m scripts",
        description="Build the corpus of who said what, how much and where: the steps below, "
        "in pipeline order. Each step has its own --help.",
    )
    sub = main.add_subparsers(dest="command", metavar="<command>", required=True)
    for step in STEPS:
        importlib.import_module(f"scripts.{step}").add_parser(sub)
    return main


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
