"""Speakers: the subject of a reporting cue reduced to a name, an unnamed source's noun phrase, or a pronoun."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Token

from scripts.preannotate.attribution.quotes import QuoteRules
from scripts.preannotate.lexicons import (BEFORE_VERB, CLAUSE_OPENERS, DASHES, DETERMINERS, MEDIA_WORDS,
                                          ORGANISATION_WORDS, PREPOSITIONS, REPORTING_VERBS, ROLE_WORDS,
                                          SOURCE_NOUNS)
from scripts.preannotate.places import gazetteer, normalise
from scripts.preannotate.text import (POSSESSIVES, QUOTE_MARKS, Candidate, capitalised, common_word, roles,
                                      singular)

PRONOUNS = {"he": ("person", "anonymous"), "she": ("person", "anonymous"), "it": ("organisation", "media_outlet"),
            "they": ("collective", "organisation", "person")}


@dataclass(eq=False)
class Mention:
    """A SPEAKER mention: its candidate span and the words that name its source."""

    candidate: Candidate
    words: tuple[str, ...]
    pronoun: bool = False

    @property
    def kind(self) -> str:
        return self.candidate.attributes[roles().speaker_type]


class SpeakerRules(QuoteRules):
    """Who the source of a cue is, and its mention: one per span, shared by the claims it makes."""

    def __init__(self, doc, text) -> None:
        super().__init__(doc, text)
        self.mentions: dict[tuple[int, int], Mention] = {}

    def subject(self, unit: list[Token], k: int) -> list[Token]:
        """The words before the cue back to a clause boundary, or after it when inverted."""
        end = k - 1
        while end >= 0 and unit[end].lower_ in BEFORE_VERB:
            end -= 1
        b = end
        while b >= 0 and not self._boundary(unit, b):
            b -= 1
        region = [t for t in unit[b + 1: end + 1]]
        while region and region[-1].is_punct and region[-1].text not in QUOTE_MARKS:
            region.pop()
        if region:
            return region
        after = []
        for token in unit[k + 1: k + 9]:
            if token.is_punct or token.lower_ in PREPOSITIONS or token.lower_ == "that":
                break
            after.append(token)
        return after

    def _boundary(self, unit: list[Token], b: int) -> bool:
        token = unit[b]
        if token.lower_ in CLAUSE_OPENERS or token.text in DASHES or token.text in (":", "(", ")"):
            return True
        if token.lower_ == "and" and b > 0 and unit[b - 1].text == ",":
            return True
        return self.closes_utterance(unit, b)

    def speaker(self, region: list[Token], unit_start: int) -> tuple[list[Token], str, float] | None:
        """(tokens, speaker_type, score) of the source named in a subject region."""
        while region and region[0].is_punct and region[0].text not in QUOTE_MARKS:
            region = region[1:]
        if not region:
            return None
        if region[-1].lower_ in PRONOUNS:
            return [region[-1]], "", 0.8
        runs = self._name_runs(region, unit_start)
        if runs:
            name = self._strip_title(runs[-1])
            if name:
                return name, self._name_type(name), 0.9
        return self._noun_phrase(region)

    def _name_runs(self, region: list[Token], unit_start: int) -> list[list[Token]]:
        """Capitalised runs that can be a source's name: not owners, objects, modifiers or dates."""
        runs, i = [], 0
        while i < len(region):
            if not capitalised(region[i]) or region[i].text in QUOTE_MARKS:
                i += 1
                continue
            if region[i].lower_ in STOP_WORDS and region[i].text != "The":  # "In Kyiv", "On Sunday"
                i += 1
                continue
            j = i
            while j < len(region) and capitalised(region[j]):
                j += 1
            run, before = region[i:j], [t.lower_ for t in region[max(0, i - 2):i]]
            after = self.doc[region[j - 1].i + 1] if region[j - 1].i + 1 < len(self.doc) else None
            inside = j < len(region)
            excluded = (
                (after is not None and after.text in POSSESSIVES)
                or (before and (before[-1] in PREPOSITIONS or before[-1] in POSSESSIVES))
                or (len(before) == 2 and before[1] == "the" and before[0] in PREPOSITIONS)
                or all(common_word(t) for t in run)
                or (inside and region[j].is_alpha and region[j].text.islower()
                    and region[j].lower_ not in STOP_WORDS)
                or (run[0].i == unit_start and len(run) == 1
                    and (inside and region[j].is_lower or self._common_noun(run[0])))
            )
            if not excluded:
                runs.append(run)
            i = j
        return runs

    @staticmethod
    def _common_noun(token: Token) -> bool:
        """"Officials", "Residents": a sentence's first word, capitalised only for its position."""
        noun = singular(token.lower_)
        return noun is not None and (noun in ROLE_WORDS or noun in SOURCE_NOUNS)

    def _strip_title(self, run: list[Token]) -> list[Token]:
        """The proper name in "Ukrainian President Volodymyr Zelensky" or "Moscow Wi Sung Lac"."""
        roles = [i for i, t in enumerate(run) if t.lower_ in ROLE_WORDS]
        if roles and roles[-1] < len(run) - 1 and not self._name_type(run) == "organisation":
            run = run[roles[-1] + 1:]
        while len(run) > 1:  # "ambassador to Moscow Wi Sung Lac": the place belongs to the title
            places = [n for n in (2, 1) if len(run) > n and self._place_kind(run[:n]) not in (None, "city")]
            if not places:
                break
            run = run[places[0]:]
        if run and run[0].text == "The" and self._name_type(run) != "media_outlet":
            run = run[1:]
        return run

    def _place_kind(self, tokens: list[Token]) -> str | None:
        place = gazetteer().get(normalise(self.text[tokens[0].idx: tokens[-1].idx + len(tokens[-1])]))
        return place.kind if place else None

    def _name_type(self, name: list[Token]) -> str:
        lowers = {t.lower_ for t in name}
        if lowers & MEDIA_WORDS and not lowers & ORGANISATION_WORDS - {"press", "news"}:
            return "media_outlet"
        if lowers & ORGANISATION_WORDS or any(t.is_upper and len(t.text) > 1 for t in name) \
                or self._place_kind(name) is not None:
            return "organisation"
        return "person"

    def _noun_phrase(self, region: list[Token]) -> tuple[list[Token], str, float] | None:
        """An unnamed source: the last comma-separated noun phrase before the verb that is not a
        participle or relative clause, without determiner, ordinal or what follows a preposition."""
        segments, current = [], []
        for token in region:
            if token.text == ",":
                segments.append(current)
                current = []
            else:
                current.append(token)
        segments.append(current)
        for phrase in reversed(segments):
            if not phrase or phrase[0].is_lower and phrase[0].lower_.endswith(("ing", "ed")):
                continue
            while phrase and (phrase[0].lower_ in DETERMINERS or phrase[0].text in QUOTE_MARKS
                              or phrase[0].text in POSSESSIVES):
                phrase = phrase[1:]
            phrase = phrase[:next((i for i, t in enumerate(phrase) if t.lower_ in PREPOSITIONS), len(phrase))]
            while phrase and (phrase[-1].text in QUOTE_MARKS or phrase[-1].is_punct):
                phrase = phrase[:-1]
            if not phrase or len(phrase) > 5 or not phrase[-1].is_alpha or any(
                    t.lower_ in REPORTING_VERBS or t.text in QUOTE_MARKS or t.is_punct
                    or t.lower_ in STOP_WORDS and t.lower_ not in DETERMINERS for t in phrase):
                continue
            return phrase, self._source_type(phrase[-1].lower_), 0.7
        return None

    @staticmethod
    def _source_type(head: str) -> str:
        """The type of an unnamed source from its head noun: "officials" are a collective."""
        if head in MEDIA_WORDS:
            return "media_outlet"
        if head in ORGANISATION_WORDS:
            return "organisation"
        return "collective" if singular(head) else "anonymous"

    def mention(self, tokens: list[Token], kind: str, score: float) -> Mention:
        """The mention at these tokens, made once even when several claims share it."""
        start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
        if (start, end) not in self.mentions:
            pronoun = len(tokens) == 1 and tokens[0].lower_ in PRONOUNS
            names = roles()
            candidate = Candidate(names.speaker, start, end, score, {names.speaker_type: kind or None})
            self.mentions[(start, end)] = Mention(candidate, tuple(t.text for t in tokens), pronoun)
        return self.mentions[(start, end)]
