"""The promise of every command, kept on inputs mutated from the real export and its records: each mutation
either passes, or is refused with exit status 1 and messages that all name the file, with no traceback, no
output written and the input untouched. A fixed seed makes the mutations the same on every run."""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from scripts.__main__ import main
from scripts.dataset.build import build
from scripts.engine import Engine
from scripts.errors import PipelineError
from scripts.paths import ANNOTATIONS_DIR, CORPUS_DIR

EXPORT = ANNOTATIONS_DIR / "who-said-what-seed-gold-20261125.json"
EXPORT_MUTATIONS, RECORD_MUTATIONS, BUILT = 120, 60, 3  # BUILT: of the exports that convert, how many are built
DEEP = "(nested 1,200 deep)"
ODD_VALUES: list[Any] = [float("nan"), float("inf"), -1, 10 ** 30, 1.5, "", "x", "\ud800", "\u202e", None, True,
                         [], {}, [[[["deep"]]]] * 2, "PERSON", "denies", "sideways", "no"]


def _paths(node: Any, path: tuple = ()) -> list[tuple]:
    """Every place in a JSON value."""
    places = [path]
    if isinstance(node, dict):
        for key, value in node.items():
            places += _paths(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            places += _paths(value, (*path, index))
    return places


def _parent(root: Any, path: tuple) -> Any:
    for step in path[:-1]:
        root = root[step]
    return root


def _structural(data: Any, rng: random.Random) -> str:
    """One change to the parsed JSON: a value replaced, a key dropped, an item doubled, a value nested deep."""
    path = rng.choice([p for p in _paths(data) if p])
    parent, key = _parent(data, path), path[-1]
    kind = rng.randrange(4)
    if kind == 0:
        parent[key] = rng.choice(ODD_VALUES)
    elif kind == 1 and isinstance(parent, dict):
        del parent[key]
    elif kind == 2 and isinstance(parent, list):
        parent.insert(key, json.loads(json.dumps(parent[key])))
    else:
        parent[key] = [[[parent[key]]]] if rng.random() < 0.5 else DEEP  # see `_dumps`
    return f"{('replace', 'drop', 'double', 'nest')[kind]} {'/'.join(map(str, path))}"


def _dumps(data: Any) -> bytes:
    """JSON as a careless tool writes it (NaN, Infinity, lone surrogates escaped), DEEP as a value nested
    1,200 deep, which no JSON encoder here would write."""
    return json.dumps(data).encode().replace(json.dumps(DEEP).encode(), b"[" * 1200 + b"1" + b"]" * 1200)


def _bytewise(raw: bytes, rng: random.Random) -> tuple[bytes, str]:
    """One change to the bytes: cut off, a byte inserted or changed, the file twice."""
    at = rng.randrange(len(raw))
    kind = rng.randrange(4)
    if kind == 0:
        return raw[:at], f"cut at {at}"
    if kind == 1:
        return raw[:at] + bytes([rng.choice(b'\xff\x00"{}[],:\\')]) + raw[at:], f"insert at {at}"
    if kind == 2:
        return raw[:at] + bytes([rng.randrange(256)]) + raw[at + 1:], f"change byte {at}"
    return raw + b"\n" + raw, "joined with itself"


def mutations(raw: bytes, count: int, seed: int, lines: bool) -> list[tuple[str, bytes]]:
    """`count` mutated copies of a JSON file (or of a JSON Lines file, one line changed), named."""
    rng, made = random.Random(seed), []
    for _ in range(count):
        if rng.random() < 0.3:
            changed, name = _bytewise(raw, rng)
        elif lines:
            rows = [json.loads(line) for line in raw.splitlines()]
            number = rng.randrange(len(rows))
            name = f"line {number + 1}: {_structural(rows[number], rng)}"
            changed = b"".join(_dumps(row) + b"\n" for row in rows)
        else:
            data = json.loads(raw)
            name = _structural(data, rng)
            changed = _dumps(data)
        made.append((name, changed))
    return made


def kept_promise(run: Callable[[], int], path: Path, folder: Path, capsys, name: str) -> int:
    """Run a command on a mutated input and check the promise; its exit status."""
    before = path.read_bytes()
    try:
        status = run()
    except Exception as err:  # noqa: BLE001 - any escape is the failure this test exists to find
        pytest.fail(f"{name}: {type(err).__name__}: {err}")
    err = capsys.readouterr().err
    assert status in (0, 1), name
    assert path.read_bytes() == before, f"{name}: the input changed"
    if status:
        lines = [line for line in err.splitlines() if not line.startswith("warning: ")]
        assert lines and (lines[0].startswith("error: ") or f"problem(s) in {path}" in lines[-1]), f"{name}: {err}"
        assert all(str(path) in line for line in lines), f"{name}: a message does not name the file:\n{err}"
        assert sorted(folder.iterdir()) == [path], f"{name}: output left behind"
    return status


@pytest.fixture(scope="module")
def records(tmp_path_factory) -> bytes:
    out = tmp_path_factory.mktemp("records") / "records.jsonl"
    assert main(["convert", str(EXPORT), "--out", str(out)]) == 0
    return out.read_bytes()


def test_mutated_exports_pass_or_are_refused_by_file(tmp_path: Path, capsys) -> None:
    outcomes = []
    for number, (name, changed) in enumerate(mutations(EXPORT.read_bytes(), EXPORT_MUTATIONS, 14, lines=False)):
        folder = tmp_path / str(number)
        folder.mkdir()
        path = folder / EXPORT.name
        path.write_bytes(changed)
        out = folder / "records.jsonl"
        converted = kept_promise(lambda: main(["convert", str(path), "--out", str(out)]), path, folder, capsys, name)
        out.unlink(missing_ok=True)
        kept_promise(lambda: main(["validate", str(path)]), path, folder, capsys, name)
        kept_promise(lambda: main(["evaluate", str(path), str(path), "--json"]), path, folder, capsys, name)
        outcomes.append(converted)
        if converted == 0 and outcomes.count(0) <= BUILT:
            out = tmp_path / f"hf-{number}"
            try:
                build(folder, out, CORPUS_DIR, Engine(workers=1))
            except PipelineError:
                assert not out.exists(), f"{name}: a refused build left {out}"
            assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")], f"{name}: a staging folder is left"
    assert 0 in outcomes and 1 in outcomes  # some mutations are harmless, others are refused


def test_mutated_records_pass_or_are_refused_by_file(records: bytes, tmp_path: Path, capsys) -> None:
    outcomes = []
    for number, (name, changed) in enumerate(mutations(records, RECORD_MUTATIONS, 41, lines=True)):
        folder = tmp_path / str(number)
        folder.mkdir()
        path = folder / "records.jsonl"
        path.write_bytes(changed)
        outcomes.append(kept_promise(lambda: main(["validate", str(path)]), path, folder, capsys, name))
        kept_promise(lambda: main(["evaluate", str(path), str(path)]), path, folder, capsys, name)
        kept_promise(lambda: main(["evaluate", str(path), str(path), "--gold-annotator", "4"]), path, folder, capsys,
                     name)
    assert 0 in outcomes and 1 in outcomes


@pytest.mark.parametrize("command", [["convert"], ["validate"], ["evaluate", str(EXPORT)], ["ingest", "--corpus", "c"]])
def test_an_input_that_is_not_a_regular_file_is_one_line_for_every_command(tmp_path: Path, capsys,
                                                                         command: list[str]) -> None:
    import os

    (tmp_path / "folder.json").mkdir()
    (tmp_path / "dangling.json").symlink_to(tmp_path / "nowhere.json")
    os.mkfifo(tmp_path / "pipe.json")  # opening it would wait for a writer forever
    problems = {"missing.json": "no such file", "folder.json": "is a folder, not a file",
                "dangling.json": "no such file (a symbolic link to nothing)",
                "pipe.json": "not a regular file (a pipe or a device): give a file"}
    for name, problem in problems.items():
        assert main([*command, str(tmp_path / name)]) == 1
        assert capsys.readouterr().err == f"error: {tmp_path / name}: {problem}\n"
