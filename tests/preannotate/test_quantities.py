"""QUANTITY rules on sentences made up for these tests."""

from __future__ import annotations

from tests.preannotate.predicted import predicted, spans


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
