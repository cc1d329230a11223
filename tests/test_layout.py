"""The tree a maintainer reads: every module listed in scripts/README.md, and no import cycle."""

from __future__ import annotations

import re

from scripts.paths import ROOT

SCRIPTS = ROOT / "scripts"


def test_scripts_readme_lists_every_module_once() -> None:
    listed = re.findall(r"^\| `([\w/]+\.py)` \|", (SCRIPTS / "README.md").read_text(encoding="utf-8"), re.M)
    modules = sorted(str(p.relative_to(SCRIPTS)) for p in SCRIPTS.rglob("*.py")
                     if p.name != "__init__.py" or p.parent.name == "views")
    assert len(listed) == len(set(listed))
    assert sorted(listed) == modules


def _imports() -> dict[str, set[str]]:
    """Module -> the modules of scripts it imports (at any depth of its code)."""
    import ast

    names = {".".join(p.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__"): p
             for p in SCRIPTS.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in names.items():
        found = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets = [a.name for a in node.names] if isinstance(node, ast.Import) else (
                [node.module, *(f"{node.module}.{a.name}" for a in node.names)]
                if isinstance(node, ast.ImportFrom) and node.module else [])
            for target in targets:
                while target and target not in names:
                    target = target.rpartition(".")[0]
                if target and target not in (name, "scripts"):
                    found.add(target)
        graph[name] = found
    return graph


def test_no_import_cycles() -> None:
    graph, done, cycles = _imports(), set(), []

    def visit(name: str, path: list[str]) -> None:
        for target in sorted(graph[name]):
            if target in path:
                cycles.append(path[path.index(target):] + [target])
            elif target not in done:
                visit(target, path + [target])
        done.add(name)

    for name in sorted(graph):
        visit(name, [name])
    assert cycles == []


def test_the_readme_shows_the_labeling_page_and_its_times() -> None:
    """The block `ls screenshot --readme` writes: the image it names is there, with the times measured."""
    from scripts.labelstudio.cli import PAGE_BEGIN, PAGE_END

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme[readme.index(PAGE_BEGIN) + len(PAGE_BEGIN):readme.index(PAGE_END)]
    (image,) = re.findall(r"!\[[^]]+\]\(([^)]+)\)", block)
    assert (ROOT / image).read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    assert re.search(r"the first `ls up` on an empty data dir took \d+ s", block), block
