"""SPEAKER and CLAIM candidates from reporting cues and quotations, with attribution and coreference.

The rules read the token sequence only (no parser): a cue is a reporting verb or "according to";
its claim is a "that"-clause, an adjacent quotation, or the clause "according to" is attached to;
its speaker is the subject before the verb (or after it, in "said Zelensky"), reduced to a proper
name, a noun phrase without its determiner, or a pronoun.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc, Token

from scripts.places import gazetteer, normalise
from scripts.textrules import (DETERMINERS, POSSESSIVES, PREPOSITIONS, QUOTE_MARKS, REPORTING_VERBS,
                               Candidate, capitalised, common_word, quotations, singular)

Relation = tuple[str, Candidate, Candidate]  # (type, head, tail)

PRONOUNS = {"he": ("person", "anonymous"), "she": ("person", "anonymous"), "it": ("organisation", "media_outlet"),
            "they": ("collective", "organisation", "person")}
# Verbs whose noun-phrase object stands for a proposition ("confirmed the clashes").
PROPOSITIONAL_OBJECT_VERBS = frozenset({"confirmed", "confirms", "denied", "denies"})
# Verbs that take a clause without "that" ("said troops were there").
BARE_CLAUSE_VERBS = frozenset({"said", "says", "say", "added", "adds", "wrote", "writes", "claimed",
                               "claims", "claim", "alleged", "alleges", "believes", "believed", "believe",
                               "insisted", "insist"})
SUBJECT_PRONOUNS = frozenset({"he", "she", "it", "they", "we", "i", "you", "its", "his", "her", "their"})
AUXILIARIES = frozenset({"is", "are", "was", "were", "has", "have", "had", "will", "would", "could",
                         "can", "may", "might", "should", "must", "did", "does", "do"})
BEFORE_VERB = frozenset({"also", "has", "had", "have", "would", "will", "later", "previously",
                         "reportedly", "further", "again", "then", "separately", "earlier", "once",
                         "repeatedly", "publicly", "not", "did", "does", "can", "could", "may",
                         "might", "should", "must", "already", "subsequently", "who"})
# Participles that continue the speaker of the clause they follow: ", adding that ...".
CONTINUING_CUES = frozenset({"adding", "saying", "noting", "warning", "insisting", "claiming",
                             "arguing", "stressing", "explaining", "suggesting"})
TIME_WORDS = frozenset({"morning", "afternoon", "evening", "night", "week", "month", "year",
                        "weekend", "today", "yesterday", "tonight"})
TIME_STARTERS = frozenset({"on", "last", "this", "late", "early", "earlier", "later", "yesterday",
                           "today", "tonight", "also", "again"})
CLAUSE_OPENERS = frozenset({"that", "though", "although", "whereas", "while", "because", "but"})
ASIDE_STARTERS = frozenset({"though", "although", "whereas", "while", "according"})
DASHES = frozenset({"—", "–", "--", ";"})
ROLE_WORDS = frozenset({
    "president", "minister", "prime", "foreign", "defence", "defense", "secretary", "spokesperson",
    "spokesman", "spokeswoman", "chief", "head", "director", "general", "ambassador", "lawmaker",
    "senator", "governor", "mayor", "commander", "deputy", "vice", "chancellor", "king", "queen",
    "prince", "princess", "pope", "dictator", "leader", "official", "adviser", "advisor", "analyst",
    "professor", "dr", "dr.", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "lt", "col", "gen", "gen.",
    "sgt", "captain", "colonel", "major", "judge", "justice", "representative", "rep.", "sen.",
    "gov.", "ceo", "chairman", "chairwoman", "chair", "founder", "editor", "correspondent",
    "reporter", "envoy", "diplomat", "ministry", "speaker", "premier", "sheikh", "emir", "general",
    "admiral", "marshal", "lieutenant", "sergeant", "officer", "coordinator", "commissioner",
})
# Unnamed sources that stand at the start of a sentence: capitalised there, yet not names.
SOURCE_NOUNS = frozenset({"resident", "analyst", "expert", "critic", "witness", "source", "observer",
                          "investigator", "authority", "prosecutor", "activist", "doctor", "villager",
                          "local", "soldier", "troop", "protester", "scientist", "researcher",
                          "economist", "citizen", "voter", "worker", "medic", "rescuer", "volunteer",
                          "journalist", "survivor", "refugee", "student", "teacher", "farmer",
                          "politician", "lawyer", "campaigner", "insider", "negotiator", "person"})
MEDIA_WORDS = frozenset({"times", "post", "journal", "news", "guardian", "telegraph", "reuters",
                         "bloomberg", "economist", "herald", "tribune", "gazette", "independent",
                         "observer", "daily", "tv", "radio", "press", "bbc", "cnn", "afp", "ap",
                         "yonhap", "kcna", "tass", "interfax", "ria", "xinhua", "kyodo", "politico",
                         "axios", "newsweek", "mirror", "chronicle", "broadcasting", "television",
                         "newspaper", "broadcaster", "outlet", "magazine", "channel", "media"})
ORGANISATION_WORDS = frozenset({
    "ministry", "army", "forces", "force", "government", "council", "office", "committee", "agency",
    "service", "department", "centre", "center", "institute", "bank", "party", "command", "kremlin",
    "pentagon", "company", "group", "union", "commission", "parliament", "court", "university",
    "police", "guard", "staff", "military", "navy", "embassy", "organisation", "organization",
    "administration", "cabinet", "secretariat", "federation", "fund", "alliance", "authorities",
    "prosecutors", "regime", "white", "house", "headquarters", "corporation", "firm", "network",
})


@dataclass(eq=False)
class Mention:
    """A SPEAKER mention: its candidate span and the words that name its source."""

    candidate: Candidate
    words: tuple[str, ...]
    pronoun: bool = False

    @property
    def kind(self) -> str:
        return self.candidate.attributes["speaker_type"]


class Reader:
    """The rules over one document; `read()` gives its speakers, claims and links."""

    def __init__(self, doc: Doc, text: str) -> None:
        self.doc, self.text = doc, text
        self.quotes = quotations(self.text)
        self.quote_starts = [q[0] for q in self.quotes]
        self.mentions: dict[tuple[int, int], Mention] = {}
        self.claims: dict[tuple[int, int], Candidate] = {}
        self.attributions: list[tuple[Mention, Candidate]] = []

    # -- quotations and units ------------------------------------------------------------------

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

    # -- claims --------------------------------------------------------------------------------

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

    # -- speakers ------------------------------------------------------------------------------

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
            candidate = Candidate("SPEAKER", start, end, score, {"speaker_type": kind or None})
            self.mentions[(start, end)] = Mention(candidate, tuple(t.text for t in tokens), pronoun)
        return self.mentions[(start, end)]

    # -- cues ----------------------------------------------------------------------------------

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
        claim = Candidate("CLAIM", start, end, score, {"reporting": self._reporting(start, end)})
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
                or last[1].attributes["reporting"] != "direct":
            return
        self._claim(last[0], quote[0], quote[1], 0.6)

    # -- coreference ---------------------------------------------------------------------------

    def _full_name(self, word: str, before: int) -> list[Token] | None:
        """The first fuller naming of a one-word name earlier in the text: "Wi" -> "Wi Sung Lac"."""
        for token in self.doc:
            if token.idx >= before:
                return None
            if token.text != word:
                continue
            j = token.i + 1
            while j < len(self.doc) and capitalised(self.doc[j]):
                j += 1
            if j - token.i >= 2:
                return list(self.doc[token.i: j])
            a = token.i
            while a > 0 and capitalised(self.doc[a - 1]):
                a -= 1
            name = self._strip_title(list(self.doc[a: token.i + 1]))
            if len(name) >= 2:
                return name
        return None

    def _links(self) -> list[Relation]:
        """Attribution links, and coreference links from each later mention to its source's first."""
        sources: list[Mention] = []  # first full mention of each source
        resolved: list[Mention] = []  # the source of each mention so far, in text order
        relations: list[Relation] = []
        for mention in sorted(self.mentions.values(), key=lambda m: m.candidate.start):
            source = None
            if mention.pronoun:
                kinds = PRONOUNS[mention.words[0].lower()]
                source = next((m for m in reversed(resolved) if m.kind in kinds), None)
                mention.candidate.attributes["speaker_type"] = source.kind if source else kinds[0]
            else:
                source = next((s for s in sources if self._same_source(mention, s)), None)
                if source is None and mention.kind == "person" and len(mention.words) == 1:
                    full = self._full_name(mention.words[0], mention.candidate.start)
                    if full is not None:
                        source = self.mention(full, "person", 0.75)
                        sources.append(source)
                if source is None:
                    sources.append(mention)
            if source is not None and source is not mention:
                relations.append(("coreference", mention.candidate, source.candidate))
                mention.candidate.attributes["speaker_type"] = source.kind
            resolved.append(source or mention)
        return [("attribution", s.candidate, c) for s, c in self.attributions] + relations

    @staticmethod
    def _same_source(mention: Mention, source: Mention) -> bool:
        """The same name, or a one-word mention that is the first or last word of a fuller name."""
        if mention.words == source.words:
            return True
        return (mention.kind == source.kind == "person" and len(mention.words) == 1
                and mention.words[0] in (source.words[0], source.words[-1]))


def find_attributions(doc: Doc, text: str) -> list[Relation]:
    """SPEAKER and CLAIM candidates of a document with their attribution and coreference links.
    `text` is the doc's text, passed because Doc.text joins the tokens again on every access."""
    return Reader(doc, text).read()
