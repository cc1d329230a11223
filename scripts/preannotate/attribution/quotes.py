"""Quotations and the units the attribution rules read: sentences joined where a quotation runs on."""

from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Doc, Token

from scripts.preannotate.text import QUOTE_MARKS, quotations


class QuoteRules:
    """The document, its text and its quotations: what every attribution rule reads."""

    def __init__(self, doc: Doc, text: str) -> None:
        self.doc, self.text = doc, text
        self.quotes = quotations(self.text)
        self.quote_starts = [q[0] for q in self.quotes]

    def quote_at(self, offset: int) -> tuple[int, int] | None:
        """The quotation (marks included) covering a character offset, if any."""
        i = bisect_right(self.quote_starts, offset) - 1
        if i >= 0 and self.quotes[i][0] <= offset < self.quotes[i][1]:
            return self.quotes[i]
        return None

    def units(self) -> list[list[Token]]:
        """Sentences as token lists, joined where a quotation runs across a sentence end; an
        opening quotation mark that the sentencizer left at a sentence's end opens the next."""
        units: list[list[Token]] = []
        current: list[Token] = []
        for sent in self.doc.sents:
            for token in sent:
                if token.is_space:
                    if "\n" in token.text and current:
                        units.append(current)
                        current = []
                    continue
                current.append(token)
            carried = []
            if len(current) > 1 and current[-1].text in QUOTE_MARKS and self.quote_at(current[-1].idx) \
                    and self.quote_at(current[-1].idx)[0] == current[-1].idx:
                carried = [current.pop()]
            if current:
                quote = self.quote_at(current[-1].idx)
                if quote is None or quote[1] == current[-1].idx + len(current[-1]):
                    units.append(current)
                    current = []
            current += carried
        if current:
            units.append(current)
        return units

    def closes_utterance(self, unit: list[Token], k: int) -> bool:
        """A closing quotation mark that ends a quoted utterance (followed by or holding punctuation)."""
        token = unit[k]
        quote = self.quote_at(token.idx)
        if token.text not in QUOTE_MARKS or quote is None or quote[1] != token.idx + 1:
            return False
        inner = self.text[token.idx - 1: token.idx]
        return inner in (",", ".", "?", "!") or (k + 1 < len(unit) and unit[k + 1].text == ",")
