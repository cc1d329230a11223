"""The converter on Label Studio tasks written for the tests: relations, annotations chosen, the command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scripts.__main__ import main
from scripts.errors import PipelineError
from scripts.labelstudio.convert import Options, convert_exports
from scripts.paths import ANNOTATIONS_DIR
from tests.conftest import largest_file, run_as_user


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
    ({"from_id": "a", "to_id": "b", "type": "relation", "direction": "right", "labels": ["denies"]},
     "relation a -> b: label 'denies' is not a relation of the schema (attribution, coreference); "
     "map it with --map-label denies=<RELATION>"),
    ({"from_id": "a", "to_id": "b", "type": "relation", "direction": "right", "labels": ["coreference", "attribution"]},
     "relation a -> b: labelled both 'attribution' and 'coreference': a relation has one type"),
    ({"from_id": "a", "to_id": "b", "type": "relation", "direction": "sideways"},
     "relation a -> b: direction 'sideways' is not one of right, left, bi"),
])
def test_bad_relations_are_refused(tmp_path: Path, relation: dict, message: str) -> None:
    with pytest.raises(PipelineError) as err:
        convert_tasks(tmp_path, [task([SPEAKER, CLAIM, relation])])
    assert str(err.value) == f"{tmp_path / 'export.json'}: task 7: annotation 70: {message}"


@pytest.mark.parametrize("untyped", [{}, {"labels": []}, {"labels": None}])
def test_an_untyped_relation_takes_the_one_type_its_ends_allow(tmp_path: Path, untyped: dict) -> None:
    relation = {"from_id": "b", "to_id": "a", "type": "relation", "direction": "right", **untyped}
    records = convert_tasks(tmp_path, [task([SPEAKER, CLAIM, relation])])
    assert records[0]["relations"] == [{"id": "r1", "type": "attribution", "head": "a", "tail": "b"}]


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


QUANTITY = {"id": "q", "type": "labels", "from_name": "label", "to_name": "text",
            "value": {"start": 14, "end": 19, "text": "fares", "labels": ["QUANTITY"]}}


def value_of(number: str) -> dict:
    return {"id": "q", "type": "textarea", "from_name": "value", "to_name": "text",
            "value": {"start": 14, "end": 19, "text": [number]}}


@pytest.mark.parametrize(("export", "message"), [
    ([{"id": 7, "data": "Ana Ruiz said fares rise.", "annotations": []}],
     "task 7: data must be an object, found a string"),
    ([{"id": 7, "data": {"text": "Ana Ruiz said fares rise."}, "annotations": {"id": 70}}],
     "task 7: annotations must be a list, found an object"),
    ([{"id": 7, "data": {"text": "Ana Ruiz said fares rise."}, "annotations": ["yes"]}],
     "task 7: annotation #0: must be an object, found a string"),
    ([task(["SPEAKER"])], "task 7: annotation 70: result #0: must be an object, found a string"),
    ([task([{**SPEAKER, "value": [0, 8]}])], "task 7: annotation 70: region a: value must be an object, found a list"),
    ([task([{**SPEAKER, "value": {**SPEAKER["value"], "labels": "SPEAKER"}}])],
     "task 7: annotation 70: region a: value.labels must be a list of label names, found a string"),
    ([task([{**SPEAKER, "value": {**SPEAKER["value"], "start": 8, "end": 0}}])],
     "task 7: annotation 70: region a: offsets [8, 0) are empty or reversed"),
    ([task([SPEAKER, {"id": "r", "type": "rectanglelabels", "from_name": "box", "to_name": "image",
                      "value": {"x": 1, "y": 2, "rectanglelabels": ["SPEAKER"]}}])],
     "task 7: annotation 70: result #1: type 'rectanglelabels' is not one a Text task's labelling config makes "
     "(labels, choices, textarea, number, relation)"),
    ([task([{**SPEAKER, "from_name": "entities"}])],
     "task 7: annotation 70: region a: from_name 'entities' is not the config's labels control 'label'; "
     "read it as ours with --map-control entities=label"),
    ([task([{**SPEAKER, "to_name": "title"}])],
     "task 7: annotation 70: region a: to_name 'title' is not the config's text object 'text': "
     "its offsets would not be into the task's text"),
    ([task([SPEAKER], ground_truth="no")], "task 7: annotation 70: ground_truth must be true or false, found 'no'"),
    ([task([QUANTITY, value_of("nan")])],
     "task 7: annotation 70: region q: value must be a finite number, found 'nan'"),
    ([task([QUANTITY, value_of("1e999")])],
     "task 7: annotation 70: region q: value must be a finite number, found '1e999'"),
])
def test_what_the_converter_cannot_read_faithfully_is_refused_by_place(tmp_path: Path, export: list,
                                                                       message: str) -> None:
    with pytest.raises(PipelineError) as err:
        convert_tasks(tmp_path, export)
    assert str(err.value) == f"{tmp_path / 'export.json'}: {message}"


def test_a_broken_region_in_an_independent_pass_is_refused_like_one_in_the_gold(tmp_path: Path) -> None:
    """The pass is not published, but it is counted in the agreement: it must be as sound as the gold."""
    two = task([SPEAKER])
    two["annotations"][0]["ground_truth"] = True
    two["annotations"].append({"id": 71, "completed_by": 4, "ground_truth": False,
                               "result": [{**CLAIM, "value": {**CLAIM["value"], "end": 99}}]})
    with pytest.raises(PipelineError) as err:
        convert_tasks(tmp_path, [two])
    assert str(err.value) == (f"{tmp_path / 'export.json'}: task 7: annotation 71: region b: "
                              "offsets [14, 99) outside the text of length 25")


def test_cli_refuses_to_write_over_its_input_or_into_a_folder(tmp_path: Path, capsys) -> None:
    export = _write(tmp_path, [task([SPEAKER])])
    before = export.read_bytes()
    assert main(["convert", str(export), "--out", str(export)]) == 1
    assert main(["convert", str(export), "--out", str(tmp_path)]) == 1
    assert capsys.readouterr().err.splitlines() == [
        f"error: {export}: is also an input ({export}): writing it would destroy that input",
        f"error: {tmp_path}: is a folder: give the output a file name"]
    assert export.read_bytes() == before and sorted(tmp_path.iterdir()) == [export]


def test_cli_refuses_two_exports_joined_into_one_file(tmp_path: Path, capsys) -> None:
    one = json.dumps([task([SPEAKER])])
    path = tmp_path / "joined.json"
    path.write_text(one + "\n" + one, encoding="utf-8")
    assert main(["convert", str(path), "--out", str(tmp_path / "out.jsonl")]) == 1
    assert capsys.readouterr().err == (f"error: {path}: not valid JSON: more after the end of the list of tasks "
                                       f"at byte {len(one) - 1} (two exports joined into one file?)\n")
    assert not (tmp_path / "out.jsonl").exists()


def test_cli_a_write_the_system_refuses_is_one_line_and_leaves_nothing(tmp_path: Path, capsys) -> None:
    export = ANNOTATIONS_DIR / "who-said-what-seed-gold-20261125.json"
    with largest_file(4096):
        assert main(["convert", str(export), "--out", str(tmp_path / "records.jsonl")]) == 1
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o555)
    refused = run_as_user("convert", str(export), "--out", str(locked / "records.jsonl"))
    assert capsys.readouterr().err == (f"error: {tmp_path / 'records.jsonl'}: cannot write: File too large; "
                                       "nothing written\n")
    assert (refused.returncode, refused.stderr) == (
        1, f"error: {locked / 'records.jsonl'}: cannot write: Permission denied; nothing written\n")
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["locked"]


def test_a_task_text_longer_than_an_article_may_be_is_refused(tmp_path: Path) -> None:
    from scripts.records import MAX_TEXT

    with pytest.raises(PipelineError) as err:
        convert_tasks(tmp_path, [{"id": 7, "data": {"text": "a" * (MAX_TEXT + 1)}, "annotations": []}])
    assert str(err.value) == (f"{tmp_path / 'export.json'}: task 7: the text has {MAX_TEXT + 1:,} characters, "
                              f"more than the {MAX_TEXT:,} an article may have")
