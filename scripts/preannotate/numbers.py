"""Numbers as news prints them, read to their value: digits with separators, words, scale words and letters.

A number is matched by `NUMBER` (a regular expression source, to be embedded in larger patterns) and
read by `value`; both know the same words, so what matches can always be read.
"""

from __future__ import annotations

import re

UNITS_WORDS = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
               "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
               "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19}
TENS_WORDS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
              "ninety": 90}
SCALE_WORDS = {"hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
               "lakh": 1e5, "crore": 1e7}
SCALE_LETTERS = {"k": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "b": 1e9, "bn": 1e9, "tn": 1e12, "trn": 1e12}
DOZEN = 12

_WORD = "|".join(sorted([*UNITS_WORDS, *TENS_WORDS], key=len, reverse=True))
_SCALE = "|".join(SCALE_WORDS)
DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+"
# "forty-one", "two hundred and fifty", "a hundred", "a dozen": number words, case-insensitive.
WORDS = (rf"(?:(?:{_WORD})(?:[- ](?:{_WORD}))?|an? (?:{_SCALE}|dozen)|dozen)"
         rf"(?:[- ](?:{_SCALE}|dozen)\b(?:,? and (?:{_WORD})(?:[- ](?:{_WORD}))?\b)?)*")
NUMBER = rf"(?:{DIGITS})(?:\s(?:{_SCALE}))*|(?i:\b(?:{WORDS})\b)"


def value(text: str) -> float | None:
    """The value of a number as matched by NUMBER ("12,500", "2.5 million", "forty-one", "a dozen")."""
    words = text.lower().replace(",", "").replace("-", " ").split()
    if not words:
        return None
    total, current = 0.0, 0.0
    started = False
    for word in words:
        if re.fullmatch(r"\d+(?:\.\d+)?|\.\d+", word):  # ".0605" too
            current += float(word)
        elif word in UNITS_WORDS:
            current += UNITS_WORDS[word]
        elif word in TENS_WORDS:
            current += TENS_WORDS[word]
        elif word == "dozen":
            current = (current or 1) * DOZEN
        elif word == "hundred":
            current = (current or 1) * 100
        elif word in SCALE_WORDS:
            total += (current or 1) * SCALE_WORDS[word]
            current = 0.0
        elif word in ("a", "an", "and"):
            continue
        else:
            return None
        started = True
    return total + current if started else None
