"""`python -m scripts ls`: annotate in Label Studio. `up` runs a local server (state in
.label-studio/server.json), makes the project from the generated config and imports the corpus;
`pull` saves full JSON exports; `push-gold` loads exports back; `screenshot` shows the labeling page
a new annotator gets, and times getting there. The server process is handled by
scripts.labelstudio.server, the SDK calls by scripts.labelstudio.project, the browser by
scripts.labelstudio.browser."""

from __future__ import annotations

import argparse
import json
import os
import secrets
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path

import httpx
from label_studio_sdk.core.api_error import ApiError

from scripts.corpus.articles import articles
from scripts.errors import PipelineError
from scripts.files import atomic_writer
from scripts.labelstudio import server as ls_server
from scripts.labelstudio.convert import convert_exports
from scripts.labelstudio.project import (TOKEN_ENV, LabelStudioError, client, detail, ensure_project,
                                         export_counts, export_json, find_project, project_tasks)
from scripts.labelstudio.tasks import doc_ids, gold_tasks, new_tasks
from scripts.paths import ANNOTATIONS_DIR, CORPUS_DIR, LABEL_CONFIG, LABEL_STUDIO_STATE, shown
from scripts.schema.scheme import load_scheme
from scripts.schema.tables import write_between_markers

LOGIN = "admin@example.com"
SEED_DOC = "38a2be65dadfb0cd"  # the seed article: quotations, numbers, places and links on one screen
PAGE_BEGIN = ("<!-- BEGIN GENERATED: labeling page (python -m scripts ls screenshot docs/labeling-page.png "
              "--readme README.md) -->")
PAGE_END = "<!-- END GENERATED: labeling page -->"


def state_file(data_dir: Path) -> Path:
    return data_dir / "server.json"


def read_state(data_dir: Path) -> dict | None:
    path = state_file(data_dir)
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None


def write_state(data_dir: Path, state: dict) -> None:
    """Written atomically, readable by its owner only: it holds the password and token."""
    with atomic_writer(state_file(data_dir), mode=0o600) as handle:
        handle.write(json.dumps(state, indent=2) + "\n")


def running_state(data_dir: Path) -> dict | None:
    """The state of the local server if the process it names still runs."""
    state = read_state(data_dir)
    if state and state.get("pid") and ls_server.is_running(state["pid"], state["command"]):
        return state
    return None


def local_server(data_dir: Path, port: int | None, timeout: float) -> tuple[dict, bool]:
    """The running local server's state, and whether it was started now (with a new admin the first time)."""
    state = running_state(data_dir)
    if state:
        if port and port != state["port"]:
            raise LabelStudioError(f"Label Studio already runs here on port {state['port']}: "
                                   "stop it with `python -m scripts ls down` to change the port")
        return state, False
    state = read_state(data_dir) or {"login": LOGIN, "password": secrets.token_urlsafe(12),
                                     "token": secrets.token_hex(20)}
    if not port:
        previous = state.get("port")
        port = previous if previous and not ls_server.port_in_use(previous) else ls_server.free_port()
    server = ls_server.start(data_dir, port, state["login"], state["password"], state["token"], timeout)
    state.update(server.state())
    write_state(data_dir, state)
    return state, True


def connection(args: argparse.Namespace) -> tuple[str, str]:
    """(url, token): --url with the token in $LABEL_STUDIO_API_KEY, else the local server's."""
    if args.url:
        token = os.environ.get(TOKEN_ENV)
        if not token:
            raise LabelStudioError(f"--url {args.url} needs that server's API token in {TOKEN_ENV}")
        return args.url.rstrip("/"), token
    state = running_state(args.data_dir)
    if state is None:
        raise LabelStudioError("no local Label Studio runs: start it with `python -m scripts ls up`, "
                               f"or give --url and {TOKEN_ENV}")
    return state["url"], state["token"]


def up(args: argparse.Namespace) -> int:
    if args.url:
        url, token = connection(args)
    else:
        state, started = local_server(args.data_dir, args.port, args.timeout)
        url, token = state["url"], state["token"]
        print(f"Label Studio {'started' if started else 'already runs'} at {url} "
              f"(pid {state['pid']}, data in {args.data_dir}, log {state['log']})")
    ls = client(url, token)
    project, action = ensure_project(ls, args.project, LABEL_CONFIG.read_text(encoding="utf-8"))
    tasks = project_tasks(ls, project.id)
    predict = None
    if not args.no_predictions:
        from scripts.preannotate.predict import predict  # spaCy and the gazetteers: only when needed
    fresh = new_tasks(articles(args.corpus), doc_ids(tasks), predict)
    if fresh:
        ls.projects.import_tasks(id=project.id, request=fresh)
    versions = sorted({p["model_version"] for task in fresh for p in task.get("predictions", [])})
    print(f"project {args.project!r} ({action}): {url}/projects/{project.id}/data")
    if not args.url:
        print(f"log in as {state['login']} with password {state['password']}")
    print(f"imported {len(fresh)} document(s) as tasks"
          + (f" with predictions ({', '.join(versions)})" if versions else "")
          + f"; {len(tasks)} task(s) were already there")
    return 0


def pull(args: argparse.Namespace) -> int:
    url, token = connection(args)
    ls = client(url, token)
    project = find_project(ls, args.project)
    if project is None:
        raise LabelStudioError(f"no project {args.project!r} at {url}: create it with `python -m scripts ls up`")
    raw = export_json(ls, project.id)
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    path = args.out / f"{args.project}-{stamp}.json"
    with atomic_writer(path) as handle:
        handle.write(raw.decode("utf-8"))  # newline="\n": the same bytes as Label Studio sent
    counts = export_counts(json.loads(raw))
    print(f"wrote {path}: {counts['tasks']} task(s), {counts['annotations']} annotation(s), "
          f"{counts['cancelled']} cancelled, {counts['unannotated']} task(s) still unannotated")
    return 0


def push_gold(args: argparse.Namespace) -> int:
    conversion = convert_exports(args.exports, all_annotations=True)  # refuses what it cannot carry over
    url, token = connection(args)
    ls = client(url, token)
    project, action = ensure_project(ls, args.project, LABEL_CONFIG.read_text(encoding="utf-8"))
    new, attach, annotated = gold_tasks(conversion.records, project_tasks(ls, project.id))
    if new:
        ls.projects.import_tasks(id=project.id, request=new)
    for task_id, carried in attach.items():
        for annotation in carried:
            ls.annotations.create(id=task_id, **annotation)
    print(f"project {args.project!r} ({action}): {url}/projects/{project.id}/data")
    print(f"{len(conversion.records)} annotation(s) of {conversion.stats.tasks} task(s) read "
          f"({conversion.stats.cancelled} cancelled ones not pushed); imported {len(new)} task(s) with "
          f"their annotations, annotated {len(attach)} existing task(s); {len(annotated)} document(s) "
          "left alone: their task is annotated already")
    return 0


def down(args: argparse.Namespace) -> int:
    state = read_state(args.data_dir)
    if not state or not state.get("pid"):
        print(f"nothing to stop: no Label Studio started from {args.data_dir} runs")
        return 0
    stopped = ls_server.stop(state["pid"], state["command"])
    print(f"{'stopped' if stopped else 'already stopped:'} Label Studio at {state['url']} (pid {state['pid']})")
    state["pid"] = None
    write_state(args.data_dir, state)
    return 0


def status(args: argparse.Namespace) -> int:
    state = running_state(args.data_dir)
    if state:
        answer = "answers" if ls_server.healthy(state["url"]) else "does NOT answer"
        print(f"Label Studio runs at {state['url']} (pid {state['pid']}) and {answer} /health; "
              f"data in {args.data_dir}, log {state['log']}; log in as {state['login']}")
    elif read_state(args.data_dir):
        print(f"Label Studio is not running (data in {args.data_dir}); start it with `python -m scripts ls up`")
    else:
        print(f"no Label Studio was started from {args.data_dir}; start one with `python -m scripts ls up`")
    return 0


def screenshot(args: argparse.Namespace) -> int:
    """What a new annotator meets, timed: a first `ls up` on an empty data dir (a temporary folder, so
    nothing of .label-studio/ is touched), the first opening of a task's labeling page in a fresh
    browser, and a later start of the same data dir; the page is saved as PNG. The server is stopped
    by its pid at the end, whatever happens."""
    from scripts.labelstudio import browser  # Playwright: only for this action

    load = os.getloadavg()[0]  # other work on the machine slows the first start most
    with tempfile.TemporaryDirectory(prefix="label-studio-") as folder:
        local = argparse.Namespace(url=None, data_dir=Path(folder), port=None, timeout=args.timeout,
                                   project=args.project, no_predictions=False, corpus=args.corpus)
        try:
            started = time.monotonic()
            state, _ = local_server(local.data_dir, None, args.timeout)  # what `up` does first ...
            first_start = time.monotonic() - started
            up(local)  # ... and then, on the server it finds running
            first_up = time.monotonic() - started
            ls = client(state["url"], state["token"])
            project = find_project(ls, args.project)
            tasks = project_tasks(ls, project.id)
            task = next((t for t in tasks if (t.data or {}).get("doc_id") == args.doc), None)
            if task is None:
                raise LabelStudioError(f"no document {args.doc} in {args.corpus}: give one with --doc")
            with browser.chromium() as chromium:
                visit = browser.visit(chromium)
                opening = browser.open_task(visit.page, state["url"], state["login"], state["password"],
                                            project.id, task.id)
                browser.save_screenshot(visit.page, args.file)
            if visit.outside():
                raise LabelStudioError(f"the labeling page requested {len(visit.outside())} URL(s) outside "
                                       f"{ls_server.HOST}, the first {visit.outside()[0]}")
            ls_server.stop(state["pid"], state["command"])
            started = time.monotonic()
            state, _ = local_server(local.data_dir, None, args.timeout)
            later_start = time.monotonic() - started
        finally:
            state = read_state(local.data_dir)
            if state and state.get("pid"):
                ls_server.stop(state["pid"], state["command"])
    text = (f"Measured by `python -m scripts ls screenshot` on this machine ({os.cpu_count()} cores, load "
            f"average {load:.1f} when it began): the first `ls up` on an empty data dir took {first_up:.0f} s, "
            f"of which {first_start:.0f} s for the server's first start (it prepares its database) and "
            f"{first_up - first_start:.0f} s for the project and {len(tasks)} documents with their predictions; "
            f"a later start of the same data dir took {later_start:.0f} s. The labeling page, opened for the "
            f"first time in a fresh browser, showed its text {opening:.1f} s after the login form was sent, "
            f"and every request it made went to {ls_server.HOST}.")
    print(f"wrote {shown(args.file)}: the labeling page of document {args.doc}\n{text}")
    if args.readme:
        image = f"![The labeling page: the seed article with its predictions and their relations]({shown(args.file)})"
        write_between_markers(args.readme, PAGE_BEGIN, PAGE_END, f"{image}\n\n{text}")
    return 0


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "ls",
        help="annotate in Label Studio: a local server, corpus in as tasks, exports out",
        description="Run a local Label Studio (data in .label-studio/), create the project from "
        "schema/label_config.xml and import the corpus as tasks (`up`); pull full JSON exports "
        "into annotations/ (`pull`); load exports back as tasks with annotations (`push-gold`). "
        f"With --url, work against any Label Studio, with its API token in {TOKEN_ENV}.",
    )
    actions = parser.add_subparsers(dest="action", metavar="<action>", required=True)
    local = argparse.ArgumentParser(add_help=False)
    local.add_argument("--data-dir", type=Path, default=LABEL_STUDIO_STATE,
                       help="the local server's database, server.json and log (default: .label-studio/)")
    remote = argparse.ArgumentParser(add_help=False)
    remote.add_argument("--url", help=f"a Label Studio to use instead of the local one (token in {TOKEN_ENV})")
    remote.add_argument("--project", default=load_scheme().name, help="project title (default: %(default)s)")

    def action(name: str, parents: list, text: str,
               handler: Callable[[argparse.Namespace], int]) -> argparse.ArgumentParser:
        command = actions.add_parser(name, parents=parents, help=text, description=text + ".")
        command.set_defaults(handler=handler)
        return command

    start = action("up", [local, remote], "start the local server (or use --url), create or update the "
                   "project from the generated config, import the documents it does not have yet", up)
    start.add_argument("--port", type=int, help="port on 127.0.0.1 (default: the last one if free, else any free one)")
    start.add_argument("--timeout", type=float, default=300.0,
                       help="seconds to wait for the server (the first start on an empty data dir prepares "
                       "its database and takes longest)")
    start.add_argument("--no-predictions", action="store_true",
                       help="import tasks without the pre-annotator's predictions (for independent passes "
                       "that must see only the text)")
    start.add_argument("--corpus", type=Path, default=CORPUS_DIR, help=argparse.SUPPRESS)
    fetch = action("pull", [local, remote], "write a full JSON export of the project to "
                   "annotations/<project>-<UTC time>.json, exactly as Label Studio sends it", pull)
    fetch.add_argument("--out", type=Path, default=ANNOTATIONS_DIR, help="folder (default: annotations/)")
    push = action("push-gold", [local, remote], "load exports back as tasks with their completed "
                  "annotations; tasks already annotated are left alone", push_gold)
    push.add_argument("exports", nargs="+", type=Path, help="Label Studio JSON exports")
    action("down", [local], "stop the local server, by the pid it was started with", down)
    action("status", [local], "say whether the local server runs, where, and how to log in", status)
    shot = action("screenshot", [], "time a first `ls up` on an empty data dir (a temporary one) and the "
                  "first opening of the labeling page in Chromium, and save that page as PNG", screenshot)
    shot.add_argument("file", type=Path, help="the PNG to write (docs/labeling-page.png)")
    shot.add_argument("--doc", default=SEED_DOC, help="the document to show (default: the seed, %(default)s)")
    shot.add_argument("--readme", type=Path, metavar="FILE",
                      help="also write the image link and the timings into FILE, between the labeling "
                      "page markers (README.md)")
    shot.add_argument("--project", default=load_scheme().name, help=argparse.SUPPRESS)
    shot.add_argument("--timeout", type=float, default=300.0, help=argparse.SUPPRESS)
    shot.add_argument("--corpus", type=Path, default=CORPUS_DIR, help=argparse.SUPPRESS)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    try:
        return args.handler(args)
    except (LabelStudioError, ls_server.ServerError, PipelineError) as err:
        message = str(err)
    except ApiError as err:
        message = f"Label Studio refused a request: {detail(err)}"
    except httpx.HTTPError as err:
        message = f"lost the connection to Label Studio: {err}"
    print(f"error: {message}", file=sys.stderr)
    return 1
