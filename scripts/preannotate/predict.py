"""Predictions for one document: the candidates of every rule, reconciled into spans and links the scheme allows.

The text is parsed by a trained English pipeline (`scripts.nlp.trained_pipeline`: tokens, tags,
dependencies, entities); the rules on top follow the guidelines: QUANTITY from the numbers in the text
(`quantities`), LOCATION from the gazetteer and the pipeline's places (`places`), SPEAKER and CLAIM
from reporting cues and quotations (`attribution`). Each span is scored with the calibrated rate at
which the rule that proposed it is right (`calibration`).
"""

from __future__ import annotations

from collections.abc import Iterable

from scripts.errors import PipelineError
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


nlp = renewed(trained_pipeline)  # called once per document


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
    Every SPEAKER and CLAIM candidate is the end of a relation, so the relations bring them all."""
    kept: list[Candidate] = []
    attribution, coreference = scheme.roles.attribution, scheme.roles.coreference

    def fits(candidate: Candidate, *also: Candidate) -> bool:
        return all(_compatible(candidate, other, scheme) for other in (*kept, *also) if other is not candidate)

    for _, speaker, claim in sorted((r for r in relations if r[0] == attribution), key=lambda r: -score(r[2])):
        if (speaker in kept or fits(speaker)) and fits(claim, speaker):
            kept.extend(c for c in (speaker, claim) if c not in kept)
    for kind, mention, antecedent in relations:
        if kind == coreference and mention in kept and antecedent not in kept and fits(antecedent):
            kept.append(antecedent)
    for candidate in sorted(others, key=lambda c: (c.start, -c.end)):
        if fits(candidate):
            kept.append(candidate)
    return kept, [r for r in relations if r[1] in kept and r[2] in kept]


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
