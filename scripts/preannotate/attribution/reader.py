"""SPEAKER and CLAIM candidates of a document with their attribution and coreference links.

The cues (`cues`) give each claim and its source; quotations with no tag of their own take the
speaker the guidelines' three links point to (a colon after a source, the claim just before with no
other source named between, or the one source the sentence before names); the sources are then
linked to their first namings (`coreference`) and become SPEAKER candidates.
"""

from __future__ import annotations

from spacy.tokens import Doc

from scripts.preannotate.attribution.coreference import Mention, Quoted, link
from scripts.preannotate.attribution.cues import Cue, find_cues
from scripts.preannotate.attribution.quotes import Quotations, Quote
from scripts.preannotate.attribution.speakers import Source, source_of
from scripts.preannotate.text import Candidate, roles

Relation = tuple[str, Candidate, Candidate]  # (relation name, head, tail)


def find_attributions(doc: Doc, text: str) -> list[Relation]:
    """Every claim with its speaker, and every speaker mention with its antecedent.
    `text` is the doc's text, passed because Doc.text joins the tokens again on every access."""
    quotes = Quotations(text)
    cues = find_cues(doc, quotes)
    cues += _untagged(doc, quotes, cues)
    quoted = [Quoted(start, end, cue.source) for cue in cues for start, end, _ in cue.claims
              if quotes.at(start) is not None and quotes.at(start).start == start]
    mentions = link(doc, [cue.source for cue in cues], quoted)
    by_span = {(m.source.start, m.source.end): m for m in mentions}
    names = roles()
    speakers: dict[tuple[int, int], Candidate] = {}

    def speaker(mention: Mention) -> Candidate:
        span = (mention.source.start, mention.source.end)
        if span not in speakers:
            tokens = mention.source.span(doc)
            rule = f"speaker:{mention.source.kind}" + (":antecedent" if not any(
                (c.source.start, c.source.end) == span for c in cues) else "")
            speakers[span] = Candidate(names.speaker, tokens.start_char, tokens.end_char, rule,
                                       {names.speaker_type: mention.kind})
        return speakers[span]

    relations: list[Relation] = []
    claimed: set[tuple[int, int]] = set()
    for cue in cues:
        mention = by_span[(cue.source.start, cue.source.end)]
        for start, end, rule in cue.claims:
            if (start, end) in claimed:
                continue
            claimed.add((start, end))
            claim = Candidate(names.claim, start, end, rule,
                              {names.reporting: _reporting(quotes, start, end), names.denied: cue.denied})
            relations.append((names.attribution, speaker(mention), claim))
    for mention in mentions:
        if mention.antecedent is not None:
            relations.append((names.coreference, speaker(mention), speaker(mention.antecedent)))
    return relations


def _reporting(quotes: Quotations, start: int, end: int) -> str:
    inside = quotes.within(start, end)
    if len(inside) == 1 and (inside[0].start, inside[0].end) == (start, end):
        return "direct"
    return "mixed" if inside else "indirect"


def _untagged(doc: Doc, quotes: Quotations, cues: list[Cue]) -> list[Cue]:
    """Quotations that stand as what was said with no tag of their own, attributed by the guidelines'
    three links; the rest are left out."""
    claimed = sorted(((start, end, cue.source) for cue in cues for start, end, _ in cue.claims), key=lambda c: c[:2])
    found = []
    for quote in quotes.quotes:
        if not quotes.stands_alone(quote) or any(s <= quote.start and quote.end <= e for s, e, _ in claimed):
            continue
        source, rule = _linked_source(doc, quotes, quote, claimed)
        if source is not None:
            cue = Cue(source, [(quote.start, quote.end, rule)])
            found.append(cue)
            claimed.append((quote.start, quote.end, source))
            claimed.sort(key=lambda c: c[0])
    return found


def _linked_source(doc: Doc, quotes: Quotations, quote: Quote,
                   claimed: list[tuple[int, int, Source]]) -> tuple[Source | None, str]:
    text = doc.text
    before = text[:quote.start].rstrip(" ")
    if before.endswith(":"):
        sentence = doc.char_span(quote.start, quote.end, alignment_mode="expand")
        first = sentence.sent if sentence is not None else None
        subject = next((t for t in (first or []) if t.dep_ == "nsubj" and t.idx < quote.start), None)
        if subject is not None and (found := source_of(subject)) is not None:
            return found, "claim:quotation-colon"
    paragraph_start = text.rfind("\n", 0, text.rfind("\n", 0, quote.start)) + 1
    previous = [c for c in claimed if paragraph_start <= c[0] and c[1] <= quote.start]
    if previous:
        start, end, source = previous[-1]
        tag = doc.char_span(start, end, alignment_mode="expand")
        after_tag = max(tag.sent.end_char, doc[source.end - 1].sent.end_char) if tag is not None else end
        others = [e for e in doc.ents if e.label_ in ("PERSON", "ORG") and after_tag <= e.start_char
                  and e.end_char <= quote.start]
        if not others:
            return source, "claim:quotation-continued"
    span = doc.char_span(quote.start, quote.end, alignment_mode="expand")
    if span is not None and span.sent.start > 0:
        earlier = doc[span.sent.start - 1].sent
        named = [e for e in earlier.ents if e.label_ in ("PERSON", "ORG")]
        if len(named) == 1 and (found := source_of(doc[named[0].end - 1])) is not None:
            return found, "claim:quotation-previous-sentence"
    return None, ""
