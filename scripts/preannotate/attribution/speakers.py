"""The SPEAKER span of a source named by a noun phrase, as the guidelines cut it, and its type.

A name is the pipeline's person or organisation entity without titles, honorifics and a leading
lower-case "the"; an apposition gives the name ("the head of the agency, Ana Ruiz"); an unnamed
spokesperson gives the organisation named or described beside it; a document gives its author when
the phrase names one, else the document; any other unnamed source runs from after its determiner,
possessive or counting number to its head noun.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from scripts.preannotate.gazetteer import gazetteer, key
from scripts.preannotate.lexicons import (DOCUMENT_WORDS, GROUP_PRONOUNS, HONORIFICS, LOCAL_GOVERNMENT_WORDS,
                                          MEDIA_WORDS, ORGANISATION_WORDS, PRONOUNS, ROLE_WORDS, SOURCE_NOUNS,
                                          SPOKESPERSON_WORDS, TITLE_ENDINGS)
from scripts.preannotate.text import entity_of

PEOPLE_ENDINGS = ("ist", "er", "or", "ian", "ant", "ent", "ee", "ess", "ary", "ive")

NAME_WORDS_KEY = "who-said-what:name-words"  # the document's count of words printed as names, kept on the Doc

# Lower-case words inside a person's name before the surname ("dela Vega", "van Gogh", "bin Salman").
NAME_PARTICLES = frozenset({"de", "dela", "del", "della", "da", "das", "dos", "di", "du", "van", "von", "der", "den",
                            "ter", "bin", "ibn", "al", "el", "le", "la"})

# Nouns for a piece of a document: "part of the statement" speaks as the statement does.
PART_WORDS = frozenset({"part", "section", "portion", "passage", "excerpt", "extract",
                        "hypothesis", "conclusion"})  # what a document holds: "the hypothesis of the report"

NAME_ENTITIES = ("PERSON", "ORG", "GPE", "NORP", "FAC", "LOC")


@dataclass(frozen=True)
class Source:
    """A speaker mention: its tokens [start, end) and what kind of source it is."""

    start: int
    end: int
    kind: str  # person | organisation | media_outlet | anonymous | collective | document | pronoun
    named: bool  # a proper name, which later mentions link to

    def span(self, doc: Doc) -> Span:
        return doc[self.start:self.end]


def is_document(token: Token) -> bool:
    """A common noun for a report, study, statement, ruling or other document ("data" as well as
    "datum"); inside a proper name ("Geological Survey") it names an organisation."""
    return token.pos_ != "PROPN" and (token.lower_ in DOCUMENT_WORDS or token.lemma_.lower() in DOCUMENT_WORDS)


def source_of(token: Token) -> Source | None:
    """The source a subject, agent or "according to" object names, headed by `token`."""
    if token.lower_ in PRONOUNS:
        return Source(token.i, token.i + 1, "pronoun", False)
    if token.lower_ in GROUP_PRONOUNS and token.pos_ == "PRON":
        return Source(token.i, token.i + 1, "collective", False)  # "while some say"
    if token.lower_ == "one" and any(c.dep_ == "prep" and c.lower_ == "of" for c in token.children):
        return Source(token.i, token.i + 1, "anonymous", False)  # "One of the children said"
    if token.lemma_ in PART_WORDS:  # "Part of the judge's statement reads": the document's source
        whole = document_of_part(token)
        return source_of(whole) if whole is not None else None
    if token.tag_ in ("WP", "WDT"):  # "who said", "which indicated": the noun the relative clause is attached to
        return source_of(token.head.head) if token.head.dep_ == "relcl" else None
    appositive = _appositive_name(token)
    if appositive is not None and token.ent_type_ != "PERSON":
        named = _named(appositive)
        if named is not None and appositive.ent_type_ == "ORG" and _person_noun(token):
            named = Source(named.start, named.end, "person", True)  # "a ministry spokesperson, Ana Ruiz,"
        return named or _described(token)
    if token.lemma_ in SPOKESPERSON_WORDS:
        return _spokesperson(token)
    if (holder := _title_holder(token)) is not None:
        return holder
    if (place := _local_government(token)) is not None:
        return place
    if is_document(token):
        return _author(token) or _described(token, "document")
    return _named(token) or _described(token)


def _appositive_name(token: Token) -> Token | None:
    """A person's name in apposition to the phrase, or to an apposition of it ("the source's editor,
    Ana Ruiz,")."""
    for child in token.children:
        if child.dep_ == "appos":
            if child.ent_type_ == "PERSON" or child.pos_ == "PROPN" and not child.ent_type_ and child.text[:1].isupper():
                return child
            if child.pos_ == "PROPN" and child.ent_type_ == "ORG" and _person_noun(token) \
                    and not any(t.lower_ in ORGANISATION_WORDS or t.lower_ in MEDIA_WORDS for t in entity_of(child)):
                return child  # a name the pipeline took for an organisation's, given to a person's role
            if (deeper := _appositive_name(child)) is not None:
                return deeper
    return None


def document_of_part(token: Token) -> Token | None:
    """The document a part of it is named by ("part of the ruling", "a section of the report")."""
    if token.lemma_ not in PART_WORDS:
        return None
    return next((c for p in token.children if p.dep_ == "prep" and p.lower_ == "of"
                 for c in p.children if c.dep_ == "pobj" and is_document(c)), None)


def _title_holder(token: Token) -> Source | None:
    """"Ambassador to Germany Ana Ruiz", "Secretary of State Ana Ruiz": a capitalised title whose
    phrase ends in the name of the person who holds it (the parse hangs the name on the preposition)."""
    if not (token.text[:1].isupper() and _title(token, 2)):
        return None
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ in ("to", "of", "for"):
            holder = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if holder is None or holder.i != prep.right_edge.i:
                continue
            if holder.ent_type_ == "PERSON":
                return _named(holder)
            start = _after_place(token.doc, prep.i + 1, holder.i + 1)
            if start is not None:  # "First Minister of Scotland Ana Ruiz", taken for one name
                return Source(start, holder.i + 1, "person", True)
    return None


def _after_place(doc: Doc, start: int, end: int) -> int | None:
    """Where a person's name starts after the place that ends a title, when the two were read as one
    name: the longest place name at `start` leaves two or more capitalised words."""
    names = gazetteer()
    for cut in range(end - 2, start, -1):
        if names.get(key(doc[start:cut].text)) is not None and all(
                t.pos_ == "PROPN" and t.text[:1].isupper() for t in doc[cut:end]):
            return cut
    return None


def _local_government(token: Token) -> Source | None:
    """"The city of Kelby announced": the place named speaks as an organisation (its council)."""
    if token.lemma_.lower() not in LOCAL_GOVERNMENT_WORDS:
        return None
    name = next((c for p in token.children if p.dep_ == "prep" and p.lower_ == "of"
                 for c in p.children if c.dep_ == "pobj" and c.ent_type_ == "GPE"), None)
    if name is None:
        return None
    entity = entity_of(name)
    return Source(entity.start, entity.end, "organisation", True)


def council_of(doc: Doc, source: Source) -> bool:
    """Whether the source is a place speaking as its council ("the town of Marston")."""
    return source.start > 1 and doc[source.start - 1].lower_ == "of" \
        and doc[source.start - 2].lemma_.lower() in LOCAL_GOVERNMENT_WORDS


def _person_noun(token: Token) -> bool:
    """A noun for one person by role or trade ("spokesperson", "minister", "activist")."""
    lemma = token.lemma_.lower()
    return token.pos_ == "NOUN" and token.tag_ == "NN" and (
        lemma in SPOKESPERSON_WORDS or lemma in ROLE_WORDS or lemma in SOURCE_NOUNS and lemma not in ORGANISATION_WORDS)


def _named(token: Token) -> Source | None:
    """The name of the entity that holds the token, without titles and honorifics; a proper noun the
    pipeline did not see as an entity is a name too."""
    if token.ent_type_ not in NAME_ENTITIES:
        return _proper_noun(token)
    if token.pos_ not in ("PROPN", "NOUN", "ADJ"):
        return None
    entity = entity_of(token)
    start, end = entity.start, min(entity.end, token.i + 1) if token.dep_ in ("compound", "poss") else entity.end
    doc = token.doc
    bracket = next((t.i for t in doc[start:end] if t.text in ("(", "—", "–")), None)
    end = bracket if bracket is not None and bracket > start else end  # "World Health Organization (WHO)"
    start = _after_titles(doc, start, end)
    while start < end - 1 and (_title(doc[start], end - start) or doc[start].lower_ == "the" and not _kept_the(doc[start], entity)):
        start += 1
    if start == entity.start and start > 0 and doc[start - 1].text == "The" and not doc[start - 1].is_sent_start:
        start -= 1  # "according to The Guardian": a capitalised "The" inside the sentence belongs to the name
    titled = start > entity.start and _title(doc[start - 1], end - start + 1)  # "Superintendent X": a person
    while start == entity.start and start > 0 and doc[start].lower_ in NAME_PARTICLES \
            and doc[start - 1].pos_ == "PROPN" and doc[start - 1].text[:1].isupper() and not doc[start - 1].ent_type_:
        start -= 1  # "Arnel dela Vega" with only "dela Vega" seen as a person
    while end > start and (doc[end - 1].text in ("’s", "'s", "’", "'") or doc[end - 1].is_punct):
        end -= 1
    if start >= end:
        return None
    kind = "person" if titled and entity.label_ in ("ORG", "PERSON") else \
        {"PERSON": "person", "NORP": "collective"}.get(entity.label_, "organisation")
    if _media(entity):
        kind = "media_outlet"
    return Source(start, end, kind, True)


def _proper_noun(token: Token) -> Source | None:
    """A name the pipeline missed: the run of proper nouns ending at the token ("Nancy Pelosi",
    "UNICEF"), without titles; a word in capitals or an organisation word makes it an organisation."""
    doc = token.doc
    if not (token.pos_ == "PROPN" or token.is_upper and len(token) > 1 and token.is_alpha or _known_name(token)) \
            or token.lower_ in PRONOUNS or not token.text[:1].isupper() or _title(token, 1):
        return None  # a name is capitalised, and a title alone ("President") names no one
    start = token.i
    while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].dep_ == "compound" \
            and (doc[start - 1].ent_type_ == token.ent_type_ or {doc[start - 1].ent_type_, token.ent_type_} <= {"", "PERSON"}):
        start -= 1  # "Amy Berman Jackson" with only "Amy Berman" seen as a person
    start = _after_titles(doc, start, token.i + 1)
    while start < token.i and _title(doc[start], token.i + 1 - start):
        start += 1
    the = start > 0 and doc[start - 1].text == "The" and not doc[start - 1].is_sent_start
    start -= the  # "told The Verge": a capitalised "The" inside the sentence belongs to the name
    words = doc[start:token.i + 1]
    if any(t.lower_ in MEDIA_WORDS for t in words):
        kind = "media_outlet"
    elif the or token.is_upper or any(t.lower_ in ORGANISATION_WORDS for t in words):  # people take no "The"
        kind = "organisation"
    else:
        kind = "person"
    return Source(start, token.i + 1, kind, True)


def _known_name(token: Token) -> bool:
    """A capitalised word the parse took for a common noun that the document uses as a name elsewhere
    ("Mijares further claimed" after "Superintendent Graciano Mijares")."""
    if not (token.text[:1].isupper() and token.is_alpha and token.lower_ not in ROLE_WORDS):
        return False
    names = token.doc.user_data.get(NAME_WORDS_KEY)
    if names is None:  # counted once per document: which word is printed as a name where
        names = token.doc.user_data[NAME_WORDS_KEY] = Counter(
            other.text for other in token.doc
            if other.pos_ == "PROPN" and not other.is_sent_start or other.ent_type_ == "PERSON")
    own = token.pos_ == "PROPN" and not token.is_sent_start or token.ent_type_ == "PERSON"
    return names[token.text] > own


def _title(token: Token, length: int) -> bool:
    """A word before a name that is not part of it: an honorific, a role or an office, or a word for a
    person's office or trade ("Assemblywoman", "Congressman"), when the name keeps two words."""
    word = token.lower_.rstrip(".")
    return word in HONORIFICS or token.lower_ in ROLE_WORDS or length > 2 and word.endswith(TITLE_ENDINGS)


def _after_titles(doc: Doc, start: int, end: int) -> int:
    """Where a name starts after a title of several words ("Harbour Master Odd Vinje", "NASA
    Administrator Bill Nelson"): after the last word of office before the name's final word."""
    for k in range(end - 2, start - 1, -1):
        if _title(doc[k], end - k) and doc[k + 1].text[:1].isupper() and doc[k + 1].lower_ != "of":
            return k + 1
    return start


def _kept_the(token: Token, name: Span) -> bool:
    """A leading "The" that belongs to the name: printed with a capital inside the sentence (General
    rule 6), or opening it in a media outlet's name."""
    return token.text == "The" and (not token.is_sent_start or _media(name))


def _media(entity: Span) -> bool:
    return any(t.lower_ in MEDIA_WORDS for t in entity)


def _described(token: Token, kind: str | None = None) -> Source | None:
    """An unnamed source: the noun phrase from after its determiner, possessive or counting number to
    its head noun."""
    if token.pos_ not in ("NOUN", "PROPN") or kind is None and not _can_speak(token):
        return None
    doc = token.doc
    start = token.i
    while start > 0:
        previous = doc[start - 1]
        if previous.dep_ in ("det", "poss", "case", "predet", "punct") and previous.text != "-" \
                or previous.dep_ == "nummod" and previous.head.i == token.i or not _modifies(previous, token):
            break
        start -= 1
    if kind is None:  # grammatical number decides for a group: "agencies" is collective, "agency" not
        lemma = token.lemma_.lower()
        plural = token.tag_ in ("NNS", "NNPS") and token.lower_ != lemma or token.lower_ in ("media", "press")
        kind = ("collective" if plural else "media_outlet" if lemma in MEDIA_WORDS
                else "organisation" if lemma in ORGANISATION_WORDS else "anonymous")
    return Source(start, token.i + 1, kind, False)


def _can_speak(token: Token) -> bool:
    """A noun that can name a source: a person, group, organisation, outlet or document ("officials",
    "the agency"), not a thing or an event ("the decision", "a search")."""
    lemma = token.lemma_.lower()
    return (lemma in SOURCE_NOUNS or lemma in ROLE_WORDS or lemma in ORGANISATION_WORDS or lemma in MEDIA_WORDS
            or token.lower_ in MEDIA_WORDS or is_document(token) or lemma in SPOKESPERSON_WORDS
            or lemma.endswith(PEOPLE_ENDINGS))


def _modifies(token: Token, head: Token) -> bool:
    """Whether a word before the head belongs to its phrase: its heads lead to the head, in between."""
    while token.i < head.i:
        if token.head.i == token.i or token.head.i > head.i:
            return False
        token = token.head
    return token.i == head.i


def _spokesperson(token: Token) -> Source:
    """"A spokesperson for the Rail Authority", "a Westline spokesman", "the council's spokeswoman"."""
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in ("for", "of", "at"):
            organisation = next((c for c in child.children if c.dep_ == "pobj"), None)
            if organisation is not None:
                return _organisation(organisation)
        if child.dep_ in ("compound", "poss", "nmod") and child.i < token.i and child.lower_ not in PRONOUNS:
            return _organisation(child)
    return Source(token.i, token.i + 1, "anonymous", False)


def _organisation(token: Token) -> Source:
    named = _named(token)
    if named is not None:
        return Source(named.start, named.end, "organisation" if named.kind == "person" else named.kind, True)
    described = _described(token, "organisation")
    return described if described is not None else Source(token.i, token.i + 1, "organisation", False)


def _author(token: Token) -> Source | None:
    """The author a document's phrase names: "by X", "from X", "carried out by X", "X's report", "a X
    survey"; "commissioned by" and "funded by" name no author, nor "in" a journal."""
    for child in token.subtree:
        if child.dep_ == "agent" or child.dep_ == "prep" and child.lower_ in ("by", "from"):
            if child.head.lemma_ in ("commission", "fund", "publish") and child.head.i != token.i:
                continue
            author = next((c for c in child.children if c.dep_ == "pobj"), None)
            if author is not None:
                return _organisation(author) if author.ent_type_ != "PERSON" else _named(author)
    for child in token.children:
        if child.dep_ in ("poss", "compound") and child.i < token.i:
            if child.lower_ in PRONOUNS:
                return Source(child.i, child.i + 1, "pronoun", False)
            if child.pos_ in ("PROPN", "NOUN"):
                return _described(child) if _person_noun(child) else _organisation(child)  # "the judge's ruling"
    return None


def name_at(token: Token) -> Source | None:
    """The whole name a token is part of (an entity of the pipeline, or a run of proper nouns), as
    a SPEAKER span cuts it."""
    doc = token.doc
    if token.ent_type_ in NAME_ENTITIES:
        entity = entity_of(token)
        last = next((t for t in reversed(entity) if t.pos_ in ("PROPN", "NOUN", "ADJ")), None)
        return _named(last) if last is not None else None
    if token.ent_type_:
        return None  # a date, a number, a work's title: not a name of a source
    end = token.i
    while end + 1 < len(doc) and doc[end + 1].pos_ == "PROPN" and doc[end].dep_ == "compound" \
            and not doc[end + 1].ent_type_:
        end += 1
    return _proper_noun(doc[end])


def author_of(document: Token) -> Source | None:
    """The author a mention of a document names: the source that speaks "in" it ("Ford said in a
    filing"), or the author its own phrase names ("by X", "X's report")."""
    head = document.head
    if document.dep_ == "pobj" and head.lower_ == "in" and head.head.pos_ == "VERB":
        subject = next((c for c in head.head.children if c.dep_ == "nsubj"), None)
        if subject is not None and (source := source_of(subject)) is not None:
            return source
    return _author(document)


def introduces_source(token: Token) -> bool:
    """"according to X" and "per X" with a source X (not "per month")."""
    if token.lower_ == "according":
        to = next((c for c in token.children if c.lower_ == "to"), None)
        return to is not None and any(c.dep_ == "pobj" for c in to.children)
    source = next((c for c in token.children if c.dep_ == "pobj"), None)
    if source is None:
        return False  # "per X" is "according to X" for a name or a determined noun; "per order" is a rate
    return source.ent_type_ in ("ORG", "PERSON") or is_document(source) and any(
        c.dep_ in ("det", "poss", "compound", "nmod", "amod") for c in source.children)
