"""The converter on real Label Studio exports from outside the project, good and bad (../shared/fixtures)."""

from __future__ import annotations

from pathlib import Path

import pytest

from scripts.__main__ import main
from scripts.errors import PipelineError
from scripts.labelstudio.convert import Options, convert_exports
from scripts.validate.rules import record_problems
from tests.conftest import shared_path

pytestmark = pytest.mark.shared


def fixture(name: str) -> Path:
    return shared_path("fixtures", "label-studio", name)


def convert(name: str, **options) -> tuple[list[dict], object]:
    conversion = convert_exports([fixture(name)], options=Options(**options))
    for record in conversion.records:
        assert record_problems(record, name) == []
    return conversion.records, conversion.stats


def refusal(name: str, **options) -> list[str]:
    with pytest.raises(PipelineError) as err:
        convert_exports([fixture(name)], options=Options(**options))
    return str(err.value).splitlines()


def brief(record: dict) -> list[tuple]:
    return [(s["id"], s["label"], s["start"], s["end"], s["text"]) for s in record["spans"]]


TODAYS = {"ignore_controls": frozenset({"claim_status"}), "label_map": {"said": "attribution"}}


def test_todays_export_converts_exactly() -> None:
    records, stats = convert("generated_ls_1_23_2/export_JSON.json", **TODAYS)
    assert [brief(r) for r in records] == [
        [("spk1", "SPEAKER", 0, 14, "Mayor Jane Doe"), ("clm1", "CLAIM", 20, 51, "40% of Paris buses are electric"),
         ("qty1", "QUANTITY", 20, 23, "40%"), ("loc1", "LOCATION", 27, 32, "Paris")],
        # offsets count the \r of \r\n and the emoji as one character each
        [("a-spk", "SPEAKER", 11, 25, "Dr. Émile Zola"), ("a-clm", "CLAIM", 36, 65, "3 million people live in Lyon"),
         ("a-qty", "QUANTITY", 36, 45, "3 million")],
    ]
    assert records[0]["spans"][1]["attributes"]["note"] == "check transit authority data"
    assert [r["relations"] for r in records] == [
        [{"id": "r1", "type": "attribution", "head": "spk1", "tail": "clm1"}],
        [{"id": "r1", "type": "attribution", "head": "a-spk", "tail": "a-clm"}],
    ]
    assert records[0]["provenance"] == {
        "origin": "annotation", "export": "export_JSON.json", "task_id": 1, "annotation_id": 1, "annotator": "1",
        "ground_truth": True, "model_version": None, "task_doc_id": "news-001"}
    assert stats.summary() == ("3 task(s) -> 2 record(s); 0 cancelled annotation(s) skipped; 1 task(s) without a "
                               "completed annotation; attributes dropped as asked: claim_status x1")


def test_snapshot_export_gives_the_same_records() -> None:
    full, _ = convert("generated_ls_1_23_2/export_JSON.json", **TODAYS)
    snapshot, _ = convert("generated_ls_1_23_2/export_snapshot_JSON.json", **TODAYS)
    for record in full + snapshot:
        record["provenance"]["export"] = None
    assert snapshot == full


def test_unknown_per_region_control_and_relation_label_are_refused_by_name() -> None:
    path = fixture("generated_ls_1_23_2/export_JSON.json")
    assert refusal("generated_ls_1_23_2/export_JSON.json") == [
        f"{path}: task 1: annotation 1: region clm1: per-region control "
        "'claim_status' is not an attribute of the schema; drop it with --ignore-control claim_status",
        f"{path}: task 1: annotation 1: relation spk1 -> clm1: label 'said' is not a relation of the schema "
        "(attribution, coreference); map it with --map-label said=<RELATION>",
        f"{path}: task 2: annotation 2: relation a-spk -> a-clm: label 'said' is not a relation of the schema "
        "(attribution, coreference); map it with --map-label said=<RELATION>"]


@pytest.mark.parametrize("name", ["generated_ls_1_23_2/export_JSON_MIN.json",
                                  "label-studio-sdk__relation_result/annotation_result_with_relation.json"])
def test_what_is_not_a_full_json_export_is_refused(name: str) -> None:
    assert refusal(name) == [
        f"{fixture(name)}: not a Label Studio JSON export: expected a list of tasks, each with 'data' "
        "(export the project as JSON, not JSON_MIN, CSV or CONLL)"]


@pytest.mark.parametrize("name", ["generated_ls_1_23_2/export_CSV.csv", "generated_ls_1_23_2/export_CONLL2003.conll"])
def test_csv_and_conll_exports_are_refused(name: str) -> None:
    assert refusal(name)[0].startswith(f"{fixture(name)}: not valid JSON: ")


QUOTES = {"DIRECT-QUOTE": "CLAIM", "quotee": "attribution"}


def test_two_annotators_without_ground_truth_need_a_choice() -> None:
    path = fixture("ChristophAlt__labelstudio_converter/data.json")
    assert refusal("ChristophAlt__labelstudio_converter/data.json", label_map=QUOTES) == [
        f"{path}: task 1405: annotations: 2 completed annotations (5 by christoph.alt@posteo.de, 39 by "
        "alan.akbik@gmail.com) and none marked ground_truth: mark one as ground truth or pass --all-annotations",
        f"{path}: task 1417: annotations: 2 completed annotations (17 by christoph.alt@posteo.de, 51 by "
        "alan.akbik@gmail.com) and none marked ground_truth: mark one as ground truth or pass --all-annotations",
    ]


def test_every_annotation_with_old_style_users_and_quote_to_speaker_relations() -> None:
    records, _ = convert("ChristophAlt__labelstudio_converter/data.json", all_annotations=True,
                         label_map=QUOTES)
    assert [(r["provenance"]["task_id"], r["provenance"]["annotator"]) for r in records] == [
        (1405, "christoph.alt@posteo.de"), (1405, "alan.akbik@gmail.com"),
        (1417, "christoph.alt@posteo.de"), (1417, "alan.akbik@gmail.com")]
    first = records[0]
    assert first["text"][283:286] == "sie"
    # drawn quote -> speaker: the speaker is the head whatever the click order
    assert first["relations"] == [
        {"id": "r1", "type": "attribution", "head": "ATNrtXdmE5", "tail": "plXcBFMN4R"},
        {"id": "r2", "type": "attribution", "head": "ATNrtXdmE5", "tail": "Hv7C45Kq4-"}]
    # region ids reused by the second annotator stay unique inside each record
    assert [s["id"] for s in records[1]["spans"]] == [s["id"] for s in first["spans"]]


def test_hypertext_xpath_regions_are_refused() -> None:
    lines = refusal("irgroup__labelstudio-to-fonduer/export_1.json")
    assert len(lines) == 10
    assert lines[0] == (
        f"{fixture('irgroup__labelstudio-to-fonduer/export_1.json')}: task 5: annotation 5: region DGGeX-NAsg: "
        "offsets '/form[1]/div[4]/div[1]/header[1]/div[1]/'..'/form[1]/div[4]/div[1]/header[1]/div[1]/' are not "
        "character offsets (a HyperText/XPath region?): only Text tasks can be converted")
    assert all("HyperText/XPath" in line for line in lines)


def test_span_after_blank_lines_and_predictions() -> None:
    annotated, _ = convert("label-studio__named_entity/annotations_1.json", label_map={"Date": "QUANTITY"},
                            control_map={"ner": "label"})
    predicted, _ = convert("label-studio__named_entity/tasks.json", predictions=True, label_map={"Date": "QUANTITY"},
                           control_map={"ner": "label"})
    assert brief(annotated[0]) == brief(predicted[0]) == [("beFiQTT1cU", "QUANTITY", 343, 354, "February 22")]
    assert "\n\n" in annotated[0]["text"][:343]
    assert predicted[0]["provenance"]["origin"] == "prediction"
    assert predicted[0]["provenance"]["model_version"] == "model 1"


def test_bad_offsets_wrong_label_and_wrong_data_key_are_all_reported() -> None:
    path = fixture("label-studio__rich_text_plain_BAD_OFFSETS/annotations_1.json")
    assert refusal("label-studio__rich_text_plain_BAD_OFFSETS/annotations_1.json") == [
        f"{path}: task 1: no text: data.text is missing or empty (data keys: ner)",
        f"{path}: task 1: annotation 1001: region beFiQTT1cU: label 'Date' is not in the schema "
        "(SPEAKER, CLAIM, QUANTITY, LOCATION); map it with --map-label Date=<LABEL>",
        f"{path}: task 1: annotation 1001: region beFiQTT1cU: value.text 'February 22' disagrees with "
        "text[343:354] ' supporters'",
    ]


def test_offsets_count_code_points_and_value_text_may_hold_backslash_n() -> None:
    records, _ = convert("label-studio__ner_emoji_e2e/derived_tasks_from_cy_expectations.json",
                         label_map={"region": "CLAIM"}, control_map={"tag": "label"})
    assert [brief(r) for r in records] == [
        [("emoji1", "CLAIM", 21, 25, "test")],
        [("emoji2", "CLAIM", 2, 27, "Warning:\n🐱 This is a test")],
    ]


def test_prediction_past_the_end_of_the_text_is_refused() -> None:
    lines = refusal("kiji-proxy__sample_predictions/sample_predictions.json", predictions=True,
                    label_map={"Person": "SPEAKER", "Pronoun": "SPEAKER", "Email": "LOCATION"},
                    control_map={"entities": "label"})
    assert lines == [f"{fixture('kiji-proxy__sample_predictions/sample_predictions.json')}: task #0: prediction #0: "
                     "region ent-5: offsets [68, 90) outside the text of length 85"]


def test_collapsed_double_space_in_value_text_is_explained() -> None:
    records, _ = convert("issue_derived/issue_3078_double_space.json", label_map={"LOC": "LOCATION"})
    assert brief(records[0]) == [("i3078", "LOCATION", 6, 22, "Berlin,  Germany")]


def test_cli_writes_records_the_validator_accepts(tmp_path: Path, capsys) -> None:
    out = tmp_path / "records.jsonl"
    assert main(["convert", str(fixture("ChristophAlt__labelstudio_converter/data.json")), "--all-annotations",
                 "--map-label", "DIRECT-QUOTE=CLAIM", "--map-label", "quotee=attribution", "--out", str(out)]) == 0
    assert capsys.readouterr().err == ("2 task(s) -> 4 record(s); 0 cancelled annotation(s) skipped; "
                                       "0 task(s) without a completed annotation\n")
    assert main(["validate", str(out)]) == 0
