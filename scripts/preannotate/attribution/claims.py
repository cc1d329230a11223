"""Claims of a reporting cue: a "that"-clause, an adjacent quotation, or the clause before the speaker."""

from __future__ import annotations

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Token

from scripts.preannotate.attribution.quotes import QuoteRules
from scripts.preannotate.lexicons import (ASIDE_STARTERS, AUXILIARIES, BARE_CLAUSE_VERBS, BEFORE_VERB,
                                          CLAUSE_OPENERS, DASHES, DETERMINERS, PREPOSITIONS,
                                          PROPOSITIONAL_OBJECT_VERBS, REPORTING_VERBS, SUBJECT_PRONOUNS,
                                          TIME_STARTERS, TIME_WORDS)
from scripts.preannotate.text import QUOTE_MARKS, capitalised, common_word


class ClaimRules(QuoteRules):
    """Where the claims of a cue lie, and how they are reported."""

    def _trimmed(self, tokens: list[Token]) -> tuple[int, int] | None:
        """Character span of tokens without punctuation at the end outside quotation marks."""
        while tokens and (tokens[-1].is_punct and tokens[-1].text not in QUOTE_MARKS):
            tokens = tokens[:-1]
        while tokens and tokens[0].is_punct and tokens[0].text not in QUOTE_MARKS:
            tokens = tokens[1:]
        if not tokens:
            return None
        return tokens[0].idx, tokens[-1].idx + len(tokens[-1])

    def clauses(self, unit: list[Token], s: int, relative: bool = False) -> list[tuple[int, int]]:
        """Reported clauses from token s: to the end of the sentence, an aside (dash, "though"),
        or a coordinated "and that", which starts the next clause; in a relative clause ("the
        minister, who said that ..., resigned"), to the comma that closes it."""
        spans, start, j = [], s, s
        while j < len(unit):
            token = unit[j]
            quote = self.quote_at(token.idx)
            if quote is not None and token.idx == quote[0]:
                while j < len(unit) and unit[j].idx < quote[1]:
                    j += 1
                continue
            following = unit[j + 1].lower_ if j + 1 < len(unit) else ""
            if token.text in DASHES or token.text in (".", "?", "!", ":"):
                break
            if token.text == "," and (relative or following in ASIDE_STARTERS
                                      or self._reporting_clause_at(unit, j + 1)
                                      or self._new_clause_at(unit, j + 1)):
                break
            if token.lower_ in ("and", "but", "or") and following == "that":
                span = self._trimmed(unit[start:j])
                if span:
                    spans.append(span)
                start = j = j + 2
                continue
            j += 1
        span = self._trimmed(unit[start:j])
        if span:
            spans.append(span)
        return spans

    def _reporting_clause_at(self, unit: list[Token], j: int) -> bool:
        """", but Warsaw denied ...": a conjunction opening another speaker's reporting clause."""
        if j >= len(unit) or unit[j].lower_ not in ("but", "and", "while", "whereas"):
            return False
        for token in unit[j + 1: j + 8]:
            if token.text in REPORTING_VERBS:
                return True
            if token.is_punct or token.lower_ == "that" or token.text in QUOTE_MARKS:
                return False
        return False

    @staticmethod
    def _new_clause_at(unit: list[Token], j: int) -> bool:
        """", and Oslo’s envoy declined": a conjunction after a comma opening a clause with its own
        subject, which the article states in its own voice."""
        if j + 1 >= len(unit) or unit[j].lower_ not in ("and", "but", "so", "yet"):
            return False
        nxt = unit[j + 1]
        return nxt.lower_ != "that" and (nxt.lower_ in SUBJECT_PRONOUNS or nxt.lower_ in DETERMINERS
                                         or capitalised(nxt))

    def _skip_time(self, unit: list[Token], j: int) -> int:
        """Past "on Monday evening", "last week", "earlier" after a verb."""
        while j < len(unit) and unit[j].lower_ in TIME_STARTERS:
            j += 1
            while j < len(unit) and (common_word(unit[j]) and unit[j].lower_ not in STOP_WORDS
                                     or unit[j].lower_ in TIME_WORDS or unit[j].like_num):
                j += 1
        return j

    def complement(self, unit: list[Token], k: int) -> tuple[list[tuple[int, int]], float, list[Token] | None]:
        """The claims of the cue at k, how sure the rule is, and where its speaker is when the
        claim comes first ("..., the ministry said")."""
        claims, score = self._right_complement(unit, k)
        if claims:
            return claims, score, None
        quote = self._quote_before(unit, k)
        if quote is not None:
            return [quote], 0.9, None
        j = self._skip_time(unit, k + 1)
        if j >= len(unit) or unit[j].is_punct or unit[j].lower_ in PREPOSITIONS:
            return self._clause_before(unit, k)
        if unit[k].lower_ in PROPOSITIONAL_OBJECT_VERBS:
            return self.clauses(unit, j)[:1], 0.6, None
        if unit[k].lower_ in BARE_CLAUSE_VERBS:
            claims = self.clauses(unit, j)[:1]
            words = [t for t in unit[j:] if claims and t.idx < claims[0][1]]
            subject_like = unit[j].lower_ in DETERMINERS or unit[j].lower_ in SUBJECT_PRONOUNS \
                or unit[j].like_num or capitalised(unit[j])
            if any(t.lower_ in AUXILIARIES for t in words) or subject_like and len(words) >= 3:
                return claims, 0.55, None
        return self._clause_before(unit, k)

    def _clause_before(self, unit: list[Token], k: int) -> tuple[list[tuple[int, int]], float, list[Token] | None]:
        """"In Kyiv, drones were shot down, the air force said": the clause before the speaker's comma."""
        end = k - 1
        while end >= 0 and unit[end].lower_ in BEFORE_VERB:
            end -= 1
        commas = [i for i in range(end + 1) if unit[i].text == "," and self.quote_at(unit[i].idx) is None]
        if not commas or not 0 < end - commas[-1] <= 6:
            return [], 0.0, None
        comma = commas[-1]
        start = max((i + 1 for i, t in enumerate(unit[:comma]) if t.text in DASHES or t.text == ":"), default=0)
        adverbial = unit[start].lower_ in PREPOSITIONS and "," not in {t.text for t in unit[start:comma]}
        span = self._trimmed(unit[start:comma])
        if span is None or comma - start < 4 or adverbial:
            return [], 0.0, None
        return [span], 0.7, unit[comma + 1: end + 1]

    def _right_complement(self, unit: list[Token], k: int) -> tuple[list[tuple[int, int]], float]:
        """A "that"-clause or a quotation after the cue, past a few words ("said on Tuesday that")."""
        for j in range(k + 1, min(len(unit), k + 10)):
            token = unit[j]
            if token.lower_ == "that":
                relative = k > 0 and unit[k - 1].lower_ in ("who", "which")
                return self.clauses(unit, j + 1, relative), 0.85
            if token.text in (":", ",") or token.text in QUOTE_MARKS:
                nxt = unit[j] if token.text in QUOTE_MARKS else (unit[j + 1] if j + 1 < len(unit) else None)
                quote = self.quote_at(nxt.idx) if nxt is not None else None
                if quote is not None and quote[0] == nxt.idx:
                    return [quote], 0.9
                break
            if token.is_punct or token.lower_ in REPORTING_VERBS:
                break
        return [], 0.0

    def _quote_before(self, unit: list[Token], k: int) -> tuple[int, int] | None:
        """The quoted utterance just before the speaker and cue: “...”, the minister said."""
        for j in range(k - 1, max(-1, k - 16), -1):
            token = unit[j]
            if token.text in QUOTE_MARKS:
                return self.quote_at(token.idx) if self.closes_utterance(unit, j) else None
            if token.lower_ in CLAUSE_OPENERS or token.lower_ in REPORTING_VERBS or token.text in DASHES \
                    or token.text in (".", "?", "!"):
                return None
        return None
