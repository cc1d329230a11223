"""Units of measurement and currencies by the words and symbols news uses, from quantulum3's unit table.

quantulum3 keeps several hundred units with their names, plural surfaces, symbols, SI prefixes,
physical dimension and, for money, ISO 4217 codes. Only what a QUANTITY span needs is kept: the
unit's name in the singular, its dimension (which tells a unit from a counted noun), its currency.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass
from functools import lru_cache

from spacy.lang.en.stop_words import STOP_WORDS

from scripts.preannotate.text import inflect_engine

# Dimensions whose units count things rather than measure them ("pair", "set", "count", "turn"): after
# a number such a word is a counted noun, not a unit.
COUNTING = frozenset({"dimensionless", "typographical element", "instance frequency"})
# Names news uses where the table's names differ.
RENAMED = {"percentage": "percent", "united states dollar": "dollar"}
SQUARE = re.compile(r"(?i)(square|cubic) (\w+)\b")


@dataclass(frozen=True)
class Unit:
    name: str  # singular, as `unit` holds it (ISO 4217 code for money)
    dimension: str  # "length", "time", "currency", ...
    currency: str | None = None


def _unit(raw) -> Unit:
    code = raw.currency_code if raw.entity.name == "currency" else None
    return Unit(code or RENAMED.get(raw.name, raw.name), raw.entity.name, code)


@lru_cache(maxsize=None)
def _tables() -> tuple[dict[str, Unit], dict[str, Unit], re.Pattern[str]]:
    """(surface, lower-cased -> unit; symbol -> unit; a pattern of every surface and symbol)."""
    inflect_engine()  # quantulum3 imports inflect: imported first without its run-time type checks
    with warnings.catch_warnings():  # quantulum3 warns that its optional unit classifier is absent
        warnings.simplefilter("ignore")
        from quantulum3 import load

    units = load.units("en_US")
    surfaces: dict[str, Unit] = {}
    named = {name.lower(): {unit} for name, unit in units.names.items()}  # "hectare" is a name, not a surface
    named.update({_plural(name): found for name, found in named.items()})
    for surface, found in {**named, **units.surfaces_lower}.items():
        chosen = sorted(found, key=lambda u: (u.entity.name != "currency", u.name))[0]  # "pounds": money
        if chosen.entity.name not in COUNTING or chosen.name in RENAMED:
            surfaces[surface] = _unit(chosen)
    symbols: dict[str, Unit] = {}
    for symbol, found in units.symbols.items():
        chosen = sorted(found, key=lambda u: (u.entity.name != "currency", u.name))[0]
        if (chosen.entity.name not in COUNTING or chosen.name in RENAMED) and not symbol.isdigit():
            symbols[symbol] = _unit(chosen)
    words = sorted(surfaces, key=len, reverse=True)
    signs = sorted(symbols, key=len, reverse=True)
    pattern = re.compile(r"(?:(?i:" + "|".join(map(re.escape, words)) + r")|" + "|".join(map(re.escape, signs))
                         + r")(?![\w])")
    return surfaces, symbols, pattern


def _plural(name: str) -> str:
    return name + ("es" if name.endswith(("s", "x", "ch", "sh")) else "s")


def unit_at(text: str, start: int, attached: bool) -> tuple[int, Unit] | None:
    """The unit that begins at `start` (its end and the unit): a word or a symbol. A one-letter
    symbol counts only when `attached` to its number ("40m", not "40 m"), where it cannot be a word."""
    surfaces, symbols, pattern = _tables()
    match = pattern.match(text, start)
    if not match:
        square = SQUARE.match(text, start)
        if square and (symbol := symbols.get(square.group(2))) is not None and symbol.dimension == "length":
            power = "square" if square.group(1).lower() == "square" else "cubic"
            return square.end(), Unit(f"{power} {symbol.name}", "area" if power == "square" else "volume")
        return None
    found = match.group()
    unit = symbols.get(found) or surfaces.get(found.lower())
    if unit is None or (len(found) == 1 and not attached and found != "%") or found.lower() in STOP_WORDS \
            or found in ('"', "'", "″", "′"):
        return None  # "in", "at": words before symbols; a quotation mark is not an inch
    return match.end(), unit


def currency_symbol(symbol: str) -> str | None:
    """The ISO 4217 code of a currency sign ("$" -> USD, "£" -> GBP), None if it is not one."""
    unit = _tables()[1].get(symbol)
    return unit.currency if unit else None
