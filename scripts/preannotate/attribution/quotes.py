"""Quotations of an article: where each runs, whether it stands as what someone said, and how it is tagged.

A quotation runs from an opening to a closing mark within one paragraph; a paragraph that opens with
a mark and never closes it is a quotation to its end (the guidelines' quotation over several
paragraphs). Straight quotes pair up in order; curly ones by their shape.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

QUOTE_MARKS = frozenset({"“", "”", '"'})
CLOSED = re.compile(r"“[^“”\n]*”|\"[^\"\n]*\"")
OPEN_PARAGRAPH = re.compile(r"(?m)^[“\"][^”\"\n]*$")


@dataclass(frozen=True)
class Quote:
    start: int
    end: int
    open: bool  # runs to the end of its paragraph, closed in a later one


class Quotations:
    """The quotations of a text, found once, looked up by offset."""

    def __init__(self, text: str) -> None:
        found = [Quote(m.start(), m.end(), False) for m in CLOSED.finditer(text)]
        found += [Quote(m.start(), m.end(), True) for m in OPEN_PARAGRAPH.finditer(text)]
        self.text = text
        self.quotes = sorted(found, key=lambda q: q.start)
        self.starts = [q.start for q in self.quotes]

    def at(self, offset: int) -> Quote | None:
        """The quotation that covers a character offset, if any."""
        i = bisect_right(self.starts, offset) - 1
        if i >= 0 and self.quotes[i].start <= offset < self.quotes[i].end:
            return self.quotes[i]
        return None

    def within(self, start: int, end: int) -> list[Quote]:
        """The quotations that lie inside [start, end)."""
        i = bisect_right(self.starts, start - 1)
        found = []
        while i < len(self.quotes) and self.quotes[i].start < end:
            if self.quotes[i].end <= end:
                found.append(self.quotes[i])
            i += 1
        return found

    def near(self, start: int, end: int) -> list[Quote]:
        """The quotations that overlap [start, end): a sentence split inside a quotation still sees it."""
        return [q for q in self.quotes if q.start < end and start < q.end]

    def stands_alone(self, quote: Quote, after_verb: bool = False, words: int = 3) -> bool:
        """A quotation that stands as what was said: it opens a paragraph or a sentence, or follows a
        comma, a colon or (`after_verb`) its reporting verb, and it holds a sentence's end or ends its
        own sentence; not a scare quote (fewer than `words` words)."""
        before = self.text[:quote.start].rstrip(" ")
        opening = after_verb or not before or before[-1] in "\n.!?:,"
        inner = self.text[quote.start:quote.end].rstrip("”\"")
        after = self.text[quote.end:quote.end + 2]
        closing = quote.open or inner[-1:] in ",.?!" or after[:1] in (".", "?", "!", "\n", "") or after[:1] == ","
        return opening and closing and len(inner.split()) >= words
