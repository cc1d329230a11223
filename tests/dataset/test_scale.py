"""The build at scale: made-up exports, several workers, several shards, Dask, and the benchmark command."""

from __future__ import annotations

import filecmp
import json
import shutil
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from datasets import load_dataset

from scripts import nlp
from scripts.bench.synthetic import tasks as made_up
from scripts.bench.synthetic import write_export
from scripts.dataset import collector
from scripts.dataset.admitted import Admitted
from scripts.dataset.build import build
from scripts.dataset.views import VIEWS
from scripts.engine import Engine
from scripts.errors import PipelineError
from scripts.labelstudio.convert import convert_exports
from scripts.records import doc_id
from scripts.schema.scheme import load_scheme
from scripts.validate.rules import record_problems

TASKS = 60


@pytest.fixture(autouse=True)
def hub_offline(offline) -> None:
    """Every test here reads the dataset as a user would, offline."""


@pytest.fixture(autouse=True)
def no_preannotation_sample(monkeypatch) -> None:
    """The card's pre-annotation scores (tests/dataset/test_build.py) parse their sample with the trained
    pipeline: seconds per build that say nothing about scale."""
    monkeypatch.setattr(collector, "PREANNOTATION_SAMPLE", 0)


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("made-up")
    write_export(folder / "annotations" / "export.json", TASKS, folder / "corpus")
    return folder


def _build(inputs: Path, out: Path, engine: Engine = Engine(workers=2), **options) -> Path:
    build(inputs / "annotations", out, inputs / "corpus", engine, **options)
    return out


def _same_files(first: Path, second: Path) -> bool:
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    return files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file()) and all(
        filecmp.cmp(first / f, second / f, shallow=False) for f in files)


def test_made_up_tasks_convert_to_the_records_they_were_made_from(inputs: Path) -> None:
    records = convert_exports([inputs / "annotations" / "export.json"]).records
    made = [record for _, record in made_up(TASKS)]
    assert [r["spans"] for r in records] == [sorted(m["spans"], key=lambda s: (s["start"], -s["end"], s["label"],
                                                                                 s["id"])) for m in made]
    assert all(record_problems(r, "made-up") == [] for r in records)
    assert all(20 <= len(r["spans"]) <= 50 for r in records)
    with_two = [task for task, _ in made_up(TASKS) if len([a for a in task["annotations"] if not a["was_cancelled"]]) == 2]
    assert with_two and all(sum(a["ground_truth"] for a in t["annotations"]) == 1 for t in with_two)


def test_every_config_in_several_shards_loads_with_every_row(inputs: Path, tmp_path: Path) -> None:
    out = _build(inputs, tmp_path / "hf", range_bytes=100_000, shard_bytes=1)
    train = sorted(p.name for p in (out / "data" / "ner").iterdir() if p.name.startswith("train"))
    assert len(train) > 1 and train[0] == f"train-00000-of-{len(train):05d}.parquet"
    documents = load_dataset(str(out), "documents")
    assert sum(len(split) for split in documents.values()) == TASKS
    for view in VIEWS:
        dataset = load_dataset(str(out), view)
        assert all(split.features == VIEWS[view].features(load_scheme()) for split in dataset.values())


def test_workers_and_shards_change_nothing_but_file_boundaries(inputs: Path, tmp_path: Path) -> None:
    one = _build(inputs, tmp_path / "one", Engine(workers=1), range_bytes=100_000)
    two = _build(inputs, tmp_path / "two", Engine(workers=2), range_bytes=30_000, shard_bytes=1)
    assert len(list((two / "data" / "ner").iterdir())) > len(list((one / "data" / "ner").iterdir()))
    for view in VIEWS:
        assert load_dataset(str(one), view).data == load_dataset(str(two), view).data


def test_the_dask_path_gives_the_same_records_as_the_local_one(inputs: Path, tmp_path: Path, dask_scheduler: str,
                                                              monkeypatch) -> None:
    monkeypatch.setattr(collector, "PREANNOTATION_SAMPLE", 2)  # the card's scores read ranges Dask planned
    local = _build(inputs, tmp_path / "local", range_bytes=100_000)
    distributed = _build(inputs, tmp_path / "dask", Engine("dask", scheduler=dask_scheduler), range_bytes=100_000)
    for view in VIEWS:
        assert load_dataset(str(distributed), view).data == load_dataset(str(local), view).data
    assert _same_files(local, distributed)
    assert "against the gold on the 2 gold documents with the smallest ids" in (local / "README.md").read_text()


def test_a_later_export_and_a_later_task_win(inputs: Path, tmp_path: Path) -> None:
    folder = tmp_path / "annotations"
    shutil.copytree(inputs / "annotations", folder)
    tasks = json.loads((folder / "export.json").read_text(encoding="utf-8"))
    newer = json.loads(json.dumps(tasks[:3]))
    for task in newer:
        task["annotations"][-1]["result"] = [r for r in task["annotations"][-1]["result"] if r["type"] != "relation"]
    (folder / "z-newer.json").write_text(json.dumps(newer), encoding="utf-8")
    result = build(folder, tmp_path / "hf", inputs / "corpus", Engine(workers=2), range_bytes=100_000)
    assert result.summary.documents == TASKS
    assert sorted(w.split(": ")[1].split(" (task")[0] for w in result.warnings) == ["taking z-newer.json"] * 3
    rows = {row["id"]: row for split in load_dataset(str(tmp_path / "hf"), "documents").values() for row in split}
    newer_ids = {doc_id(task["data"]["text"]) for task in newer}
    assert len(newer_ids) == 3 and all(rows[i]["relations"] == [] for i in newer_ids)
    assert all(row["relations"] for i, row in rows.items() if i not in newer_ids)


@pytest.mark.parametrize("range_bytes", [100, 1 << 20])
def test_a_document_twice_in_one_export_is_built_once_from_the_later_task(tmp_path: Path, range_bytes: int) -> None:
    tasks = [task for task, _ in made_up(5)]
    again = json.loads(json.dumps(tasks[1]))
    again["id"], again["annotations"] = 99, [{**again["annotations"][-1], "id": 990}]
    again["annotations"][0]["result"] = [r for r in again["annotations"][0]["result"] if r["type"] != "relation"]
    folder = tmp_path / "annotations"
    folder.mkdir()
    (folder / "export.json").write_text(json.dumps([*tasks, again]), encoding="utf-8")
    result = build(folder, tmp_path / "hf", tmp_path / "no-corpus", Engine(workers=2), range_bytes=range_bytes)
    rows = [row for split in load_dataset(str(tmp_path / "hf"), "documents").values() for row in split]
    assert result.summary.documents == len(rows) == 5
    (twice,) = [row for row in rows if row["task_id"] == 99]
    assert twice["relations"] == [] and not [row for row in rows if row["task_id"] == 2]
    assert (f"export.json: document {twice['id']}: the same text is in task 2 and task 99: taking task 99, "
            "the later") in result.warnings


def test_problems_in_several_ranges_name_their_tasks_in_export_order(tmp_path: Path) -> None:
    tasks = [task for task, _ in made_up(30)]
    for number in (3, 25):
        del tasks[number]["id"]
        tasks[number]["annotations"][-1]["result"][0]["value"]["labels"] = ["PERSON"]
    folder = tmp_path / "annotations"
    folder.mkdir()
    (folder / "export.json").write_text(json.dumps(tasks), encoding="utf-8")
    with pytest.raises(PipelineError) as err:
        build(folder, tmp_path / "hf", tmp_path / "no-corpus", Engine(workers=2), range_bytes=100_000)
    lines = str(err.value).splitlines()[1:]
    assert [line.split(": ")[1] for line in lines] == ["task #3", "task #25"]
    assert all("label 'PERSON' is not in the schema" in line for line in lines)
    assert not (tmp_path / "hf").exists()


def test_spacy_pipelines_are_made_anew_and_tokenize_the_same(tmp_path: Path, monkeypatch) -> None:
    inputs = tmp_path / "inputs"
    write_export(inputs / "annotations" / "export.json", 6, inputs / "corpus")
    made: list[object] = []
    with monkeypatch.context() as patch:
        patch.setattr(nlp, "DOCUMENTS_PER_PIPELINE", 2)
        current = nlp.renewed(lambda: made.append(object()) or made[-1])
        assert [made.index(current()) for _ in range(5)] == [0, 0, 1, 1, 2]
        renewed_often = _build(inputs, tmp_path / "renewed", Engine(workers=1), range_bytes=100_000)
    assert _same_files(renewed_often, _build(inputs, tmp_path / "kept", Engine(workers=1), range_bytes=100_000))


def test_parquet_statistics_only_for_ids_and_scalars(inputs: Path, tmp_path: Path) -> None:
    out = _build(inputs, tmp_path / "hf", range_bytes=100_000)
    (documents,) = (out / "data" / "documents").glob("train-*.parquet")
    row_group = pq.ParquetFile(documents).metadata.row_group(0)
    with_statistics = {row_group.column(i).path_in_schema for i in range(row_group.num_columns)
                       if row_group.column(i).is_stats_set}
    assert with_statistics == {"id", "task_id", "annotation_id"}


def test_admitted_documents_are_kept_on_disk_in_the_folder_given(tmp_path: Path) -> None:
    admitted = Admitted(tmp_path)
    admitted.add("38a2be65dadfb0cd", 1, 5, 7)
    admitted.add("0000000000000001", 0, None, None)
    assert admitted.get("38a2be65dadfb0cd") == (1, 5, 7) and admitted.get("0000000000000001") == (0, None, None)
    assert "38a2be65dadfb0cd" in admitted and "ffffffffffffffff" not in admitted and admitted.count == 2
    assert admitted.path.parent == tmp_path and admitted.path.is_file()
    admitted.close()
