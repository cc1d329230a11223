"""Build the Hugging Face dataset folder: Parquet per config and split, and the card."""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from datasets import Dataset, disable_progress_bars
from datasets.info import DatasetInfo
from datasets.splits import SplitDict, SplitInfo

from scripts.convert import convert_exports
from scripts.corpus import CORPUS_DIR, Article, articles
from scripts.features import VIEWS, view_features
from scripts.records import PipelineError, Record
from scripts.scheme import ROOT
from scripts.validate import records_problems
from scripts.views import ViewOutput, build_view
from scripts.views.common import Document

SPLITS = ("train", "validation", "test")
DEFAULT_OUT = ROOT / "build" / "hf"


def split_of(document_id: str) -> str:
    """Deterministic from the id alone, so a document never changes split as the corpus grows."""
    bucket = int(document_id, 16) % 10
    return "train" if bucket < 8 else "validation" if bucket == 8 else "test"


@dataclass
class Inputs:
    """What a build reads, with what it had to say about it."""

    documents: list[Document]
    exports: list[Path]
    unannotated: list[Article]
    warnings: list[str] = field(default_factory=list)


def gold_documents(annotation_dir: Path, corpus: list[Article]) -> Inputs:
    """Gold records from the exports (a later export replaces an earlier one), joined to the corpus."""
    by_id = {article.id: article for article in corpus}
    exports = sorted(annotation_dir.glob("*.json"))
    gold: dict[str, tuple[Record, Path]] = {}
    warnings: list[str] = []
    errors: list[str] = []
    for path in exports:
        records = convert_exports([path]).records
        errors += [str(p) for p in records_problems((str(path), r) for r in records)]
        for record in records:
            named = record["provenance"].get("task_doc_id")
            if named in by_id and named != record["id"]:
                errors.append(f"{path}: task {record['provenance']['task_id']}: its text differs "
                              f"from the corpus text of document {named}")
            if record["id"] in gold:
                warnings.append(f"document {record['id']}: taking {path.name} over "
                                f"{gold[record['id']][1].name}")
            gold[record["id"]] = (record, path)
    if errors:
        raise PipelineError("refusing to build from invalid annotations:\n" + "\n".join(errors))
    documents = []
    for doc_id, (record, path) in sorted(gold.items()):
        article = by_id.get(doc_id)
        if article is None:
            warnings.append(f"document {doc_id} (from {path.name}) is not in the corpus: "
                            "built with null metadata")
        documents.append(Document(record, article.metadata if article else {}))
    unannotated = [a for a in corpus if a.id not in gold]
    return Inputs(documents, exports, unannotated, warnings)


def write_config(view: str, output: ViewOutput, out: Path, split_names: dict[str, str]) -> DatasetInfo:
    """Write one config's splits with `datasets`, so that features and class names survive."""
    features = view_features(view)
    splits = SplitDict()
    for split in SPLITS:
        rows = [row for row in output.rows if split_names[row.get("document_id", row["id"])] == split]
        if not rows:
            continue
        dataset = Dataset.from_list(rows, features=features)
        path = out / "data" / view / f"{split}-00000-of-00001.parquet"
        path.parent.mkdir(parents=True, exist_ok=True)
        dataset.to_parquet(str(path))
        splits.add(SplitInfo(name=split, num_bytes=dataset.data.nbytes, num_examples=len(dataset)))
    download_size = sum(p.stat().st_size for p in (out / "data" / view).glob("*.parquet"))
    return DatasetInfo(features=features, splits=splits, download_size=download_size,
                       dataset_size=sum(s.num_bytes for s in splits.values()), config_name=view)


@dataclass
class BuildResult:
    inputs: Inputs
    outputs: dict[str, ViewOutput]
    infos: dict[str, DatasetInfo]


def build(annotation_dir: Path, out: Path, corpus_dir: Path = CORPUS_DIR) -> BuildResult:
    """Build into a temporary folder and move it into place, so no partial output is ever left."""
    from scripts.card import write_card

    disable_progress_bars()
    inputs = gold_documents(annotation_dir, list(articles(corpus_dir)))
    if not inputs.documents:
        raise PipelineError(f"no gold annotation in {annotation_dir}: nothing to build")
    split_names = {doc.id: split_of(doc.id) for doc in inputs.documents}
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=out.parent, prefix=f".{out.name}."))
    staging.chmod(0o755)
    try:
        outputs = {view: build_view(view, inputs.documents) for view in VIEWS}
        infos = {view: write_config(view, outputs[view], staging, split_names) for view in VIEWS}
        result = BuildResult(inputs, outputs, infos)
        write_card(result, staging)
        if out.exists():
            shutil.rmtree(out)
        staging.rename(out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return result


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "build",
        help="build the Hugging Face dataset folder (Parquet + card)",
        description="Convert and validate the exports in annotations/, join them to the corpus and "
        "write a Hugging Face dataset repository folder: README.md (the card) and "
        "data/<config>/<split>-00000-of-00001.parquet for every config.",
    )
    parser.add_argument("--annotations", type=Path, default=ROOT / "annotations",
                        help="folder of Label Studio JSON exports (default: annotations/)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder (default: build/hf)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    try:
        result = build(args.annotations, args.out)
    except PipelineError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    for warning in result.inputs.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    for view, output in result.outputs.items():
        splits = ", ".join(f"{name} {info.num_examples}" for name, info in result.infos[view].splits.items())
        dropped = sum(output.dropped.values())
        note = f"; dropped {dropped} span(s): {dict(sorted(output.dropped.items()))}" if dropped else ""
        print(f"{view}: {splits}{note}")
    print(f"built {_shown(args.out)} from {len(result.inputs.documents)} annotated document(s); "
          f"{len(result.inputs.unannotated)} corpus document(s) not yet annotated")
    return 0


def _shown(path: Path) -> str:
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def counts(result: BuildResult) -> Counter:
    """Spans per label over the gold documents."""
    return Counter(s["label"] for d in result.inputs.documents for s in d.record["spans"])
