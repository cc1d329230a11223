"""Every baseline trained on each fold's training documents and scored on its held-out ones, beside the
pre-annotator on the same documents: the rows of the table.

Only the published folder is read. The spaCy models and the pre-annotator run on the engine's workers
(a model per fold, a document per call); the rest is fast enough to run here. Predictions of all folds
are pooled and scored once, and every count is kept per document for the intervals."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from datasets import DatasetDict, Split, load_dataset

from scripts.baselines import claims, data, ner, recipe, speakers
from scripts.baselines.data import Config, Fold
from scripts.baselines.scoring import Counts, compared, entity_counts, link_counts, span_counts, spans_of, tags_of
from scripts.engine import Engine, running
from scripts.errors import PipelineError
from scripts.evaluate.scores import Score
from scripts.preannotate.predict import predict
from scripts.records import Record
from scripts.schema.scheme import load_scheme


@dataclass(frozen=True)
class Row:
    task: str
    measure: str
    baseline: Counts
    preannotator: Counts


@dataclass(frozen=True)
class Results:
    documents: int
    folds: str  # how the documents were split
    fold_count: int
    epochs: int
    rows: list[Row]
    check: recipe.RecipeCheck  # the Hugging Face data step


@dataclass(frozen=True)
class NerFold:
    """What a worker needs to train one fold's NER and tag its held-out sentences."""

    train: list[dict]
    test: list[dict]
    tag_names: list[str]
    epochs: int | None


def _ner_fold(fold: NerFold) -> list[list[str]]:
    return ner.tag(ner.train(fold.train, fold.tag_names, fold.epochs), fold.test)


def _preannotate(document: tuple[str, str]) -> Record:
    doc_id, text = document
    return predict({"id": doc_id, "text": text})


def _record(doc: str, spans: list[dict], relations: list[dict] | None = None) -> Record:
    return {"id": doc, "spans": spans, "relations": relations or []}


def _span(sid: str, start: int, end: int, label: str) -> dict:
    return {"id": sid, "start": start, "end": end, "label": label,
            "attributes": load_scheme().empty_attributes(label)}


def _sentence_counts(rows: list[dict], predicted: dict[str, bool]) -> Counts:
    counts: Counts = {}
    for row in rows:
        gold, pred = bool(row["contains_claim"]), predicted[row["id"]]
        counts.setdefault(row["document_id"], Score()).add(int(gold and pred), int(gold), int(pred))
    return counts


def _attribution_record(doc: str, claim_rows: list[dict], links: dict[str, tuple[int, int] | None]) -> Record:
    """The gold claims of a document, each linked to the mention chosen for it."""
    roles = load_scheme().roles
    spans, relations, mention_ids = [], [], {}
    for claim in claim_rows:
        claim_id = f"c{len(spans)}"
        spans.append(_span(claim_id, claim["start"], claim["end"], roles.claim))
        mention = links[claim["id"]]
        if mention is not None:
            if mention not in mention_ids:
                mention_ids[mention] = f"m{len(mention_ids)}"
                spans.append(_span(mention_ids[mention], *mention, roles.speaker))
            relations.append({"id": f"r{len(relations)}", "type": roles.attribution, "head": mention_ids[mention],
                              "tail": claim_id})
    return _record(doc, spans, relations)


def run(folder: Path, documents: int | None = None, epochs: int | None = None,
        engine: Engine = Engine()) -> Results:
    """The table's rows for the first `documents` gold documents by id (all by default); `epochs`
    overrides ner.cfg's."""
    chosen = sorted(data.load(folder, "documents").split_of)[:documents]
    if len(chosen) < 2:
        raise PipelineError(f"{folder}: {len(chosen)} gold document(s): at least 2 are needed to train and test")
    gold_docs = data.load(folder, "documents", chosen)
    ner_rows, sentences, claim_rows = (data.load(folder, name, chosen) for name in ("ner", "sentences", "claims"))
    how, folds = data.folds(gold_docs.split_of)
    gold = data.gold_records(gold_docs)
    tag_names = ner_rows.features["ner_tags"].feature.names
    types = [name[2:] for name in tag_names if name.startswith("B-")]

    with running(engine) as workers:
        fold_tags = list(workers.map(_ner_fold, [NerFold(ner_rows.of(f.train), ner_rows.of(f.test), tag_names, epochs)
                                                 for f in folds]))
        predicted = dict(zip(gold, workers.map(_preannotate, [(doc, gold[doc]["text"]) for doc in gold])))
    tags = {row["id"]: t for fold, one in zip(folds, fold_tags) for row, t in zip(ner_rows.of(fold.test), one)}

    rules = compared(gold, predicted)
    rows = _ner_rows(ner_rows, tags, types, gold, predicted, rules)
    rows += _sentence_rows(sentences, folds, gold, predicted, rules)
    rows += _attribution_rows(claim_rows, ner_rows, folds, gold, tags, rules)
    check = recipe.run(_ner_dataset(folder, chosen), [gold[d]["text"] for d in chosen
                                                       if gold_docs.split_of[d] == Split.TRAIN])
    return Results(len(chosen), how, len(folds), epochs or ner.epochs(), rows, check)


def _ner_dataset(folder: Path, chosen: list[str]) -> DatasetDict:
    """The `ner` config as `load_dataset` gives it, for the recipe, limited to the chosen documents."""
    keep = set(chosen)
    return load_dataset(str(folder), "ner").filter(lambda row: row["document_id"] in keep, keep_in_memory=True)


def _ner_rows(config: Config, tags: dict[str, list[str]], types: list[str], gold: dict[str, Record],
              predicted: dict[str, Record], rules_scores: dict[str, dict]) -> list[Row]:
    names = config.features["ner_tags"].feature.names
    gold_tags = [[names[t] for t in row["ner_tags"]] for row in config.rows]
    model_tags = [tags[row["id"]] for row in config.rows]
    rules_tags = [tags_of(row, predicted[row["document_id"]]["spans"], types) for row in config.rows]
    task = "`ner`: spaCy NER from scratch"
    rows = [Row(task, "entities, seqeval strict IOB2, all types", entity_counts(config.rows, gold_tags, model_tags),
                entity_counts(config.rows, gold_tags, rules_tags))]
    rows += [Row("", f"entities, seqeval: `{label}`", entity_counts(config.rows, gold_tags, model_tags, label),
                 entity_counts(config.rows, gold_tags, rules_tags, label)) for label in types]
    spans: dict[str, list[dict]] = {doc: [] for doc in gold}
    for row, one in zip(config.rows, model_tags):
        spans[row["document_id"]] += spans_of(row, one, len(spans[row["document_id"]]))
    model_scores = compared(gold, {doc: _record(doc, found) for doc, found in spans.items()})
    rows += [Row("", f"character spans, `evaluate` {mode}", span_counts(model_scores, mode, types),
                 span_counts(rules_scores, mode, types)) for mode in ("exact", "overlap")]
    return rows


def _sentence_rows(config: Config, folds: list[Fold], gold: dict[str, Record], predicted: dict[str, Record],
                   rules_scores: dict[str, dict]) -> list[Row]:
    claim = load_scheme().roles.claim
    model: dict[str, bool] = {}
    for fold in folds:
        test = config.of(fold.test)
        model.update(zip((row["id"] for row in test), claims.classify(claims.train(config.of(fold.train)), test)))
    rules = {row["id"]: any(s["label"] == claim and s["start"] < row["end"] and row["start"] < s["end"]
                            for s in predicted[row["document_id"]]["spans"]) for row in config.rows}
    implied: dict[str, list[dict]] = {doc: [] for doc in gold}
    for row in config.rows:
        if model[row["id"]]:
            implied[row["document_id"]].append(_span(f"p{row['id']}", row["start"], row["end"], claim))
    model_scores = compared(gold, {doc: _record(doc, found) for doc, found in implied.items()})
    task = "`sentences`: TF-IDF logistic regression"
    return [Row(task, "sentences with a claim", _sentence_counts(config.rows, model),
                _sentence_counts(config.rows, rules))] + [
        Row("", f"`{claim}` spans, `evaluate` {mode} (a sentence is a span)",
            span_counts(model_scores, mode, [claim]), span_counts(rules_scores, mode, [claim]))
        for mode in ("exact", "overlap")]


def _attribution_rows(config: Config, ner_rows: Config, folds: list[Fold], gold: dict[str, Record],
                      tags: dict[str, list[str]], rules_scores: dict[str, dict]) -> list[Row]:
    roles = load_scheme().roles
    gold_mentions = {doc: [(s["start"], s["end"]) for s in record["spans"] if s["label"] == roles.speaker]
                     for doc, record in gold.items()}
    ner_mentions: dict[str, list[tuple[int, int]]] = {doc: [] for doc in gold}
    for row in ner_rows.rows:
        ner_mentions[row["document_id"]] += [(s["start"], s["end"]) for s in spans_of(row, tags[row["id"]])
                                             if s["label"] == roles.speaker]
    rules = link_counts(rules_scores, "exact", roles.attribution)
    cues = [speakers.cue_words(config.of(fold.train), ner_rows.of(fold.train)) for fold in folds]
    rows = []
    for mentions, which in ((gold_mentions, f"gold `{roles.speaker}` mentions"),
                            (ner_mentions, f"`{roles.speaker}` mentions of the spaCy NER")):
        records = {}
        for fold, fold_cues in zip(folds, cues):
            for doc in fold.test:
                doc_claims = config.of([doc])
                links = speakers.attribute(doc_claims, mentions, ner_rows.of([doc]), fold_cues)
                records[doc] = _attribution_record(doc, doc_claims, links)
        rows.append(Row("`claims`: nearest mention to the reporting cue" if not rows else "",
                        f"`{roles.attribution}` links, `evaluate` exact; gold claims, {which}",
                        link_counts(compared(gold, records), "exact", roles.attribution), rules))
    return rows
