"""A reported clause's words as CLAIM spans: the clause without its complementiser, cut where the
tag, "according to X", the article's own dashes or another speaker's cue interrupt it, and kept whole
where a quotation holds it.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from scripts.preannotate.attribution.quotes import QUOTE_MARKS, Quotations
from scripts.preannotate.attribution.speakers import introduces_source
from scripts.preannotate.text import is_claim_verb

DASHES = frozenset({"—", "–", "--"})
SUBJECTS = ("nsubj", "nsubjpass", "expl")
# Punctuation that never begins or ends a claim outside quotation marks ("%" and brackets of a
# quotation's own words are not among them).
EDGE_PUNCTUATION = frozenset({".", ",", ";", ":", "!", "?", "—", "–", "--", "-", "(", ")"})


def is_that_clause(clause: Token) -> bool:
    return any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children)


def that_conjuncts(clause: Token) -> list[Token]:
    """The "that"-clauses coordinated with a "that"-clause: each is a claim of its own."""
    if not is_that_clause(clause):
        return []
    return [conj for conj in clause.children if conj.dep_ == "conj" and is_that_clause(conj)]


def in_quote(token: Token, quotes: Quotations) -> bool:
    return quotes.at(token.idx) is not None


def end_of(token: Token) -> int:
    last = token.right_edge
    while last.i > token.i and (last.is_punct and last.text not in QUOTE_MARKS):
        last = last.doc[last.i - 1]
    return last.idx + len(last)


def clause_claims(head: Token, excluded: set[int], quotes: Quotations, rule: str,
                   tag: int) -> list[tuple[int, int, str]]:
    """The claim(s) of a clause: its words without the complementiser, the tag and what interrupts it;
    a clause that is one quotation is that quotation, marks included. `tag` is the cue's token: a
    semicolon, a paragraph break, or (for a clause before its tag) a colon between the clause and the
    tag ends the clause there, since each separates independent clauses."""
    doc = head.doc
    inner = {t.i for conj in that_conjuncts(head) for t in conj.subtree}
    kept = [t.i for t in head.subtree if t.i not in excluded and t.i not in inner and not _interrupts(t, head)]
    if kept and doc[kept[0]].dep_ == "mark" and doc[kept[0]].lower_ in ("that", "because") and kept[0] > tag:
        kept = kept[1:]
    runs, run = [], []
    for i in kept:
        if run and i != run[-1] + 1:
            runs.append(run)
            run = []
        run.append(i)
    if run:
        runs.append(run)
    runs = [piece for run in runs if (piece := _nearest_piece(doc, run, quotes, tag))]
    claims = []
    for number, run in enumerate(runs):
        if number == 0 and len(runs) > 1 and not any(doc[i].pos_ in ("VERB", "AUX") for i in run) \
                and not (_subject_of(doc, run, head) and not any(_subject_of(doc, r, head) for r in runs[1:])):
            continue  # "Longer term, according to X, ...": an adverbial before the tag is not the claim; a subject is
        span = trimmed(doc, run, quotes, conjunction=number > 0 and run[0] > tag)
        if span is not None:
            start, end = _with_quotation(span, quotes)
            quote = quotes.at(start)
            if quote is not None and quote.start <= start and end <= quote.end \
                    and not quote.start <= doc[tag].idx < quote.end and quotes.stands_alone(quote):
                start, end = quote.start, quote.end  # the parse's clause is a quotation's part: the quotation
            claims.append((start, end, "claim:quotation" if quote and (quote.start, quote.end) == (start, end)
                           else rule))
    return claims


def _subject_of(doc: Doc, run: list[int], head: Token) -> bool:
    """Whether the run holds a subject of the clause's head (a part before the tag that is no adverbial)."""
    return any(doc[i].dep_ in SUBJECTS and doc[i].head.i == head.i for i in run)


def _nearest_piece(doc: Doc, run: list[int], quotes: Quotations, tag: int) -> list[int]:
    """The part of a run of tokens on the tag's side of any semicolon or paragraph break (and, before
    the tag, of any colon) outside quotation marks."""
    before = run[-1] < tag
    pieces: list[list[int]] = [[]]
    for i in run:
        token = doc[i]
        if _separates(token, quotes, before):
            pieces.append([])
        else:
            pieces[-1].append(i)
    separators = range(run[-1] + 1, tag) if before else range(tag, run[0])
    if any(_separates(doc[i], quotes, before) for i in separators):
        return []
    return pieces[-1] if before else pieces[0]


def _separates(token: Token, quotes: Quotations, before: bool) -> bool:
    """A semicolon or a paragraph break, or before the tag a colon, outside quotation marks."""
    return quotes.at(token.idx) is None and (token.text == ";" or "\n" in token.text or before and token.text == ":")


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
    """Words inside a clause's subtree that are not the claim: "according to X", a participial cue
    (", adding that") or an adverbial clause with a cue of its own ("though she added that")."""
    node = token
    while node.i != head.i:
        if node.lower_ in ("according", "per") and node.dep_ == "prep" and introduces_source(node):
            return True
        if node.tag_ == "VBG" and is_claim_verb(node) and node.dep_ in ("advcl", "conj") and node.i > 0 \
                and node.doc[node.i - 1].text == ",":
            return True
        if is_claim_verb(node) and node.dep_ == "advcl" and any(c.dep_ == "nsubj" for c in node.children):
            return True  # "…, though she added that…": a cue of its own, with its own claim
        if node.lower_ == "without" and node.dep_ == "prep" and any(c.dep_ == "pcomp" and is_claim_verb(c)
                                                                    for c in node.children):
            return True  # "said he had left without elaborating": how it was said
        node = node.head
    return False


def trimmed(doc: Doc, run: list[int], quotes: Quotations, conjunction: bool = False) -> tuple[int, int] | None:
    """A run of tokens as a span: without punctuation at its ends (a closing quotation mark and what is
    inside it stay), ended before the article's own dash; a leading "and" stays in the part of a clause
    after its tag (`conjunction`)."""
    first, last = run[0], run[-1]
    for i in run:
        if doc[i].text in DASHES and quotes.at(doc[i].idx) is None and i > first and not _listed(doc, i, run):
            last = i - 1
            break
    while first <= last and (doc[first].text in EDGE_PUNCTUATION or doc[first].is_space
                             or doc[first].lower_ in ("and", "but", "or") and not conjunction):
        first += 1
    while last >= first and (doc[last].is_space or doc[last].text in EDGE_PUNCTUATION
                             and not inside_quote_end(doc, last, quotes) and not _closes_bracket(doc, first, last)
                             or doc[last].lower_ in ("and", "but", "or")):
        last -= 1
    if last - first < 1 and not (first <= last and (doc[first].like_num or doc[first].dep_ in ("nsubj", "nsubjpass")
                                                    and doc[first].pos_ in ("PROPN", "NOUN"))):
        # one word is a claim only as a number or as the subject before a tag ("Day, they said, left")
        return None
    start, end = doc[first].idx, doc[last].idx + len(doc[last])
    if doc[first].text in QUOTE_MARKS and quotes.at(start) is not None and quotes.at(start).end > end:
        return None  # opens a quotation the run does not close: cut inside a quotation
    return start, end


def _closes_bracket(doc: Doc, first: int, last: int) -> bool:
    """A closing bracket whose opening one is inside the span ("about 18 mph (8 m/s)")."""
    return doc[last].text == ")" and doc[first:last].text.count("(") > doc[first:last].text.count(")")


def _listed(doc: Doc, dash: int, run: list[int]) -> bool:
    """A single dash that opens a list of the clause's own items ("had three boats — two trawlers and a
    skiff"): the rest of the run has no verb and no other dash, and coordinates its items."""
    rest = [doc[i] for i in run if i > dash]
    sentence = doc[dash].sent
    return bool(rest) and not any(t.text in DASHES for t in doc[dash + 1:sentence.end]) \
        and not any(t.pos_ in ("VERB", "AUX") for t in rest) and any(t.dep_ == "cc" for t in rest)


def inside_quote_end(doc: Doc, i: int, quotes: Quotations) -> bool:
    """Punctuation that stays: a closing quotation mark, and what lies inside the quotation before it."""
    token = doc[i]
    if token.text in QUOTE_MARKS:
        quote = quotes.at(token.idx)
        return quote is not None and quote.end == token.idx + len(token)
    quote = quotes.at(token.idx)
    return quote is not None and quote.end > token.idx + len(token)
