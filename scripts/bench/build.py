"""Speed and memory of the build at corpus scale, against Label Studio's own converter and a parse-only floor.

For each N, a made-up export of N tasks and its corpus are generated (`scripts.bench.synthetic`, the same
bytes every time), then three separate processes are timed on it, one after the other:

- ours: `python -m scripts build` (export -> records -> validation -> every config in Parquet, the card);
- peer: `label_studio_sdk.converter.Converter` converting the export to CONLL2003;
- floor: the whole export parsed by orjson (collector off) and every region's offsets checked.

Peak memory is the largest resident set of any process of the run (`wait4`), and for ours also the
peak of all its processes together (proportional set sizes, sampled), since it runs a worker per core.
Then the first STAGE_TASKS tasks of the smallest export go through the build's steps in this one
process, with the CPU time of each step recorded, which says what bounds the throughput.
"""

from __future__ import annotations

import argparse
import gc
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from unittest import mock

import orjson

# The peer and the floor run this module too (`python -m scripts.bench.build`): nothing heavy is imported here.
from scripts.bench import growth
from scripts.bench.synthetic import write_export
from scripts.paths import BENCH_DIR, LABEL_CONFIG, ROOT
from scripts.schema.tables import write_between_markers
RUNS = ("ours", "peer", "floor")
STAGE_TASKS = 2_000  # tasks of the smallest export whose cost is broken down by step
README_BEGIN = "<!-- BEGIN GENERATED: bench (python -m scripts bench --readme README.md) -->"
README_END = "<!-- END GENERATED: bench -->"


@dataclass(frozen=True)
class Measure:
    seconds: float
    max_rss_mb: float  # the largest process
    total_mb: float  # all processes of the run together, sampled


def _tree_pss_mb(pid: int) -> float:
    """Proportional set size of a process and its descendants, in MB (0 for one that has gone)."""
    total, pending = 0, [pid]
    while pending:
        current = pending.pop()
        try:
            rollup = Path(f"/proc/{current}/smaps_rollup").read_text()
            total += next(int(line.split()[1]) for line in rollup.splitlines() if line.startswith("Pss:"))
            for task in Path(f"/proc/{current}/task").iterdir():
                pending += [int(child) for child in (task / "children").read_text().split()]
        except (OSError, StopIteration):
            continue
    return total / 1024


def measure(command: list[str]) -> Measure:
    """Run a command to its end through a small launcher process (a child's peak resident set counts
    the memory of whoever forked it, and this process holds every step's imports): wall time,
    largest resident set, and the peak of the whole process tree."""
    peak = 0.0
    launcher = subprocess.Popen([sys.executable, "-m", "scripts.bench.build", "launch", *command], cwd=ROOT,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.wait(0.2):
            children = Path(f"/proc/{launcher.pid}/task/{launcher.pid}/children")
            for pid in (children.read_text().split() if children.exists() else []):
                peak = max(peak, _tree_pss_mb(int(pid)))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, errors = launcher.communicate()
    done.set()
    sampler.join()
    if launcher.returncode:
        raise SystemExit(f"{' '.join(command)} failed:\n{errors.decode(errors='replace')[-2000:]}")
    seconds, max_rss_mb = orjson.loads(out)
    return Measure(seconds, max_rss_mb, max(peak, max_rss_mb))


def _launch(*command: str) -> None:
    """Run the command and print its wall time and the largest resident set of its processes."""
    started = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status):
        raise SystemExit(os.waitstatus_to_exitcode(status))
    print(orjson.dumps([seconds, usage.ru_maxrss / 1024]).decode())


def prepare(folder: Path, tasks: int, seed: int) -> Path:
    """The export and corpus of N tasks, generated once: a stamp says they are complete."""
    stamp = folder / "complete"
    if stamp.exists() and stamp.read_text() == f"{tasks} {seed}":
        return folder
    for old in (folder / "annotations", folder / "corpus"):
        shutil.rmtree(old, ignore_errors=True)
    write_export(folder / "annotations" / "export.json", tasks, folder / "corpus", seed)
    stamp.write_text(f"{tasks} {seed}")
    return folder


def commands(folder: Path) -> dict[str, list[str]]:
    export = folder / "annotations" / "export.json"
    python = sys.executable
    return {
        "ours": [python, "-m", "scripts", "build", "--annotations", str(folder / "annotations"),
                 "--corpus", str(folder / "corpus"), "--out", str(folder / "hf")],
        "peer": [python, "-m", "scripts.bench.build", "peer", str(export), str(folder / "peer")],
        "floor": [python, "-m", "scripts.bench.build", "floor", str(export)],
    }


def table(results: list[tuple[int, float, dict[str, Measure]]]) -> str:
    """One row per N: throughput and memory of each run, and how ours compares."""
    lines = ["| N | export MB | ours tasks/s | ours max RSS MB | ours all processes MB | peer tasks/s | "
             "peer max RSS MB | floor tasks/s | floor max RSS MB | ours/peer | ours/floor |",
             "|" + " ---: |" * 11]
    for tasks, size_mb, runs in results:
        rate = {name: tasks / runs[name].seconds for name in RUNS}
        lines.append(f"| {tasks:,} | {size_mb:,.0f} | {rate['ours']:,.0f} | {runs['ours'].max_rss_mb:,.0f} | "
                     f"{runs['ours'].total_mb:,.0f} | {rate['peer']:,.0f} | {runs['peer'].max_rss_mb:,.0f} | "
                     f"{rate['floor']:,.0f} | {runs['floor'].max_rss_mb:,.0f} | "
                     f"{rate['ours'] / rate['peer']:.1f}x | {rate['ours'] / rate['floor']:.2f}x |")
    return "\n".join(lines)


class _Clock:
    """CPU time per step, each step's own: time in a step called from another counts for the inner one."""

    def __init__(self) -> None:
        self.spent: Counter = Counter()
        self._stack: list[str] = []
        self._mark = time.process_time()

    def _switch(self) -> None:
        now = time.process_time()
        if self._stack:
            self.spent[self._stack[-1]] += now - self._mark
        self._mark = now

    def timed(self, step: str, func: Callable, whole: bool = False) -> Callable:
        """func, timed as `step`; with `whole`, the generator it returns is run to its end inside."""
        def run(*args, **kwargs):
            self._switch()
            self._stack.append(step)
            try:
                result = func(*args, **kwargs)
                return list(result) if whole else result
            finally:
                self._switch()
                self._stack.pop()
        return run


@contextmanager
def _clocked(clock: _Clock) -> Iterator[None]:
    """The build's steps, each timed by the clock, for the duration of the block."""
    from scripts.dataset import collector, worker
    from scripts.dataset.views import VIEWS, base

    steps = [(worker, "process", "the rest of the worker's loop", False),
             (worker, "read_range", "parse a range of the export (orjson)", False),
             (worker, "_tally_annotations", "annotators and agreement of double passes", False),
             (worker, "annotation_records", "convert tasks to records", True),
             (worker, "annotation_problems", "validate records (JSON Schema and rules)", False),
             (worker, "_article", "read the corpus article", False),
             (base, "sentences", "tokenize and split sentences (spaCy)", False),
             (worker, "to_table", "rows to Arrow tables", False),
             (worker, "to_stream", "Arrow IPC stream to the main process", False),
             (collector.Collector, "add", "main process: admit documents, write Parquet", False)]
    views = {name: replace(view, rows=clock.timed(f"rows of the `{name}` config", view.rows, whole=True))
             for name, view in VIEWS.items()}
    with ExitStack() as stack:
        for owner, name, step, whole in steps:
            stack.enter_context(mock.patch.object(owner, name, clock.timed(step, getattr(owner, name), whole)))
        stack.enter_context(mock.patch.dict(VIEWS, views))
        yield


def stages(folder: Path, tasks: int = STAGE_TASKS) -> tuple[int, Counter]:
    """The CPU seconds of each step of the build over the first `tasks` tasks of the export, in this process."""
    from scripts.dataset import worker
    from scripts.dataset.collector import Collector
    from scripts.labelstudio.exports import ranges

    export = folder / "annotations" / "export.json"
    clock, done = _Clock(), 0
    with tempfile.TemporaryDirectory() as staging, _clocked(clock):
        collector = Collector([export], Path(staging), 1 << 40, Path(staging))
        try:
            for part in ranges(export):
                if done >= tasks:
                    break
                result = worker.process(worker.Part(0, part, folder / "corpus"))  # as patched
                collector.add(result)
                done += result.tasks
            clock.timed("main process: admit documents, write Parquet",
                        lambda: [writer.close() for writer in collector.writers.values()])()
        finally:
            collector.seen.close()
    return done, clock.spent


def stage_table(tasks: int, spent: Counter, cores: int) -> str:
    """What a task costs, step by step, and the throughput that cost allows on this machine's cores."""
    total = sum(spent.values())
    lines = ["| step | ms of CPU per task | share |", "| --- | ---: | ---: |"]
    lines += [f"| {step} | {1000 * seconds / tasks:.3f} | {seconds / total:.0%} |"
              for step, seconds in spent.most_common()]
    lines.append(f"| all | {1000 * total / tasks:.3f} | 100% |")
    return "\n".join(lines) + (f"\n\n{tasks:,} tasks in one process: at {1000 * total / tasks:.2f} ms of CPU a "
                                f"task, {cores} cores allow at most {cores * tasks / total:,.0f} tasks/s.")


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "bench",
        help="time the build at corpus scale against Label Studio's converter",
        description="Generate a Label Studio export of N made-up tasks (and its corpus), then time, as "
        "separate processes: our build (every config in Parquet), label-studio-sdk's converter to "
        "CONLL2003, and a parse-only floor (orjson, offsets checked). Prints tasks per second, peak "
        "memory and the ratios as a Markdown table.",
    )
    parser.add_argument("--tasks", type=int, nargs="+", default=[10_000], metavar="N",
                        help="export sizes to measure (default: 10000)")
    parser.add_argument("--dir", type=Path, default=BENCH_DIR,
                        help="where the exports, corpora and outputs go (default: build/bench)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the made-up tasks (default: 0)")
    parser.add_argument("--readme", type=Path, metavar="FILE",
                        help="also write the tables into FILE, between the bench markers (README.md)")
    parser.add_argument("--long", type=int, nargs="*", metavar="CHARACTERS",
                        help="instead, the cost of one document as it grows: pre-annotate, build and evaluate "
                             "an article of each size (default sizes: " + " ".join(map(str, growth.SIZES)) + ")")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.long is not None:
        report = growth.report(args.long or list(growth.SIZES), args.dir / "long")
        print(report)
        if args.readme:
            write_between_markers(args.readme, growth.README_BEGIN, growth.README_END, report)
        return 0
    results = []
    for tasks in args.tasks:
        folder = prepare(args.dir / str(tasks), tasks, args.seed)
        size_mb = (folder / "annotations" / "export.json").stat().st_size / 2**20
        runs = {name: measure(command) for name, command in commands(folder).items()}
        results.append((tasks, size_mb, runs))
    smallest = min(args.tasks)
    timed, spent = stages(args.dir / str(smallest))
    cores = os.cpu_count() or 1
    report = (f"{cores} cores; python -m scripts bench --tasks {' '.join(map(str, args.tasks))}\n\n"
              f"{table(results)}\n\nWhere the CPU time goes (the first tasks of the {smallest:,}-task export):\n\n"
              f"{stage_table(timed, spent, cores)}")
    print(report)
    if args.readme:
        write_between_markers(args.readme, README_BEGIN, README_END, report)
    return 0


def _peer(export: Path, out: Path) -> None:
    from label_studio_sdk.converter import Converter

    Converter(config=str(LABEL_CONFIG), project_dir=None, download_resources=False).convert(
        str(export), str(out), "CONLL2003", is_dir=False)


def _floor(export: Path) -> None:
    gc.disable()
    tasks = orjson.loads(export.read_bytes())
    gc.enable()
    regions = 0
    for task in tasks:
        length = len(task["data"]["text"])
        for annotation in task["annotations"]:
            for item in annotation["result"]:
                value = item.get("value") or {}
                if "start" in value:
                    if not 0 <= value["start"] < value["end"] <= length:
                        raise SystemExit(f"task {task['id']}: region {item['id']}: offsets out of the text")
                    regions += 1
    print(f"{len(tasks)} tasks, {regions} regions", flush=True)
    os._exit(0)  # the floor is the parse and the check: not the freeing of every object on the way out


if __name__ == "__main__":
    role, *rest = sys.argv[1:]
    if role == "launch":
        _launch(*rest)
    else:
        {"peer": _peer, "floor": _floor}[role](*map(Path, rest))
