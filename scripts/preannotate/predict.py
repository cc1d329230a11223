"""Predictions for one document: the candidates of every rule, reconciled into spans and links the scheme allows.

The text is parsed by a trained English pipeline (`scripts.nlp.trained_pipeline`: tokens, tags,
dependencies, entities); the rules on top follow the guidelines: QUANTITY from the numbers in the text
(`quantities`), LOCATION from the gazetteer and the pipeline's places (`places`), SPEAKER and CLAIM
from reporting cues and quotations (`attribution`). Each span is scored with the calibrated rate at
which the rule that proposed it is right (`calibration`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice, tee

from spacy.tokens import Doc

from scripts.errors import PipelineError
from scripts.intervals import Intervals
from scripts.nlp import renewed, trained_pipeline
from scripts.preannotate.calibration import score
from scripts.preannotate.attribution.reader import Relation, find_attributions
from scripts.preannotate.places import find_places
from scripts.preannotate.quantities import find_quantities
from scripts.preannotate.text import Candidate
from scripts.records import METADATA_FIELDS, Record, doc_id
from scripts.schema.scheme import Scheme, load_scheme
from scripts.validate.rules import record_problems

MODEL_NAME, MODEL_VERSION = "parse-rules", "2"
PROVENANCE = {"origin": "prediction", "export": None, "task_id": None, "annotation_id": None,
              "annotator": None, "ground_truth": None, "model_version": f"{MODEL_NAME}-{MODEL_VERSION}"}


nlp = renewed(trained_pipeline)  # called with the number of documents it is about to parse
PIPE_BATCH = 32  # documents parsed together by nlp.pipe
PIECE_CHARS = 20_000  # longer documents are parsed in paragraph-aligned pieces of at most this many characters


def _compatible(a: Candidate, b: Candidate, scheme: Scheme) -> bool:
    """Whether two spans may both stand: apart, or nested as the scheme allows."""
    if a.end <= b.start or b.end <= a.start:
        return True
    if (a.start, a.end) == (b.start, b.end):
        return a.label != b.label and (scheme.may_nest(a.label, b.label) or scheme.may_nest(b.label, a.label))
    if b.start <= a.start and a.end <= b.end:
        return scheme.may_nest(a.label, b.label)
    if a.start <= b.start and b.end <= a.end:
        return scheme.may_nest(b.label, a.label)
    return False


def _claim_order(relation: Relation) -> tuple[bool, int]:
    """A quotation is the surest claim: its marks are on the page; then claims in text order."""
    claim = relation[2]
    return claim.rule != "claim:quotation", claim.start


def reconcile(relations: list[Relation], others: Iterable[Candidate],
              scheme: Scheme) -> tuple[list[Candidate], list[Relation]]:
    """Keep the candidates that nest or stay apart: attributions first (quotations, then in text order), then
    the antecedents they refer to, then places and quantities; links only between kept spans.
    Every SPEAKER and CLAIM candidate is the end of a relation, so the relations bring them all.
    A candidate is checked against the kept spans it overlaps only, found by their offsets, so the
    cost grows with the length of the document, not with the square of its spans."""
    kept: list[Candidate] = []
    taken: set[int] = set()  # ids of the kept candidates
    index: Intervals[Candidate] = Intervals()
    attribution, coreference = scheme.roles.attribution, scheme.roles.coreference

    def fits(candidate: Candidate, *also: Candidate) -> bool:
        return all(_compatible(candidate, other, scheme)
                   for other in (*index.overlapping(candidate.start, candidate.end), *also) if other is not candidate)

    def keep(*candidates: Candidate) -> None:
        for candidate in candidates:
            if id(candidate) not in taken:
                taken.add(id(candidate))
                kept.append(candidate)
                index.add(candidate.start, candidate.end, candidate)

    for _, speaker, claim in sorted((r for r in relations if r[0] == attribution), key=_claim_order):
        if (id(speaker) in taken or fits(speaker)) and fits(claim, speaker):
            keep(speaker, claim)
    for kind, mention, antecedent in relations:
        if kind == coreference and id(mention) in taken and id(antecedent) not in taken and fits(antecedent):
            keep(antecedent)
    for candidate in sorted(others, key=lambda c: (c.start, -c.end)):
        if fits(candidate):
            keep(candidate)
    return kept, [r for r in relations if id(r[1]) in taken and id(r[2]) in taken]


def _attributes(candidate: Candidate, scheme: Scheme) -> dict:
    attributes = {**scheme.empty_attributes(candidate.label), **candidate.attributes}
    value = attributes.get(scheme.roles.value)
    if isinstance(value, float) and value.is_integer():
        attributes[scheme.roles.value] = int(value)
    return attributes


def pieces(text: str, limit: int = PIECE_CHARS) -> list[tuple[int, str]]:
    """A text cut into pieces of at most `limit` characters, each with its offset, at paragraph breaks,
    or inside a paragraph longer than that at its last sentence end or space, else at the limit: a long
    document costs time in proportion to its length, and no piece reaches spaCy's max_length, past
    which the trained pipeline refuses a text."""
    found: list[tuple[int, str]] = []
    start = 0
    while len(text) - start > limit:
        window = text[start:start + limit]
        cut = next((at + len(mark) for mark in ("\n", ". ", " ") if (at := window.rfind(mark)) > 0), limit)
        found.append((start, window[:cut]))
        start += cut
    found.append((start, text[start:]))
    return found


def candidates(doc: Doc, text: str, scheme: Scheme, offset: int = 0) -> tuple[list[Candidate], list[Relation]]:
    """The spans every rule proposes for a parsed text, reconciled, in text order, with their links;
    their offsets moved by `offset` (the text's place in its document)."""
    kept, relations = reconcile(find_attributions(doc, text),
                                [*find_places(doc, text), *find_quantities(doc, text)], scheme)
    for candidate in kept:
        candidate.start, candidate.end = candidate.start + offset, candidate.end + offset
    kept.sort(key=lambda c: (c.start, -c.end, c.label))
    return kept, relations


def document_candidates(texts: Iterable[str], scheme: Scheme) -> Iterator[tuple[list[Candidate], list[Relation]]]:
    """`candidates` for each text, the texts parsed PIPE_BATCH pieces at a time (`nlp.pipe`)."""
    texts = iter(texts)
    while batch := list(islice(texts, PIPE_BATCH)):
        parts = [(n, offset, piece) for n, text in enumerate(batch) for offset, piece in pieces(text)]
        found: list[tuple[list[Candidate], list[Relation]]] = [([], []) for _ in batch]
        docs = nlp(len(batch)).pipe(piece for _, _, piece in parts)
        for (n, offset, piece), doc in zip(parts, docs):
            kept, relations = candidates(doc, piece, scheme, offset)
            found[n][0].extend(kept)
            found[n][1].extend(relations)
        yield from found


def predict_many(records: Iterable[Record], scheme: Scheme | None = None) -> Iterator[Record]:
    """The predicted record of each record, in order (see `predict`), parsed a batch at a time."""
    scheme = scheme or load_scheme()
    records, texts = tee(records)
    for record, (kept, relations) in zip(records, document_candidates((r["text"] for r in texts), scheme)):
        yield _predicted(record, kept, relations, scheme)


def predict(record: Record, scheme: Scheme | None = None) -> Record:
    """The record with predicted spans (each with a score), relations and prediction provenance."""
    return next(predict_many([record], scheme))


def _predicted(record: Record, kept: list[Candidate], relations: list[Relation], scheme: Scheme) -> Record:
    text = record["text"]
    ids = {id(c): f"s{i}" for i, c in enumerate(kept, start=1)}
    return {
        "id": record.get("id") or doc_id(text),
        "text": text,
        "metadata": record.get("metadata") or {name: None for name in METADATA_FIELDS},
        "spans": [{"id": ids[id(c)], "start": c.start, "end": c.end, "label": c.label,
                   "text": text[c.start:c.end], "score": round(score(c), 3),
                   "attributes": _attributes(c, scheme)} for c in kept],
        "relations": [{"id": f"r{i}", "type": kind, "head": ids[id(head)], "tail": ids[id(tail)]}
                      for i, (kind, head, tail) in enumerate(relations, start=1)],
        "provenance": dict(PROVENANCE),
    }


def checked(record: Record) -> Record:
    """A prediction that breaks a rule of the scheme is a bug here, never something to hand on."""
    problems = record_problems(record, "prediction")
    if problems:
        raise PipelineError("\n".join(str(p) for p in problems))
    return record
