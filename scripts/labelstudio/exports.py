"""Label Studio JSON exports read a range of whole tasks at a time, so an export of any size fits in memory.

An export is one JSON array of tasks. `ranges` cuts it without parsing it: a cut goes before an object
that opens with the same first keys as the first task ("id" then "annotations" in Label Studio's order).
That pattern cannot occur inside a JSON string, where its quote would be escaped, but it could open an
object nested in a task; a range cut there is not valid JSON on its own, so reading it fails
(`Miscut`) and the export is cut again by `exact_ranges`, which finds every task with a JSON decoder.
A wrong cut therefore never passes: when every range parses, every cut is between two tasks. An exact
range that does not parse is broken JSON (NaN, a lone surrogate, nesting too deep, a second list after
the first), refused with the byte where it breaks.
"""

from __future__ import annotations

import codecs
import gc
import json
import mmap
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import orjson

from scripts.errors import PipelineError
from scripts.files import input_file

RANGE_BYTES = 1 << 20  # about fifty tasks: bounded memory, and few enough ranges to plan quickly
LARGEST_TASK = 256 << 20  # the exact reader gives up on a task larger than this: the JSON must be broken
NOT_AN_EXPORT = ("not a Label Studio JSON export: expected a list of tasks, each with 'data' "
                 "(export the project as JSON, not JSON_MIN, CSV or CONLL)")
_STRING = rb'"(?:[^"\\]|\\.)*"'
_SCALAR = rb'(?:-?[0-9][0-9.eE+-]*|' + _STRING + rb'|true|false|null)'
_OPENING = re.compile(rb'(?:\xef\xbb\xbf)?[ \t\r\n]*([\[{])[ \t\r\n]*')
_FIRST_KEYS = re.compile(rb'\{\s*(' + _STRING + rb')\s*:\s*(?:' + _SCALAR + rb'\s*,\s*(' + _STRING + rb')\s*:)?')
_WHITESPACE = b" \t\r\n"


class Miscut(Exception):
    """A range that is not a run of whole tasks: the cut before or after it fell inside a task."""


class NotAnExport(PipelineError):
    """Valid JSON that is not a list of Label Studio tasks."""


@dataclass(frozen=True)
class Range:
    """Bytes [start, stop) of an export: whole tasks separated by commas, without the brackets."""

    path: Path
    start: int
    stop: int
    exact: bool = False  # cut where a JSON decoder found the tasks end: a failure to parse is the export's


def _not_json(path: Path, head: bytes) -> PipelineError:
    """The decoder's own words for what is wrong at the start of the file."""
    try:
        json.loads(head.decode("utf-8", errors="replace"))
    except json.JSONDecodeError as err:
        return PipelineError(f"{path}: not valid JSON: {err}")
    return NotAnExport(f"{path}: {NOT_AN_EXPORT}")


def _bounds(path: Path, data: mmap.mmap) -> tuple[int, int, bool]:
    """Where the tasks lie (inside the brackets of a list, or the one task object) and whether it is a list."""
    opening = _OPENING.match(data)
    if not opening:
        raise _not_json(path, bytes(data[:200]))
    is_list = opening.group(1) == b"["
    stop = len(data)
    while stop and data[stop - 1] in _WHITESPACE:
        stop -= 1
    if is_list:
        if data[stop - 1:stop] != b"]":
            raise PipelineError(f"{path}: not valid JSON: the list of tasks is not closed (a cut-off file?)")
        stop -= 1
        while data[stop - 1] in _WHITESPACE:
            stop -= 1
    return (opening.end() if is_list else opening.start(1)), stop, is_list


def _cut_pattern(data: mmap.mmap, start: int) -> re.Pattern[bytes] | None:
    """The end of one task and the opening of the next, as the first task opens; None if it cannot tell."""
    keys = _FIRST_KEYS.match(data, start)
    if not keys:
        return None
    opening = rb'\{\s*' + re.escape(keys.group(1)) + rb'\s*:'
    if keys.group(2):
        opening += rb'\s*' + _SCALAR + rb'\s*,\s*' + re.escape(keys.group(2)) + rb'\s*:'
    return re.compile(rb'\}\s*,\s*(?=' + opening + rb')')


def _mapped(path: Path) -> mmap.mmap:
    """The file mapped read-only: searched without reading it all, and only the pages touched stay in memory."""
    with input_file(path).open("rb") as handle:
        if not handle.seek(0, 2):
            raise _not_json(path, b"")
        return mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)


def ranges(path: Path, size: int = RANGE_BYTES) -> list[Range]:
    """The export cut into ranges of whole tasks of about `size` bytes, without parsing it."""
    with _mapped(path) as data:
        start, stop, is_list = _bounds(path, data)
        pattern = _cut_pattern(data, start) if is_list else None
        cuts = []
        while pattern and start + size < stop:
            found = pattern.search(data, start + size, stop)
            if not found:
                break
            cuts.append((start, found.start() + 1))
            start = found.end()
        cuts.append((start, stop))
    return [Range(path, a, b) for a, b in cuts if a < b]


def exact_ranges(path: Path, start: int | None = None, size: int = RANGE_BYTES) -> list[Range]:
    """Ranges cut where a JSON decoder finds the tasks end: slower, for exports `ranges` cannot cut."""
    found: list[Range] = []
    first = last = None
    for begin, end in _values(path, start):
        if first is not None and end - first > size:
            found.append(Range(path, first, last, exact=True))
            first = None
        first = begin if first is None else first
        last = end
    if first is not None:
        found.append(Range(path, first, last, exact=True))
    return found


def _values(path: Path, start: int | None) -> Iterator[tuple[int, int]]:
    """Byte spans of the list's elements (or of the one object), from `start` (an element's offset) on."""
    with _mapped(path) as data:
        begin, stop, is_list = _bounds(path, data)
        position = begin if start is None else start
        while True:
            while position < len(data) and data[position] in _WHITESPACE:
                position += 1
            if is_list and data[position:position + 1] == b"]" or position >= stop:
                return
            end = _value_end(path, data, position)
            yield position, end
            while end < len(data) and data[end] in _WHITESPACE:
                end += 1
            if not is_list or data[end:end + 1] == b"]":
                if end < stop:  # a bracket or an object before the last one closed what came first
                    raise PipelineError(f"{path}: not valid JSON: more after the end of the "
                                        f"{'list of tasks' if is_list else 'task'} at byte {end} "
                                        "(two exports joined into one file?)")
                return
            if data[end:end + 1] != b",":
                raise PipelineError(f"{path}: not valid JSON: expected ',' or ']' at byte {end}")
            position = end + 1


def _value_end(path: Path, data: mmap.mmap, position: int) -> int:
    """Where the JSON value starting at `position` ends, read through a window that grows until it holds it."""
    window = 1 << 16
    while True:
        piece = data[position:position + window]
        try:
            text, _ = codecs.utf_8_decode(piece, "strict", False)
        except UnicodeDecodeError as err:
            raise PipelineError(f"{path}: not UTF-8 at byte {position + err.start}") from None
        try:
            _, end = json.JSONDecoder().raw_decode(text)
        except RecursionError:
            raise PipelineError(f"{path}: not valid JSON: nested too deeply (the task at byte {position})") from None
        except json.JSONDecodeError as err:
            if len(piece) == window and window < LARGEST_TASK:
                window *= 4  # the value may only be cut off by the window
                continue
            at = position + len(text[:err.pos].encode())
            raise PipelineError(f"{path}: not valid JSON: {err.msg} (at byte {at})") from None
        return position + len(text[:end].encode())


def read_range(part: Range) -> list[dict]:
    """The tasks of one range: `Miscut` if they are not whole JSON values (a PipelineError saying where the
    JSON breaks, for an exact range), `NotAnExport` if not tasks."""
    with part.path.open("rb") as handle:
        handle.seek(part.start)
        body = handle.read(part.stop - part.start)
    enabled = gc.isenabled()
    gc.disable()  # a parse makes thousands of containers that all live on: collecting them is wasted work
    try:
        tasks = orjson.loads(b"[" + body + b"]")
    except orjson.JSONDecodeError as err:
        if part.exact:
            raise _broken(part, body, err) from None
        raise Miscut(f"{part.path}: bytes {part.start}-{part.stop}: {err}") from None
    finally:
        if enabled:
            gc.enable()
    if not all(isinstance(task, dict) and "data" in task for task in tasks):
        raise NotAnExport(f"{part.path}: {NOT_AN_EXPORT}")
    return tasks


def _broken(part: Range, body: bytes, err: orjson.JSONDecodeError) -> PipelineError:
    """What breaks whole tasks' JSON, at its byte in the export (the parser counts characters, from the
    bracket put before the range)."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as bad:
        return PipelineError(f"{part.path}: not UTF-8 at byte {part.start + bad.start}")
    at = len(text[:max(err.pos - 1, 0)].encode())
    if body[at - 1:at] == b"-":
        at -= 1  # the value starts at its sign
    word = re.match(rb"-?(?:NaN|Infinity)", body[at:])
    problem = f"{word.group().decode()} is not a JSON number" if word else err.msg
    return PipelineError(f"{part.path}: not valid JSON: {problem} (at byte {part.start + at})")


def iter_tasks(path: Path, size: int = RANGE_BYTES) -> Iterator[dict]:
    """Every task in order, a range at a time; from a range cut inside a task on, cut exactly."""
    for part in ranges(path, size):
        try:
            tasks = read_range(part)
        except Miscut:
            for exact in exact_ranges(path, part.start, size):
                yield from read_range(exact)
            return
        yield from tasks
