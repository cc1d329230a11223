"""QUANTITY candidates: quantulum3 on short windows around numbers, with the repairs news prose needs."""

from __future__ import annotations

import re
import warnings
from bisect import bisect_left
from functools import lru_cache

from spacy.tokens import Doc

from scripts.preannotate.lexicons import MONTHS, NUMBER_WORDS
from scripts.preannotate.text import Candidate, capitalised, common_word, roles, singular

with warnings.catch_warnings():  # quantulum3 warns that its optional unit classifier is absent
    warnings.simplefilter("ignore")
    from quantulum3 import classifier as quantulum_classifier
    from quantulum3 import load as quantulum_load
    from quantulum3 import parser as quantulum

# The rules decide ambiguous units, never quantulum3's optional classifier: it switches itself on when
# scikit-learn happens to be installed, and its model is pickled for one scikit-learn version.
quantulum_classifier.USE_CLF = False

SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "bn": 1e9, "mn": 1e6,
          "tn": 1e12}
SCALE_AFTER = re.compile(r"\s?(thousand|million|billion|trillion)\b|(bn|mn|tn)\b")
APPROXIMATION = re.compile(
    r"(?:\b(?:up to|about|around|approximately|roughly|some|more than|over|nearly|almost|at least|"
    r"at most|fewer than|less than|as many as|as much as|an estimated|estimated|close to|"
    r"upwards of|in excess of|under)\s+|~\s*)$", re.IGNORECASE)
PERIODS = {"hour": "hour", "day": "day", "week": "week", "month": "month", "year": "year", "annum": "year"}
# "per month" after the amount, or after an amount in another currency in brackets.
RATE_AFTER = re.compile(r"\)?(?:\s*\([^()\n]*\))?\s+(?:per|a|an|each|every)\s+(hour|day|week|month|year|annum)\b",
                        re.IGNORECASE)
RATE_IN_SURFACE = re.compile(r"\s*(?:/|\b(?:per|a|an|each|every)\s+)(hours?|days?|weeks?|months?|years?|annum)$",
                             re.IGNORECASE)
WINDOW_BEFORE, WINDOW_AFTER = 2, 6


@lru_cache(maxsize=None)
def _units():
    """quantulum3's unit table, to find the currency of a compound unit ("dollar per month")."""
    return quantulum_load.units("en_US")


def _has_number(token_text: str) -> bool:
    return any(c.isdigit() for c in token_text) or token_text.lower() in NUMBER_WORDS


def _windows(doc: Doc) -> list[tuple[int, int]]:
    """Character windows of a few tokens around each run of numbers, within one sentence."""
    windows: list[tuple[int, int]] = []
    for sent in doc.sents:
        for token in sent:
            if not _has_number(token.text):
                continue
            first = max(sent.start, token.i - WINDOW_BEFORE)
            last = min(sent.end, token.i + WINDOW_AFTER + 1) - 1
            start, end = doc[first].idx, doc[last].idx + len(doc[last])
            if windows and start <= windows[-1][1]:
                windows[-1] = (windows[-1][0], max(end, windows[-1][1]))
            else:
                windows.append((start, end))
    return windows


def _counted_noun(doc: Doc, starts: list[int], end: int, value: float) -> str | None:
    """The noun a bare number counts, singular: "11,000 North Korean troops" -> "troop"."""
    i = bisect_left(starts, end)
    for token in doc[i: i + 5]:
        if capitalised(token) and token.i + 1 < len(doc) and not capitalised(doc[token.i + 1]):
            counted = singular(token.lower_)  # "4 million Ukrainians"
            if counted:
                return counted
        if token.lower_ in ("more", "other", "fewer", "extra", "additional", "new") or capitalised(token) \
                or "-" in token.text:
            continue
        if token.is_punct or token.is_space or token.like_num or common_word(token):
            return None
        counted = singular(token.lower_)
        if counted:
            return counted
        if value == 1:
            return token.lower_
    return None


def _is_date_or_label(text: str, start: int, end: int, value: float) -> bool:
    """Years, days of months, times, ordinals and numbers inside names ("Su-57", "Flight 17")."""
    before, after = text[max(0, start - 12):start], text[end:end + 12]
    if after[:1].isalpha() or after[:1] == ":" or before[-1:] in (":", "#") or before[-1:].isalpha():
        return True
    if before[-1:] == "-" and before[-2:-1].isalpha():
        return True
    neighbours = re.findall(r"[A-Za-z]+", before)[-1:] + re.findall(r"[A-Za-z]+", after)[:1]
    if any(word.lower() in MONTHS for word in neighbours):
        return True
    if re.fullmatch(r"\d{4}", text[start:end]) and 1000 <= value <= 2100:
        return True
    label = re.search(r"([A-Za-z]+)\.?\s+$", before)  # "Flight 17", "No. 10": a name, not a count
    if not label or not label.group(1)[0].isupper():
        return False
    preceding = text[:start - len(label.group(0))].rstrip(" ")
    return bool(preceding) and preceding[-1] not in ".!?\n“\"("


def _unit_name(quantity) -> tuple[str | None, str | None]:
    """(currency code or unit name, period) from quantulum's unit; the period is a rate's "/month"."""
    numerator = [d["base"] for d in quantity.unit.dimensions if d["power"] > 0]
    denominator = [d["base"] for d in quantity.unit.dimensions if d["power"] < 0]
    period = PERIODS.get(denominator[0]) if len(denominator) == 1 else None
    if quantity.unit.currency_code:
        return quantity.unit.currency_code, period
    if numerator and numerator[0] in _units().names and _units().names[numerator[0]].currency_code:
        return _units().names[numerator[0]].currency_code, period
    if period:
        return " ".join(numerator), period
    name = quantity.unit.name
    return {"percentage": "percent"}.get(name, name.replace(" per ", "/")), None


def find_quantities(doc: Doc, text: str) -> list[Candidate]:
    """QUANTITY candidates with value, unit and approximate, in text order.
    `text` is the doc's text, passed because Doc.text joins the tokens again on every access."""
    starts = [token.idx for token in doc]
    found: list[Candidate] = []
    for window_start, window_end in _windows(doc):
        for quantity in quantulum.parse(text[window_start:window_end]):
            candidate = _candidate(doc, text, starts, quantity, window_start)
            if candidate and not (found and candidate.start < found[-1].end):
                found.append(candidate)
    return found


def _candidate(doc: Doc, text: str, starts: list[int], quantity, offset: int) -> Candidate | None:
    """One quantulum result made to follow the guidelines, or None when it is not a QUANTITY."""
    start, end = quantity.span[0] + offset, quantity.span[1] + offset
    value = float(quantity.value)
    if text[start] == "(":  # quantulum reads a bracketed amount as an accounting negative
        start, value = start + 1, abs(value)
    if text[end - 1] == ")" and "(" not in text[start:end]:
        end -= 1
    surface = text[start:end]
    words = set(re.findall(r"[a-z]+", surface.lower()))
    if not any(c.isdigit() for c in surface) and not words & NUMBER_WORDS:
        return None  # "a day", "a dozen": the article is not a number
    unit, period = _unit_name(quantity)
    suffix = re.search(r"\d(bn|mn|tn)$", surface)  # "$5bn", which quantulum reads as bits and newtons
    if suffix:
        value = float(re.sub(r"[^\d.]", "", surface[:suffix.start() + 1])) * SCALES[suffix.group(1)]
    elif quantity.unit.entity.name == "unknown" and not period or unit in ("count", "dozen"):
        return None
    scale = SCALE_AFTER.match(text, end)
    if scale and (unit == "dimensionless" or quantity.unit.currency_code) and not words & set(SCALES):
        value *= SCALES[(scale.group(1) or scale.group(2)).lower()]
        end = scale.end()
    rate = RATE_IN_SURFACE.search(text, start, end)
    if period and rate:
        end = rate.start()
    elif not period:
        following = RATE_AFTER.match(text, end)
        period = PERIODS[following.group(1).lower()] if following else None
    score = 0.9
    if unit == "dimensionless":
        if _is_date_or_label(text, start, end, value):
            return None
        unit = _counted_noun(doc, starts, end, value)
        if unit is None and not any(c.isdigit() for c in text[start:end]):
            return None
        score = 0.8 if unit else 0.5
    if period:
        unit = f"{unit}/{period}"
    approximate = bool(APPROXIMATION.search(text[max(0, start - 20):start])) or quantity.uncertainty is not None
    names = roles()
    return Candidate(names.quantity, start, end, score,
                     {names.value: value, names.unit: unit, names.approximate: approximate})
