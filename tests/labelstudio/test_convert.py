"""The converter on Label Studio tasks written for the tests: relations, annotations chosen, the command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scripts.__main__ import main
from scripts.errors import PipelineError
from scripts.labelstudio.convert import Options, convert_exports


def brief(record: dict) -> list[tuple]:
    return [(s["id"], s["label"], s["start"], s["end"], s["text"]) for s in record["spans"]]


def task(result: list[dict], **annotation) -> dict:
    return {"id": 7, "data": {"text": "Ana Ruiz said fares rise."},
            "annotations": [{"id": 70, "completed_by": 3, "result": result, **annotation}]}


SPEAKER = {"id": "a", "type": "labels", "from_name": "label", "to_name": "text",
           "value": {"start": 0, "end": 8, "text": "Ana Ruiz", "labels": ["SPEAKER"]}}
CLAIM = {"id": "b", "type": "labels", "from_name": "label", "to_name": "text",
         "value": {"start": 14, "end": 24, "text": "fares rise", "labels": ["CLAIM"]}}


def convert_tasks(tmp_path: Path, tasks: list[dict], **options) -> list[dict]:
    path = tmp_path / "export.json"
    path.write_text(json.dumps(tasks), encoding="utf-8")
    return convert_exports([path], options=Options(**options)).records


@pytest.mark.parametrize(("relation", "message"), [
    ({"from_id": "a", "to_id": "zz", "type": "relation", "direction": "right"},
     "relation a -> zz: dangling: no region zz"),
    ({"from_id": "b", "to_id": "b", "type": "relation", "direction": "right"},
     "relation b -> b: links CLAIM and CLAIM, which no relation of the schema allows"),
    ({"from_id": "a", "to_id": "b", "type": "relation", "direction": "right", "labels": ["coreference"]},
     "relation a -> b: labelled ['coreference'] but links SPEAKER and CLAIM (attribution)"),
])
def test_bad_relations_are_refused(tmp_path: Path, relation: dict, message: str) -> None:
    with pytest.raises(PipelineError) as err:
        convert_tasks(tmp_path, [task([SPEAKER, CLAIM, relation])])
    assert str(err.value) == f"{tmp_path / 'export.json'}: task 7: annotation 70: {message}"


def test_claim_to_speaker_drawn_left_is_still_an_attribution(tmp_path: Path) -> None:
    relation = {"from_id": "a", "to_id": "b", "type": "relation", "direction": "left"}
    records = convert_tasks(tmp_path, [task([SPEAKER, CLAIM, relation])])
    assert records[0]["relations"] == [{"id": "r1", "type": "attribution", "head": "a", "tail": "b"}]


def test_cancelled_annotations_are_skipped_and_counted(tmp_path: Path) -> None:
    skipped = task([SPEAKER])
    skipped["annotations"].append({"id": 71, "completed_by": 4, "result": [CLAIM], "was_cancelled": True})
    conversion = convert_exports([_write(tmp_path, [skipped])])
    assert [r["provenance"]["annotation_id"] for r in conversion.records] == [70]
    assert conversion.stats.cancelled == 1


def test_ground_truth_is_chosen_among_several(tmp_path: Path) -> None:
    two = task([SPEAKER])
    two["annotations"].append({"id": 71, "completed_by": 4, "result": [CLAIM], "ground_truth": True})
    records = convert_exports([_write(tmp_path, [two])]).records
    assert [(r["provenance"]["annotation_id"], brief(r)) for r in records] == [
        (71, [("b", "CLAIM", 14, 24, "fares rise")])]


def test_spans_never_come_from_a_prediction_copy_or_drafts(tmp_path: Path) -> None:
    copied = task([SPEAKER], prediction={"result": [CLAIM]})
    copied["drafts"] = [{"result": [CLAIM]}]
    records = convert_exports([_write(tmp_path, [copied])]).records
    assert [s["id"] for s in records[0]["spans"]] == ["a"]


def _write(tmp_path: Path, tasks: list[dict]) -> Path:
    path = tmp_path / "export.json"
    path.write_text(json.dumps(tasks), encoding="utf-8")
    return path


def test_cli_leaves_nothing_behind_on_error(tmp_path: Path, capsys) -> None:
    out = tmp_path / "records.jsonl"
    bad = task([{**SPEAKER, "value": {**SPEAKER["value"], "labels": ["PERSON"]}}])
    assert main(["convert", str(_write(tmp_path, [bad])), "--out", str(out)]) == 1
    assert not out.exists() and list(tmp_path.iterdir()) == [tmp_path / "export.json"]
    assert "region a: label 'PERSON' is not in the schema" in capsys.readouterr().err


def test_cli_writes_records_the_validator_accepts(tmp_path: Path, capsys) -> None:
    out = tmp_path / "records.jsonl"
    relation = {"from_id": "b", "to_id": "a", "type": "relation", "direction": "right", "labels": ["attribution"]}
    assert main(["convert", str(_write(tmp_path, [task([SPEAKER, CLAIM, relation])])), "--out", str(out)]) == 0
    assert capsys.readouterr().err == ("1 task(s) -> 1 record(s); 0 cancelled annotation(s) skipped; "
                                       "0 task(s) without a completed annotation\n")
    (record,) = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert record["relations"] == [{"id": "r1", "type": "attribution", "head": "a", "tail": "b"}]
    assert main(["validate", str(out)]) == 0
