"""The published folder as a user loads it (`datasets.load_dataset(folder, config)`), the gold records
`evaluate` reads, and the folds every model is scored on."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from datasets import Features, Split, load_dataset

from scripts.errors import PipelineError
from scripts.records import Record


@dataclass(frozen=True)
class Config:
    """Every split of one config, as `load_dataset` gives it."""

    rows: list[dict]
    features: Features
    split_of: dict[str, str]  # document id -> split
    key: str  # the column that names a row's document

    def of(self, documents: Collection[str]) -> list[dict]:
        """The rows of some documents, in the published order."""
        return [row for row in self.rows if row[self.key] in documents]


def load(folder: Path, name: str, documents: Collection[str] | None = None) -> Config:
    """One config of the folder; with `documents`, only their rows."""
    if not (folder / "README.md").is_file():
        raise PipelineError(f"{folder}: not a dataset folder (no README.md): run `make dataset` first")
    splits = load_dataset(str(folder), name)
    key = "id" if name == "documents" else "document_id"
    rows, split_of = [], {}
    for split, dataset in splits.items():
        for row in dataset:
            if documents is None or row[key] in documents:
                rows.append(row)
                split_of[row[key]] = str(split)
    return Config(rows, next(iter(splits.values())).features, split_of, key)


def gold_records(documents: Config) -> dict[str, Record]:
    """The `documents` rows as the records `evaluate.compare` reads, class indices read back as names."""
    label = documents.features["spans"].feature["label"].int2str
    kind = documents.features["relations"].feature["type"].int2str
    return {row["id"]: {"id": row["id"], "text": row["text"],
                        "spans": [{**span, "label": label(span["label"])} for span in row["spans"]],
                        "relations": [{**r, "type": kind(r["type"])} for r in row["relations"]]}
            for row in documents.rows}


@dataclass(frozen=True)
class Fold:
    train: tuple[str, ...]
    test: tuple[str, ...]


MIN_TEST = 10  # documents the test split needs to be scored on alone


def folds(split_of: dict[str, str]) -> tuple[str, list[Fold]]:
    """The test split against every other document once it has MIN_TEST documents (nothing is tuned,
    so the validation split trains too); before that, each document held out once, since scores on a
    handful of documents would say more about those documents than about the models. With how they
    were made."""
    documents = sorted(split_of)
    test = tuple(d for d in documents if split_of[d] == Split.TEST)
    if len(test) >= MIN_TEST:
        return "the test split", [Fold(tuple(d for d in documents if d not in test), test)]
    return "leave-one-document-out", [Fold(tuple(d for d in documents if d != held), (held,))
                                      for held in documents]
