"""SPEAKER and CLAIM rules and their links on sentences made up for these tests."""

from __future__ import annotations

from tests.preannotate.predicted import at, links, predicted, spans

PERSON, COLLECTIVE = ("speaker_type", "person"), ("speaker_type", "collective")
INDIRECT, DIRECT, MIXED = ("reporting", "indirect"), ("reporting", "direct"), ("reporting", "mixed")


def test_said_that_gives_the_name_without_title_and_the_clause_without_that():
    record = predicted("Fisheries Minister Maria Lund said on Friday that the quota would stay the same.")
    assert spans(record, "SPEAKER") == [at(record, "Maria Lund", PERSON)]
    assert spans(record, "CLAIM") == [at(record, "the quota would stay the same", INDIRECT)]
    assert links(record, "attribution") == {("Maria Lund", "the quota would stay the same")}


def test_a_name_in_apposition_and_a_title_of_several_words():
    record = predicted("“We will keep the ferry running,” the harbour master in Bergen, Odd Vinje, wrote.")
    assert spans(record, "CLAIM") == [at(record, "“We will keep the ferry running,”", DIRECT)]
    assert spans(record, "SPEAKER") == [at(record, "Odd Vinje", PERSON)]
    inverted = predicted("“Not this winter,” said Harbour Master Odd Vinje.")
    assert links(inverted, "attribution") == {("Odd Vinje", "“Not this winter,”")}


def test_a_quotation_after_a_colon_and_after_its_verb():
    colon = predicted('Vinje said: "The pier is safe."')
    assert spans(colon, "CLAIM") == [at(colon, '"The pier is safe."', DIRECT)]
    assert links(colon, "attribution") == {("Vinje", '"The pier is safe."')}
    writing = predicted("The council replied on Monday, writing “The pier will open in May.”")
    assert links(writing, "attribution") == {("council", "“The pier will open in May.”")}


def test_according_to_after_and_before_the_clause():
    after = predicted("The trawler reached Tromsø at dawn, according to Norwegian officials.")
    assert spans(after, "CLAIM") == [at(after, "The trawler reached Tromsø at dawn", INDIRECT)]
    assert spans(after, "SPEAKER") == [at(after, "Norwegian officials", COLLECTIVE)]
    before = predicted("According to Vinje, the nets will dry by noon.")
    assert links(before, "attribution") == {("Vinje", "the nets will dry by noon")}
    relative = predicted("Ten boats sank and two crews were saved, according to officials, some of whom flew in.")
    assert spans(relative, "CLAIM") == [at(relative, "Ten boats sank and two crews were saved", INDIRECT)]


def test_short_names_and_pronouns_corefer_with_the_first_full_name():
    record = predicted("Maria Lund toured the harbour on Sunday.\n"
                       "According to Lund, the cod had left. She added that the crews were paid.")
    assert spans(record, "SPEAKER") == [at(record, "Maria Lund", PERSON), at(record, "Lund", PERSON, nth=1),
                                        at(record, "She", PERSON)]
    assert links(record, "coreference") == {("Lund", "Maria Lund"), ("She", "Maria Lund")}
    assert links(record, "attribution") == {("Lund", "the cod had left"), ("She", "the crews were paid")}


def test_a_pronoun_in_a_quotation_is_not_the_quotations_speaker():
    record = predicted("“Odd Vinje ignores the weather,” said Maria Lund. “He says that he will sail anyway.”")
    assert ("Maria Lund", "“Odd Vinje ignores the weather,”") in links(record, "attribution")
    assert ("He", "he will sail anyway") in links(record, "attribution")
    assert ("He", "Odd Vinje") in links(record, "coreference")


def test_coordinated_clauses_asides_and_quoted_words():
    record = predicted("The spokeswoman said that the nets were torn and that a “small number” of "
                       "boats had sunk — a rare loss — though she added that nobody was hurt.")
    assert spans(record, "CLAIM") == [at(record, "the nets were torn", INDIRECT),
                                      at(record, "a “small number” of boats had sunk", MIXED),
                                      at(record, "nobody was hurt", INDIRECT)]
    assert spans(record, "SPEAKER")[0] == at(record, "spokeswoman", ("speaker_type", "anonymous"))
    assert links(record, "coreference") == {("she", "spokeswoman")}


def test_a_comma_before_but_that_still_splits_the_clauses():
    record = predicted("The minister said that the bridge was open, but that the road to Bergen was closed.")
    assert links(record, "attribution") == {("minister", "the bridge was open"),
                                            ("minister", "the road to Bergen was closed")}


def test_nested_attribution_inside_a_reported_clause():
    record = predicted("The Fjord Courier reported that a senior Danish official had confirmed the deal.")
    assert spans(record, "SPEAKER") == [at(record, "The Fjord Courier", ("speaker_type", "media_outlet")),
                                        at(record, "senior Danish official", ("speaker_type", "anonymous"))]
    assert links(record, "attribution") == {
        ("The Fjord Courier", "a senior Danish official had confirmed the deal"),
        ("senior Danish official", "the deal")}


def test_clause_before_the_speaker_and_its_comma():
    record = predicted("Catches fell by 4 percent in 2023, the statistics office estimated.")
    assert links(record, "attribution") == {("statistics office", "Catches fell by 4 percent in 2023")}
    assert spans(record, "SPEAKER") == [at(record, "statistics office", ("speaker_type", "organisation"))]


def test_a_following_quotation_and_an_adding_clause_keep_the_speaker():
    record = predicted("“The harbour is calm,” the ministry said. “There is no threat.”")
    assert links(record, "attribution") == {("ministry", "“The harbour is calm,”"),
                                            ("ministry", "“There is no threat.”")}
    adding = predicted("“It is a bluff,” Lund said, adding that the offer was “not serious”.")
    assert links(adding, "attribution") == {("Lund", "“It is a bluff,”"), ("Lund", "the offer was “not serious”")}


def test_a_semicolon_ends_the_clause_before_a_tag_and_a_colon_introduces_one():
    record = predicted("Many crews were tired; the union confirmed two boats had stayed in port.")
    assert spans(record, "CLAIM") == [at(record, "two boats had stayed in port", INDIRECT)]
    colon = predicted("The agency announced its decision: the cannery will close in June.")
    assert spans(colon, "CLAIM") == [at(colon, "the cannery will close in June", INDIRECT)]


def test_purpose_clauses_refused_funding_and_narration_are_not_claims():
    record = predicted("The council declared an emergency so it could hire boats. The council denied funding for the pier.")
    assert spans(record, "CLAIM") == []
    quoted = predicted("The convoy left Bergen on Monday. Critics called the plan a “historic mistake”.")
    assert spans(quoted, "CLAIM") == [] and spans(quoted, "SPEAKER") == []


def test_a_definite_description_corefers_with_the_name_it_repeats():
    record = predicted("The Solvik Shipping Company said it would hire 40 workers. "
                       "Later the company said that wages would rise.")
    assert ("company", "Solvik Shipping Company") in links(record, "coreference")


def test_a_tag_set_off_by_commas_inside_its_clause_cuts_it_in_two():
    record = predicted("Most of the ferries, the operator says, were never insured.")
    assert spans(record, "CLAIM") == [at(record, "Most of the ferries", INDIRECT), at(record, "were never insured", INDIRECT)]
    assert links(record, "attribution") == {("operator", "Most of the ferries"), ("operator", "were never insured")}
    adverbial = predicted("Longer term, according to Vinje, the pier will get new piles.")
    assert spans(adverbial, "CLAIM") == [at(adverbial, "the pier will get new piles", INDIRECT)]


def test_the_one_told_is_not_part_of_the_clause():
    record = predicted("One activist, Ana Ruiz, on Sunday told Deutsche Welle arson had been used to clear the docks.")
    assert spans(record, "CLAIM") == [at(record, "arson had been used to clear the docks", INDIRECT)]


def test_a_that_clause_after_a_phrase_of_place_is_the_verbs_and_one_after_a_noun_of_concern_is_not():
    record = predicted("Judge Ana Ruiz clarified in the hearing that her ruling was not connected to the strike.")
    assert links(record, "attribution") == {("Ana Ruiz", "her ruling was not connected to the strike")}
    concern = predicted("In May, the port announced a review, following worker concerns that the cranes could fail.")
    assert spans(concern, "CLAIM") == []


def test_verbs_the_table_does_not_list_count_as_their_closest_listed_verb():
    record = predicted("The inspector determined the crane had failed. Later the engineer specified that the bolts were new.")
    assert links(record, "attribution") == {("inspector", "the crane had failed"), ("engineer", "the bolts were new")}


def test_a_spokespersons_name_the_pipeline_took_for_an_organisation_is_the_speaker():
    record = predicted("After the vote, a United Kingdom Department of Transport spokesperson, Morgan Ortvik, indicated "
                       "the pier was closed.")
    assert spans(record, "SPEAKER") == [at(record, "Morgan Ortvik", PERSON)]


def test_unnamed_sources_of_news_prose():
    absolute = predicted("The ministry closed the pier, with officials saying that the planks had rotted.")
    assert links(absolute, "attribution") == {("officials", "the planks had rotted")}
    one = predicted('One of the deckhands said, "We were never told."')
    assert spans(one, "SPEAKER") == [at(one, "One", ("speaker_type", "anonymous"))]
    media = predicted("State media reported the ferry had sunk. The trade publication stated the hull was old.")
    assert spans(media, "SPEAKER") == [at(media, "State media", COLLECTIVE),
                                       at(media, "trade publication", ("speaker_type", "media_outlet"))]


def test_titles_before_a_name_are_left_out_and_particles_kept():
    titled = predicted("US Ambassador to Norway Peter Hansen alleged the talks had failed. "
                       "Superintendent Rosa Almeida said the road was shut.")
    assert [text for text, _, _ in spans(titled, "SPEAKER")] == ["Peter Hansen", "Rosa Almeida"]
    particle = predicted("The storm was weaker than feared.\n"
                         "Rosa dela Cruz of the coast guard said the ferries would sail.")
    assert spans(particle, "SPEAKER") == [at(particle, "Rosa dela Cruz", PERSON)]


def test_one_that_before_the_second_clause_keeps_one_claim():
    record = predicted("The mayor said she had ordered the pier closed, and that the ferries would wait.")
    assert [text for text, _, _ in spans(record, "CLAIM")] == [
        "she had ordered the pier closed, and that the ferries would wait"]


def test_a_part_of_a_document_reads_for_its_author():
    record = predicted('Part of the judge\'s ruling reads "the ban cannot stand."')
    assert links(record, "attribution") == {("judge", '"the ban cannot stand."')}


def test_a_claim_whose_subject_the_parse_took_for_the_object():
    record = predicted("A district judge ruled the practice of fining fishermen but not traders, or their agents, "
                       "is unlawful.")
    assert [text for text, _, _ in spans(record, "CLAIM")] == [
        "the practice of fining fishermen but not traders, or their agents, is unlawful"]


def test_a_description_named_later_by_its_title_and_groups_left_apart():
    record = predicted("A district judge ruled that the ban was void. District Judge Ana Ruiz said the port "
                       "must reopen.\nOfficials said the pier was shut. German officials said it had reopened.")
    assert ("district judge", "Ana Ruiz") in links(record, "coreference")
    assert ("German officials", "Officials") not in links(record, "coreference")


def test_the_part_after_an_interrupting_tag_keeps_its_and_and_a_fronted_condition_is_a_part():
    joined = predicted("The hull was sound, inspectors said, and could sail by May.")
    assert spans(joined, "CLAIM") == [at(joined, "The hull was sound", INDIRECT),
                                      at(joined, "and could sail by May", INDIRECT)]
    assert links(joined, "attribution") == {("inspectors", "The hull was sound"),
                                            ("inspectors", "and could sail by May")}
    condition = predicted("If the pumps fail, engineers say, the tunnel may flood.")
    assert spans(condition, "CLAIM") == [at(condition, "If the pumps fail", INDIRECT),
                                         at(condition, "the tunnel may flood", INDIRECT)]
    pointed = predicted("Many of the houses in Kelby, the report pointed out, have no cellars.")
    assert links(pointed, "attribution") == {("report", "Many of the houses in Kelby"), ("report", "have no cellars")}


def test_a_subject_the_parse_split_from_its_clause_starts_the_claim():
    phrase = predicted("Police on Monday announced the black box from Ferry 12 has been recovered from the North Sea.")
    assert spans(phrase, "CLAIM") == [
        at(phrase, "the black box from Ferry 12 has been recovered from the North Sea", INDIRECT)]
    aside = predicted("A report suggests a new pump on the ferry, which had never failed before, was flooding the hull,"
                      " while the crew tried and failed to stop it.")
    assert [s[0] for s in spans(aside, "CLAIM")] == [
        "a new pump on the ferry, which had never failed before, was flooding the hull,"
        " while the crew tried and failed to stop it"]


def test_a_time_between_the_cue_and_a_clause_without_that_is_when_it_was_said():
    record = predicted("The council said at a meeting yesterday evening the bridge would reopen.")
    assert spans(record, "CLAIM") == [at(record, "the bridge would reopen", INDIRECT)]
    that = predicted("The council said that yesterday the bridge reopened.")
    assert spans(that, "CLAIM") == [at(that, "yesterday the bridge reopened", INDIRECT)]


def test_a_name_the_parse_joined_to_a_fronted_phrase_and_a_trade_before_a_name():
    record = predicted("On Twitter, Jane Roe, a sport columnist, said the players were on their way to a game.")
    assert links(record, "attribution") == {("Jane Roe", "the players were on their way to a game")}
    trade = predicted("Immunologist Jane Roe said the virus spreads fast.")
    assert spans(trade, "SPEAKER") == [at(trade, "Jane Roe", PERSON)]


def test_a_single_dash_before_a_list_stays_in_the_claim_and_one_before_a_comment_ends_it():
    listed = predicted("Police said he had five guns — two rifles, two shotguns, and one pistol.")
    assert [s[0] for s in spans(listed, "CLAIM")] == ["he had five guns — two rifles, two shotguns, and one pistol"]
    comment = predicted("Police said he had five guns — a lot for the town.")
    assert [s[0] for s in spans(comment, "CLAIM")] == ["he had five guns"]


def test_a_colon_inside_a_reported_clause_and_an_object_estimated_at_a_figure():
    colon = predicted("The board said it had split the budget: schools get half, roads the rest.")
    assert [s[0] for s in spans(colon, "CLAIM")] == ["it had split the budget: schools get half, roads the rest"]
    quoted = predicted('The minister said the vote was a mistake: "We will appeal."')
    assert [s[0] for s in spans(quoted, "CLAIM")] == ["the vote was a mistake", '"We will appeal."']
    estimate = predicted("The council estimated the crowd at 5,000.")
    assert links(estimate, "attribution") == {("council", "the crowd at 5,000")}


def test_a_town_that_speaks_is_an_organisation_and_not_its_earlier_place():
    record = predicted("The ship sank off Marston. The town of Marston announced that it would raise the ship.")
    assert spans(record, "SPEAKER") == [at(record, "Marston", ("speaker_type", "organisation"), nth=1)]
    assert [s[0] for s in spans(record, "LOCATION")] == ["Marston"]
    assert links(record, "coreference") == set()


def test_consider_with_an_infinitive_is_a_claim():
    record = predicted("Jane Roe personally considered her best role to be her part in a film about a singer.")
    assert links(record, "attribution") == {("Jane Roe", "her best role to be her part in a film about a singer")}


def test_a_bare_subject_before_the_tag_and_a_one_word_quotation_part_are_claims():
    subject = predicted("The club said Jane Roe had died. Roe, they said, wanted no ceremony.")
    assert links(subject, "attribution") >= {("they", "Roe"), ("they", "wanted no ceremony")}
    short = predicted('"However," he told the paper, "our work shows that flapping came first."')
    assert [s[0] for s in spans(short, "CLAIM")] == ['"However,"', '"our work shows that flapping came first."']


def test_a_participle_after_the_clause_a_bracket_and_a_proportion():
    citing = predicted("The researchers noted the sharks might not have the same effect on the reef as the whales have"
                       " had, citing the damage apparently caused off the coast when a change in seal behaviour had a"
                       " knock-on effect.")
    assert [s[0] for s in spans(citing, "CLAIM")] == [
        "the sharks might not have the same effect on the reef as the whales have had"]
    bracket = predicted("The team said it had a top speed of about 18 mph (8 m/s).")
    assert [s[0] for s in spans(bracket, "CLAIM")] == ["it had a top speed of about 18 mph (8 m/s)"]
    proportion = predicted("Engineers found the longer the pumps ran, the hotter the tunnel became.")
    assert [s[0] for s in spans(proportion, "CLAIM")] == ["the longer the pumps ran, the hotter the tunnel became"]


def test_groups_campaigns_polls_and_what_a_report_holds_as_sources():
    some = predicted("Some scientists believe the birds came first, while some say flight grew up from the ground.")
    assert links(some, "attribution") == {("scientists", "the birds came first"),
                                          ("some", "flight grew up from the ground")}
    assert links(some, "coreference") == set()
    campaign = predicted("Senator Roe's campaign said she was ending her bid today.")
    assert spans(campaign, "SPEAKER") == [at(campaign, "campaign", ("speaker_type", "organisation"))]
    poll = predicted("The Kelby Herald polled voters. According to its polling, most voters preferred a primary.")
    assert links(poll, "coreference") == {("its", "Kelby Herald")}
    hypothesis = predicted("According to the hypothesis of the report, the bloom grew because of the lava.")
    assert links(hypothesis, "attribution") == {("report", "the bloom grew because of the lava")}


def test_names_joined_by_a_hyphen_a_description_named_later_and_a_repeated_pronoun():
    hyphen = predicted("Jon Garcia-Lopez tested the glue. Garcia-Lopez said it held for a week.")
    assert links(hyphen, "coreference") == {("Garcia-Lopez", "Jon Garcia-Lopez")}
    later = predicted("Roe's animal foundation said the dogs were safe. The Jane Roe Animal Foundation was set up in 1978.")
    assert links(later, "coreference") == {("animal foundation", "Jane Roe Animal Foundation")}
    repeated = predicted("Ana Ruiz sang for years. She married Tom Berg, whom she left in 1981. She said Berg had been cruel.")
    assert links(repeated, "coreference") == {("She", "Ana Ruiz")}


def test_a_capitalised_the_before_an_outlet_how_it_was_said_and_find_with_an_infinitive():
    outlet = predicted("According to The Sentinel, engineers were sure that the rover would land.")
    assert [s[0] for s in spans(outlet, "SPEAKER")] == ["The Sentinel"]
    manner = predicted("His daughter said he died in Britain without elaborating.")
    assert [s[0] for s in spans(manner, "CLAIM")] == ["he died in Britain"]
    found = predicted("The court issued an opinion finding it to be unlawful.")
    assert spans(found, "CLAIM") == []


def test_a_title_ending_in_a_place_before_the_name_and_a_short_form_in_brackets():
    titled = predicted("First Minister of Scotland Ana Ruiz said the ruling was clear.")
    assert spans(titled, "SPEAKER") == [at(titled, "Ana Ruiz", PERSON)]
    short = predicted("The Kelby Water Board (WaterKel) said the pipes were safe. WaterKel indicated the damage was minor.")
    assert links(short, "coreference") == {("WaterKel", "Kelby Water Board")}
    dash = predicted("Staff moved from Tesco — Netto Poland kept its name. Tesco said the sale would close in May.")
    assert [s[0] for s in spans(dash, "SPEAKER")] == ["Tesco", "Tesco"]
