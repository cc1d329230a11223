"""LOCATION rules on sentences made up for these tests."""

from __future__ import annotations

from tests.preannotate.predicted import predicted, spans


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
