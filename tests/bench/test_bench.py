"""The benchmark command: a row per size, the cost of each step, the README blocks it writes."""

from __future__ import annotations

from pathlib import Path

from scripts.__main__ import main
from scripts.bench import growth
from scripts.bench.build import README_BEGIN, README_END
from scripts.records import MAX_TEXT


def run_bench(tmp_path: Path, capsys, begin: str, end: str, *options: str) -> tuple[list[str], str]:
    """Run `bench` with its README block in a README of the test's own; (lines printed, the README after)."""
    readme = tmp_path / "README.md"
    readme.write_text(f"# Title\n\n{begin}\nold figures\n{end}\n\nMore.\n", encoding="utf-8")
    assert main(["bench", *options, "--dir", str(tmp_path), "--readme", str(readme)]) == 0
    out = capsys.readouterr().out.strip()
    assert readme.read_text(encoding="utf-8") == f"# Title\n\n{begin}\n{out}\n{end}\n\nMore.\n"
    return out.splitlines(), out


def first_row(lines: list[str], header: str) -> tuple[str, list[str]]:
    """The header line of the table that starts with `header`, and the cells of its first row."""
    at = lines.index(next(line for line in lines if line.startswith(header)))
    return lines[at], [cell.strip() for cell in lines[at + 2].strip("|").split("|")]


def test_the_benchmark_prints_one_row_per_size_and_the_cost_of_each_step(tmp_path: Path, capsys) -> None:
    lines, _ = run_bench(tmp_path, capsys, README_BEGIN, README_END, "--tasks", "5")
    header, cells = first_row(lines, "| N |")
    assert header.endswith("| ours/peer | ours/floor |")
    assert cells[0] == "5" and len(cells) == 11 and cells[-2].endswith("x") and cells[-1].endswith("x")
    assert (tmp_path / "5" / "hf" / "README.md").exists() and (tmp_path / "5" / "peer" / "result.conll").exists()
    steps = {line.split(" | ")[0].strip("| "): line for line in lines if line.startswith("| ") and "%" in line}
    assert {"convert tasks to records", "tokenize and split sentences (spaCy)", "rows of the `ner` config",
            "main process: admit documents, write Parquet", "the rest of the worker's loop", "all"} <= set(steps)
    assert steps["all"].endswith("| 100% |") and lines[-1].startswith("5 tasks in one process: at ")


def test_the_long_benchmark_prints_a_row_per_size_and_the_limit(tmp_path: Path, capsys) -> None:
    lines, out = run_bench(tmp_path, capsys, growth.README_BEGIN, growth.README_END, "--long", "6000")
    header, cells = first_row(lines, "| characters |")
    assert header.endswith("| evaluate s | x | max RSS MB |") and len(cells) == 9
    assert int(cells[0].replace(",", "")) >= 6000 and out.count("\n| ") == 3  # the header, its rule, one row
    assert lines[-1].startswith(f"An article may have at most {MAX_TEXT:,} characters")
