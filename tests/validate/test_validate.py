"""Each validation rule, fed a broken record, gives its exact message."""

from __future__ import annotations

import json

import pytest

from scripts.__main__ import main
from scripts.labelstudio.convert import convert_exports
from scripts.paths import ANNOTATIONS_DIR, CORPUS_DIR
from scripts.validate.rules import record_problems
from tests.factory import TEXT, record, relation, span

DOC = record()["id"]


def messages(rec: dict) -> list[str]:
    return [str(p) for p in record_problems(rec, "f.jsonl")]


def test_valid_record_has_no_problem() -> None:
    assert messages(record()) == []


@pytest.mark.parametrize(
    ("broken", "expected"),
    [
        (lambda r: r["spans"][0].update(label="PERSON"),
         "span s1: spans/0/label: 'PERSON' is not one of ['SPEAKER', 'CLAIM', 'QUANTITY', 'LOCATION']"),
        (lambda r: r["spans"][1]["attributes"].update(reporting="quoted"),
         "span c1: spans/1/attributes/reporting: 'quoted' is not one of ['direct', 'indirect', 'mixed', None]"),
        (lambda r: r["spans"][3]["attributes"].update(location_id="France"),
         "span l1: spans/3/attributes/location_id: 'France' does not match '^[A-Z]{2}(-[A-Z0-9]{1,3})?$'"),
        (lambda r: r["spans"][0]["attributes"].pop("note"),
         "span s1: spans/0/attributes: 'note' is a required property"),
        (lambda r: r.pop("provenance"), "record: 'provenance' is a required property"),
    ],
)
def test_schema_rules(broken, expected: str) -> None:
    rec = record()
    broken(rec)
    assert messages(rec) == [f"f.jsonl: document {DOC}: {expected}"]


def test_offsets_outside_the_text() -> None:
    rec = record()
    rec["spans"][3].update(start=70, end=80)
    assert messages(rec) == [f"f.jsonl: document {DOC}: span l1: offsets [70, 80) outside the text of length {len(TEXT)}"]


def test_text_mismatch() -> None:
    rec = record()
    rec["spans"][3]["text"] = "Lyons"
    assert messages(rec) == [f"f.jsonl: document {DOC}: span l1: text mismatch: span text 'Lyons' but text[41:45] is 'Lyon'"]


def test_leading_whitespace() -> None:
    rec = record()
    rec["spans"][3].update(start=40, text=" Lyon")
    assert messages(rec) == [f"f.jsonl: document {DOC}: span l1: span ' Lyon' has leading or trailing whitespace"]


def test_span_inside_a_word() -> None:
    rec = record()
    rec["spans"][3].update(end=44, text="Lyo")
    assert messages(rec) == [
        f"f.jsonl: document {DOC}: span l1: span 'Lyo' starts or ends inside a word (in 'es run in Lyon. She add')"]


def test_attribute_on_the_wrong_label() -> None:
    rec = record()
    rec["spans"][3]["attributes"]["unit"] = "city"
    assert messages(rec) == [f"f.jsonl: document {DOC}: span l1: attribute unit is for QUANTITY, not LOCATION"]


def test_crossing_spans() -> None:
    rec = record(spans=[span("c1", "CLAIM", "40 buses run in Lyon", reporting="indirect"),
                        span("l1", "LOCATION", "in Lyon. She")], relations=[])
    assert messages(rec) == [
        f"f.jsonl: document {DOC}: span l1: LOCATION [38, 50) crosses CLAIM span c1 [25, 45)"]


def test_nesting_the_scheme_does_not_allow() -> None:
    rec = record(spans=[span("s1", "SPEAKER", "Ana Ruiz", speaker_type="person"),
                        span("l1", "LOCATION", "Ruiz")], relations=[])
    assert messages(rec) == [f"f.jsonl: document {DOC}: span l1: LOCATION may not nest inside SPEAKER (span s1)"]


def test_duplicate_span_and_duplicate_ids() -> None:
    rec = record(spans=[span("l1", "LOCATION", "Lyon"), span("l2", "LOCATION", "Lyon"),
                        span("l2", "QUANTITY", "40", value=40.0, unit="bus")], relations=[])
    assert messages(rec) == [
        f"f.jsonl: document {DOC}: span l2: duplicate span id (2 times)",
        f"f.jsonl: document {DOC}: span l2: duplicate of span l1: same label and offsets",
    ]


def test_id_not_derived_from_the_text() -> None:
    rec = record()
    rec["id"] = "0123456789abcdef"
    assert messages(rec) == [
        f"f.jsonl: document 0123456789abcdef: id '0123456789abcdef' is not derived from the text (expected '{DOC}')"]


def test_dangling_relation() -> None:
    rec = record(relations=[relation("r1", "attribution", "s9", "c1")])
    assert f"f.jsonl: document {DOC}: relation r1: dangling: no span with id head 's9'" in messages(rec)


def test_relation_with_the_wrong_labels() -> None:
    rec = record(relations=[relation("r1", "attribution", "l1", "c1")])
    assert messages(rec) == [
        f"f.jsonl: document {DOC}: relation r1: attribution must link SPEAKER -> CLAIM, found LOCATION -> CLAIM"]


def test_claim_with_two_speakers() -> None:
    rec = record(relations=[relation("r1", "attribution", "s1", "c1"), relation("r2", "attribution", "s2", "c1")])
    assert messages(rec) == [
        f"f.jsonl: document {DOC}: span c1: CLAIM has 2 attribution links; at most one is allowed"]


def test_coreference_cycle() -> None:
    rec = record(relations=[relation("r1", "coreference", "s1", "s2"), relation("r2", "coreference", "s2", "s1")])
    assert messages(rec) == [
        f"f.jsonl: document {DOC}: span s1: coreference links form a cycle",
        f"f.jsonl: document {DOC}: span s2: coreference links form a cycle",
    ]


def test_cli_reports_every_problem_and_exits_1(tmp_path, capsys) -> None:
    broken = record()
    broken["spans"][3]["text"] = "Lyons"
    other = record()
    other["spans"][0]["label"] = "PERSON"
    other["provenance"]["annotation_id"] = 2
    path = tmp_path / "records.jsonl"
    path.write_text(json.dumps(broken) + "\n" + json.dumps(other) + "\n", encoding="utf-8")
    assert main(["validate", str(path)]) == 1
    assert capsys.readouterr().err.splitlines() == [
        f"{path}: document {DOC}: span l1: text mismatch: span text 'Lyons' but text[41:45] is 'Lyon'",
        f"{path}: document {DOC}: span s1: spans/0/label: 'PERSON' is not one of "
        "['SPEAKER', 'CLAIM', 'QUANTITY', 'LOCATION']",
        f"2 problem(s) in {path}",
    ]


def test_cli_summary_when_all_is_well(tmp_path, capsys) -> None:
    path = tmp_path / "records.jsonl"
    path.write_text(json.dumps(record()) + "\n", encoding="utf-8")
    assert main(["validate", str(path)]) == 0
    assert capsys.readouterr().out == f"ok: 1 record(s) in {path}, no problems\n"


def test_cli_refuses_broken_json(tmp_path, capsys) -> None:
    path = tmp_path / "records.jsonl"
    path.write_text('{"id": \n', encoding="utf-8")
    assert main(["validate", str(path)]) == 1
    assert capsys.readouterr().err.startswith(f"error: {path}: line 1: not valid JSON: ")


def test_the_repository_validates_with_the_one_departure_of_a_pass_as_a_warning(capsys) -> None:
    assert main(["validate"]) == 0
    out, err = capsys.readouterr()
    export = "annotations/who-said-what-seed-gold-20261125.json"
    exports = sorted(ANNOTATIONS_DIR.glob("*.json"))
    records = len(list(CORPUS_DIR.glob("*.txt"))) + len(convert_exports(exports).records)
    passes = len([r for r in convert_exports(exports, all_annotations=True).records
                  if not r["provenance"]["ground_truth"]])
    assert out == (f"ok: {records} record(s) and {passes} independent pass(es) in corpus/, "
                   f"{', '.join(f'annotations/{e.name}' for e in exports)}, no problems; 1 warning(s)\n")
    assert err == (f"warning: {export}: task 1: annotation 2 by 3 (an independent pass, kept as annotated): "
                   "document 38a2be65dadfb0cd: span p2-2: span 'Russia' starts or ends inside a word "
                   "(in 'gside the Russian military')\n")


ACCENTED = "Zoe\u0301 met 👩\u200d👩\u200d👧 in \u200bOslo."


@pytest.mark.parametrize(("needle", "expected"), [
    ("Zoe", "span 'Zoe' ends inside the character 'e\u0301' (U+0065 U+0301)"),
    ("\u0301 met", "span '\u0301 met' starts inside the character 'e\u0301' (U+0065 U+0301)"),
    ("👩\u200d👩", r"span '👩\u200d👩' ends inside the character '👩\u200d👩\u200d👧' "
                  "(U+1F469 U+200D U+1F469 U+200D U+1F467)"),
    ("\u200bOslo", r"span '\u200bOslo' starts or ends with an invisible character (U+200B)"),
])
def test_span_edges_fall_between_characters_a_reader_sees(needle: str, expected: str) -> None:
    rec = record(spans=[span("l1", "LOCATION", needle, text=ACCENTED)], relations=[], text=ACCENTED)
    assert messages(rec) == [f"f.jsonl: document {rec['id']}: span l1: {expected}"]


def test_reversed_offsets() -> None:
    rec = record()
    rec["spans"][3].update(start=45, end=41)
    assert messages(rec) == [f"f.jsonl: document {DOC}: span l1: offsets [45, 41) are empty or reversed"]


@pytest.mark.parametrize(("value", "expected"), [
    ("Bus\u0007 fares", "a control character U+0007"),
    ("\u202eserutuf", "a bidirectional control U+202E"),
])
def test_metadata_that_displays_other_than_it_reads(value: str, expected: str) -> None:
    rec = record()
    rec["metadata"]["title"] = value
    assert messages(rec) == [f"f.jsonl: document {DOC}: metadata title holds {expected}"]


def test_a_departure_from_the_rules_is_a_fault_in_the_gold_and_a_warning_in_a_pass(tmp_path, capsys) -> None:
    """The departure is kept as the annotator made it in a pass, and still counts in the agreement."""
    text = "Ruiz spoke in Lyons."
    lyon = {"id": "l", "type": "labels", "from_name": "label", "to_name": "text",
            "value": {"start": 14, "end": 18, "text": "Lyon", "labels": ["LOCATION"]}}
    task = {"id": 5, "data": {"text": text}, "annotations": [
        {"id": 50, "completed_by": 2, "ground_truth": False, "result": [lyon]},
        {"id": 51, "completed_by": 4, "ground_truth": True, "result": []}]}
    path = tmp_path / "export.json"
    path.write_text(json.dumps([task]), encoding="utf-8")
    assert main(["validate", str(path)]) == 0
    doc = record([], [], text=text)["id"]
    departure = f"document {doc}: span l: span 'Lyon' starts or ends inside a word (in ' spoke in Lyons.')"
    out, err = capsys.readouterr()
    assert out == f"ok: 1 record(s) and 1 independent pass(es) in {path}, no problems; 1 warning(s)\n"
    assert err == (f"warning: {path}: task 5: annotation 50 by 2 (an independent pass, kept as annotated): "
                   f"{departure}\n")
    task["annotations"][0]["ground_truth"], task["annotations"][1]["ground_truth"] = True, False
    path.write_text(json.dumps([task]), encoding="utf-8")
    assert main(["validate", str(path)]) == 1
    assert capsys.readouterr().err == f"{path}: {departure}\n1 problem(s) in {path}\n"


def test_the_same_text_in_two_tasks_is_a_warning_naming_them(tmp_path, capsys) -> None:
    tasks = [{"id": n, "data": {"text": "Oslo is cold."}, "annotations": [{"id": n, "result": []}]} for n in (3, 8)]
    path = tmp_path / "export.json"
    path.write_text(json.dumps(tasks), encoding="utf-8")
    assert main(["validate", str(path)]) == 0
    doc = record([], [], text="Oslo is cold.")["id"]
    assert capsys.readouterr().err == (f"warning: {path}: document {doc}: the same text is in task 3 and task 8: "
                                       "the build takes task 8, the later\n")


@pytest.mark.parametrize(("line", "expected"), [
    (b'{"id": "\xff"}\n', "line 1: not UTF-8 (byte 8 of the line)"),
    (b'{"id": NaN}\n', "line 1: not valid JSON: unexpected character, expected a JSON value"),
    (b'{"id": "\\ud800"}\n', "line 1: not valid JSON: no low surrogate in string"),
    (b"[" * 2000 + b"]" * 2000 + b"\n", "line 1: not valid JSON: depth limit exceeded"),
])
def test_records_that_are_not_json_are_refused_by_line(tmp_path, capsys, line: bytes, expected: str) -> None:
    path = tmp_path / "records.jsonl"
    path.write_bytes(line)
    assert main(["validate", str(path)]) == 1
    assert capsys.readouterr().err == f"error: {path}: {expected}\n"
