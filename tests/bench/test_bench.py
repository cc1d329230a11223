"""The benchmark command: a row per size, the cost of each step, the README blocks it writes."""

from __future__ import annotations

from pathlib import Path

from scripts.__main__ import main
from scripts.bench import growth
from scripts.bench.build import README_BEGIN, README_END
from scripts.records import MAX_TEXT


def test_the_benchmark_prints_one_row_per_size_and_the_cost_of_each_step(tmp_path: Path, capsys) -> None:
    readme = tmp_path / "README.md"
    readme.write_text(f"# Title\n\n{README_BEGIN}\nold figures\n{README_END}\n\nMore.\n", encoding="utf-8")
    assert main(["bench", "--tasks", "20", "--dir", str(tmp_path), "--readme", str(readme)]) == 0
    out = capsys.readouterr().out
    lines = out.strip().splitlines()
    header = lines.index(next(line for line in lines if line.startswith("| N |")))
    assert lines[header].endswith("| ours/peer | ours/floor |")
    cells = [cell.strip() for cell in lines[header + 2].strip("|").split("|")]
    assert cells[0] == "20" and len(cells) == 11 and cells[-2].endswith("x") and cells[-1].endswith("x")
    assert (tmp_path / "20" / "hf" / "README.md").exists() and (tmp_path / "20" / "peer" / "result.conll").exists()
    steps = {line.split(" | ")[0].strip("| "): line for line in lines if line.startswith("| ") and "%" in line}
    assert {"convert tasks to records", "tokenize and split sentences (spaCy)", "rows of the `ner` config",
            "main process: admit documents, write Parquet", "the rest of the worker's loop", "all"} <= set(steps)
    assert steps["all"].endswith("| 100% |") and lines[-1].startswith("20 tasks in one process: at ")
    assert readme.read_text(encoding="utf-8") == f"# Title\n\n{README_BEGIN}\n{out.strip()}\n{README_END}\n\nMore.\n"


def test_the_long_benchmark_prints_a_row_per_size_and_the_limit(tmp_path: Path, capsys) -> None:
    readme = tmp_path / "README.md"
    readme.write_text(f"# Title\n\n{growth.README_BEGIN}\nold figures\n{growth.README_END}\n", encoding="utf-8")
    assert main(["bench", "--long", "6000", "--dir", str(tmp_path), "--readme", str(readme)]) == 0
    out = capsys.readouterr().out
    lines = out.strip().splitlines()
    header = lines.index(next(line for line in lines if line.startswith("| characters |")))
    cells = [cell.strip() for cell in lines[header + 2].strip("|").split("|")]
    assert lines[header + 3] == "" and len(cells) == 9 and int(cells[0].replace(",", "")) >= 6000
    assert lines[-1].startswith(f"An article may have at most {MAX_TEXT:,} characters")
    assert readme.read_text(encoding="utf-8") == f"# Title\n\n{growth.README_BEGIN}\n{out.strip()}\n{growth.README_END}\n"
