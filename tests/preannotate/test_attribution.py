"""SPEAKER and CLAIM rules and their links on sentences made up for these tests."""

from __future__ import annotations

from tests.preannotate.predicted import links, predicted, spans


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
