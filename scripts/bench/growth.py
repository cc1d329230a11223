"""`bench --long`: what one document costs as it grows, in characters and in regions.

For each size, one made-up article of about that many characters (`synthetic.long_task`: made-up articles
joined, as dense in spans and links as they are) is written as an export of one task with the gold and two
independent passes, with its corpus, and three commands run on it in this process, their CPU time taken:
`preannotate` of the article, `build` (one worker: convert and check the three annotations, the agreement of
the passes, every view, the Parquet files, the card with the pre-annotator scored on the article) and
`evaluate` of one pass against the other. Each size doubles the last, so a ratio of about 2 to the row
above is linear growth, and 4 would be quadratic. The largest resident set after each size is the memory.
"""

from __future__ import annotations

import contextlib
import gc
import io
import resource
import time
from collections.abc import Callable
from pathlib import Path

import orjson

from scripts.bench.synthetic import _write_article, long_task
from scripts.records import MAX_TEXT

SIZES = (100_000, 200_000, 400_000, 800_000, 1_600_000)
README_BEGIN = "<!-- BEGIN GENERATED: bench --long (python -m scripts bench --long ... --readme README.md) -->"
README_END = "<!-- END GENERATED: bench --long -->"
STEPS = ("preannotate", "build", "evaluate")


def _cpu(run: Callable[[], object]) -> float:
    gc.collect()  # what earlier runs left is not this one's cost
    started = time.process_time()
    run()
    return time.process_time() - started


def measure(characters: int, folder: Path) -> tuple[int, int, dict[str, float], float]:
    """(characters, regions of a pass, CPU seconds of each command, largest resident set in MB)."""
    from scripts.__main__ import main
    from scripts.dataset.build import build
    from scripts.engine import Engine
    from scripts.preannotate.predict import predict

    task, record = long_task(characters)
    export = folder / "annotations" / "export.json"
    export.parent.mkdir(parents=True, exist_ok=True)
    export.write_bytes(orjson.dumps([task]))
    (folder / "corpus").mkdir(exist_ok=True)
    _write_article(folder / "corpus", record)
    evaluate = ["evaluate", str(export), str(export), "--gold-annotator", "2", "--pred-annotator", "3", "--json"]
    with contextlib.redirect_stdout(io.StringIO()):
        seconds = {"preannotate": _cpu(lambda: predict({**record, "spans": [], "relations": []})),
                   "build": _cpu(lambda: build(export.parent, folder / "hf", folder / "corpus", Engine(workers=1))),
                   "evaluate": _cpu(lambda: main(evaluate))}
    regions = sum(item["type"] == "labels" for item in task["annotations"][0]["result"])
    return len(record["text"]), regions, seconds, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def report(sizes: list[int], folder: Path) -> str:
    """The table of costs by size, and what they mean for the longest article the pipeline takes."""
    measure(sizes[0] // 4, folder / "warm-up")  # imports and first-use set-up are not the document's cost
    rows = [measure(size, folder / str(size)) for size in sizes]
    lines = ["| characters | regions a pass | " + " | ".join(f"{step} s | x" for step in STEPS) + " | max RSS MB |",
             "|" + " ---: |" * (3 + 2 * len(STEPS))]
    for number, (characters, regions, seconds, memory) in enumerate(rows):
        before = rows[number - 1][2] if number else None
        cells = [f"{seconds[step]:.2f} | {seconds[step] / before[step]:.1f}" if before else f"{seconds[step]:.2f} | "
                 for step in STEPS]
        lines.append(f"| {characters:,} | {regions:,} | " + " | ".join(cells) + f" | {memory:,.0f} |")
    (first, _, _, low), (characters, _, seconds, memory) = rows[-2] if len(rows) > 1 else rows[0], rows[-1]
    scale = MAX_TEXT / characters
    more = (memory - low) / (characters - first) * (MAX_TEXT - characters) if characters > first else 0
    limit = (f"An article may have at most {MAX_TEXT:,} characters (`MAX_TEXT` in `scripts/records.py`): `ingest`, "
             f"the corpus, `convert` and `validate` refuse a longer text with that limit named. At the rates of "
             f"the last row, the longest takes about {seconds['preannotate'] * scale:,.0f} s to pre-annotate, "
             f"{seconds['build'] * scale:,.0f} s to build and {seconds['evaluate'] * scale:,.0f} s to evaluate; "
             f"memory, growing as between the last two rows, reaches about {memory + more:,.0f} MB.")
    return (f"python -m scripts bench --long {' '.join(map(str, sizes))} (CPU seconds, one process; x: the ratio "
            f"to the row above, for twice the size)\n\n" + "\n".join(lines) + f"\n\n{limit}")
