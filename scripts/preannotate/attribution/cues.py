"""Reporting cues and the claims they introduce, read from the dependency parse.

A cue is a finite, affirmative verb of the guidelines' verb table (not "will say", "did not say", "is
said to"), a participle that continues its clause's speaker (", adding that"), or "according to X" /
"per X". Its claims are its clausal complements (each "that"-clause on its own), an object with its
own infinitive after believe-type verbs, a noun-phrase object after confirm-type verbs, a quotation it
tags, or the clause "according to" is attached to; `claim_spans` makes that clause's words a span.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from scripts.preannotate.attribution.claim_spans import (EDGE_PUNCTUATION, SUBJECTS, clause_claims, end_of,
                                                         in_quote, inside_quote_end, is_that_clause, that_conjuncts,
                                                         trimmed)
from scripts.preannotate.attribution.quotes import Quotations
from scripts.preannotate.attribution.speakers import (Source, document_of_part, introduces_source, is_document,
                                                      source_of)
from scripts.preannotate.lexicons import (ADDRESSEE_VERBS, DENIAL_VERBS, MODALS, OBJECT_CLAUSE_VERBS,
                                          PROPOSITION_OBJECT_VERBS, SAYING_NOUNS, THAT_ONLY_VERBS)
from scripts.preannotate.text import is_claim_verb


@dataclass
class Cue:
    """A reporting cue: who speaks, and the character spans of what is claimed, each with its rule."""

    source: Source | None
    claims: list[tuple[int, int, str]] = field(default_factory=list)
    denied: bool = False


def find_cues(doc: Doc, quotes: Quotations) -> list[Cue]:
    found = []
    for token in doc:
        if (is_claim_verb(token) or _document_reads(token)) and token.pos_ in ("VERB", "AUX") \
                and _affirmative(token):
            cue = _verb_cue(token, quotes)
        elif token.lower_ in ("according", "per") and introduces_source(token):
            cue = _according_to(token, quotes)
        else:
            continue
        if cue is not None and cue.claims:
            found.append(cue)
    return found


def _document_reads(verb: Token) -> bool:
    """"the letter reads", "part of the ruling reads": a document says what it reads."""
    return verb.lemma_ == "read" and any(c.dep_ == "nsubj" and (is_document(c) or document_of_part(c) is not None)
                                         for c in verb.children)


def _affirmative(verb: Token) -> bool:
    """Finite and said: not negated, not modal or future ("will say"), not an agentless passive ("is
    said to"), not an infinitive ("expected to announce")."""
    children = list(verb.children)
    if any(c.dep_ == "neg" for c in children) or any(c.dep_ == "aux" and c.lower_ in MODALS for c in children):
        return False
    if verb.tag_ == "VB" and _infinitive(verb):
        return verb.dep_ in ("xcomp", "advcl") and verb.head.lemma_ in ("go", "continue", "proceed")  # "went on to say"
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in children) and not any(c.dep_ == "agent" for c in children):
        return False
    if verb.tag_ == "VBG":  # ", adding that"; "with the firm responding that"; "a statement saying that"
        return verb.dep_ in ("advcl", "conj", "acl") and verb.i > 0 and verb.doc[verb.i - 1].text == "," \
            or any(c.dep_ == "nsubj" for c in children) \
            or verb.dep_ == "acl" and (is_document(verb.head) or verb.head.dep_ == "pobj"
                                       and verb.head.head.lower_ == "with")  # "with officials saying that"
    if verb.tag_ == "VB":  # "did say": an affirmative "do" before the bare verb
        return any(c.dep_ == "aux" and c.lemma_ == "do" for c in children)
    return verb.tag_ in ("VBD", "VBZ", "VBP", "VBN") and not (verb.tag_ == "VBN" and verb.dep_ in ("amod", "acl"))


def _speaker(verb: Token) -> Source | None:
    """The source of a cue: its subject, its passive agent, or for a participle or a verb coordinated
    with another, the subject of the verb it continues."""
    subjects = [source_of(c) for c in verb.children if c.dep_ == "nsubj"]
    found = [s for s in subjects if s is not None]
    if found:
        # "said study co-author Carl Lipo": the name; "X and Y said": the first source named
        return min(found, key=lambda s: (not s.named, s.start))
    for child in verb.children:
        if child.dep_ == "agent":
            agent = next((c for c in child.children if c.dep_ == "pobj"), None)
            return source_of(agent) if agent is not None else None
    before = verb.doc[verb.i - 1] if verb.i > 0 else None
    if before is not None and before.ent_type_ in ("PERSON", "ORG") and before.dep_ == "pobj" \
            and not any(c.dep_ in ("nsubjpass", "expl") for c in verb.children) and verb.tag_ in ("VBD", "VBZ"):
        return source_of(before)  # "On Friday Ford Motor Company announced": a date's phrase took the subject
    if (taken := _subject_in_phrase(verb)) is not None:
        return source_of(taken)
    if verb.dep_ == "acl" and verb.tag_ == "VBG":
        return source_of(verb.head)  # "a motion claiming that": the document
    if verb.dep_ in ("conj", "advcl", "xcomp") and verb.head.i != verb.i:
        head = verb.head
        if verb.tag_ == "VBG":  # ", claiming that" shares the main clause's subject, not an adverbial's
            while head.dep_ == "advcl" and head.head.i != head.i and not any(
                    c.dep_ == "nsubj" and c.i < verb.i and c.i > head.i for c in head.children):
                head = head.head
        return _speaker(head)
    return None


def _subject_in_phrase(verb: Token) -> Token | None:
    """"On Twitter, Jane Roe, a columnist, said…": the parse took the name set off by commas for a second
    object of the phrase before it. A person or organisation joined to a fronted phrase's object after a
    comma, the phrase and its words running up to the verb, is the verb's subject."""
    if verb.tag_ not in ("VBD", "VBZ") or any(c.dep_ in (*SUBJECTS, "nsubjpass") for c in verb.children):
        return None
    doc = verb.doc
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.i > verb.i or prep.right_edge.i + 2 < verb.i:
            continue
        for name in prep.subtree:
            if name.dep_ in ("conj", "appos") and name.ent_type_ in ("PERSON", "ORG") and name.head.dep_ == "pobj" \
                    and doc[name.left_edge.i - 1].text == "," and name.head.i < name.i:
                return name
    return None


def _verb_cue(verb: Token, quotes: Quotations) -> Cue | None:
    source = _speaker(verb)
    if source is None:
        return None
    cue = Cue(source, denied=verb.lemma_ in DENIAL_VERBS)
    excluded = set(range(source.start, source.end)) | {verb.i}
    tag = verb.i
    colon = _colon_claim(verb, quotes)
    if colon is not None:
        cue.claims.append(colon)
        return cue
    paired = _correlative(verb)
    if paired is not None:  # "found the faster it ran, the more it flapped": one claim
        first, second = paired
        cue.claims.append((first.left_edge.idx, end_of(second), "claim:complement"))
    for child in verb.children:
        if paired is not None and child in paired:
            continue
        if child.dep_ == "ccomp" or child.dep_ == "conj" and child.pos_ in ("VERB", "AUX") and is_that_clause(child):
            if not _reported_clause(verb, child, quotes):
                continue
            taken = _subject_object(verb, child)
            for clause in _coordinated_that_clauses(child):
                claims = clause_claims(clause, excluded | _addressee(verb, clause) | _time_of_tag(verb, clause),
                                        quotes, "claim:complement", tag)
                if taken and clause.i == child.i and claims:  # the clause starts at the subject the parse took
                    claims[0] = (verb.doc[min(taken)].idx, *claims[0][1:])
                cue.claims += [_past_colon(verb, claim, quotes) for claim in claims]
        elif child.dep_ == "dobj":
            clause = next((c for c in child.children if c.dep_ in ("acl", "relcl", "ccomp")
                           and is_that_clause(c)), None)
            if clause is not None and child.lemma_ in SAYING_NOUNS:
                cue.claims += clause_claims(clause, excluded, quotes, "claim:saying-noun", tag)
            elif _proposition_object(verb, child) and not _subject_object(verb, None, child):
                cue.claims += clause_claims(child, excluded, quotes, "claim:object", tag)
            elif (predicate := _split_predicate(verb, child)) is not None:
                cue.claims.append((child.left_edge.idx, end_of(predicate), "claim:object-clause"))
        elif child.dep_ == "prep" and child.i > verb.i and (clause := _stranded_clause(child)) is not None:
            cue.claims += clause_claims(clause, excluded | {clause.left_edge.i}, quotes, "claim:complement", tag)
        elif child.dep_ == "nsubjpass" and _proposition_object(verb, child):
            cue.claims += clause_claims(child, excluded, quotes, "claim:object", tag)  # "was confirmed by X"
        elif child.dep_ in ("xcomp", "oprd") and verb.lemma_ in OBJECT_CLAUSE_VERBS and _nonfinite(child):
            subject = next((c for c in verb.children if c.dep_ == "dobj" and c.i < child.i), None)
            if subject is not None:
                start, end = subject.left_edge.idx, end_of(child)
                cue.claims.append((start, end, "claim:object-clause"))
        if child.dep_ == "dobj" and verb.lemma_ in OBJECT_CLAUSE_VERBS:
            predicate = next((c for c in child.children if c.dep_ == "acl" and c.tag_ == "VBG"
                              or c.dep_ in ("acl", "relcl") and c.i > child.i and _nonfinite(c)
                              and not any(t.dep_ in SUBJECTS for t in c.children)), None)
            if predicate is None:  # "estimated the crowd at 5,000": the object and the figure it is put at
                predicate = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "at"
                                  and c.i == child.right_edge.i + 1 and any(t.like_num for t in c.subtree)), None)
            if predicate is not None:  # "reported 36 patients being treated", "considered it to be": the object
                # and its "-ing" form or infinitive
                cue.claims.append((child.left_edge.idx, end_of(predicate), "claim:object-clause"))
    cue.claims += _tagged_quotes(verb, source, quotes, cue.claims)
    fronted = _fronted(verb, source)
    if not cue.claims and _parenthetical(verb, source, fronted):
        tagged = {t.i for t in verb.subtree} - {t.i for part in fronted for t in part.subtree}
        if verb.dep_ == "ROOT":  # "Many of the towns, the report pointed out, have…": the parse made the tag the root
            for part in fronted:
                cue.claims += clause_claims(part, excluded, quotes, "claim:parenthetical", tag)
        else:
            head = verb.head
            while head.dep_ in ("ccomp", "xcomp", "conj") and head.head.i != head.i \
                    and not is_claim_verb(head.head):
                head = head.head  # the whole clause the tag sits in, not the part the parse hung it on
            cue.claims += clause_claims(head, tagged | excluded, quotes, "claim:parenthetical", tag)
    if any(end <= verb.idx for _, end, _ in cue.claims):
        cue.claims += _continued(verb, quotes)
    cue.claims = [c for c in cue.claims if not any(o[0] <= c[0] and c[1] <= o[1] and o[:2] != c[:2]
                                                   for o in cue.claims)]  # one claim of a cue inside another
    return cue


def _fronted(verb: Token, source: Source) -> list[Token]:
    """The part of a reported clause before its tag that the parse hung on the cue: an adverbial
    clause or a subject set off by a comma before the source ("If the pumps fail, engineers say, …")."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.left_edge.i > source.start:
        return []
    return [c for c in verb.children if c.dep_ == "advcl" and c.right_edge.i + 2 == subject.left_edge.i
            and verb.doc[subject.left_edge.i - 1].text == ","]


def _continued(verb: Token, quotes: Quotations) -> list[tuple[int, int, str]]:
    """The part of a reported clause after its tag that the parse took for a verb coordinated with the
    cue: one with no subject of its own, right after the tag's comma ("The hull was sound, inspectors
    said, and could sail by May"), "and" included; a cue of its own ("and added") is not one."""
    doc = verb.doc
    claims = []
    for conj in verb.children:
        if conj.dep_ != "conj" or conj.i < verb.i or conj.pos_ not in ("VERB", "AUX") or is_claim_verb(conj) \
                or any(c.dep_ in SUBJECTS for c in conj.children):
            continue
        first = conj.left_edge.i
        if first > 0 and doc[first - 1].dep_ == "cc" and doc[first - 1].head.i == verb.i:
            first -= 1
        if first > 0 and doc[first - 1].text == "," and doc[first - 1].head.i == verb.i:
            span = trimmed(doc, list(range(first, conj.right_edge.i + 1)), quotes, conjunction=True)
            if span is not None:
                claims.append((*span, "claim:parenthetical"))
    return claims


def _parenthetical(verb: Token, source: Source, fronted: list[Token]) -> bool:
    """A tag set off by commas inside or after the clause it reports ("they had, his father says,
    paid…"; "…, the council said."): the parse hangs it on that clause's verb, with no clause of its own,
    or makes it the root of the parts of the clause around it."""
    doc = verb.doc
    if not (verb.dep_ == "parataxis" and verb.head.pos_ in ("VERB", "AUX") and verb.head.i != verb.i
            or verb.dep_ == "ROOT" and fronted):
        return False
    if any(c.dep_ in ("ccomp", "dobj", "xcomp") for c in verb.children):
        return False
    inside = {t.i for part in fronted for t in part.subtree}
    words = [t for t in verb.subtree if not t.is_punct and t.i not in inside
             and not (t.i > verb.i and t.dep_ in ("conj", "cc") or any(a.dep_ == "conj" and a.i > verb.i
                                                                       for a in t.ancestors))]
    first, last = min(words[0].i, source.start), max(words[-1].i, source.end - 1)
    before = doc[first - 1] if first > verb.sent.start else None
    after = doc[last + 1] if last + 1 < verb.sent.end else None
    return before is not None and before.text == "," and (after is None or after.text in (",", ".", ";"))


def _stranded_clause(prep: Token) -> Token | None:
    """A "that"-clause the parse hung on the noun of a phrase between the cue and the clause ("clarified
    in the hearing that the fee was legal"): "that" marks it and it has a subject of its own, so it is
    no relative clause of that noun but the cue's complement."""
    noun = next((c for c in prep.children if c.dep_ == "pobj"), None)
    if noun is None or prep.lower_ not in ("in", "at", "on", "during", "before", "to"):
        return None  # "following concerns that…": the clause says what the concerns are
    return next((c for c in noun.children if c.dep_ == "relcl" and c.i > noun.i and _opened_by_that(c)), None)


def _opened_by_that(clause: Token) -> bool:
    """A clause that opens with "that" as a complementiser: "that" is neither its subject nor its
    object (as in a relative clause, "the report that she wrote"), and it has a subject of its own."""
    that = clause.left_edge
    return that.lower_ == "that" and that.i + 1 < len(clause.doc) and not (
        that.head.i == clause.i and that.dep_ in ("nsubj", "nsubjpass", "dobj")) and any(
        c.dep_ in SUBJECTS and c.i != that.i for c in clause.children)


def _addressee(verb: Token, clause: Token) -> set[int]:
    """The tokens of the one told that the parse took into the clause: "told Reuters Press the dam had
    failed" parses the name as part of the clause's subject; a name right after "tell", before the
    clause's own subject noun, is who was told."""
    if verb.lemma_ not in ADDRESSEE_VERBS or any(c.dep_ in ("dobj", "dative") for c in verb.children):
        return set()
    doc = verb.doc
    first = verb.i + 1
    if first >= len(doc) or doc[first].ent_iob_ != "B" or doc[first].ent_type_ not in ("ORG", "PERSON", "NORP"):
        return set()
    last = first
    while last + 1 < len(doc) and doc[last + 1].ent_iob_ == "I":
        last += 1
    subject = next((c for c in clause.children if c.dep_ in SUBJECTS), None)
    if subject is None or subject.i <= last or subject.left_edge.i > first or subject.ent_iob_ != "O":
        return set()
    return set(range(first, last + 1))


def _correlative(verb: Token) -> tuple[Token, Token] | None:
    """Two clauses of a cue that each open with "the" and a comparative ("the faster it ran, the more it
    flapped"): one proportion, which the parse took for two complements."""
    def compared(clause: Token) -> bool:
        first = next(t for t in clause.subtree if not t.is_punct)
        return first.lower_ == "the" and first.i + 1 < len(first.doc) and first.doc[first.i + 1].tag_ in ("JJR", "RBR")
    clauses = [c for c in verb.children if c.dep_ == "ccomp" and c.i > verb.i and compared(c)]
    return (clauses[0], clauses[1]) if len(clauses) == 2 else None


def _time_of_tag(verb: Token, clause: Token) -> set[int]:
    """"said at a news conference yesterday morning the road would close": with no "that" to open the
    clause, a time between the cue and the clause's subject is when it was said, not part of the claim."""
    subject = next((c for c in clause.children if c.dep_ in SUBJECTS), None)
    if clause.i < verb.i or is_that_clause(clause) or subject is None:
        return set()
    for time in clause.children:
        if time.dep_ in ("npadvmod", "advmod") and time.ent_type_ in ("DATE", "TIME") \
                and time.left_edge.i == clause.left_edge.i and time.right_edge.i + 1 == subject.left_edge.i:
            return {t.i for t in time.subtree}
    return set()


def _split_predicate(verb: Token, obj: Token) -> Token | None:
    """"ruled the practice of registering men, not women, is unlawful": the parse took the clause's
    subject for the cue's object and its verb for a verb coordinated with the cue (or for an adverbial
    clause with no word to open it). A verb of the cue's, with no subject and no "and" of its own,
    right after the object and a comma, is the predicate of a clause the object is the subject of."""
    for conj in verb.children:
        if (conj.dep_ == "conj" or conj.dep_ == "advcl" and _finite(conj)
                and not any(c.dep_ == "mark" for c in conj.children)) \
                and conj.i > obj.i and conj.pos_ in ("AUX", "VERB") \
                and not any(c.dep_ in SUBJECTS for c in conj.children) \
                and conj.left_edge.i == obj.right_edge.i + 2 and verb.doc[obj.right_edge.i + 1].text == "," \
                and not any(c.dep_ == "cc" and obj.i < c.i < conj.i for c in verb.children):
            return conj
    return None


def _finite(verb: Token) -> bool:
    """A verb with a tense of its own, or with a tensed auxiliary ("was forcing"), not "citing"."""
    return verb.tag_ in ("VBD", "VBZ", "VBP") or any(
        c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBD", "VBZ", "VBP", "MD") for c in verb.children)


def _proposition_object(verb: Token, obj: Token) -> bool:
    """A noun-phrase object that is what is asserted: after confirm, admit, acknowledge, predict and
    forecast any object; after deny, dispute and reject only what was said ("denied the allegations"),
    since "denied funding" refuses a thing and asserts nothing."""
    if verb.lemma_ not in PROPOSITION_OBJECT_VERBS:
        return False
    return verb.lemma_ not in DENIAL_VERBS or obj.lemma_.lower() in SAYING_NOUNS


def _reported_clause(verb: Token, clause: Token, quotes: Quotations) -> bool:
    """A clause that reports: opened by "that" or by nothing (not "whether", "if", "so", "because", which
    make a question or an adverbial), and after warn, promise and the like a clause with its own subject
    (not "warned them to leave")."""
    if any(c.dep_ == "mark" and c.lower_ != "that" for c in clause.children):
        return False
    if clause.pos_ not in ("VERB", "AUX") and any(c.dep_ == "det" for c in clause.children) \
            and not is_that_clause(clause) and not in_quote(clause.left_edge, quotes):
        return False  # "considered himself an artist": a noun phrase for predicate reports no clause
    if _infinitive(clause) and verb.lemma_ not in OBJECT_CLAUSE_VERBS and not in_quote(clause, quotes) \
            and any(c.dep_ in SUBJECTS for c in clause.children):
        return False  # "found it to be unlawful": an object with an infinitive only after believe and the like
    first = clause.left_edge
    if first.tag_ == "VBG" and first.i > 0 and first.doc[first.i - 1].text == ",":
        return False  # "…, citing the damage caused…": the speaker's own act, which the parse took for a clause
    if verb.lemma_ in THAT_ONLY_VERBS and not is_that_clause(clause) and not in_quote(clause, quotes):
        return any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in clause.children) and not _nonfinite(clause)
    return True


def _nonfinite(verb: Token) -> bool:
    """A "to"-infinitive or an "-ing" form."""
    return verb.tag_ == "VBG" or _infinitive(verb)


def _infinitive(verb: Token) -> bool:
    """A verb with "to" before it ("to fall", "to be unlawful")."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _subject_object(verb: Token, clause: Token | None, obj: Token | None = None) -> set[int]:
    """The tokens of a cue's object that the parse took from its clause: "remarked toilet paper is
    bulky" parses "toilet paper" as the object of "remarked" and leaves the clause without a subject;
    a reported clause needs one, so an object right before a subjectless clause is its subject."""
    objects = [c for c in verb.children if c.dep_ == "dobj" and (obj is None or c.i == obj.i)]
    clauses = [clause] if clause is not None else [c for c in verb.children if c.dep_ == "ccomp"]
    for found in objects:
        taken = {t.i for t in found.subtree}
        for prep in verb.children:  # "announced the recorder from the flight has been found": the parse hung
            if prep.dep_ == "prep" and prep.i == max(taken) + 1 \
                    and any(c.dep_ == "pobj" for c in prep.children):  # the subject's own phrase on the verb
                taken |= {t.i for t in prep.subtree}
        end = max(taken) + 1
        if end < len(verb.doc) and verb.doc[end].text == "," and _relative_aside(found):
            end += 1  # "suggest a fault, which had not been seen before, was…": the comma closing its aside
        for reported in clauses:
            if found.i < reported.i and not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in reported.children) \
                    and end == reported.left_edge.i and _finite(reported):
                return taken
    return set()


def _relative_aside(noun: Token) -> bool:
    """A noun phrase that ends in a relative clause set off by a comma ("a fault, which was new")."""
    doc = noun.doc
    return any(t.dep_ == "relcl" and t.right_edge.i == noun.right_edge.i and doc[t.left_edge.i - 1].text == ","
               for t in noun.subtree)


def _colon_claim(verb: Token, quotes: Quotations) -> tuple[int, int, str] | None:
    """A colon right after the cue or its object introduces the claim as "that" would: what follows it,
    to the end of the sentence ("announced its decision: the plant will close"). A quotation that fills
    it is the quotation."""
    doc = verb.doc
    sentence = verb.sent
    after = [c for c in verb.children if c.i > verb.i and c.dep_ in ("dobj", "prep", "dative", "npadvmod", "advmod")]
    end = max([verb.i, *(c.right_edge.i for c in after)])
    colon = end + 1
    if colon >= sentence.end or doc[colon].text != ":" or quotes.at(doc[colon].idx) is not None:
        return None
    first, last = colon + 1, sentence.end - 1
    if first >= len(doc):
        return None
    quote = quotes.at(doc[first].idx)
    if quote is not None and quote.start == doc[first].idx:
        return quote.start, quote.end, "claim:quotation"
    while last > first and (doc[last].is_punct or doc[last].is_space) and not inside_quote_end(doc, last, quotes):
        last -= 1
    if last <= first:
        return None
    return doc[first].idx, doc[last].idx + len(doc[last]), "claim:colon"


def _past_colon(verb: Token, claim: tuple[int, int, str], quotes: Quotations) -> tuple[int, int, str]:
    """A reported clause after its tag that stops at a colon runs on to the end of the sentence: what
    follows the colon spells it out ("said it had split the budget: schools get half, roads the rest")."""
    start, end, rule = claim
    doc, sentence = verb.doc, verb.sent
    rest = doc.text[end + 1:]
    if start < verb.idx or doc.text[end:end + 1] != ":" or quotes.at(end) is not None \
            or quotes.at(end + 1 + len(rest) - len(rest.lstrip())) is not None:
        return claim  # a quotation after the colon is a claim of its own
    last = sentence.end - 1
    while last > verb.i and (doc[last].is_space or doc[last].text in EDGE_PUNCTUATION) \
            and not inside_quote_end(doc, last, quotes):
        last -= 1
    if doc[last].idx <= end or "\n" in doc.text[end:doc[last].idx]:
        return claim
    return start, doc[last].idx + len(doc[last]), rule


def _coordinated_that_clauses(clause: Token) -> list[Token]:
    """"that A and that B": each "that"-clause its own claim; without a repeated "that" ("said A, and
    that B"), one claim."""
    return [clause, *(c for conj in that_conjuncts(clause) for c in _coordinated_that_clauses(conj))]


def _tagged_quotes(verb: Token, source: Source, quotes: Quotations,
                   claimed: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Quotations the cue tags: one right before its tag (“…,” she said / “…,” said X) and one right
    after it (X said: “…” / she says, “…”), when the parse did not already give them. A quotation the
    tag interrupts gives its first part however short (“However,” she said, “…”)."""
    doc = verb.doc
    sentence = verb.sent
    tag_start = min(doc[source.start].idx, verb.idx)
    tag_end = max(doc[source.end - 1].idx + len(doc[source.end - 1]), verb.idx + len(verb))
    before, after = [], []
    for quote in quotes.near(sentence.start_char, sentence.end_char + 2):  # one opening the next "sentence"
        after_verb = not doc.text[verb.idx + len(verb):quote.start].strip()  # writing "…"
        if any(s <= quote.start and quote.end <= e for s, e, _ in claimed):
            continue
        if quote.end <= tag_start and _only_tag_words(doc, verb, quote.end, tag_start):
            before.append((quote, after_verb))
        elif quote.start >= tag_end and _only_tag_words(doc, verb, tag_end, quote.start) \
                and quotes.stands_alone(quote, after_verb):
            after.append(quote)
    words = 1 if after or any(start >= tag_end for start, _, _ in claimed) else 3
    return [(quote.start, quote.end, "claim:quotation") for quote, after_verb in before
            if quotes.stands_alone(quote, after_verb, words)] + [(q.start, q.end, "claim:quotation") for q in after]


def _only_tag_words(doc: Doc, verb: Token, start: int, end: int) -> bool:
    """Nothing between a quotation and its tag but punctuation and the cue's own words (its object,
    time or manner: "told the press in an interview,"), with no clause and no sentence end of their
    own."""
    between = doc.char_span(start, end, alignment_mode="expand")
    if between is None or "." in doc.text[start:end].strip() or "\n" in doc.text[start:end]:
        return False
    subtree = {t.i for t in verb.subtree} | {verb.i}
    words = [t for t in between if not t.is_punct and not t.is_space]
    return all(t.i in subtree and (t.pos_ not in ("VERB", "AUX") or t.i == verb.i) for t in words) \
        or len(words) <= 4 and not any(t.pos_ == "VERB" for t in words)


def _according_to(token: Token, quotes: Quotations) -> Cue | None:
    """"according to X" / "per X": X speaks the clause the phrase is attached to."""
    to = next((c for c in token.children if c.lower_ == "to"), token)
    holder = next((c for c in to.children if c.dep_ == "pobj"), None)
    if holder is None:
        return None
    source = source_of(holder)
    if source is None:
        return None
    head = token.head
    while head.dep_ not in ("ROOT", "ccomp", "advcl", "relcl") and head.head.i != head.i:
        head = head.head  # the whole clause, coordinated parts too: "A died and B were hurt, according to X"
    excluded = {t.i for t in token.subtree} | _relative_after(token)
    return Cue(source, clause_claims(head, excluded, quotes, "claim:according-to", token.i))


def _relative_after(tag: Token) -> set[int]:
    """A relative clause right after "according to X" ("…, according to officials, some of whom were
    hurt") describes the source: it is not part of the claim."""
    doc = tag.doc
    i = tag.right_edge.i + 1
    while i < len(doc) and (doc[i].is_punct or doc[i].dep_ in ("nsubj", "nsubjpass") and doc[i].tag_ not in
                            ("WDT", "WP", "WP$") and i + 1 < len(doc) and doc[i + 1].lower_ == "of"):
        i += 1 if doc[i].is_punct else 2  # "some of whom"
    if i < len(doc) and doc[i].tag_ in ("WDT", "WP", "WP$"):
        clause = doc[i]
        while clause.dep_ not in ("relcl", "ROOT", "ccomp", "conj", "advcl") and clause.head.i != clause.i:
            clause = clause.head
        return {t.i for t in clause.subtree} if clause.i >= tag.i else set()
    return set()
