"""Add articles (plain text, or JSON with text and metadata) to corpus/."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

import orjson

from scripts.characters import visible_text
from scripts.corpus.articles import Article, check_metadata, load_article, read_text
from scripts.errors import PipelineError
from scripts.files import atomic_writer
from scripts.paths import CORPUS_DIR
from scripts.records import METADATA_FIELDS, doc_id, too_long


def normalise(text: str) -> str:
    """`\\r\\n` and lone `\\r` become `\\n`, and a leading byte order mark goes (it is not part of the
    article, and would give the same article a second id); nothing else in the text changes."""
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def read_input(path: Path, defaults: dict[str, Any], why_unknown: str | None) -> tuple[Article, dict[str, Any]]:
    """An article from a .txt file (metadata from the options) or a .json file with `text`, and the
    metadata given for it (fields and notes that are not null)."""
    raw = read_text(path)
    given: dict[str, Any] = {k: v for k, v in defaults.items() if v is not None}
    if path.suffix.lower() == ".json":
        try:
            data = orjson.loads(raw)
        except orjson.JSONDecodeError as err:
            raise PipelineError(f"{path}: not valid JSON: {err.msg} (line {err.lineno})") from None
        if not isinstance(data, dict) or not isinstance(data.get("text"), str):
            raise PipelineError(f"{path}: expected a JSON object with a string field 'text'")
        unknown = sorted(set(data) - {"text", "notes", *METADATA_FIELDS})
        if unknown:
            raise PipelineError(f"{path}: unknown field(s) {', '.join(unknown)}")
        raw = data.pop("text")
        given.update({k: v for k, v in data.items() if v is not None})
    check_metadata(given, path)
    text = normalise(raw)
    if not visible_text(text):
        raise PipelineError(f"{path}: the article is empty")
    if length := too_long(text):
        raise PipelineError(f"{path}: {length}")
    metadata: dict[str, Any] = {"id": doc_id(text)}
    metadata.update({field: given.get(field) for field in METADATA_FIELDS})
    notes = dict(given.get("notes") or {})
    for field in METADATA_FIELDS:
        if metadata[field] is None and field not in notes:
            notes[field] = why_unknown or "not known: not given at ingest"
    metadata["notes"] = dict(sorted(notes.items()))
    metadata["ingested_from"] = path.name
    return Article(id=metadata["id"], text=text, metadata=metadata), given


def _conflicts(existing: dict[str, Any], given: dict[str, Any]) -> list[str]:
    """The metadata given that differs from what the corpus holds."""
    notes = existing.get("notes") or {}
    fields = [f"{name} {existing.get(name)!r}, not {value!r}" for name, value in given.items()
              if name in METADATA_FIELDS and existing.get(name) != value]
    return fields + [f"the note on {name} {notes.get(name)!r}, not {note!r}"
                     for name, note in (given.get("notes") or {}).items() if notes.get(name) != note]


def store(article: Article, given: dict[str, Any], corpus_dir: Path) -> bool:
    """Write the article; False if it is already there (re-adding it changes nothing); an error if
    metadata given for it differs from the corpus's."""
    text_path = corpus_dir / f"{article.id}.txt"
    if text_path.exists():
        existing = load_article(text_path)
        conflicts = _conflicts(existing.metadata, given)
        if conflicts:
            raise PipelineError(
                f"document {article.id} is already in the corpus with other metadata: {'; '.join(conflicts)} "
                f"(from {existing.metadata.get('ingested_from')}); edit {text_path.with_suffix('.json')}"
            )
        return False
    with atomic_writer(text_path.with_suffix(".json")) as handle:
        handle.write(json.dumps(article.metadata, ensure_ascii=False, indent=2) + "\n")
    with atomic_writer(text_path) as handle:
        handle.write(article.text)
    return True


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "ingest",
        help="add articles to corpus/",
        description="Add articles to corpus/ as <id>.txt (exact text, line endings normalised to \\n) "
        "and <id>.json (metadata). Input: .txt files, or .json objects with 'text' and metadata fields. "
        "Unknown metadata stays null; --why-unknown records the reason.",
    )
    parser.add_argument("files", nargs="+", type=Path)
    for field in METADATA_FIELDS:
        parser.add_argument(f"--{field}", help=f"the article's {field} (default: null)")
    parser.add_argument("--why-unknown", help="why the metadata left null is not known")
    parser.add_argument("--corpus", type=Path, default=CORPUS_DIR, help=argparse.SUPPRESS)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    defaults = {field: getattr(args, field) for field in METADATA_FIELDS}
    inputs = [read_input(path, defaults, args.why_unknown) for path in args.files]
    seen: dict[str, Path] = {}
    for path, (article, _) in zip(args.files, inputs):
        if article.id in seen:
            raise PipelineError(f"{path}: duplicate id {article.id}: same text as {seen[article.id]}")
        seen[article.id] = path
    for path, (article, given) in zip(args.files, inputs):
        added = store(article, given, args.corpus)
        print(f"added: {path} -> corpus/{article.id}.txt" if added
              else f"unchanged: {path} -> corpus/{article.id}.txt (already in the corpus)")
    return 0
