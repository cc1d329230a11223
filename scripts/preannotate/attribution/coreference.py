"""Coreference between SPEAKER mentions: each later mention linked to its source's first full naming.

The guidelines' decisions on pronouns, repeated mentions and antecedents: a name links to the first
full naming of the same source (the same words, a person's surname or first name, an organisation's
first words or initials, "U.S." for "United States"), marked as a SPEAKER wherever it stands; a
pronoun links to the source it stands for, resolved to that source's first naming; a definite
description ("the agency", "the hotel") links to the name whose head word it repeats, or else to the
first SPEAKER mention with the same head; a later mention of a document whose author the text named
links to the author. Every mention has at most one antecedent, and never itself.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property

from spacy.tokens import Doc, Token

from scripts.preannotate.attribution.speakers import Source, author_of, council_of, name_at
from scripts.preannotate.lexicons import DOCUMENT_WORDS

PRONOUN_KINDS = {"he": ("person", "anonymous"), "she": ("person", "anonymous"), "it": ("organisation", "media_outlet", "document"),
                 "its": ("organisation", "media_outlet", "document"),
                 "they": ("collective", "organisation", "media_outlet"),
                 "their": ("collective", "organisation", "media_outlet")}
ENTITY_KINDS = {"PERSON": "person", "ORG": "organisation", "GPE": "organisation", "NORP": "collective"}
# Abbreviations news uses for the names of two countries, read as their words when names are compared.
ABBREVIATIONS = {"u.s.": ("united", "states"), "us": ("united", "states"), "u.s": ("united", "states"),
                 "u.k.": ("united", "kingdom"), "uk": ("united", "kingdom"), "u.k": ("united", "kingdom")}
INDEFINITE = frozenset({"a", "an", "another", "one", "some"})
DEFINITE = frozenset({"the", "this", "that", "these", "those"})


@dataclass(eq=False)
class Mention:
    source: Source
    kind: str  # the resolved speaker_type
    antecedent: Mention | None = None

    @property
    def span(self) -> tuple[int, int]:
        return self.source.start, self.source.end


@dataclass(frozen=True)
class Quoted:
    """A quotation's character span and the source it is attributed to: a third-person pronoun inside
    it is not that source ("I" would be)."""

    start: int
    end: int
    source: Source


class Names:
    """The proper names of a document, as SPEAKER spans would cut them, in text order."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc

    @cached_property
    def all(self) -> list[Source]:
        found: dict[tuple[int, int], Source] = {}
        for token in self.doc:
            if token.pos_ == "PROPN" or token.ent_type_ in ENTITY_KINDS:
                name = name_at(token)
                if name is not None and name.named:
                    found.setdefault((name.start, name.end), name)
        return sorted(found.values(), key=lambda s: s.start)

    @cached_property
    def short_forms(self) -> dict[str, Source]:
        """Short forms given in brackets right after a name ("… (ForDep)"), lower case, to that name."""
        found: dict[str, Source] = {}
        for name in self.all:
            if name.end + 2 < len(self.doc) and self.doc[name.end].text == "(" and self.doc[name.end + 2].text == ")":
                short = self.doc[name.end + 1]
                if short.text[:1].isupper() and " " not in short.text:
                    found.setdefault(short.lower_, name)
        return found

    @cached_property
    def titled(self) -> dict[str, list[Source]]:
        """People's names by the lemmas of the title printed before them ("judge" for "Judge Ana Ruiz")."""
        found: dict[str, list[Source]] = defaultdict(list)
        for name in self.all:
            if name.kind == "person":
                for lemma in _title_before(self.doc, name.start):
                    found[lemma].append(name)
        return found


def link(doc: Doc, sources: list[Source], quoted: list[Quoted]) -> list[Mention]:
    """One mention per source span (in text order), each with its antecedent, plus the first namings
    that only serve as antecedents."""
    names = Names(doc)
    mentions: dict[tuple[int, int], Mention] = {}
    order: list[Mention] = []

    def mention_for(source: Source, kind: str) -> Mention:
        span = (source.start, source.end)
        if span not in mentions:
            mentions[span] = Mention(source, kind)
            order.append(mentions[span])
        return mentions[span]

    for source in sorted({(s.start, s.end): s for s in sources}.values(), key=lambda s: s.start):
        mention = mention_for(source, source.kind)
        if source.kind == "pronoun":
            target, kind = _pronoun_target(doc, source, order, names, quoted)
            if target is not None:
                first = _first_naming(doc, target, names) if target.named else None
                resolved = mention_for(first or target, kind or target.kind)
                root = resolved.antecedent or resolved
                mention.kind = root.kind
                if root is not mention:
                    mention.antecedent = root
            elif kind is not None:
                mention.kind = kind
            else:
                word = doc[source.start].lower_
                mention.kind = "person" if word in ("he", "she") else "organisation"
        elif source.named:
            first = _first_naming(doc, source, names)
            if first is not None and council_of(doc, source) and (first.start, first.end) not in mentions:
                first = None  # a place that speaks: its earlier mention as a place is a LOCATION, not its antecedent
            if first is not None and (first.start, first.end) != mention.span:
                antecedent = mention_for(first, source.kind)
                mention.antecedent = antecedent.antecedent or antecedent
                mention.kind = mention.antecedent.kind
        else:
            found = _described_antecedent(doc, source, order, names)
            if found is not None and (found[0].start, found[0].end) != mention.span:
                antecedent = mention_for(*found)
                root = antecedent.antecedent or antecedent
                if root is not mention:
                    mention.antecedent, mention.kind = root, root.kind
    return sorted(order, key=lambda m: m.source.start)


def _words(doc: Doc, source: Source) -> tuple[str, ...]:
    """A name's words as compared: lower case, without a leading "the" and a possessive, with the
    abbreviations of country names spelt out."""
    words: list[str] = []
    joined = False  # a hyphen with no space around it joins two parts of one name ("Gallego-Lazo")
    for token in doc[source.start:source.end]:
        word = token.lower_
        if word in ("'s", "’s", "the") or token.is_punct and word not in ("-", "&"):
            continue
        if word == "-" and words and not token.whitespace_ and not doc[token.i - 1].whitespace_:
            words[-1] += word
            joined = True
        elif joined:
            words[-1] += word
            joined = False
        else:
            words.extend(ABBREVIATIONS.get(word, (word,)))
    return tuple(words)


def _names_match(words: tuple[str, ...], earlier: tuple[str, ...], kind: str) -> bool:
    """Whether a name repeats an earlier one of this kind: the same words; for a person one of its words ("Okonjo" for "Ruth Okonjo"); for an organisation
    its first words or its initials ("Ford" for "Ford Motor Company", "NEOC" for "National Emergency
    Operation Centre")."""
    if not words or not earlier:
        return False
    if words == earlier:
        return True
    if kind == "person":
        return len(words) == 1 and words[0] in (earlier[0], earlier[-1])
    if len(words) < len(earlier) and earlier[:len(words)] == words:
        return True
    initials = "".join(w[0] for w in earlier if w not in ("of", "for", "and", "the", "on", "in"))
    return len(words) == 1 and len(words[0]) > 1 and words[0] == initials


def _first_naming(doc: Doc, source: Source, names: Names) -> Source | None:
    """The first full naming of a named source: the fullest earlier name (or the mention itself) that
    it repeats, the earliest of those; a short form the article gives in brackets after a name
    ("the Forestry Department (ForDep)") stands for that name."""
    words = _words(doc, source)
    if len(words) == 1 and words[0] in names.short_forms:
        return names.short_forms[words[0]]
    best: Source | None = None
    for name in names.all:
        if name.start >= source.start:
            break
        earlier = _words(doc, name)
        if _names_match(words, earlier, "person" if "person" in (name.kind, source.kind) else name.kind) \
                and (best is None or len(earlier) > len(_words(doc, best))):
            best = name
    if best is None or len(_words(doc, best)) < len(words):
        return None
    return best


def _pronoun_target(doc: Doc, pronoun: Source, mentions: list[Mention], names: Names,
                    quoted: list[Quoted]) -> tuple[Source | None, str | None]:
    """What a pronoun stands for, and its kind: in its own sentence and then in each sentence before
    it, the sources of its kind: the speakers found so far (the latest first), then the names that are
    subjects (the first first), then the other names (the latest first). A third-person pronoun inside
    a quotation is never the quotation's own source. "they" stands for a group before an organisation,
    and may stand for a plural noun that is a subject ("The stores were reluctant, … they said"): a
    source never named, with no antecedent."""
    word = doc[pronoun.start].lower_
    kinds = PRONOUN_KINDS.get(word, ())
    spoken = {m.span: m for m in mentions}
    excluded: set[tuple[int, int]] = set()
    for quote in quoted:
        if quote.start <= doc[pronoun.start].idx < quote.end:
            excluded.add((quote.source.start, quote.source.end))
            owner = spoken.get((quote.source.start, quote.source.end))
            if owner is not None and owner.antecedent is not None:
                excluded.add(owner.antecedent.span)
    candidates: dict[tuple[int, int], tuple[Source, str, int]] = {}
    for mention in mentions:
        if mention.source.start < pronoun.start and (mention.source.kind != "pronoun" or mention.antecedent):
            root = mention.antecedent or mention
            if root.span not in excluded:
                candidates[mention.span] = (root.source, root.kind, 0)
    for name in names.all:
        if name.start >= pronoun.start:
            break
        candidates.setdefault((name.start, name.end), (name, name.kind, 1 if _subject(doc[name.end - 1]) else 2))
    sentence = doc[pronoun.start].sent
    while True:
        # a sentence before whose subject is the same pronoun ("She married X. She said…") speaks of the
        # same one: the names in it are not what the pronoun stands for
        same = sentence.start < doc[pronoun.start].sent.start and any(
            t.lower_ == word and t.dep_ == "nsubj" and t.head.dep_ == "ROOT" for t in sentence)
        inside = [(start, source, kind, rank) for (start, end), (source, kind, rank) in candidates.items()
                  if sentence.start <= start and end <= sentence.end and start < pronoun.start
                  and kind in kinds and (start, end) not in excluded and _number_agrees(doc, word, source)
                  and not (same and rank > 0)]
        if word in ("they", "their"):
            inside += [(t.i, None, "collective", 1) for t in sentence if t.i < pronoun.start and _plural_subject(t)]
        if inside:
            _, source, kind, _ = min(inside, key=lambda c: (word in ("they", "their") and c[2] != "collective",
                                                            c[3], c[0] if c[3] == 1 else -c[0]))
            return source, kind
        if sentence.start == 0:
            return None, None
        sentence = doc[sentence.start - 1].sent


def _plural_subject(token: Token) -> bool:
    """A plural common noun that is a subject: a group the article has not named."""
    return token.dep_ in ("nsubj", "nsubjpass") and token.tag_ == "NNS" and token.lower_ != token.lemma_


def _number_agrees(doc: Doc, word: str, source: Source) -> bool:
    """"it" and "its" stand for one source; "they" for a group, or an organisation."""
    head = doc[source.end - 1]
    plural = head.tag_ in ("NNS", "NNPS") and head.lower_ != head.lemma_
    return not (word in ("it", "its") and plural)


def _subject(token: Token) -> bool:
    return token.dep_ in ("nsubj", "nsubjpass") or token.head.dep_ in ("nsubj", "nsubjpass") \
        and token.dep_ in ("compound", "flat", "appos")


def _described_antecedent(doc: Doc, source: Source, mentions: list[Mention],
                          names: Names) -> tuple[Source, str] | None:
    """The antecedent of an unnamed source: none after "a" or "an", which bring in a new one; for a
    document, its author where an earlier mention of it named one; else the name whose words hold
    the description's head noun ("the hotel" and "Hotel Arpit"), or the first SPEAKER mention
    with the same head."""
    first = doc[source.start - 1] if source.start > 0 else None
    head = doc[source.end - 1]
    lemma = head.lemma_.lower()
    titled = _titled_name(doc, lemma, names)
    if titled is not None and head.pos_ == "NOUN" and head.tag_ == "NN":
        return titled, titled.kind  # "a federal judge" ... "Judge Ana Ruiz": named before or after
    if first is not None and first.lower_ in INDEFINITE:
        return None
    if lemma in DOCUMENT_WORDS:
        author = _earlier_author(doc, head)
        if author is not None and author.named:
            found = _first_naming(doc, author, names) or author
            return found, found.kind
    words = {t.lemma_.lower() for t in doc[source.start:source.end]}
    for name in names.all:
        held = {t.lemma_.lower() for t in doc[name.start:name.end]}
        if name.kind == "person" or head.pos_ != "NOUN" or lemma not in held:
            continue
        if name.start < source.start or len(words) > 1 and words <= held:
            return name, name.kind  # "Day's animal foundation" … "the Doris Day Animal Foundation": named after
    if first is None or first.lower_ not in DEFINITE:
        return None  # "officials" and later "German officials" may be two groups
    for mention in mentions:
        if mention.source.start < source.start and not mention.source.named \
                and doc[mention.source.end - 1].lemma_.lower() == lemma:
            return mention.source, mention.kind
    return None


def _titled_name(doc: Doc, lemma: str, names: Names) -> Source | None:
    """The person whose name the document prints after a title that is the description's head noun
    ("Judge Ana Ruiz" for "the judge"), if only one person bears it."""
    found = names.titled.get(lemma, [])
    return found[0] if found and len({doc[n.end - 1].lower_ for n in found}) == 1 else None


def _title_before(doc: Doc, start: int) -> set[str]:
    """The lemmas of the capitalised words right before a name ("U.S. District Judge Ana Ruiz")."""
    words = set()
    k = start - 1
    while k >= 0 and k >= start - 3 and doc[k].text[:1].isupper() and not doc[k].is_sent_start:
        words.add(doc[k].lemma_.lower())
        k -= 1
    return words


def _earlier_author(doc: Doc, head: Token) -> Source | None:
    """The author an earlier mention of the same document named: "Ford said in their filing" and
    later "the filing"."""
    for token in reversed(doc[:head.i]):
        if token.lemma_.lower() == head.lemma_.lower() and token.pos_ == "NOUN":
            author = author_of(token)
            if author is not None:
                return author
    return None
