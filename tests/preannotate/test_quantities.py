"""QUANTITY rules on sentences made up for these tests."""

from __future__ import annotations

from tests.preannotate.predicted import at, predicted, spans


def test_bare_count_keeps_the_number_and_puts_the_counted_noun_in_the_unit():
    record = predicted("Officials said that 4,500 Danish sailors had crossed the strait.")
    assert spans(record, "QUANTITY") == [at(record, "4,500", ("value", 4500), ("unit", "sailor"))]


def test_money_in_two_currencies_per_week_is_two_quantities_without_brackets():
    record = predicted("The deckhands would be paid $1,500 (€1,350) per week, the minister said.")
    assert spans(record, "QUANTITY") == [at(record, "$1,500", ("value", 1500), ("unit", "USD/week")),
                                         at(record, "€1,350", ("value", 1350), ("unit", "EUR/week"))]


def test_bounds_and_approximations_set_approximate_and_stay_outside_the_span():
    record = predicted("The port handled up to 20,000 tonnes of cod and about 300 trawlers, "
                       "and 3.5 million people live nearby.")
    assert spans(record, "QUANTITY") == [
        at(record, "20,000 tonnes", ("value", 20000), ("unit", "tonne"), ("approximate", True)),
        at(record, "300", ("value", 300), ("unit", "trawler"), ("approximate", True)),
        at(record, "3.5 million", ("value", 3500000), ("unit", "person")),
    ]


def test_ordinals_dates_years_and_numbers_in_names_are_not_quantities():
    record = predicted("For the first time on 12 August 2023, a second ferry of the Skarv 220 class carried "
                       "12 percent more fuel.")
    assert spans(record, "QUANTITY") == [at(record, "12 percent", ("value", 12), ("unit", "percent"))]


def test_money_with_scale_words_and_a_range_sharing_its_scale():
    record = predicted("The yard lost £40m last year and repairs will cost 12–18 million dollars.")
    assert spans(record, "QUANTITY") == [
        at(record, "£40m", ("value", 40000000), ("unit", "GBP")),
        at(record, "12", ("value", 12000000), ("unit", "USD"), ("approximate", True), nth=0),
        at(record, "18 million dollars", ("value", 18000000), ("unit", "USD"), ("approximate", True)),
    ]


def test_numbers_in_words_fractions_and_ages():
    record = predicted("Seventeen sailors were rescued, half of the crew was hurt and a 35-year-old deckhand died.")
    assert spans(record, "QUANTITY") == [
        at(record, "Seventeen", ("value", 17), ("unit", "sailor")),
        at(record, "half", ("value", 0.5), ("unit", "fraction")),
        at(record, "35-year", ("value", 35), ("unit", "year")),
    ]


def test_years_before_a_noun_days_of_a_date_quoted_numbers_and_numbers_after_a_noun_are_not_amounts():
    record = predicted('The 2021 survey, published on August 4 and 5, named the strain "type 2" and '
                       'gave the "7" for the week; 1500 trawlers took part.')
    assert spans(record, "QUANTITY") == [at(record, "1500", ("value", 1500), ("unit", "trawler"))]


def test_one_counts_the_noun_after_it_the_people_of_a_verb_and_beside_another_count():
    record = predicted("One pilot said the storm killed one and injured eight people, and the shops allowed "
                       "two and one crate per customer, and the reef covers .0605 square km.")
    assert [(text, attributes.get("unit")) for text, _, attributes in spans(record, "QUANTITY")] == [
        ("One", "pilot"), ("one", "person"), ("eight", "person"), ("two", "crate"), ("one", "crate"),
        (".0605 square km", "square kilometre")]


def test_times_telephone_numbers_and_model_numbers_named_before_are_not_quantities():
    record = predicted("At 14:45 a deckhand phoned 112. The fleet flies Kestrel 300s; the 300 was a freighter.")
    assert spans(record, "QUANTITY") == []


def test_an_age_after_age_and_pounds_of_weight():
    record = predicted("The eldest, age 41, weighed 90 pounds. The fine was 90 pounds.")
    assert spans(record, "QUANTITY") == [at(record, "41", ("value", 41), ("unit", "year")),
                                         at(record, "90 pounds", ("value", 90), ("unit", "pound")),
                                         at(record, "90 pounds", ("value", 90), ("unit", "GBP"), nth=1)]
