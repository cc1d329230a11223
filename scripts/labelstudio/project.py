"""Talking to a Label Studio through its SDK: a checked client, the project and its config, its tasks,
exports out. What `python -m scripts ls` and the integration tests share."""

from __future__ import annotations

import json
import time
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterable
from typing import Any

import httpx
from label_studio_sdk import LabelStudio
from label_studio_sdk.core.api_error import ApiError


TOKEN_ENV = "LABEL_STUDIO_API_KEY"
RELATIONS = "<Relations>"  # where relation labels go among a config's controls (no control has this name)
EXPORT_TIMEOUT = 600.0


class LabelStudioError(Exception):
    """A problem with the server, the token or the project, said in one line."""


def detail(err: ApiError) -> str:
    """An API error in one line: the status, Label Studio's own words and its validation errors."""
    body = err.body if isinstance(err.body, dict) else {}
    text = f"HTTP {err.status_code}"
    if body.get("detail"):
        text += f": {body['detail']}"
    if body.get("validation_errors"):
        text += f" {json.dumps(body['validation_errors'], ensure_ascii=False)}"
    return text


def client(url: str, token: str) -> LabelStudio:
    """A client whose URL and token are known to work: a first request says which one is wrong."""
    ls = LabelStudio(base_url=url, api_key=token)
    try:
        ls.users.whoami()
    except httpx.HTTPError as err:
        raise LabelStudioError(f"cannot reach Label Studio at {url}: {err}") from None
    except ApiError as err:
        if err.status_code in (401, 403):
            raise LabelStudioError(f"Label Studio at {url} refused the API token ({detail(err)}): set "
                                   f"{TOKEN_ENV} to the token under Account & Settings") from None
        raise LabelStudioError(f"{url} is not the root of a Label Studio: {detail(err)}") from None
    except ValueError:
        raise LabelStudioError(f"{url} is not the root of a Label Studio: its answer is not JSON") from None
    return ls


def find_project(ls: LabelStudio, title: str) -> Any | None:
    return next((p for p in ls.projects.list() if p.title == title), None)


def project_tasks(ls: LabelStudio, project_id: int) -> list:
    """Every task with its annotations and full predictions."""
    return list(ls.tasks.list(project=project_id, fields="all"))


def config_vocabulary(config: str) -> dict[str, frozenset[str] | None]:
    """What a labeling config lets annotations say: each control's values (None for free text)
    and, under RELATIONS, the relation labels."""
    vocabulary: dict[str, frozenset[str] | None] = {}
    for element in ET.fromstring(config).iter():
        if element.tag == "Relations":
            vocabulary[RELATIONS] = frozenset(r.get("value") for r in element)
        elif element.get("name") and element.get("toName"):
            values = frozenset(c.get("value") for c in element if c.get("value") is not None)
            vocabulary[element.get("name")] = values or None
    return vocabulary


def used_vocabulary(tasks: Iterable) -> Counter:
    """How many results of the tasks' annotations use each (control, value); value None for free text."""
    used: Counter = Counter()
    for task in tasks:
        for annotation in task.annotations or []:
            for item in annotation.get("result") or []:
                if item.get("type") == "relation":
                    used.update((RELATIONS, label) for label in item.get("labels") or [])
                    continue
                picked = (item.get("value") or {}).get(item.get("type"))  # value.labels, value.choices
                if isinstance(picked, list):
                    used.update((item.get("from_name"), value) for value in picked)
                else:
                    used[(item.get("from_name"), None)] += 1
    return used


def orphaned(config: str, tasks: Iterable) -> list[str]:
    """What existing annotations use that `config` no longer offers, with how often."""
    vocabulary = config_vocabulary(config)
    lost = []
    for (control, value), count in sorted(used_vocabulary(tasks).items(), key=str):
        offered = vocabulary.get(control, frozenset())
        if offered is not None and (value is None or value not in offered):
            name = "relation" if control == RELATIONS else control
            lost.append(f"{name}={value} x{count}" if value is not None else f"{name} x{count}")
    return lost


def ensure_project(ls: LabelStudio, title: str, config: str) -> tuple[Any, str]:
    """The project with this config, and what was done: created, updated or unchanged.
    A config that would orphan existing annotations is refused (Label Studio itself accepts it)."""
    project = find_project(ls, title)
    if project is None:
        return ls.projects.create(title=title, label_config=config), "created"
    if project.label_config.strip() == config.strip():  # the server drops the final newline
        return project, "unchanged"
    lost = orphaned(config, project_tasks(ls, project.id))
    if lost:
        raise LabelStudioError(
            f"refused to change the labeling config of project {title!r}: its annotations use "
            f"{', '.join(lost)}, which the new config drops; keep them in schema/scheme.yaml "
            "or change those annotations in Label Studio first")
    ls.projects.update(id=project.id, label_config=config)
    return project, "updated"


def export_json(ls: LabelStudio, project_id: int, timeout: float = EXPORT_TIMEOUT) -> bytes:
    """A full JSON export snapshot (every task, with annotations and relations), as Label Studio sends it."""
    export = ls.projects.exports.create(id=project_id, title="python -m scripts ls pull")
    deadline = time.monotonic() + timeout
    while export.status != "completed":
        if export.status == "failed":
            raise LabelStudioError(f"Label Studio failed to make export {export.id} of project {project_id}")
        if time.monotonic() > deadline:
            raise LabelStudioError(f"export {export.id} of project {project_id} not ready after {timeout:.0f} s")
        time.sleep(0.5)
        export = ls.projects.exports.get(id=project_id, export_pk=export.id)
    return b"".join(ls.projects.exports.download(id=project_id, export_pk=export.id, export_type="JSON"))


def export_counts(tasks: list[dict]) -> dict[str, int]:
    """Tasks, completed and cancelled (skipped) annotations, and tasks with no completed annotation."""
    annotations = [a for task in tasks for a in task.get("annotations") or []]
    cancelled = sum(1 for a in annotations if a.get("was_cancelled"))
    unannotated = sum(1 for task in tasks
                      if all(a.get("was_cancelled") for a in task.get("annotations") or []))
    return {"tasks": len(tasks), "annotations": len(annotations) - cancelled, "cancelled": cancelled,
            "unannotated": unannotated}
