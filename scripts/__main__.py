"""`python -m scripts <command>`: one program for every step of the pipeline."""

from __future__ import annotations

import argparse
import importlib
import sys

from scripts.errors import PipelineError

# The commands in the order the data flows, and the module of each (with add_parser(sub) and run(args)).
COMMANDS = {"ingest": "corpus.ingest", "preannotate": "preannotate.cli", "ls": "labelstudio.cli",
            "convert": "labelstudio.convert", "validate": "validate.cli", "build": "dataset.build",
            "publish": "dataset.publish", "evaluate": "evaluate.cli", "generate": "schema.generate",
            "bench": "bench.build", "baselines": "baselines.cli"}


def parser(command: str | None = None) -> argparse.ArgumentParser:
    """The program's parser; with a known command, only that command's module is imported (some
    import heavy libraries), otherwise every one, for the help to list them all."""
    main = argparse.ArgumentParser(
        prog="python -m scripts",
        description="Build the corpus of who said what, how much and where: the steps below, "
        "in pipeline order. Each step has its own --help.",
    )
    sub = main.add_subparsers(dest="command", metavar="<command>", required=True)
    for name, module in COMMANDS.items():
        if command not in COMMANDS or command == name:
            importlib.import_module(f"scripts.{module}").add_parser(sub)
    return main


def main(argv: list[str] | None = None) -> int:
    """Run a command; bad input it refuses is one `error:` message on stderr and exit status 1, and so is
    a read or write the system refuses (a file that went away, a full disk), named by its file."""
    argv = sys.argv[1:] if argv is None else argv
    args = parser(argv[0] if argv else None).parse_args(argv)
    try:
        return args.func(args)
    except PipelineError as err:
        print(f"error: {err}", file=sys.stderr)
    except OSError as err:
        print(f"error: {err.filename}: {err.strerror}" if err.filename else f"error: {err}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
