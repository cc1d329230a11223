"""Where the project's files are: every path the pipeline reads or writes by default, named once."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

SCHEMA_DIR = ROOT / "schema"
SCHEME_FILE = SCHEMA_DIR / "scheme.yaml"
GUIDELINES = SCHEMA_DIR / "guidelines.md"
LABEL_CONFIG = SCHEMA_DIR / "label_config.xml"  # generated
RECORD_SCHEMA = SCHEMA_DIR / "record.schema.json"  # generated
FEATURES = SCHEMA_DIR / "features.json"  # generated

CORPUS_DIR = ROOT / "corpus"
ANNOTATIONS_DIR = ROOT / "annotations"
DATACARD = ROOT / "datacard.md"
README = ROOT / "README.md"

BUILD_DIR = ROOT / "build"
DATASET_DIR = BUILD_DIR / "hf"  # the built Hugging Face dataset folder
BUILD_MARKER = ".dataset-build"  # in every folder a build writes: only such a folder is ever replaced
BENCH_DIR = BUILD_DIR / "bench"

# Tables derived from installed data, kept between runs (each named by a hash of what it is made from).
CACHE_DIR = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "who-said-what"

LABEL_STUDIO_STATE = ROOT / ".label-studio"  # git-ignored: the local server's database, state and log
LABEL_STUDIO_BIN = ROOT / ".venv-ls" / "bin" / "label-studio"  # where `make` installs the server


def shown(path: Path) -> str:
    """A path as the user should read it: relative to the repository when it lies inside."""
    path = path.absolute()
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)
