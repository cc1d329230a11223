"""LOCATION rules on sentences made up for these tests."""

from __future__ import annotations

from tests.preannotate.predicted import at, predicted, spans


def test_possessive_country_and_regions_with_their_generic_word():
    record = predicted("Storms hit Norway’s Vestland county and the Nordland region.")
    assert spans(record, "LOCATION") == [at(record, "Norway", ("location_id", "NO")),
                                         at(record, "Vestland county", ("location_id", "NO-46")),
                                         at(record, "Nordland region", ("location_id", "NO-18"))]


def test_geographic_features_have_no_code():
    record = predicted("Ships crossed the Norwegian Sea and the Sea of Marmara.")
    assert spans(record, "LOCATION") == [at(record, "Norwegian Sea"), at(record, "Sea of Marmara")]


def test_demonyms_are_not_locations():
    record = predicted("Danish and Kenyan officials met in Bergen.")
    assert [text for text, _, _ in spans(record, "LOCATION")] == ["Bergen"]


def test_a_capital_standing_for_its_government_is_not_a_location():
    record = predicted("Copenhagen said it had no information. Copenhagen’s envoy to Oslo travelled to Oslo.")
    assert spans(record, "LOCATION") == [at(record, "Oslo", nth=1)]
    assert spans(record, "SPEAKER") == [at(record, "Copenhagen", ("speaker_type", "organisation"))]


def test_places_inside_organisation_and_person_names_are_not_locations():
    record = predicted("The Armed Forces of Norway trained with Georgia Lund and Jordan Vinje.")
    assert spans(record, "LOCATION") == []


def test_a_place_before_a_title_and_before_a_hyphen_is_marked():
    record = predicted("Ghana President Kofi Mensah opened the UK-funded port.")
    assert spans(record, "LOCATION") == [at(record, "Ghana", ("location_id", "GH")),
                                         at(record, "UK", ("location_id", "GB"))]


def test_a_small_town_counts_where_the_text_uses_it_as_a_place():
    record = predicted("The ferry from Grimstad was late, and the Grimstad Rowing Club said nothing.")
    assert spans(record, "LOCATION") == [at(record, "Grimstad")]


def test_a_city_listed_with_states_is_the_state_and_a_planet_is_a_place():
    record = predicted("Floods closed schools in Lagos, Ogun and Oyo. The probe landed on Venus.")
    assert spans(record, "LOCATION") == [at(record, "Lagos", ("location_id", "NG-LA")),
                                         at(record, "Ogun", ("location_id", "NG-OG")),
                                         at(record, "Oyo", ("location_id", "NG-OY")),
                                         at(record, "Venus")]


def test_a_major_city_as_a_modifier_and_districts_named_in_full():
    record = predicted("Last week a Nairobi car bombing killed five. He was convicted in the Eastern District of "
                       "Michigan. Victims were flown to nearby Mombasa.")
    assert spans(record, "LOCATION") == [at(record, "Nairobi"), at(record, "Eastern District of Michigan"),
                                         at(record, "Mombasa")]


def test_a_county_with_its_capital_word_and_a_capital_that_is_a_district():
    record = predicted("A court in Marin County heard the case. The envoy flew to Bogotá.")
    assert spans(record, "LOCATION") == [at(record, "Marin County"), at(record, "Bogotá", ("location_id", "CO-DC"))]


def test_names_of_police_offices_parks_and_websites_hold_no_place():
    record = predicted("A man was arrested by Kelby Valley Police near the Thames Valley. The Oregon Department of"
                       " Forestry said fires burned in Forbury Gardens, according to Kelby.hu.")
    assert [text for text, _, _ in spans(record, "LOCATION")] == ["Thames Valley"]


def test_a_nation_of_the_uk_opening_a_sentence_is_a_place():
    record = predicted("Wales has made no recommendation. Scotland may follow.")
    assert spans(record, "LOCATION") == [at(record, "Wales", ("location_id", "GB-WLS")),
                                         at(record, "Scotland", ("location_id", "GB-SCT"))]
