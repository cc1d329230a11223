"""`generate`: write every file derived from schema/scheme.yaml, or check that none is stale."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path

from scripts.paths import DATACARD, FEATURES, GUIDELINES, LABEL_CONFIG, RECORD_SCHEMA, shown
from scripts.schema.label_config import label_config
from scripts.schema.record_schema import record_schema
from scripts.schema.scheme import Scheme, load_scheme
from scripts.schema.tables import with_tables


def features_json(scheme: Scheme) -> str:
    """The Hugging Face features of every view, as `Features.to_dict` gives them."""
    from scripts.dataset.views import VIEWS

    data = {name: view.features(scheme).to_dict() for name, view in VIEWS.items()}
    return json.dumps(data, indent=2, sort_keys=True) + "\n"


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
            print(f"stale: {shown(path)} (run: python -m scripts generate)")
        return 1 if stale else 0
    for path, make in expected_files(scheme).items():
        content = make()
        if not path.exists() or path.read_text(encoding="utf-8") != content:
            path.write_text(content, encoding="utf-8")
            print(f"wrote {shown(path)}")
    return 0
