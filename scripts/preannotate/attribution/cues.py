"""Reporting cues and the claims they introduce, read from the dependency parse.

A cue is a finite, affirmative verb of the guidelines' verb table (not "will say", "did not say", "is
said to"), a participle that continues its clause's speaker (", adding that"), or "according to X" /
"per X". Its claims are its clausal complements (each "that"-clause on its own), an object with its
own infinitive after believe-type verbs, a noun-phrase object after confirm-type verbs, a quotation it
tags, or the clause "according to" is attached to; a claim's span is that clause's words, cut where
the tag, the article's own dashes or another speaker's participial cue interrupt it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from scripts.preannotate.attribution.quotes import QUOTE_MARKS, Quotations
from scripts.preannotate.attribution.speakers import Source, source_of
from scripts.preannotate.lexicons import (CLAIM_VERBS, DENIAL_VERBS, MODALS, OBJECT_CLAUSE_VERBS,
                                          PROPOSITION_OBJECT_VERBS, SAYING_NOUNS, THAT_ONLY_VERBS)

DASHES = frozenset({"—", "–", "--"})
# Punctuation that never begins or ends a claim outside quotation marks ("%" and brackets of a
# quotation's own words are not among them).
EDGE_PUNCTUATION = frozenset({".", ",", ";", ":", "!", "?", "—", "–", "--", "-", "(", ")"})


@dataclass
class Cue:
    """A reporting cue: who speaks, and the character spans of what is claimed, each with its rule."""

    source: Source | None
    claims: list[tuple[int, int, str]] = field(default_factory=list)
    denied: bool = False


def find_cues(doc: Doc, quotes: Quotations) -> list[Cue]:
    found = []
    for token in doc:
        if token.lemma_ in CLAIM_VERBS and token.pos_ in ("VERB", "AUX") and _affirmative(token):
            cue = _verb_cue(token, quotes)
        elif token.lower_ in ("according", "per") and _introduces_source(token):
            cue = _according_to(token, quotes)
        else:
            continue
        if cue is not None and cue.claims:
            found.append(cue)
    return found


def _affirmative(verb: Token) -> bool:
    """Finite and said: not negated, not modal or future ("will say"), not an agentless passive ("is
    said to"), not an infinitive ("expected to announce")."""
    children = list(verb.children)
    if any(c.dep_ == "neg" for c in children) or any(c.dep_ == "aux" and c.lower_ in MODALS for c in children):
        return False
    if verb.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in children):
        return verb.dep_ == "xcomp" and verb.head.lemma_ in ("go", "continue", "proceed")  # "went on to say"
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in children) and not any(c.dep_ == "agent" for c in children):
        return False
    if verb.tag_ == "VBG":
        return verb.dep_ in ("advcl", "conj", "acl") and verb.i > 0 and verb.doc[verb.i - 1].text == ","
    return verb.tag_ in ("VBD", "VBZ", "VBP", "VBN") and not (verb.tag_ == "VBN" and verb.dep_ in ("amod", "acl"))


def _introduces_source(token: Token) -> bool:
    """"according to X" and "per X" with a source X (not "per month")."""
    if token.lower_ == "according":
        to = next((c for c in token.children if c.lower_ == "to"), None)
        return to is not None and any(c.dep_ == "pobj" for c in to.children)
    source = next((c for c in token.children if c.dep_ == "pobj"), None)
    return source is not None and source.ent_type_ in ("ORG", "PERSON")


def _speaker(verb: Token) -> Source | None:
    """The source of a cue: its subject, its passive agent, or for a participle or a verb coordinated
    with another, the subject of the verb it continues."""
    subjects = [source_of(c) for c in verb.children if c.dep_ == "nsubj"]
    found = [s for s in subjects if s is not None]
    if found:
        return max(found, key=lambda s: (s.named, s.start))  # "said study co-author Carl Lipo": the name
    for child in verb.children:
        if child.dep_ == "agent":
            agent = next((c for c in child.children if c.dep_ == "pobj"), None)
            return source_of(agent) if agent is not None else None
    if verb.dep_ in ("conj", "advcl", "xcomp") and verb.head.i != verb.i:
        return _speaker(verb.head)
    return None


def _verb_cue(verb: Token, quotes: Quotations) -> Cue | None:
    source = _speaker(verb)
    if source is None:
        return None
    cue = Cue(source, denied=verb.lemma_ in DENIAL_VERBS)
    excluded = set(range(source.start, source.end)) | {verb.i}
    for child in verb.children:
        if child.dep_ == "ccomp" or child.dep_ == "conj" and child.pos_ in ("VERB", "AUX") and _is_that_clause(child):
            if verb.lemma_ in THAT_ONLY_VERBS and not _is_that_clause(child) and not _in_quote(child, quotes):
                continue
            if any(c.dep_ == "mark" and c.lower_ in ("whether", "if") for c in child.children):
                continue  # a question is not a claim
            for clause in _coordinated_that_clauses(child):
                cue.claims += _clause_claims(clause, excluded, quotes, "claim:complement")
        elif child.dep_ == "dobj":
            clause = next((c for c in child.children if c.dep_ in ("acl", "relcl", "ccomp")
                           and _is_that_clause(c)), None)
            if clause is not None and child.lemma_ in SAYING_NOUNS:
                cue.claims += _clause_claims(clause, excluded, quotes, "claim:saying-noun")
            elif verb.lemma_ in PROPOSITION_OBJECT_VERBS:
                cue.claims += _clause_claims(child, excluded, quotes, "claim:object")
        elif child.dep_ in ("xcomp", "oprd") and verb.lemma_ in OBJECT_CLAUSE_VERBS:
            subject = next((c for c in verb.children if c.dep_ == "dobj" and c.i < child.i), None)
            if subject is not None:
                start, end = subject.left_edge.idx, _end_of(child)
                cue.claims.append((start, end, "claim:object-clause"))
    cue.claims += _tagged_quotes(verb, source, quotes, cue.claims)
    return cue


def _is_that_clause(clause: Token) -> bool:
    return any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children)


def _coordinated_that_clauses(clause: Token) -> list[Token]:
    """"that A and that B": each "that"-clause its own claim; without a repeated "that", one claim."""
    clauses = [clause]
    for conj in clause.children:
        if conj.dep_ == "conj" and _is_that_clause(conj):
            clauses += _coordinated_that_clauses(conj)
    return clauses


def _in_quote(token: Token, quotes: Quotations) -> bool:
    return quotes.at(token.idx) is not None


def _end_of(token: Token) -> int:
    last = token.right_edge
    while last.i > token.i and (last.is_punct and last.text not in QUOTE_MARKS):
        last = last.doc[last.i - 1]
    return last.idx + len(last)


def _clause_claims(head: Token, excluded: set[int], quotes: Quotations, rule: str) -> list[tuple[int, int, str]]:
    """The claim(s) of a clause: its words without the complementiser, the tag and what interrupts it;
    a clause that is one quotation is that quotation, marks included."""
    doc = head.doc
    inner = {t.i for conj in head.children if conj.dep_ == "conj" and _is_that_clause(conj) for t in conj.subtree}
    kept = [t.i for t in head.subtree if t.i not in excluded and t.i not in inner and not _interrupts(t, head)]
    if kept and doc[kept[0]].dep_ == "mark" and doc[kept[0]].lower_ in ("that", "because"):
        kept = kept[1:]
    runs, run = [], []
    for i in kept:
        if run and i != run[-1] + 1:
            runs.append(run)
            run = []
        run.append(i)
    if run:
        runs.append(run)
    claims = []
    for number, run in enumerate(runs):
        if number == 0 and len(runs) > 1 and not any(doc[i].pos_ in ("VERB", "AUX") for i in run):
            continue  # "Longer term, according to X, ...": an adverbial before the tag is not the claim
        span = _trimmed(doc, run, quotes)
        if span is not None:
            start, end = _with_quotation(span, quotes)
            claims.append((start, end, "claim:quotation" if quotes.at(start) and
                           (quotes.at(start).start, quotes.at(start).end) == (start, end) else rule))
    return claims


def _with_quotation(span: tuple[int, int], quotes: Quotations) -> tuple[int, int]:
    """A claim that opens a quotation starts at its opening mark; one that ends inside a quotation ends
    at its closing mark (the parse leaves the marks and the punctuation inside them to the tag)."""
    start, end = span
    opening = quotes.at(start - 1) if start > 0 else None
    if opening is not None and opening.start == start - 1:
        start = opening.start
    closing = quotes.at(end - 1)
    if closing is not None and closing.start >= start and closing.end > end:
        end = closing.end
    return start, end


def _interrupts(token: Token, head: Token) -> bool:
    """Words inside a clause's subtree that are not the claim: "according to X", another speaker's
    participial cue (", adding that"), and the article's aside between dashes."""
    node = token
    while node.i != head.i:
        if node.lower_ in ("according", "per") and node.dep_ == "prep" and _introduces_source(node):
            return True
        if node.tag_ == "VBG" and node.lemma_ in CLAIM_VERBS and node.dep_ in ("advcl", "conj") and node.i > 0 \
                and node.doc[node.i - 1].text == ",":
            return True
        node = node.head
    return False


def _trimmed(doc: Doc, run: list[int], quotes: Quotations) -> tuple[int, int] | None:
    """A run of tokens as a span: without punctuation at its ends (a closing quotation mark and what is
    inside it stay), ended before the article's own dash."""
    first, last = run[0], run[-1]
    for i in run:
        if doc[i].text in DASHES and quotes.at(doc[i].idx) is None and i > first:
            last = i - 1
            break
    while first <= last and (doc[first].text in EDGE_PUNCTUATION or doc[first].is_space
                             or doc[first].lower_ in ("and", "but", "or")):
        first += 1
    while last >= first and (doc[last].is_space or doc[last].text in EDGE_PUNCTUATION
                             and not _inside_quote_end(doc, last, quotes)):
        last -= 1
    if last - first < 1 and not (first <= last and doc[first].like_num):
        return None
    start, end = doc[first].idx, doc[last].idx + len(doc[last])
    if doc[first].text in QUOTE_MARKS and quotes.at(start) is not None and quotes.at(start).end > end:
        return None  # opens a quotation the run does not close: cut inside a quotation
    return start, end


def _inside_quote_end(doc: Doc, i: int, quotes: Quotations) -> bool:
    """Punctuation that stays: a closing quotation mark, and what lies inside the quotation before it."""
    token = doc[i]
    if token.text in QUOTE_MARKS:
        quote = quotes.at(token.idx)
        return quote is not None and quote.end == token.idx + len(token)
    quote = quotes.at(token.idx)
    return quote is not None and quote.end > token.idx + len(token)


def _tagged_quotes(verb: Token, source: Source, quotes: Quotations,
                   claimed: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Quotations the cue tags: one right before its tag (“…,” she said / “…,” said X) and one right
    after it (X said: “…” / she says, “…”), when the parse did not already give them."""
    doc = verb.doc
    sentence = verb.sent
    tag_start = min(doc[source.start].idx, verb.idx)
    tag_end = max(doc[source.end - 1].idx + len(doc[source.end - 1]), verb.idx + len(verb))
    found = []
    for quote in quotes.within(sentence.start_char, sentence.end_char + 2):
        if any(s <= quote.start and quote.end <= e for s, e, _ in claimed) or not quotes.stands_alone(quote):
            continue
        between_before = doc.text[quote.end:tag_start]
        between_after = doc.text[tag_end:quote.start]
        if quote.end <= tag_start and _only_tag_words(between_before):
            found.append((quote.start, quote.end, "claim:quotation"))
        elif quote.start >= tag_end and _only_tag_words(between_after):
            found.append((quote.start, quote.end, "claim:quotation"))
    return found


def _only_tag_words(between: str) -> bool:
    """Nothing but punctuation, a few words of time or manner, between a quotation and its tag."""
    words = [w for w in between.replace(",", " ").replace(":", " ").split() if w.strip("”“\"")]
    return len(words) <= 4 and "." not in between.strip()


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
    while head.dep_ not in ("ROOT", "ccomp", "conj", "advcl", "relcl") and head.head.i != head.i:
        head = head.head
    excluded = set(t.i for t in token.subtree)
    return Cue(source, _clause_claims(head, excluded, quotes, "claim:according-to"))
