"""The annotation loop against a real Label Studio server: the project from the generated config,
tasks with predictions, two annotators' annotations through the API, the export back to records,
`ls pull`, `ls push-gold`, `ls up/status/down` (with and without predictions) and the errors for a wrong token or URL."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from label_studio_sdk import LabelStudio

from scripts.__main__ import main
from scripts.corpus.articles import Article
from scripts.labelstudio import cli as labelstudio
from scripts.labelstudio import project as ls_project
from scripts.labelstudio import server as ls_server
from scripts.labelstudio import tasks as ls_tasks
from scripts.labelstudio.convert import convert_exports
from scripts.labelstudio.results import record_to_result, task_data
from scripts.paths import ANNOTATIONS_DIR, LABEL_CONFIG
from scripts.preannotate.predict import predict
from scripts.records import METADATA_FIELDS, Record, doc_id
from scripts.validate.rules import record_problems
from tests.conftest import LabelStudioServer, copy_data_dir
from tests.factory import TEXT, relation, span

pytestmark = pytest.mark.labelstudio

PROJECT = "annotation-loop"
EMOJI_TEXT = "🚌 Ruiz said fares rise by 5 percent."  # the emoji is one code point, two UTF-16 units
SKIPPED_TEXT = "Nothing is claimed in this sentence."
SEED_EXPORT = ANNOTATIONS_DIR / "who-said-what-seed-gold-20261125.json"
CONFIG = LABEL_CONFIG.read_text(encoding="utf-8")


def region(rid: str, label: str, start: int, end: int, text: str) -> dict:
    """A span as the Label Studio editor saves it."""
    return {"id": rid, "from_name": "label", "to_name": "text", "type": "labels", "origin": "manual",
            "value": {"start": start, "end": end, "text": text[start:end], "labels": [label]}}


def per_region(rid: str, control: str, start: int, end: int, **value) -> dict:
    """A per-region attribute as the editor saves it: the span's id and offsets, its own type."""
    kind = "choices" if "choices" in value else "textarea"
    return {"id": rid, "from_name": control, "to_name": "text", "type": kind, "origin": "manual",
            "value": {"start": start, "end": end, **value}}


def link(from_id: str, to_id: str, label: str) -> dict:
    return {"from_id": from_id, "to_id": to_id, "type": "relation", "direction": "right", "labels": [label]}


# Annotator 1 on TEXT: a CLAIM with a QUANTITY and a LOCATION nested in it, the link drawn claim -> speaker.
FIRST_ON_TEXT = [
    region("Xk3v9aPqL2", "SPEAKER", 6, 14, TEXT), per_region("Xk3v9aPqL2", "speaker_type", 6, 14, choices=["person"]),
    region("b7TnQ0wE1z", "CLAIM", 25, 45, TEXT), per_region("b7TnQ0wE1z", "reporting", 25, 45, choices=["indirect"]),
    region("q_4Hs8dMvc", "QUANTITY", 25, 27, TEXT), per_region("q_4Hs8dMvc", "value", 25, 27, text=["40"]),
    per_region("q_4Hs8dMvc", "unit", 25, 27, text=["bus"]),
    region("Lm2Rt6YuI0", "LOCATION", 41, 45, TEXT),
    link("b7TnQ0wE1z", "Xk3v9aPqL2", "attribution"),
]
# Annotator 2 on TEXT: the quantity alone, marked approximate; region ids may repeat across annotators.
SECOND_ON_TEXT = [
    region("Xk3v9aPqL2", "QUANTITY", 25, 27, TEXT), per_region("Xk3v9aPqL2", "value", 25, 27, text=["40"]),
    per_region("Xk3v9aPqL2", "approximate", 25, 27, choices=["approximate"]),
]
# Annotator 2 after an emoji: offsets count code points; this link is drawn speaker -> claim.
SECOND_ON_EMOJI = [
    region("e1SpKr0000", "SPEAKER", 2, 6, EMOJI_TEXT), per_region("e1SpKr0000", "speaker_type", 2, 6, choices=["person"]),
    region("e2ClM00000", "CLAIM", 12, 35, EMOJI_TEXT), per_region("e2ClM00000", "reporting", 12, 35, choices=["indirect"]),
    region("e3QtY00000", "QUANTITY", 26, 35, EMOJI_TEXT), per_region("e3QtY00000", "value", 26, 35, text=["5"]),
    per_region("e3QtY00000", "unit", 26, 35, text=["percent"]),
    link("e1SpKr0000", "e2ClM00000", "attribution"),
]


def expected(text: str, spans: list[dict], relations: list[dict]) -> tuple:
    return doc_id(text), spans, relations


EXPECTED = {
    (doc_id(TEXT), "first"): expected(TEXT, [
        span("Xk3v9aPqL2", "SPEAKER", "Ana Ruiz", speaker_type="person"),
        span("b7TnQ0wE1z", "CLAIM", "40 buses run in Lyon", reporting="indirect"),
        span("q_4Hs8dMvc", "QUANTITY", "40", value=40.0, unit="bus"),
        span("Lm2Rt6YuI0", "LOCATION", "Lyon"),
    ], [relation("r1", "attribution", "Xk3v9aPqL2", "b7TnQ0wE1z")]),
    (doc_id(TEXT), "second"): expected(TEXT, [
        span("Xk3v9aPqL2", "QUANTITY", "40", value=40.0, approximate=True),
    ], []),
    (doc_id(EMOJI_TEXT), "second"): expected(EMOJI_TEXT, [
        span("e1SpKr0000", "SPEAKER", "Ruiz", text=EMOJI_TEXT, speaker_type="person"),
        span("e2ClM00000", "CLAIM", "fares rise by 5 percent", text=EMOJI_TEXT, reporting="indirect"),
        span("e3QtY00000", "QUANTITY", "5 percent", text=EMOJI_TEXT, value=5.0, unit="percent"),
    ], [relation("r1", "attribution", "e1SpKr0000", "e2ClM00000")]),
}


def predicted(record: Record) -> Record:
    """A stand-in pre-annotator: the speaker of TEXT, scored, and nothing elsewhere."""
    spans = [{**span("p1", "SPEAKER", "Ana Ruiz", speaker_type="person"), "score": 0.75}] if record["text"] == TEXT else []
    return {**record, "spans": spans, "relations": [],
            "provenance": {"origin": "prediction", "export": None, "task_id": None, "annotation_id": None,
                           "annotator": None, "ground_truth": None, "model_version": "stand-in-1"}}


def article(text: str) -> Article:
    return Article(id=doc_id(text), text=text, metadata={"id": doc_id(text)})


@dataclass
class Loop:
    ls: LabelStudio
    project_id: int
    tasks: dict[str, object]  # by doc id, as listed after the import
    annotators: dict[str, int]  # "first", "second" -> user id
    export: Path


@pytest.fixture(scope="module")
def loop(label_studio: LabelStudioServer, tmp_path_factory: pytest.TempPathFactory) -> Loop:
    """Project, tasks with predictions, annotations by two annotators and a skip, then a full export."""
    ls = ls_project.client(label_studio.url, label_studio.token)
    project, action = ls_project.ensure_project(ls, PROJECT, CONFIG)
    assert action == "created"
    documents = [article(TEXT), article(EMOJI_TEXT), article(SKIPPED_TEXT)]
    ls.projects.import_tasks(id=project.id, request=ls_tasks.new_tasks(documents, set(), predicted))
    tasks = {task.data["doc_id"]: task for task in ls_project.project_tasks(ls, project.id)}
    second = ls.users.create(username="annotator2", email="annotator2@example.com", password="second-pass-123")
    annotators = {"first": ls.users.whoami().id, "second": second.id}
    for text, who, result in [(TEXT, "first", FIRST_ON_TEXT), (TEXT, "second", SECOND_ON_TEXT),
                              (EMOJI_TEXT, "second", SECOND_ON_EMOJI)]:
        ls.annotations.create(id=tasks[doc_id(text)].id, result=result, completed_by=annotators[who], lead_time=12.5)
    ls.annotations.create(id=tasks[doc_id(SKIPPED_TEXT)].id, result=[], was_cancelled=True,
                          completed_by=annotators["second"])
    export = tmp_path_factory.mktemp("loop") / f"{PROJECT}.json"
    export.write_bytes(ls_project.export_json(ls, project.id))
    return Loop(ls, project.id, tasks, annotators, export)


def test_label_studio_accepts_the_generated_config(loop: Loop) -> None:
    assert loop.ls.projects.get(id=loop.project_id).label_config.strip() == CONFIG.strip()
    assert ls_project.ensure_project(loop.ls, PROJECT, CONFIG)[1] == "unchanged"


def test_tasks_carry_their_document_and_prediction(loop: Loop) -> None:
    assert sorted(loop.tasks) == sorted(doc_id(t) for t in (TEXT, EMOJI_TEXT, SKIPPED_TEXT))
    for doc, task in loop.tasks.items():
        record = next(a for a in map(article, (TEXT, EMOJI_TEXT, SKIPPED_TEXT)) if a.id == doc).record()
        assert task.data == task_data(record)
        assert [(p.model_version, p.result) for p in task.predictions] == [
            ("stand-in-1", record_to_result(predicted(record)))]
    assert loop.tasks[doc_id(TEXT)].predictions[0].result[0]["value"] == {
        "start": 6, "end": 14, "text": "Ana Ruiz", "labels": ["SPEAKER"]}


def test_the_export_converts_to_exactly_the_annotated_spans_and_links(loop: Loop) -> None:
    conversion = convert_exports([loop.export], all_annotations=True)
    by_user = {str(user): who for who, user in loop.annotators.items()}
    got = {(r["id"], by_user[r["provenance"]["annotator"]]): (r["id"], r["spans"], r["relations"])
           for r in conversion.records}
    assert got == EXPECTED
    assert [record_problems(r, loop.export.name) for r in conversion.records] == [[], [], []]
    assert (conversion.stats.tasks, conversion.stats.records, conversion.stats.cancelled,
            conversion.stats.unannotated) == (3, 3, 1, 1)
    emoji = next(r for r in conversion.records if r["id"] == doc_id(EMOJI_TEXT))
    assert [(s["start"], s["end"], s["text"]) for s in emoji["spans"]] == [
        (2, 6, "Ruiz"), (12, 35, "fares rise by 5 percent"), (26, 35, "5 percent")]
    first = next(r for r in conversion.records if r["provenance"]["annotator"] == str(loop.annotators["first"]))
    assert first["metadata"] == {name: None for name in METADATA_FIELDS}
    assert (first["provenance"]["task_id"], first["provenance"]["ground_truth"]) == (loop.tasks[doc_id(TEXT)].id, False)


def test_a_config_that_would_orphan_annotations_is_refused(loop: Loop) -> None:
    extra = CONFIG.replace("  </Labels>", '    <Label value="EXTRA" background="#000000"/>\n  </Labels>')
    assert ls_project.ensure_project(loop.ls, PROJECT, extra)[1] == "updated"
    assert ls_project.ensure_project(loop.ls, PROJECT, CONFIG)[1] == "updated"  # EXTRA is unused: it may go
    dropping = (CONFIG.replace('    <Label value="LOCATION" background="#9467bd" hotkey="l"/>\n', "")
                .replace('    <Relation value="attribution"/>\n', ""))
    with pytest.raises(ls_project.LabelStudioError) as refusal:
        ls_project.ensure_project(loop.ls, PROJECT, dropping)
    assert str(refusal.value) == (
        f"refused to change the labeling config of project {PROJECT!r}: its annotations use "
        "relation=attribution x2, label=LOCATION x1, which the new config drops; keep them in "
        "schema/scheme.yaml or change those annotations in Label Studio first")
    assert loop.ls.projects.get(id=loop.project_id).label_config.strip() == CONFIG.strip()


def ls_command(server: LabelStudioServer, monkeypatch: pytest.MonkeyPatch, *args: str) -> int:
    monkeypatch.setenv(ls_project.TOKEN_ENV, server.token)
    return main(["ls", *args, "--url", server.url])


def pulled(out: Path, project: str) -> Path:
    (path,) = out.iterdir()
    assert re.fullmatch(rf"{re.escape(project)}-\d{{8}}T\d{{6}}Z\.json", path.name)
    return path


def test_pull_writes_the_export_as_label_studio_sent_it(loop: Loop, label_studio: LabelStudioServer,
                                                        tmp_path: Path, monkeypatch, capsys) -> None:
    assert ls_command(label_studio, monkeypatch, "pull", "--project", PROJECT, "--out", str(tmp_path)) == 0
    path = pulled(tmp_path, PROJECT)
    assert capsys.readouterr().out == (
        f"wrote {path}: 3 task(s), 3 annotation(s), 1 cancelled, 1 task(s) still unannotated\n")
    latest = max(loop.ls.projects.exports.list(id=loop.project_id), key=lambda e: e.id)
    sent = b"".join(loop.ls.projects.exports.download(id=loop.project_id, export_pk=latest.id, export_type="JSON"))
    assert path.read_bytes() == sent
    assert list(tmp_path.iterdir()) == [path]  # no temporary file left behind


def spans_and_links(path: Path) -> list[tuple]:
    records = convert_exports([path], all_annotations=True).records
    return [(r["id"], r["spans"], r["relations"], r["provenance"]["ground_truth"]) for r in records]


@pytest.mark.parametrize("source", ["loop", "seed"])
def test_push_gold_then_pull_gives_the_same_spans_and_links(source: str, request, label_studio: LabelStudioServer,
                                                            tmp_path: Path, monkeypatch, capsys) -> None:
    export = request.getfixturevalue("loop").export if source == "loop" else SEED_EXPORT
    project = f"gold-{source}"
    read = {"loop": "3 annotation(s) of 3 task(s) read (1 cancelled ones not pushed)",
            "seed": "3 annotation(s) of 1 task(s) read (0 cancelled ones not pushed)"}[source]
    documents = {"loop": 2, "seed": 1}[source]
    assert ls_command(label_studio, monkeypatch, "push-gold", str(export), "--project", project) == 0
    first = capsys.readouterr().out.splitlines()
    assert first[0].startswith(f"project {project!r} (created): {label_studio.url}/projects/")
    assert first[1:] == [f"{read}; imported {documents} task(s) with their annotations, annotated 0 existing "
                         "task(s); 0 document(s) left alone: their task is annotated already"]
    assert ls_command(label_studio, monkeypatch, "push-gold", str(export), "--project", project) == 0
    assert capsys.readouterr().out.splitlines()[1:] == [
        f"{read}; imported 0 task(s) with their annotations, annotated 0 existing task(s); {documents} "
        "document(s) left alone: their task is annotated already"]
    assert ls_command(label_studio, monkeypatch, "pull", "--project", project, "--out", str(tmp_path)) == 0
    assert spans_and_links(pulled(tmp_path, project)) == spans_and_links(export)


def test_a_wrong_token_or_url_is_one_clear_line(label_studio: LabelStudioServer, tmp_path: Path,
                                                monkeypatch, capsys) -> None:
    wrong = LabelStudioServer(label_studio.url, "not-the-token", label_studio.data_dir)
    assert ls_command(wrong, monkeypatch, "pull", "--out", str(tmp_path)) == 1
    assert capsys.readouterr().err == (
        f"error: Label Studio at {label_studio.url} refused the API token (HTTP 401: Invalid token.): "
        f"set {ls_project.TOKEN_ENV} to the token under Account & Settings\n")
    nowhere = LabelStudioServer(f"http://127.0.0.1:{ls_server.free_port()}", label_studio.token, tmp_path)
    assert ls_command(nowhere, monkeypatch, "push-gold", str(SEED_EXPORT)) == 1
    error = capsys.readouterr().err
    assert error.startswith(f"error: cannot reach Label Studio at {nowhere.url}: ") and error.count("\n") == 1
    assert list(tmp_path.iterdir()) == []


def test_up_starts_imports_once_and_down_stops_exactly_it(label_studio_template: Path, tmp_path: Path,
                                                          capsys) -> None:
    data = copy_data_dir(label_studio_template, tmp_path / "label-studio")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    document = article(TEXT)
    (corpus / f"{document.id}.txt").write_text(TEXT, encoding="utf-8")
    (corpus / f"{document.id}.json").write_text(json.dumps(document.metadata), encoding="utf-8")
    predictions = [ls_tasks.prediction(predict(document.record()))]
    with_predictions = f" with predictions ({predictions[0]['model_version']})"
    local = ["--data-dir", str(data)]
    try:
        assert main(["ls", "up", *local, "--corpus", str(corpus)]) == 0
        state = labelstudio.read_state(data)
        url, pid = state["url"], state["pid"]
        assert capsys.readouterr().out.splitlines() == [
            f"Label Studio started at {url} (pid {pid}, data in {data}, log {data / 'server.log'})",
            f"project 'who-said-what' (created): {url}/projects/1/data",
            f"log in as admin@example.com with password {state['password']}",
            f"imported 1 document(s) as tasks{with_predictions}; 0 task(s) were already there",
        ]
        ls = ls_project.client(url, state["token"])
        (task,) = ls_project.project_tasks(ls, 1)
        assert task.data == task_data(document.record())
        assert [{"model_version": p.model_version, "result": p.result} for p in task.predictions] == predictions

        assert main(["ls", "up", *local, "--corpus", str(corpus)]) == 0
        assert capsys.readouterr().out.splitlines()[1:] == [
            f"project 'who-said-what' (unchanged): {url}/projects/1/data",
            f"log in as admin@example.com with password {state['password']}",
            "imported 0 document(s) as tasks; 1 task(s) were already there",
        ]
        assert len(ls_project.project_tasks(ls, 1)) == 1
        assert labelstudio.read_state(data)["pid"] == pid

        later = article(EMOJI_TEXT)  # a document added to the corpus, for an independent pass
        (corpus / f"{later.id}.txt").write_text(EMOJI_TEXT, encoding="utf-8")
        (corpus / f"{later.id}.json").write_text(json.dumps(later.metadata), encoding="utf-8")
        assert main(["ls", "up", *local, "--corpus", str(corpus), "--no-predictions"]) == 0
        assert capsys.readouterr().out.splitlines()[1:] == [
            f"project 'who-said-what' (unchanged): {url}/projects/1/data",
            f"log in as admin@example.com with password {state['password']}",
            "imported 1 document(s) as tasks; 1 task(s) were already there",
        ]
        tasks = {t.data["doc_id"]: t for t in ls_project.project_tasks(ls, 1)}
        assert tasks[later.id].data == task_data(later.record()) and tasks[later.id].predictions == []
        assert len(tasks[document.id].predictions) == 1

        assert main(["ls", "status", *local]) == 0
        assert capsys.readouterr().out == (f"Label Studio runs at {url} (pid {pid}) and answers /health; "
                                           f"data in {data}, log {data / 'server.log'}; log in as admin@example.com\n")
        assert main(["ls", "down", *local]) == 0
        assert capsys.readouterr().out == f"stopped Label Studio at {url} (pid {pid})\n"
        assert not ls_server.is_running(pid, state["command"]) and not ls_server.healthy(url)
        assert main(["ls", "status", *local]) == 0
        assert capsys.readouterr().out == (f"Label Studio is not running (data in {data}); "
                                           "start it with `python -m scripts ls up`\n")
    finally:
        state = labelstudio.read_state(data)
        if state and state.get("pid"):
            ls_server.stop(state["pid"], state["command"])
