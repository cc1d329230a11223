"""Tasks for Label Studio: corpus documents with the pre-annotator's predictions, and converted
annotations carried back to a project."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from scripts.corpus.articles import Article
from scripts.labelstudio.results import record_to_result, task_data
from scripts.records import Record

Predictor = Callable[[Record], Record]


def prediction(predicted: Record) -> dict:
    return {"model_version": predicted["provenance"]["model_version"], "result": record_to_result(predicted)}


def new_tasks(documents: Iterable[Article], present: set[str], predict: Predictor | None) -> list[dict]:
    """A task for each document whose id no task has yet, with its prediction if there is a predictor."""
    tasks = []
    for article in documents:
        if article.id in present:
            continue
        record = article.record()
        task: dict = {"data": task_data(record)}
        if predict is not None:
            task["predictions"] = [prediction(predict(record))]
        tasks.append(task)
    return tasks


def doc_ids(tasks: Iterable) -> set[str]:
    return {(task.data or {}).get("doc_id") for task in tasks} - {None}


def gold_tasks(records: list[Record], tasks: list) -> tuple[list[dict], dict[int, list[dict]], list[str]]:
    """Where converted annotations go: new tasks with their annotations, annotations for existing
    tasks that have none yet, and the documents left alone because their task is annotated."""
    by_doc: dict[str, list[Record]] = {}
    for record in records:
        by_doc.setdefault(record["id"], []).append(record)
    existing = {(task.data or {}).get("doc_id"): task for task in tasks}
    new, attach, annotated = [], {}, []
    for doc, group in by_doc.items():
        annotations = [{"result": record_to_result(r), "ground_truth": bool(r["provenance"].get("ground_truth"))}
                       for r in group]
        task = existing.get(doc)
        if task is None:
            new.append({"data": task_data(group[0]), "annotations": annotations})
        elif not task.total_annotations:
            attach[task.id] = annotations
        else:
            annotated.append(doc)
    return new, attach, annotated
