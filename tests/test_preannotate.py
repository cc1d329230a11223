"""Pre-annotation rules on sentences made up for these tests (no real article's words)."""

from __future__ import annotations

import argparse
import json
import types

import pytest

from scripts import preannotate
from scripts.preannotate_bench import article, report
from scripts.convert import Options, Problems, Stats, task_records
from scripts.corpus import articles
from scripts.engine import Engine
from scripts.records import METADATA_FIELDS, PipelineError, doc_id, read_jsonl
from scripts.scheme import load_scheme
from scripts.synthetic import write_export
from scripts.validate import record_problems


def predicted(text: str) -> dict:
    """The prediction for a made-up text; every prediction must validate."""
    record = {"id": doc_id(text), "text": text, "metadata": {name: None for name in METADATA_FIELDS},
              "spans": [], "relations": [], "provenance": {}}
    result = preannotate.predict(record)
    assert record_problems(result, "test") == []
    return result


def spans(record: dict, label: str) -> list[tuple[str, int, dict]]:
    """(text, start, attributes that are set) of the spans with this label, in text order."""
    return [(s["text"], s["start"], {k: v for k, v in s["attributes"].items() if v not in (None, False)})
            for s in record["spans"] if s["label"] == label]


def links(record: dict, kind: str) -> set[tuple[str, str]]:
    by_id = {s["id"]: s["text"] for s in record["spans"]}
    return {(by_id[r["head"]], by_id[r["tail"]]) for r in record["relations"] if r["type"] == kind}


# -- QUANTITY ----------------------------------------------------------------------------------

def test_bare_count_keeps_the_number_and_puts_the_counted_noun_in_the_unit():
    record = predicted("Officials said that 4,500 Belarusian troops had crossed the border.")
    assert spans(record, "QUANTITY") == [("4,500", 20, {"value": 4500, "unit": "troop"})]


def test_money_in_two_currencies_per_week_is_two_quantities_without_brackets():
    record = predicted("The volunteers would be paid $1,500 (€1,350) per week, the minister said.")
    assert spans(record, "QUANTITY") == [("$1,500", 29, {"value": 1500, "unit": "USD/week"}),
                                         ("€1,350", 37, {"value": 1350, "unit": "EUR/week"})]


def test_bounds_and_approximations_set_approximate_and_stay_outside_the_span():
    record = predicted("The port handled up to 20,000 tonnes of grain and about 300 drones, "
                       "and 3.5 million people live nearby.")
    assert spans(record, "QUANTITY") == [
        ("20,000 tonnes", 23, {"value": 20000, "unit": "tonne", "approximate": True}),
        ("300", 56, {"value": 300, "unit": "drone", "approximate": True}),
        ("3.5 million", 72, {"value": 3500000, "unit": "person"}),
    ]


def test_ordinals_dates_and_years_are_not_quantities():
    record = predicted("For the first time on 12 March 2023, a second convoy carried 12 percent more fuel.")
    assert spans(record, "QUANTITY") == [("12 percent", 61, {"value": 12, "unit": "percent"})]


# -- LOCATION ----------------------------------------------------------------------------------

def test_possessive_country_and_regions_with_their_generic_word():
    record = predicted("Drones struck Russia’s Belgorod region and the Kharkiv Oblast.")
    assert spans(record, "LOCATION") == [("Russia", 14, {"location_id": "RU"}),
                                         ("Belgorod region", 23, {"location_id": "RU-BEL"}),
                                         ("Kharkiv Oblast", 47, {"location_id": "UA-63"})]


def test_geographic_features_have_no_code():
    record = predicted("Ships crossed the Baltic Sea and the Sea of Azov.")
    assert spans(record, "LOCATION") == [("Baltic Sea", 18, {}), ("Sea of Azov", 37, {})]


def test_demonyms_are_not_locations():
    record = predicted("Polish and Kenyan officials met in Oslo.")
    assert [text for text, _, _ in spans(record, "LOCATION")] == ["Oslo"]


def test_a_capital_standing_for_its_government_is_not_a_location():
    record = predicted("Warsaw said it had no information. Warsaw’s envoy to Oslo travelled to Oslo.")
    assert spans(record, "LOCATION") == [("Oslo", 71, {})]
    assert spans(record, "SPEAKER") == [("Warsaw", 0, {"speaker_type": "organisation"})]


def test_places_inside_organisation_and_person_names_are_not_locations():
    record = predicted("The Armed Forces of Poland trained with Georgia Meloni and Jordan Peterson.")
    assert spans(record, "LOCATION") == []


# -- SPEAKER and CLAIM -------------------------------------------------------------------------

def test_said_that_gives_the_name_without_title_and_the_clause_without_that():
    record = predicted("Polish Foreign Minister Marta Kowalska said on Friday that the border would stay closed.")
    assert spans(record, "SPEAKER") == [("Marta Kowalska", 24, {"speaker_type": "person"})]
    assert spans(record, "CLAIM") == [("the border would stay closed", 59, {"reporting": "indirect"})]
    assert links(record, "attribution") == {("Marta Kowalska", "the border would stay closed")}


def test_quotation_before_an_apposition_and_the_verb():
    record = predicted("“We will hold the line,” the mayor of Lagos, Ivan Petrenko, wrote on Monday.")
    assert spans(record, "CLAIM") == [("“We will hold the line,”", 0, {"reporting": "direct"})]
    assert spans(record, "SPEAKER") == [("Ivan Petrenko", 45, {"speaker_type": "person"})]
    assert spans(record, "LOCATION") == [("Lagos", 38, {})]


def test_speaker_after_the_verb_and_speaker_before_a_straight_quotation():
    inverted = predicted("“Not yet,” said Defence Minister Jan Novak.")
    assert links(inverted, "attribution") == {("Jan Novak", "“Not yet,”")}
    colon = predicted('Novak said: "The brigade is ready."')
    assert spans(colon, "CLAIM") == [('"The brigade is ready."', 12, {"reporting": "direct"})]
    assert links(colon, "attribution") == {("Novak", '"The brigade is ready."')}


def test_according_to_after_and_before_the_clause():
    after = predicted("The convoy reached Gdansk on Monday, according to Estonian officials.")
    assert spans(after, "CLAIM") == [("The convoy reached Gdansk on Monday", 0, {"reporting": "indirect"})]
    assert spans(after, "SPEAKER") == [("Estonian officials", 50, {"speaker_type": "collective"})]
    before = predicted("According to Novak, the talks will resume in May.")
    assert links(before, "attribution") == {("Novak", "the talks will resume in May")}


def test_short_names_and_pronouns_corefer_with_the_first_full_name():
    record = predicted("Marta Kowalska visited the port on Sunday.\n"
                       "According to Kowalska, the ships had left. She added that the crews were safe.")
    assert spans(record, "SPEAKER") == [("Marta Kowalska", 0, {"speaker_type": "person"}),
                                        ("Kowalska", 56, {"speaker_type": "person"}),
                                        ("She", 86, {"speaker_type": "person"})]
    assert links(record, "coreference") == {("Kowalska", "Marta Kowalska"), ("She", "Marta Kowalska")}
    assert links(record, "attribution") == {("Kowalska", "the ships had left"), ("She", "the crews were safe")}


def test_coordinated_clauses_asides_and_quoted_words():
    record = predicted("The spokesperson said that the drones were shot down and that a “small number” of "
                       "them had hit a depot — a rare admission — though she added that nobody was hurt.")
    assert spans(record, "CLAIM") == [("the drones were shot down", 27, {"reporting": "indirect"}),
                                      ("a “small number” of them had hit a depot", 62, {"reporting": "mixed"}),
                                      ("nobody was hurt", 146, {"reporting": "indirect"})]
    assert spans(record, "SPEAKER")[0] == ("spokesperson", 4, {"speaker_type": "anonymous"})
    assert links(record, "coreference") == {("she", "spokesperson")}


def test_a_comma_before_but_that_still_splits_the_clauses():
    record = predicted("The minister said that the bridge was open, but that the road to Porto was closed.")
    assert links(record, "attribution") == {("minister", "the bridge was open"),
                                            ("minister", "the road to Porto was closed")}


def test_nested_attribution_inside_a_reported_clause():
    record = predicted("The Northern Times reported that a senior Chilean official had confirmed the deal.")
    assert spans(record, "SPEAKER") == [("The Northern Times", 0, {"speaker_type": "media_outlet"}),
                                        ("senior Chilean official", 35, {"speaker_type": "anonymous"})]
    assert links(record, "attribution") == {
        ("The Northern Times", "a senior Chilean official had confirmed the deal"),
        ("senior Chilean official", "the deal")}


def test_clause_before_the_speaker_and_its_comma():
    record = predicted("Prices rose by 4 percent in 2023, the statistics office estimated.")
    assert links(record, "attribution") == {("statistics office", "Prices rose by 4 percent in 2023")}
    assert spans(record, "SPEAKER") == [("statistics office", 38, {"speaker_type": "organisation"})]


def test_a_following_quotation_and_an_adding_clause_keep_the_speaker():
    record = predicted("“The situation is calm,” the ministry said. “There is no threat.”")
    assert links(record, "attribution") == {("ministry", "“The situation is calm,”"),
                                            ("ministry", "“There is no threat.”")}
    adding = predicted("“It is a trap,” Kowalska said, adding that the offer was “not serious”.")
    assert links(adding, "attribution") == {("Kowalska", "“It is a trap,”"),
                                            ("Kowalska", "the offer was “not serious”")}


def test_narration_and_scare_quotes_are_not_claims():
    record = predicted("The convoy left Porto on Monday. Critics called the plan a “historic mistake”.")
    assert spans(record, "CLAIM") == [] and spans(record, "SPEAKER") == []


# -- records, Label Studio and the command -----------------------------------------------------

def test_prediction_provenance_and_scores():
    record = predicted("Officials said that 4,500 troops had crossed the border.")
    assert record["provenance"] == {"origin": "prediction", "export": None, "task_id": None,
                                    "annotation_id": None, "annotator": None, "ground_truth": None,
                                    "model_version": "rules-1"}
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


def test_command_writes_valid_records_for_every_corpus_document(tmp_path):
    out = tmp_path / "predictions.jsonl"
    args = _command("--out", str(out))
    assert args.func(args) == 0
    records = [record for _, record in read_jsonl(out)]
    assert [r["id"] for r in records] == [a.id for a in articles()]
    assert all(record_problems(r, str(out)) == [] for r in records)


def test_command_writes_labelstudio_tasks_for_chosen_documents(tmp_path):
    first = next(articles()).id
    out = tmp_path / "tasks.json"
    args = _command(first, "--format", "labelstudio", "--out", str(out))
    assert args.func(args) == 0
    tasks = json.loads(out.read_text(encoding="utf-8"))
    assert [t["data"]["doc_id"] for t in tasks] == [first]
    assert tasks[0]["predictions"][0]["model_version"] == "rules-1"


def test_predictions_stream_and_refuse_unknown_documents():
    assert isinstance(preannotate.predictions([]), types.GeneratorType)
    with pytest.raises(PipelineError, match="not in the corpus"):
        next(preannotate.predictions(["0000000000000000"]))


def test_benchmark_articles_are_deterministic_and_the_report_counts_them():
    assert article(7) == article(7) and article(7) != article(8)
    assert report(12, Engine(workers=1)).startswith("12 made-up documents")


def test_the_dask_path_predicts_the_same_records_as_the_local_one(tmp_path):
    write_export(tmp_path / "export.json", 2 * preannotate.BATCH + 5, tmp_path / "corpus")
    ids = sorted(path.stem for path in (tmp_path / "corpus").glob("*.txt"))
    local = list(preannotate.predictions([], tmp_path / "corpus"))
    distributed = list(preannotate.predictions([], tmp_path / "corpus", Engine("dask", workers=2)))
    assert [r["id"] for r in local] == ids and len(ids) == 2 * preannotate.BATCH + 5
    assert distributed == local and sum(len(r["spans"]) for r in local) > 0
    chosen = [ids[3], ids[0]]
    assert [r["id"] for r in preannotate.predictions(chosen, tmp_path / "corpus", Engine(workers=2))] == chosen
