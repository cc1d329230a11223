"""QUANTITY candidates: every number the guidelines count as an amount, with its span, value, unit and
whether it is approximate.

Numbers are found in the text itself (digits and words, `scripts.preannotate.numbers`), so that a span
ends exactly where the guidelines say, whatever the tokenizer makes of "£40m" or "35-year-old"; the
parse says what a bare number counts (its head noun) and whether it is a date or part of a name.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token

from scripts.preannotate.lexicons import (APPROXIMATIONS, CALLING_VERBS, FRACTION_WORDS, MONTHS, NAME_BEFORE_NUMBER,
                                          PEOPLE_VERBS, SPORT_VERBS, STREET_WORDS, WEIGHT_WORDS)
from scripts.preannotate.numbers import NUMBER, SCALE_LETTERS, SCALE_WORDS, value
from scripts.preannotate.text import Candidate, entity_of, roles, singular
from scripts.preannotate.units import currency_symbol, unit_at

PREFIXED_CODES = {"US$": "USD", "A$": "AUD", "C$": "CAD", "HK$": "HKD", "NZ$": "NZD", "S$": "SGD", "R$": "BRL"}
CURRENCY_PREFIX = r"(?:US\$|A\$|C\$|HK\$|NZ\$|S\$|R\$|\$|£|€|¥|₹)"
NUMBER_RE = re.compile(rf"(?<![\w.,$£€¥₹])({CURRENCY_PREFIX})?({NUMBER})")
SCALE_LETTER = re.compile(r"(?i)(mn|mln|bn|trn|tn|m|b|k)(?!\w)")
PERCENT = re.compile(r"(?i)\s?(%|per ?cent\b|percentage points?\b)")
PENCE = re.compile(r"(?i)(p\b|\s?pence\b)")
AGE = re.compile(r"(?i)-(years?|months?|weeks?)-old\b")
HYPHEN_UNIT = re.compile(r"-([a-z]+)\b")
SCALE_BEFORE = re.compile(r"(?i)\b(magnitude|force|category)[ -]$")
SCALE_AFTER = re.compile(r"(?i)[ -]magnitude\b")
SCALE_UNITS = {"magnitude": "magnitude", "force": "Beaufort force", "category": "hurricane category"}
RANGE_JOIN = re.compile(r"(?i)\s?(?:-|–|—)\s?|\s(?:to|and)\s")
FRACTION = re.compile(rf"(?i)\b(?:(one|a|\d+) in (\d+|\w+)|(\w+|\d+) out of (\d+|\w+)|"
                      rf"((?:an?|one|two|three|four|five)[ -])({FRACTION_WORDS})|(half)(?= of| an?\b))\b")
FRACTION_DENOMINATORS = {"half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4,
                         "fifth": 5, "fifths": 5, "tenth": 10, "tenths": 10}
TIME = re.compile(r"(?i)\s?(?:a\.?m\b\.?|p\.?m\b\.?|o'clock\b|GMT\b|UTC\b)|:\d\d(?!\d)|\.\d\d\s?[ap]\.?m\b")
ORDINAL = re.compile(r"(?i)(?:st|nd|rd|th)\b")
APPROXIMATION = re.compile(rf"(?i)\b(?:{APPROXIMATIONS})\s+$")
AGED = re.compile(r"(?i)\baged?\s$")
CENTS = re.compile(r"(?i)\s?cents?\b")
# A period of time after an amount of money, past the same amount in another currency in brackets:
# "$2,500 (€2,300) per month" is a rate of USD/month and EUR/month (only periods go into the unit).
RATE = re.compile(r"(?i)\)?(?:\s*\([^()\n]{1,30}\))?\s+(?:per|a|an|each|every)\s+"
                  r"(hour|day|week|month|year)\b")


@dataclass(frozen=True)
class Amount:
    start: int
    end: int
    value: float
    unit: str | None
    rule: str  # what found it, for the score
    scaled: bool = False  # its value carries a scale word ("3 million")


def find_quantities(doc: Doc, text: str) -> list[Candidate]:
    """QUANTITY candidates with value, unit and approximate, in text order, never overlapping."""
    names = roles()
    starts = [token.idx for token in doc]
    amounts = [*_fractions(text), *_ranged(doc, text, starts)]
    named = _named_numbers(doc)
    found: list[Candidate] = []
    for amount in sorted(amounts, key=lambda a: (a.start, -a.end)):
        if found and amount.start < found[-1].end \
                or amount.rule == "count-bare" and text[amount.start:amount.end] in named:
            continue
        approximate = amount.rule == "range" or bool(APPROXIMATION.search(text[max(0, amount.start - 25):amount.start]))
        unit = amount.unit
        if amount.rule == "money" and unit and (period := RATE.match(text, amount.end)):
            unit = f"{unit}/{period.group(1).lower()}"
        found.append(Candidate(names.quantity, amount.start, amount.end, f"quantity:{amount.rule}",
                               {names.value: round(amount.value, 4), names.unit: unit,
                                names.approximate: approximate}))
    return found


def _named_numbers(doc: Doc) -> frozenset[str]:
    """Numbers the document uses in a name ("Boeing 747"): alone later ("the 747"), they name the same."""
    return frozenset(digits.group() for token in doc[1:] if (digits := re.match(r"\d+", token.text))
                     and _capitalised_word(doc[token.i - 1]) and doc[token.i - 1].pos_ == "PROPN")


def _capitalised_word(token: Token) -> bool:
    """A capitalised word inside the sentence that can name with the number after it ("Boeing", not "May")."""
    return token.text[:1].isupper() and token.is_alpha and not token.is_sent_start and token.lower_ not in MONTHS


def _ranged(doc: Doc, text: str, starts: list[int]) -> list[Amount]:
    """Every number read; of two joined as a range, the first takes the unit of the second."""
    amounts = [a for match in NUMBER_RE.finditer(text) if (a := _read(doc, text, starts, match)) is not None]
    for i in range(len(amounts) - 1):
        first, second = amounts[i], amounts[i + 1]
        join = RANGE_JOIN.fullmatch(text, first.end, second.start)
        if not join or "and" in join.group() and not re.search(r"(?i)\bbetween\s+\S*$", text[:first.start]):
            continue
        if first.rule not in ("count", "count-bare") and first.unit != second.unit:
            continue
        number = first.value * (second.value / value_of_number(text, second)) if second.scaled and not first.scaled \
            else first.value
        amounts[i] = replace(first, value=number, unit=second.unit, rule="range")
        amounts[i + 1] = replace(second, rule="range")
    return amounts


def value_of_number(text: str, amount: Amount) -> float:
    """The value of the digits or words that open an amount, without its scale word."""
    match = re.match(r"\D*?(\d[\d,.]*|[A-Za-z]+)", text[amount.start:amount.end])
    return value(match.group(1)) if match and value(match.group(1)) else amount.value


def _token_at(doc: Doc, starts: list[int], offset: int) -> Token:
    return doc[max(0, bisect_right(starts, offset) - 1)]


def _read(doc: Doc, text: str, starts: list[int], match: re.Match) -> Amount | None:
    """What one number is: money, a percentage, a measure, an age, a magnitude, or a count; None when it
    is a year, a date, a time, an ordinal, a score or part of a name."""
    prefix, number = match.group(1), match.group(2)
    start, end = match.start(), match.end()
    amount = value(number)
    if amount is None:
        return None
    is_scaled = any(word in number.lower() for word in SCALE_WORDS)
    if prefix:
        code = PREFIXED_CODES.get(prefix) or currency_symbol(prefix)
        letter = SCALE_LETTER.match(text, end)
        if letter:
            amount, end, is_scaled = amount * SCALE_LETTERS[letter.group(1).lower()], letter.end(), True
        return Amount(start, end, amount, code, "money", is_scaled)
    if _excluded(doc, text, starts, start, end, number):
        return None
    if scale := SCALE_BEFORE.search(text[max(0, start - 12):start]):
        return Amount(start - len(scale.group()), end, amount, SCALE_UNITS[scale.group(1).lower()], "magnitude")
    if (after := SCALE_AFTER.match(text, end)) and not re.match(r"\s?\d", text[after.end():after.end() + 2]):
        return Amount(start, after.end(), amount, "magnitude", "magnitude")
    if percent := PERCENT.match(text, end):
        point = "point" in percent.group(1).lower()
        return Amount(start, percent.end(), amount, "percentage point" if point else "percent", "percent", is_scaled)
    if age := AGE.match(text, end):
        return Amount(start, end + 1 + len(age.group(1)), amount, _singular_time(age.group(1)), "age")
    if pence := PENCE.match(text, end):
        return Amount(start, pence.end(), amount / 100, "GBP", "money", is_scaled)
    if cents := CENTS.match(text, end):
        return Amount(start, cents.end(), amount / 100, _nearby_currency(doc, text, starts, start), "money")
    if AGED.search(text[max(0, start - 6):start]) or _age_after_name(doc, text, starts, start, end):
        return Amount(start, end, amount, "year", "age")
    attached = text[end:end + 1] not in (" ", "-")
    unit = unit_at(text, end if attached else end + 1, attached)
    if unit is not None and not (unit[1].dimension == "time" and text[end:end + 1] == "-" and AGE.match(text, end)):
        unit_end, found = unit
        if text[end:end + 1] == "-" and found.dimension == "currency":
            return None
        if found.currency == "GBP" and text[end:unit_end].strip().lower().startswith("pound") \
                and any(t.lemma_.lower() in WEIGHT_WORDS for t in _token_at(doc, starts, start).sent):
            return Amount(start, unit_end, amount, "pound", "measure")  # "weighed 82 pounds": mass
        return Amount(start, unit_end, amount, found.name, "money" if found.currency else "measure", is_scaled)
    if attached and text[end:end + 1].isalpha():
        return None  # "3D", "4x4": a code, not an amount
    if text[end:end + 1] == "-" and not HYPHEN_UNIT.match(text, end):
        return None  # "COVID-19"-like codes join a number to a number or a sign
    return _count(doc, starts, start, end, amount, is_scaled)


def _nearby_currency(doc: Doc, text: str, starts: list[int], start: int) -> str | None:
    """The currency of the nearest amount with a sign in the same sentence ("$2.5bn ... 50 cents")."""
    sentence = _token_at(doc, starts, start).sent
    signs = [(abs(m.start() - start), PREFIXED_CODES.get(m.group(1)) or currency_symbol(m.group(1)))
             for m in NUMBER_RE.finditer(sentence.text) if m.group(1)]
    return min(signs)[1] if signs else None


def _age_after_name(doc: Doc, text: str, starts: list[int], start: int, end: int) -> bool:
    """"Joel Abernethy, 61," or "Joel Abernethy (61)": a number set off right after a person's name."""
    if not re.fullmatch(r"\d{1,3}", text[start:end]) or not re.match(r"\s?[,)]", text[end:end + 2]):
        return False
    opening = re.search(r"(?:,|\()\s?$", text[max(0, start - 2):start])
    if not opening:
        return False
    previous = _token_at(doc, starts, start - len(opening.group()) - 1)
    return previous.ent_type_ == "PERSON"


def _singular_time(word: str) -> str:
    word = word.lower()
    return word[:-1] if word.endswith("s") else word


def _excluded(doc: Doc, text: str, starts: list[int], start: int, end: int, number: str) -> bool:
    """A year, a date, a time of day, an ordinal, a sports score, a number inside a name or an address,
    or "one" as a pronoun: not an amount."""
    after, before = text[end:end + 24], text[max(0, start - 24):start]
    if ORDINAL.match(after) or TIME.match(after) or re.search(r"\d:$", before):
        return True  # "15:30": both numbers of a time
    token = _token_at(doc, starts, start)
    if token.dep_ in ("dobj", "npadvmod") and token.head.lemma_ in CALLING_VERBS:
        return True  # "phoned 911": a telephone number
    if re.fullmatch(r"\d{4}", number) and 1000 <= int(number) <= 2100 and not PERCENT.match(after) \
            and not unit_at(text, end + 1, attached=False) and not _counts(token):
        return True  # a year
    neighbours = re.findall(r"[A-Za-z]+", before)[-1:] + re.findall(r"[A-Za-z]+", after)[:1]
    if any(word.lower() in MONTHS for word in neighbours) or _in_date(doc, token):
        return True
    if re.search(r"(?i)\b(?:" + "|".join(MONTHS) + r")\.? \d{1,2}(?:,? and|,? or| to|-|–)\s?$", before):
        return True  # "on March 4 and 5": the second day of a date
    if re.search(r"[“\"]$", before) and re.match(r"[”\"]", after):
        return True  # '"19" for the year': a number quoted alone is a sign, not an amount
    if _identifier(token, text, end):
        return True
    if re.match(r"/\d", after) or re.search(r"\d/$", before):
        return True  # "24/7", "3/4": a code or a date
    if before.endswith("-") and before[-2:-1].isalnum() or after[:1] == "-" and after[1:2].isdigit():
        if _token_at(doc, starts, start).sent is not None and _sports(doc, starts, start):
            return True
        if before.endswith("-") and before[-2:-1].isalpha():
            return True  # "COVID-19", "Su-57"
    if re.match(r"0?s\b", after):
        return True  # "the 1990s", "the 80s": a decade
    if _names(doc, token, before, after):
        return True
    if number.lower() == "one":  # a count of the noun after it, of people, or beside another count
        return not (token.dep_ == "nummod" and token.head.pos_ == "NOUN" and token.head.i > token.i
                    or token.dep_ in ("dobj", "nsubjpass") and token.head.lemma_ in PEOPLE_VERBS
                    or token.dep_ == "conj" and token.head.like_num and token.head.dep_ == "nummod")
    return False


def _identifier(token: Token, text: str, end: int) -> bool:
    """A number right after a singular noun that it does not count ("coronavirus 2", "type 2", "gate
    5"): it names, as in the guidelines' numbers inside names, unless a unit follows it."""
    if token.i == 0:
        return False
    previous = token.doc[token.i - 1]
    return previous.tag_ in ("NN", "NNP") and previous.idx + len(previous) + 1 == token.idx \
        and not previous.like_num and not PERCENT.match(text, end) and unit_at(text, end + 1, False) is None \
        and previous.lower_ not in MONTHS and previous.lower_ not in SCALE_UNITS and token.dep_ != "dobj" \
        and previous.lower_ != "age"


def _counts(token: Token) -> bool:
    """A number that counts something: the plural noun after it ("1500 people", not "the 2023
    report"), or the subject or object of a verb."""
    if token.dep_ == "nummod":
        return token.head.i > token.i and token.head.tag_ in ("NNS", "NNPS")
    return token.dep_ in ("nsubj", "nsubjpass", "dobj")


def _in_date(doc: Doc, token: Token) -> bool:
    """A day of a date the pipeline found: "on December 5 and 6"."""
    if token.ent_type_ != "DATE":
        return False
    entity = entity_of(token)
    return any(t.lower_ in MONTHS for t in entity)


def _sports(doc: Doc, starts: list[int], start: int) -> bool:
    return any(t.lemma_ in SPORT_VERBS for t in _token_at(doc, starts, start).sent)


def _names(doc: Doc, token: Token, before: str, after: str) -> bool:
    """"Flight 802", "Apollo 11", "Top 40", "Section 8", "14 Mill Lane": a number that names."""
    previous = re.search(r"([A-Za-z]+) $", before)  # on the same line, no full stop between
    if previous and previous.group(1)[0].isupper():
        word = previous.group(1)
        if word.lower() in NAME_BEFORE_NUMBER:
            return True
        if token.i > 0 and _capitalised_word(doc[token.i - 1]):
            return True  # "Boeing 737", "Skylark 220": a capitalised word inside the sentence names
    street = re.match(r"\s((?:[A-Z][a-z]+\s){1,3})([A-Z][a-z]+)\b", after)
    return bool(street) and street.group(2).lower() in STREET_WORDS


def _count(doc: Doc, starts: list[int], start: int, end: int, number: float, is_scaled: bool) -> Amount:
    """A bare count: the number alone, with the noun it counts, in the singular, as its unit."""
    token = _token_at(doc, starts, end - 1)
    noun = None
    if token.dep_ in ("nummod", "quantmod", "compound", "amod", "npadvmod") and token.head.pos_ == "NOUN" \
            and token.head.i > token.i:
        noun = token.head
    elif token.i + 1 < len(doc) and doc[token.i + 1].pos_ == "NOUN":
        noun = doc[token.i + 1]
    if noun is not None:
        word = noun.lower_
        return Amount(start, end, number, "person" if word in ("people", "persons") else singular(word) or word,
                      "count", is_scaled)
    if token.head.lemma_ in PEOPLE_VERBS:
        return Amount(start, end, number, "person", "count-people", is_scaled)
    if any(t.lower_ == "toll" for t in token.sent):
        return Amount(start, end, number, "death", "count-people", is_scaled)
    return Amount(start, end, number, None, "count-bare", is_scaled)


def _fractions(text: str) -> list[Amount]:
    """"half", "a third", "two-thirds", "three quarters", "one in five", "nine out of 10"."""
    amounts = []
    for match in FRACTION.finditer(text):
        if match.group(1):
            numerator, denominator = 1.0, value(match.group(2))
        elif match.group(3):
            numerator, denominator = value(match.group(3)), value(match.group(4))
        elif match.group(7):
            numerator, denominator = 1.0, 2
        else:
            numerator = value(match.group(5).strip(" -")) if match.group(5)[0] not in "aA" else 1.0
            denominator = FRACTION_DENOMINATORS[match.group(6).lower()]
        if numerator and denominator:
            amounts.append(Amount(match.start(), match.end(), numerator / denominator, "fraction", "fraction"))
    return amounts
