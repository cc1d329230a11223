"""The `claims` baseline of attribution: each gold claim's speaker is the mention nearest to its
reporting cue.

The cues are learned from the training documents: words that lie between a claim and its speaker in
the same sentence often enough, and mostly there ("said", "told", "according"). For a claim, the cue
is the cue word of its sentence nearest to it, outside it; the speaker is the mention of its sentence,
outside the claim, nearest to that cue (to the claim when the sentence has no cue), and when the
sentence has none, the last mention before the claim. Mentions are either the gold SPEAKER spans,
to measure the linking alone, or those a NER model predicts."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

MIN_CUE_CLAIMS = 2  # a cue is seen between at least two claims and their speakers
MIN_CUE_SHARE = 0.5  # and at least half of its occurrences in the training text are there

Span = tuple[int, int]


def _words(ner_rows: Iterable[dict]) -> dict[str, list[tuple[int, int, str]]]:
    """Each document's tokens that are words, lower-cased, with their offsets."""
    words: dict[str, list[tuple[int, int, str]]] = {}
    for row in ner_rows:
        words.setdefault(row["document_id"], []).extend(
            (start, end, token.lower()) for token, start, end in
            zip(row["tokens"], row["token_starts"], row["token_ends"]) if token.isalpha())
    return words


def cue_words(claim_rows: list[dict], ner_rows: list[dict]) -> frozenset[str]:
    """The words that report speech in the training documents, learned from where their speakers are."""
    words = _words(ner_rows)
    everywhere = Counter(word for document in words.values() for _, _, word in document)
    between: Counter = Counter()
    for claim in claim_rows:
        sentence = (claim["sentence_start"], claim["sentence_end"])
        if not _inside((claim["speaker_start"], claim["speaker_end"]), sentence):
            continue
        if claim["end"] <= claim["speaker_start"]:
            gap = (claim["end"], claim["speaker_start"])
        elif claim["speaker_end"] <= claim["start"]:
            gap = (claim["speaker_end"], claim["start"])
        else:  # the speaker is inside the claim
            continue
        between.update({word for start, end, word in words.get(claim["document_id"], ()) if _inside((start, end), gap)})
    return frozenset(word for word, n in between.items()
                     if n >= MIN_CUE_CLAIMS and n >= MIN_CUE_SHARE * everywhere[word])


def _distance(a: Span, b: Span) -> int:
    return max(0, b[0] - a[1], a[0] - b[1])


def _inside(inner: Span, outer: Span) -> bool:
    return outer[0] <= inner[0] and inner[1] <= outer[1]


def speaker(claim: dict, mentions: list[Span], words: list[tuple[int, int, str]], cues: frozenset[str]) -> Span | None:
    """The mention a claims row is attributed to, or None when the document has none before it."""
    span, sentence = (claim["start"], claim["end"]), (claim["sentence_start"], claim["sentence_end"])
    outside = [m for m in mentions if m[1] <= span[0] or span[1] <= m[0]]
    cue_spans = [(s, e) for s, e, word in words if word in cues and _inside((s, e), sentence)
                 and not _inside((s, e), span)]
    anchor = min(cue_spans, key=lambda c: (_distance(c, span), c), default=span)
    here = [m for m in outside if _inside(m, sentence)]
    if here:
        return min(here, key=lambda m: (_distance(m, anchor), m))
    before = [m for m in outside if m[1] <= span[0]]
    return max(before, default=None)


def attribute(claims: list[dict], mentions: dict[str, list[Span]], ner_rows: list[dict],
              cues: frozenset[str]) -> dict[str, Span | None]:
    """claims row id -> the mention it is attributed to."""
    words = _words(ner_rows)
    return {claim["id"]: speaker(claim, mentions.get(claim["document_id"], []), words.get(claim["document_id"], []),
                                 cues) for claim in claims}
