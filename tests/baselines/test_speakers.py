"""The attribution baseline: cue words learned from where speakers are, the mention nearest the cue."""

from __future__ import annotations

from scripts.baselines.speakers import attribute, cue_words

TEXT = ("“Taxes will rise,” Jones said. Jones said on Monday, in a long talk with Smith, that fares rise. "
        "The mayor said “the trams run late”. “They run on time.”")


def _find(needle: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(needle, start + 1)
    return start, start + len(needle)


def _ner_row() -> dict:
    """All of TEXT as one row of tokens (only the words and their offsets are read)."""
    tokens, starts, position = [], [], 0
    for token in TEXT.replace(",", " ,").replace(".", " .").replace("“", "“ ").replace("”", " ”").split():
        starts.append(TEXT.index(token, position))
        tokens.append(token)
        position = starts[-1] + len(token)
    return {"document_id": "d", "tokens": tokens, "token_starts": starts,
            "token_ends": [s + len(t) for s, t in zip(starts, tokens)]}


def _claim(row_id: str, claim: str, sentence: str, speaker: str, nth: int = 0) -> dict:
    start, end = _find(claim)
    sentence_start, sentence_end = _find(sentence)
    speaker_start, speaker_end = _find(speaker, nth)
    return {"id": row_id, "document_id": "d", "start": start, "end": end, "sentence_start": sentence_start,
            "sentence_end": sentence_end, "speaker_start": speaker_start, "speaker_end": speaker_end}


CLAIMS = [
    _claim("c1", "“Taxes will rise,”", "“Taxes will rise,” Jones said.", "Jones"),
    _claim("c2", "fares rise", "Jones said on Monday, in a long talk with Smith, that fares rise.", "Jones", 1),
    _claim("c3", "“the trams run late”", "The mayor said “the trams run late”.", "mayor"),
    _claim("c4", "“They run on time.”", "“They run on time.”", "mayor"),
]


def test_cues_are_words_mostly_found_between_claims_and_their_speakers() -> None:
    assert cue_words(CLAIMS, [_ner_row()]) == {"said"}


def test_the_speaker_is_the_mention_nearest_the_cue_else_the_last_one_before() -> None:
    mentions = {"d": [_find("Jones"), _find("Jones", 1), _find("Smith"), _find("mayor")]}
    links = attribute(CLAIMS, mentions, [_ner_row()], frozenset({"said"}))
    assert links == {"c1": _find("Jones"), "c2": _find("Jones", 1), "c3": _find("mayor"), "c4": _find("mayor")}
    without_cues = attribute(CLAIMS[1:2], mentions, [_ner_row()], frozenset())
    assert without_cues == {"c2": _find("Smith")}  # nearest the claim itself
    assert attribute(CLAIMS[:1], {"d": []}, [_ner_row()], frozenset({"said"})) == {"c1": None}
