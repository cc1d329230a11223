"""Scores of one set of records against another, on made-up records with known answers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scripts.__main__ import main
from scripts.evaluate.scores import compare
from scripts.errors import PipelineError
from tests.factory import record, relation, span


def pred_record() -> dict:
    """Against factory.record(): one claim too long, the place missed, a wrong unit, one extra span."""
    spans = [
        span("x1", "SPEAKER", "Ana Ruiz", speaker_type="person"),
        span("x2", "CLAIM", "that 40 buses run in Lyon", reporting="indirect"),
        span("x3", "QUANTITY", "40", value=40.0, unit="vehicle"),
        span("x5", "SPEAKER", "She", speaker_type="organisation"),
        span("x6", "CLAIM", "fares rise", reporting="indirect"),
        span("x7", "LOCATION", "Mayor"),
    ]
    relations = [relation("r1", "attribution", "x1", "x2"), relation("r2", "attribution", "x5", "x6")]
    return record(spans, relations)


def test_exact_and_overlap_scores() -> None:
    scores = compare([record()], [pred_record()])
    exact, overlap = scores["spans"]["exact"], scores["spans"]["overlap"]
    assert exact["CLAIM"] == {"precision": 0.5, "recall": 0.5, "f1": 0.5, "tp": 1, "gold": 2, "pred": 2}
    assert overlap["CLAIM"]["f1"] == 1.0
    assert exact["LOCATION"] == {"precision": 0.0, "recall": 0.0, "f1": 0.0, "tp": 0, "gold": 1, "pred": 1}
    assert exact["ALL"] == {"precision": 0.6667, "recall": 0.6667, "f1": 0.6667, "tp": 4, "gold": 6, "pred": 6}
    assert overlap["ALL"]["tp"] == 5


def test_links_count_when_both_ends_match() -> None:
    scores = compare([record()], [pred_record()])
    assert scores["links"]["exact"]["attribution"] == {
        "precision": 0.5, "recall": 0.5, "f1": 0.5, "tp": 1, "gold": 2, "pred": 2}
    assert scores["links"]["overlap"]["attribution"]["tp"] == 2
    assert scores["links"]["overlap"]["coreference"] == {
        "precision": 0.0, "recall": 0.0, "f1": 0.0, "tp": 0, "gold": 1, "pred": 0}


def test_attribute_agreement_of_matched_spans() -> None:
    attributes = compare([record()], [pred_record()])["attributes"]
    assert attributes["unit"] == {"agree": 0, "matched": 1, "agreement": 0.0}
    assert attributes["speaker_type"] == {"agree": 1, "matched": 2, "agreement": 0.5}
    assert attributes["reporting"] == {"agree": 2, "matched": 2, "agreement": 1.0}


def test_overlap_matching_is_one_to_one() -> None:
    gold = record([span("c1", "CLAIM", "40 buses run in Lyon", reporting="indirect")], [])
    pred = record([span("a", "CLAIM", "40 buses", reporting="indirect"),
                   span("b", "CLAIM", "run in Lyon", reporting="indirect")], [])
    assert compare([gold], [pred])["spans"]["overlap"]["CLAIM"]["tp"] == 1


def test_a_gold_document_missing_from_pred_is_an_error() -> None:
    other = record([], [], text="Another text.")
    with pytest.raises(PipelineError, match=f"^PRED: PRED has no record of GOLD's document\\(s\\) {record()['id']}"):
        compare([record()], [other])
    assert compare([other], [other, record()])["ignored_pred_documents"] == 1


def test_cli_table_and_json(tmp_path: Path, capsys) -> None:
    gold, pred = tmp_path / "gold.jsonl", tmp_path / "pred.jsonl"
    gold.write_text(json.dumps(record()) + "\n", encoding="utf-8")
    pred.write_text(json.dumps(pred_record()) + "\n", encoding="utf-8")
    assert main(["evaluate", str(gold), str(pred)]) == 0
    table = capsys.readouterr().out.splitlines()
    assert table[2].split() == ["spans", "exact", "P", "R", "F1", "overlap", "P", "R", "F1", "gold", "pred"]
    assert table[4].split() == ["CLAIM", "0.500", "0.500", "0.500", "1.000", "1.000", "1.000", "2", "2"]
    assert main(["evaluate", str(gold), str(pred), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["spans"]["exact"]["ALL"]["tp"] == 4


def _records(path: Path, *records: dict) -> str:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return str(path)


def _broken(change) -> dict:
    rec = pred_record()
    change(rec)
    return rec


@pytest.mark.parametrize(("pred", "problem"), [
    ({"id": "x"}, "document x: record: 'text' is a required property"),
    (_broken(lambda r: r["spans"][0].update(label="PERSON")),
     "span x1: spans/0/label: 'PERSON' is not one of ['SPEAKER', 'CLAIM', 'QUANTITY', 'LOCATION']"),
    (_broken(lambda r: r["relations"][0].update(head="x9")), "relation r1: dangling: no span with id head 'x9'"),
    (_broken(lambda r: r["spans"][2].update(start=30, end=25)), "span x3: offsets [30, 25) are empty or reversed"),
])
def test_records_that_cannot_be_scored_are_refused(tmp_path: Path, capsys, pred: dict, problem: str) -> None:
    gold, broken = _records(tmp_path / "gold.jsonl", record()), _records(tmp_path / "pred.jsonl", pred)
    assert main(["evaluate", gold, broken]) == 1
    err = capsys.readouterr().err
    document = "" if problem.startswith("document") else f"document {record()['id']}: "
    assert err.splitlines()[0] == f"error: {broken}: {document}{problem}"
    assert all(line.startswith((f"error: {broken}: ", f"{broken}: ")) for line in err.splitlines())


def test_an_empty_gold_is_refused(tmp_path: Path, capsys) -> None:
    empty, pred = _records(tmp_path / "gold.jsonl"), _records(tmp_path / "pred.jsonl", pred_record())
    assert main(["evaluate", empty, pred]) == 1
    assert capsys.readouterr().err == f"error: {empty}: GOLD holds no record: nothing to score\n"


def test_a_departure_from_the_rules_is_scored_with_a_warning(tmp_path: Path, capsys) -> None:
    """Either side may be an independent pass, kept as its annotator made it."""
    inside = _broken(lambda r: r["spans"][5].update(start=1, text="ayor"))
    gold, pred = _records(tmp_path / "gold.jsonl", record()), _records(tmp_path / "pred.jsonl", inside)
    assert main(["evaluate", gold, pred, "--json"]) == 0
    out, err = capsys.readouterr()
    assert json.loads(out)["spans"]["exact"]["LOCATION"]["pred"] == 1
    assert err == (f"warning: {pred}: document {record()['id']}: span x7: span 'ayor' starts or ends inside a word "
                   "(in 'Mayor Ana Ruiz ')\n")


def test_records_are_checked_before_an_annotator_is_chosen_among_them(tmp_path: Path, capsys) -> None:
    broken = record()
    broken["provenance"] = ["not", "an", "object"]
    gold = _records(tmp_path / "gold.jsonl", broken)
    assert main(["evaluate", gold, gold, "--gold-annotator", "2"]) == 1
    assert capsys.readouterr().err == (f"error: {gold}: document {record()['id']}: provenance: ['not', 'an', "
                                       "'object'] is not of type 'object'\n")


def _region(rid: str, label: str, start: int, end: int) -> dict:
    return {"id": rid, "type": "labels", "from_name": "label", "to_name": "text",
            "value": {"start": start, "end": end, "labels": [label]}}


def test_agreement_of_the_independent_passes_article_by_article_and_pooled(tmp_path: Path, capsys) -> None:
    """Ground truth left out; an article with one pass counts nowhere; a label neither pass has is "–"."""
    text = "Ana Ruiz said fares rise in Lyon."
    speaker, claim, place = _region("a", "SPEAKER", 0, 8), _region("b", "CLAIM", 14, 32), _region("c", "LOCATION", 28, 32)
    link = {"from_id": "b", "to_id": "a", "type": "relation", "direction": "right"}
    tasks = [{"id": 1, "data": {"text": text}, "annotations": [
                 {"id": 10, "completed_by": 2, "result": [speaker, claim, place, link]},
                 {"id": 11, "completed_by": 3, "result": [speaker, claim, link]},
                 {"id": 12, "completed_by": 4, "ground_truth": True, "result": []}]},
             {"id": 2, "data": {"text": "Nothing here."}, "annotations": [
                 {"id": 20, "completed_by": 2, "result": []}]}]
    export = tmp_path / "export.json"
    export.write_text(json.dumps(tasks), encoding="utf-8")
    assert main(["evaluate", "--agreement", str(export)]) == 0
    out = capsys.readouterr().out
    doc = record(text=text)["id"]
    assert f"| `{doc}` | 2 / 3 | 0.80 | 1.00 | 1.00 | – | 0.00 | 1.00 | – |" in out.splitlines()
    assert "LOCATION        0.000  0.000  0.000       0.000  0.000  0.000      1      0" in out
    assert out.count(doc) == 1
    assert main(["evaluate", "--agreement", str(export), "--json"]) == 0
    scores = json.loads(capsys.readouterr().out)
    assert [a["passes"] for a in scores["articles"]] == [["2", "3"]]
    assert scores["pooled"]["links"]["exact"]["attribution"]["f1"] == 1.0


def test_agreement_needs_two_passes_and_excludes_gold_and_pred(tmp_path: Path, capsys) -> None:
    export = tmp_path / "export.json"
    export.write_text(json.dumps([{"id": 1, "data": {"text": "A said so."}, "annotations": [
        {"id": 1, "completed_by": 2, "result": []}]}]), encoding="utf-8")
    assert main(["evaluate", "--agreement", str(export)]) == 1
    assert capsys.readouterr().err == f"error: no article of {export} has two independent passes\n"
    assert main(["evaluate", str(export), "--agreement", str(export)]) == 1
    assert capsys.readouterr().err == "error: evaluate takes GOLD and PRED, or --agreement EXPORT..., not both\n"
    assert main(["evaluate", str(export)]) == 1
    assert capsys.readouterr().err == "error: evaluate needs GOLD and PRED (or --agreement EXPORT...)\n"
