"""SPEAKER and CLAIM candidates from reporting cues and quotations, with attribution and coreference.

The rules read the token sequence only (no parser): a cue is a reporting verb or "according to";
its claim is a "that"-clause, an adjacent quotation, or the clause "according to" is attached to
(`claims`); its speaker is the subject before the verb (or after it, in "said the minister"), reduced
to a proper name, a noun phrase without its determiner, or a pronoun (`speakers`); later mentions are
linked to their source (`coreference`).
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from scripts.preannotate.attribution.claims import ClaimRules
from scripts.preannotate.attribution.coreference import CoreferenceRules, Relation
from scripts.preannotate.attribution.speakers import Mention
from scripts.preannotate.lexicons import CLAUSE_OPENERS, CONTINUING_CUES, DASHES, REPORTING_VERBS
from scripts.preannotate.text import QUOTE_MARKS, Candidate, roles


class Reader(ClaimRules, CoreferenceRules):
    """The rules over one document; `read()` gives its speakers, claims and links."""

    def __init__(self, doc: Doc, text: str) -> None:
        super().__init__(doc, text)
        self.claims: dict[tuple[int, int], Candidate] = {}
        self.attributions: list[tuple[Mention, Candidate]] = []

    def attribute(self, tokens_and_type: tuple[list[Token], str, float] | None,
                  claims: list[tuple[int, int]], score: float) -> None:
        """Attribute the claims to the speaker found for them, if one was found."""
        if tokens_and_type is None or not claims:
            return
        tokens, kind, speaker_score = tokens_and_type
        speaker = self.mention(tokens, kind, speaker_score)
        for start, end in claims:
            self._claim(speaker, start, end, score)

    def _claim(self, speaker: Mention, start: int, end: int, score: float) -> None:
        """A claim attributed to the speaker, unless another cue has it or it holds the speaker."""
        if (start, end) in self.claims or speaker.candidate.start < end and start < speaker.candidate.end:
            return
        names = roles()
        claim = Candidate(names.claim, start, end, score, {names.reporting: self._reporting(start, end)})
        self.claims[(start, end)] = claim
        self.attributions.append((speaker, claim))

    def _reporting(self, start: int, end: int) -> str:
        if (start, end) in self.quotes:
            return "direct"
        return "mixed" if any(start <= q[0] and q[1] <= end for q in self.quotes) else "indirect"

    def according_to(self, unit: list[Token], k: int) -> None:
        """"according to X, CLAIM" and "CLAIM, according to X"."""
        region = []
        for token in unit[k + 2:]:
            if token.is_punct or token.text in QUOTE_MARKS:
                break
            region.append(token)
        if not region:
            return
        source = self.speaker(region, unit[0].i)
        after = k + 2 + len(region)
        opener = k == 0 or unit[k - 1].text in DASHES or unit[k - 1].lower_ in CLAUSE_OPENERS
        if opener:
            claims = self.clauses(unit, after + 1) if after < len(unit) and unit[after].text == "," else []
        else:
            start = max((i + 1 for i, t in enumerate(unit[:k]) if t.text in DASHES or t.text == ":"), default=0)
            span = self._trimmed(unit[start:k])
            claims = [span] if span else []
        self.attribute(source, claims, 0.8)

    def read(self) -> list[Relation]:
        previous: list[Token] = []
        for unit in self.units():
            before = len(self.attributions)
            for k, token in enumerate(unit):
                if self.quote_at(token.idx) is not None:
                    continue  # the quoted speaker's own words
                if token.lower_ == "according" and k + 1 < len(unit) and unit[k + 1].lower_ == "to":
                    self.according_to(unit, k)
                elif token.text in CONTINUING_CUES and k > 0 and unit[k - 1].text == "," \
                        and len(self.attributions) > before:
                    self._continuing(unit, k)
                elif token.text in REPORTING_VERBS:
                    claims, score, region = self.complement(unit, k)
                    if claims:
                        region = self.subject(unit, k) if region is None else region
                        self.attribute(self.speaker(region, unit[0].i), claims, score)
            if len(self.attributions) == before and previous:
                self._continued_quotation(previous, unit)
            previous = unit
        return self._links()

    def _continuing(self, unit: list[Token], k: int) -> None:
        """", adding that ...": a further claim of the speaker of the clause before."""
        claims, score = self._right_complement(unit, k)
        for start, end in claims:
            self._claim(self.attributions[-1][0], start, end, score)

    def _continued_quotation(self, previous: list[Token], unit: list[Token]) -> None:
        """“...,” he said. “...”: a sentence that is all quotation continues the quoted speaker,
        in the same paragraph."""
        quote = self.quote_at(unit[0].idx)
        last = self.attributions[-1] if self.attributions else None
        if quote is None or quote[0] != unit[0].idx or last is None or "\n" in self.text[previous[-1].idx: unit[0].idx]:
            return
        if any(t.idx >= quote[1] and not t.is_punct for t in unit) or last[1].end < previous[0].idx \
                or last[1].attributes[roles().reporting] != "direct":
            return
        self._claim(last[0], quote[0], quote[1], 0.6)


def find_attributions(doc: Doc, text: str) -> list[Relation]:
    """SPEAKER and CLAIM candidates of a document with their attribution and coreference links.
    `text` is the doc's text, passed because Doc.text joins the tokens again on every access."""
    return Reader(doc, text).read()
