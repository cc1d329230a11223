"""Exports read a range of whole tasks at a time give exactly what `json.load` gives, or the same refusal."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scripts.bench.synthetic import tasks as made_up
from scripts.errors import PipelineError
from scripts.labelstudio.exports import Miscut, NotAnExport, exact_ranges, iter_tasks, ranges, read_range
from scripts.paths import ANNOTATIONS_DIR
from tests.conftest import shared_path

EXPORTS = sorted(ANNOTATIONS_DIR.glob("*.json"))
THIRD_PARTY = [("generated_ls_1_23_2", "export_JSON.json"), ("ChristophAlt__labelstudio_converter", "data.json"),
               ("label-studio__named_entity", "annotations_1.json")]


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "export.json"
    path.write_text(text, encoding="utf-8")
    return path


def _same_as_json_load(path: Path, size: int) -> None:
    loaded = json.loads(path.read_bytes())
    assert list(iter_tasks(path, size)) == (loaded if isinstance(loaded, list) else [loaded])


@pytest.mark.parametrize("path", EXPORTS, ids=lambda p: p.name)
@pytest.mark.parametrize("size", [1, 300, 1 << 20])
def test_the_stream_gives_the_tasks_json_load_gives(path: Path, size: int) -> None:
    _same_as_json_load(path, size)


@pytest.mark.shared
@pytest.mark.parametrize("parts", THIRD_PARTY, ids=lambda p: p[0])
@pytest.mark.parametrize("size", [1, 300, 1 << 20])
def test_third_party_exports_stream_as_json_load_reads_them(parts: tuple[str, str], size: int) -> None:
    _same_as_json_load(shared_path("fixtures", "label-studio", *parts), size)


def test_a_made_up_export_cut_small_reads_back_whole(tmp_path: Path) -> None:
    tasks = [task for task, _ in made_up(30)]
    path = _write(tmp_path, json.dumps(tasks, indent=1))
    assert len(ranges(path, 20_000)) > 5
    assert list(iter_tasks(path, 20_000)) == tasks
    assert [t for part in exact_ranges(path, size=20_000) for t in read_range(part)] == tasks


def test_a_task_like_object_inside_a_task_is_read_exactly(tmp_path: Path) -> None:
    """A cut before {"id": .., "annotations": ..} nested in a task fails to parse, and is recut exactly."""
    inner = {"id": 9, "annotations": [], "data": {"text": "not a task"}}
    tasks = [{"id": n, "annotations": [], "data": {"text": f"task {n}"}, "meta": {"log": [{"x": 1}, inner]}}
             for n in range(1, 6)]
    path = _write(tmp_path, json.dumps(tasks))
    cuts = ranges(path, 10)
    with pytest.raises(Miscut):
        for part in cuts:
            read_range(part)
    assert list(iter_tasks(path, 10)) == tasks


def test_a_single_task_object_and_an_empty_list(tmp_path: Path) -> None:
    task = {"id": 1, "data": {"text": "Oslo is cold."}, "annotations": []}
    assert list(iter_tasks(_write(tmp_path, json.dumps(task)))) == [task]
    assert list(iter_tasks(_write(tmp_path, " [ ] \n"))) == []


@pytest.mark.parametrize(("text", "message"), [
    ('[{"id": 1, "data": {"text": "a"}}, {"id": 2, "data": {"text": "b"}}', "the list of tasks is not closed"),
    ('[{"id": 1, "data": {"text": "a"}}, {"id": 2, "data": {"text": "b"]', "not valid JSON: "),
    ("", "not valid JSON: Expecting value"),
    ("id,text\n1,a\n", "not valid JSON: "),
])
def test_broken_json_is_refused(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(PipelineError, match=message):
        list(iter_tasks(_write(tmp_path, text)))


def test_an_error_deep_in_a_big_export_names_its_byte(tmp_path: Path) -> None:
    tasks = json.dumps([task for task, _ in made_up(20)])
    broken = tasks[:150_000] + "\x01" + tasks[150_000:]
    with pytest.raises(PipelineError, match=r"not valid JSON: .* \(at byte \d+\)"):
        list(iter_tasks(_write(tmp_path, broken), 30_000))


def test_a_list_of_other_things_is_not_an_export(tmp_path: Path) -> None:
    with pytest.raises(NotAnExport, match="not a Label Studio JSON export"):
        list(iter_tasks(_write(tmp_path, '[{"text": "a", "label": []}]')))


TASK = '{"id": 1, "data": {"text": "A said."}, "annotations": []}'


@pytest.mark.parametrize(("text", "message"), [
    (f"[{TASK}]\n[{TASK}]", "not valid JSON: more after the end of the list of tasks at byte 58 "
                            "(two exports joined into one file?)"),
    (f"{TASK} {TASK}", "not valid JSON: more after the end of the task at byte 58 (two exports joined into one file?)"),
    (f'[{TASK[:-1]}, "x": NaN}}]', "not valid JSON: NaN is not a JSON number (at byte 64)"),
    (f'[{TASK[:-1]}, "x": -Infinity}}]', "not valid JSON: -Infinity is not a JSON number (at byte 64)"),
    (f'[{TASK[:-1]}, "x": 1e999}}]', "not valid JSON: number is infinity when parsed as double (at byte 64)"),
    ('[{"id": 1, "data": {"text": "A \\ud800 said."}}]', "not valid JSON: no low surrogate in string (at byte 31)"),
    (f'[{TASK[:-1]}, "x": {"[" * 1500}{"]" * 1500}}}]', "not valid JSON: nested too deeply (the task at byte 1)"),
])
def test_what_json_load_would_pass_over_or_choke_on_is_refused_where_it_is(tmp_path: Path, text: str,
                                                                           message: str) -> None:
    path = _write(tmp_path, text)
    with pytest.raises(PipelineError) as err:
        list(iter_tasks(path))
    assert str(err.value) == f"{path}: {message}"


def test_what_is_not_a_regular_file_is_refused_before_it_is_opened(tmp_path: Path) -> None:
    import os

    (tmp_path / "folder.json").mkdir()
    (tmp_path / "dangling.json").symlink_to(tmp_path / "nowhere.json")
    os.mkfifo(tmp_path / "pipe.json")  # opening it would wait for a writer forever
    for name, problem in [("missing.json", "no such file"), ("folder.json", "is a folder, not a file"),
                          ("dangling.json", "no such file (a symbolic link to nothing)"),
                          ("pipe.json", "not a regular file (a pipe or a device): give a file")]:
        with pytest.raises(PipelineError) as err:
            list(iter_tasks(tmp_path / name))
        assert str(err.value) == f"{tmp_path / name}: {problem}"
