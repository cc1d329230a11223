"""Predictions as records and as Label Studio tasks, the command, its engines and its benchmark."""

from __future__ import annotations

import argparse
import json
import shutil
from pathlib import Path

import pytest

from scripts.bench.preannotate import article, report
from scripts.bench.synthetic import write_export
from scripts.engine import Engine
from scripts.errors import PipelineError
from scripts.labelstudio.convert import Options, Problems, Stats, task_records
from scripts.preannotate import cli as preannotate
from scripts.preannotate.predict import PROVENANCE
from scripts.records import read_jsonl
from scripts.schema.scheme import load_scheme
from scripts.validate.rules import record_problems
from tests.preannotate.predicted import predicted


def test_prediction_provenance_and_scores():
    record = predicted("Officials said that 4,500 sailors had crossed the strait.")
    assert record["provenance"] == {"origin": "prediction", "export": None, "task_id": None,
                                    "annotation_id": None, "annotator": None, "ground_truth": None,
                                    "model_version": PROVENANCE["model_version"]}
    assert all(0 <= s["score"] <= 1 for s in record["spans"])


def _comparable(span: dict) -> tuple:
    """A span as the converter gives it back: numbers read from a text box are floats."""
    attributes = dict(span["attributes"])
    if attributes["value"] is not None:
        attributes["value"] = float(attributes["value"])
    return span["start"], span["end"], span["label"], json.dumps(attributes, sort_keys=True)


def test_labelstudio_prediction_converts_back_to_the_same_spans_and_links():
    record = predicted(article(3))
    task = preannotate.labelstudio_task(record)
    assert task["data"] == {"text": record["text"], "doc_id": record["id"]}
    problems = Problems("task")
    back = list(task_records(task, "task", load_scheme(), Options(predictions=True), Stats(), problems, 0))
    problems.raise_if_any()
    assert sorted(map(_comparable, back[0]["spans"])) == sorted(map(_comparable, record["spans"]))
    assert len(back[0]["relations"]) == len(record["relations"])


def _command(*argv: str) -> argparse.Namespace:
    main = argparse.ArgumentParser()
    preannotate.add_parser(main.add_subparsers())
    return main.parse_args(["preannotate", *argv])


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """A corpus of made-up articles."""
    folder = tmp_path_factory.mktemp("made-up")
    write_export(folder / "export.json", 3, folder / "corpus")
    return folder / "corpus"


def test_command_writes_valid_records_for_every_corpus_document(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "predictions.jsonl"
    args = _command("--corpus", str(corpus), "--out", str(out))
    assert args.func(args) == 0
    records = [record for _, record in read_jsonl(out)]
    assert [r["id"] for r in records] == sorted(path.stem for path in corpus.glob("*.txt"))
    assert all(record_problems(r, str(out)) == [] for r in records)
    assert all(r["spans"] and r["relations"] for r in records)


def test_command_writes_labelstudio_tasks_for_chosen_documents(corpus: Path, tmp_path: Path) -> None:
    chosen = sorted(path.stem for path in corpus.glob("*.txt"))[1]
    out = tmp_path / "tasks.json"
    args = _command(chosen, "--corpus", str(corpus), "--format", "labelstudio", "--out", str(out))
    assert args.func(args) == 0
    tasks = json.loads(out.read_text(encoding="utf-8"))
    assert [t["data"]["doc_id"] for t in tasks] == [chosen]
    assert tasks[0]["predictions"][0]["model_version"] == PROVENANCE["model_version"]


def test_predictions_stream_and_refuse_unknown_documents(corpus: Path, tmp_path: Path, monkeypatch) -> None:
    with pytest.raises(PipelineError, match="not in the corpus: 0000000000000000"):
        next(preannotate.predictions(["0000000000000000"], corpus))
    broken = tmp_path / "corpus"
    shutil.copytree(corpus, broken)
    paths = sorted(broken.glob("*.txt"))
    paths[-1].write_bytes(b"\xff")
    monkeypatch.setattr(preannotate, "BATCH", 1)
    stream = preannotate.predictions([], broken)
    assert next(stream)["id"] == paths[0].stem  # given before the broken article is read
    with pytest.raises(PipelineError, match=f"{paths[-1]}: not UTF-8"):
        list(stream)


def test_benchmark_articles_are_deterministic_and_the_report_counts_them():
    assert article(7) == article(7) and article(7) != article(8)
    text = report([12], Engine(workers=1))
    assert text.startswith("1 local worker(s)") and "\n| 12 |" in text


def test_the_dask_path_predicts_the_same_records_as_the_local_one(tmp_path: Path, dask_scheduler: str,
                                                                  monkeypatch) -> None:
    monkeypatch.setattr(preannotate, "BATCH", 4)  # batches are made here, in the client
    write_export(tmp_path / "export.json", 2 * preannotate.BATCH + 5, tmp_path / "corpus")
    ids = sorted(path.stem for path in (tmp_path / "corpus").glob("*.txt"))
    local = list(preannotate.predictions([], tmp_path / "corpus"))
    distributed = list(preannotate.predictions([], tmp_path / "corpus", Engine("dask", scheduler=dask_scheduler)))
    assert [r["id"] for r in local] == ids and len(ids) == 2 * preannotate.BATCH + 5
    assert distributed == local and sum(len(r["spans"]) for r in local) > 0
    chosen = [ids[3], ids[0]]
    assert [r["id"] for r in preannotate.predictions(chosen, tmp_path / "corpus", Engine(workers=2))] == chosen


def test_a_long_document_is_parsed_in_paragraph_aligned_pieces_and_a_long_paragraph_at_its_sentences():
    from scripts.preannotate.predict import pieces

    paragraph = "Maria Lund said that the pier in Bergen would reopen. " * 20 + "\n"
    text = paragraph * 25  # more than one piece of PIECE_CHARS
    cut = pieces(text, 5_000)
    assert "".join(piece for _, piece in cut) == text and all(len(piece) <= 5_000 for _, piece in cut)
    assert all(offset == 0 or text[offset - 1] == "\n" for offset, _ in cut)
    long = predicted(text)
    assert len(pieces(text)) == 2 and len([s for s in long["spans"] if s["label"] == "LOCATION"]) == 20 * 25
    one_paragraph = paragraph.strip()
    assert [offset for offset, _ in pieces(one_paragraph, 200)] == [0, 162, 324, 486, 648, 810, 972]
    assert [len(piece) for _, piece in pieces("x" * 450, 200)] == [200, 200, 50]


def test_an_article_past_spacys_own_length_limit_is_preannotated() -> None:
    """spaCy refuses a text of more than 1,000,000 characters by default; an article may have more."""
    record = predicted("Ruiz said in Oslo that fares rise. " + "x" * 1_000_001)
    assert [s["text"] for s in record["spans"]][:1] == ["Ruiz"]


def test_the_command_refuses_to_write_into_the_corpus_or_over_a_folder(corpus: Path) -> None:
    before = {p.name: p.read_bytes() for p in corpus.iterdir()}
    article = sorted(corpus.glob("*.txt"))[0]
    refusals = []
    for out in (article, corpus):
        args = _command("--corpus", str(corpus), "--out", str(out))
        with pytest.raises(PipelineError) as err:
            args.func(args)
        refusals.append(str(err.value))
    assert refusals == [f"{article}: is in the corpus folder {corpus}: writing there could destroy an article",
                        f"{corpus}: is a folder: give the output a file name"]
    assert {p.name: p.read_bytes() for p in corpus.iterdir()} == before
