"""What a reader sees as one character: grapheme clusters, invisible characters, and characters that make
one-line text display other than it reads. Span edges, article texts and metadata are checked with these."""

from __future__ import annotations

import unicodedata

import regex

BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")  # embeddings, overrides, isolates
_CLUSTER = regex.compile(r"\X")
_PREPEND = regex.compile(r"\p{Grapheme_Cluster_Break=Prepend}")


def invisible(char: str) -> bool:
    """Whitespace, or a format character that takes no room (zero-width space, joiners, marks of direction,
    the byte order mark, soft hyphen)."""
    return char.isspace() or (char >= "\x80" and unicodedata.category(char) == "Cf")


def visible_text(text: str) -> bool:
    """Whether the text holds anything a reader would see."""
    return not all(map(invisible, text))


def unsafe_character(value: str) -> str | None:
    """The first character one-line metadata must not hold, described: a control character, or a
    bidirectional control that makes the text display other than it reads."""
    for char in value:
        if char in BIDI_CONTROLS or unicodedata.category(char) == "Cc":
            kind = "a bidirectional control" if char in BIDI_CONTROLS else "a control character"
            return f"{kind} U+{ord(char):04X}"
    return None


def _cluster_start(text: str, position: int) -> int:
    """A position at or before `position` where a cluster certainly starts: the text's start, or an ASCII
    character (never a continuation of a cluster) whose predecessor does not prepend to it."""
    start = position
    while start > 0 and not (text[start] < "\x80" and not (text[start - 1] == "\r" and text[start] == "\n")
                             and not _PREPEND.match(text[start - 1])):
        start -= 1
    return start


def cut_cluster(text: str, position: int) -> str | None:
    """The character (grapheme cluster) that a span edge at `position` cuts in two, as a letter and its
    accent or the parts of an emoji sequence; None when `position` lies between two characters."""
    if position <= 0 or position >= len(text):
        return None
    before, after = text[position - 1], text[position]
    if before < "\x80" and after < "\x80":
        return text[position - 1:position + 1] if (before, after) == ("\r", "\n") else None
    start = _cluster_start(text, position - 1)
    while True:
        end = _CLUSTER.match(text, start).end()
        if end == position:
            return None
        if end > position:
            return text[start:end]
        start = end
