"""The baselines command end to end on a dataset built from three gold documents, with two epochs:
the table's shape, numbers in range and consistent, the pre-annotator's column as `evaluate` gives
it, the recipe's check, and the same block in both files."""

from __future__ import annotations

import io
import json
import re
from contextlib import redirect_stdout
from pathlib import Path

import pytest
from datasets import load_dataset

from scripts.__main__ import main
from scripts.baselines.table import BEGIN, END
from scripts.dataset.build import build
from scripts.engine import Engine
from scripts.evaluate.scores import compare
from scripts.paths import ANNOTATIONS_DIR, CORPUS_DIR
from scripts.preannotate.predict import predict
from scripts.schema.scheme import load_scheme

DOCUMENTS = 3
CELL = re.compile(r"^(\d\.\d{3}) \[(\d\.\d\d), (\d\.\d\d)\]$")


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A dataset folder built from the first gold tasks of the exports."""
    folder = tmp_path_factory.mktemp("baselines")
    tasks = [task for path in sorted(ANNOTATIONS_DIR.glob("*.json"))
             for task in json.loads(path.read_text(encoding="utf-8"))][:DOCUMENTS]
    (folder / "annotations").mkdir()
    (folder / "annotations" / "export.json").write_text(json.dumps(tasks), encoding="utf-8")
    build(folder / "annotations", folder / "hf", CORPUS_DIR, Engine(workers=1))
    return folder / "hf"


@pytest.fixture(scope="module")
def written(small: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path, Path]:
    """What the command printed, offline, and the card source and README it wrote into (run once)."""
    folder = tmp_path_factory.mktemp("written")
    card, readme = folder / "datacard.md", folder / "README.md"
    for path in (card, readme):
        path.write_text(f"# Title\n\n{BEGIN}\nold table\n{END}\n\nMore.\n", encoding="utf-8")
    printed = io.StringIO()
    with pytest.MonkeyPatch.context() as patch, redirect_stdout(printed):
        patch.setenv("HF_HUB_OFFLINE", "1")
        patch.setenv("HF_HOME", str(folder / "hf-home"))
        assert main(["baselines", "--data", str(small), "--card", str(card), "--readme", str(readme),
                     "--documents", str(DOCUMENTS), "--epochs", "2", "--workers", "1"]) == 0
    return printed.getvalue().strip(), card, readme


def _table(out: str) -> list[list[str]]:
    lines = [line for line in out.splitlines() if line.startswith("| ")]
    return [[cell.strip() for cell in line.strip("|").split("|")] for line in lines[2:]]


def test_the_block_names_its_command_and_fills_both_files(written: tuple[str, Path, Path], small: Path) -> None:
    out, card, readme = written
    command = (f"python -m scripts baselines --data {small} --card {card} --readme {readme} "
               f"--documents {DOCUMENTS} --epochs 2")
    assert out.startswith(f"`{command}`: the {DOCUMENTS} gold documents of `{small}`, leave-one-document-out "
                          f"({DOCUMENTS} fold(s))")
    for path in (card, readme):
        assert path.read_text(encoding="utf-8") == f"# Title\n\n{BEGIN}\n{out}\n{END}\n\nMore.\n"


def test_every_row_has_gold_and_scores_in_range(written: tuple[str, Path, Path], small: Path) -> None:
    rows = _table(written[0])
    names = load_dataset(str(small), "ner")["train"].features["ner_tags"].feature.names
    types = [name[2:] for name in names if name.startswith("B-")]
    assert len(rows) == 1 + len(types) + 2 + 3 + 2
    assert [row[1] for row in rows[1:1 + len(types)]] == [f"entities, seqeval: `{t}`" for t in types]
    for row in rows:
        assert len(row) == 9 and int(row[2]) > 0
        for precision, recall, f1 in (row[3:6], row[6:9]):
            p, r = float(precision), float(recall)
            value, low, high = map(float, CELL.match(f1).groups())
            assert 0 <= p <= 1 and 0 <= r <= 1 and 0 <= low <= high <= 1
            assert value == pytest.approx(2 * p * r / (p + r) if p + r else 0, abs=0.002)


def test_the_pre_annotator_column_is_what_evaluate_gives(written: tuple[str, Path, Path], small: Path) -> None:
    """Its claim spans (exact) and attribution links, against compare over the same documents."""
    documents = load_dataset(str(small), "documents")["train"]
    label = documents.features["spans"].feature["label"].int2str
    kind = documents.features["relations"].feature["type"].int2str
    gold = [{"id": d["id"], "spans": [{**s, "label": label(s["label"])} for s in d["spans"]],
             "relations": [{**r, "type": kind(r["type"])} for r in d["relations"]]} for d in documents]
    scores = compare(gold, [predict({"id": d["id"], "text": d["text"]}) for d in documents])
    roles = load_scheme().roles
    rows = {row[1]: row for row in _table(written[0])}
    claim = scores["spans"]["exact"][roles.claim]
    claim_row = rows[f"`{roles.claim}` spans, `evaluate` exact (a sentence is a span)"]
    assert claim_row[2] == str(claim["gold"])
    assert [float(claim_row[6]), float(claim_row[7])] == pytest.approx([claim["precision"], claim["recall"]],
                                                                        abs=6e-4)
    link = scores["links"]["exact"][roles.attribution]
    for measure, row in rows.items():
        if measure.startswith(f"`{roles.attribution}` links"):
            assert [float(row[6]), float(row[7])] == pytest.approx([link["precision"], link["recall"]], abs=6e-4)


def test_the_recipe_reads_every_sentences_tags_back(written: tuple[str, Path, Path], small: Path) -> None:
    sentences = len(load_dataset(str(small), "ner")["train"])
    recipe = written[0].splitlines()[-1]
    assert f"{sentences} of {sentences} sentences read their `ner_tags` back from the labels" in recipe
    batches = re.search(r"(\d+) of (\d+) with one shape for all three", recipe).groups()
    assert batches[0] == batches[1] and "(input_ids, attention_mask, labels;" in recipe
