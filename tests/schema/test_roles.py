"""The code knows labels, attributes and relations by role: renamed in a copy of the scheme, everything
still works, from the generated files through validation and conversion to every view of the build."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
import yaml
from datasets import load_dataset

from scripts.labelstudio.convert import convert_exports
from scripts.paths import ANNOTATIONS_DIR, CORPUS_DIR, DATACARD, ROOT, SCHEMA_DIR
from scripts.schema.scheme import load_scheme

SEED = "38a2be65dadfb0cd"
SEED_EXPORT = ANNOTATIONS_DIR / "who-said-what-seed-gold-20261125.json"


def renamed(name: str) -> str:
    """Every label, relation and attribute gets another name."""
    return f"{name.upper()}_X" if name.isupper() else f"x_{name}"


def _rename_scheme(raw: dict) -> dict:
    labels = {label["name"] for label in raw["labels"]}
    for kind in ("labels", "relations", "attributes"):
        for item in raw[kind]:
            item["name"] = renamed(item["name"])
    for item in raw["relations"]:
        item["head"], item["tail"] = renamed(item["head"]), renamed(item["tail"])
    for item in raw["attributes"]:
        if item.get("label"):
            item["label"] = renamed(item["label"])
        if item["role"] == "approximate":  # a flag's one choice is its own name
            item["values"] = [renamed(v) for v in item.get("values", [])]
    raw["nesting"] = {renamed(k): [renamed(o) for o in v] for k, v in raw["nesting"].items()}
    raw["views"]["ner_labels"] = [renamed(label) for label in raw["views"]["ner_labels"]]
    assert labels and all(renamed(label) != label for label in labels)
    return raw


def _rename_export(tasks: list[dict], flags: set[str]) -> list[dict]:
    for task in tasks:
        for annotation in task["annotations"]:
            for item in annotation["result"]:
                if item["type"] == "relation":
                    item["labels"] = [renamed(label) for label in item.get("labels") or []]
                    continue
                if item["from_name"] != "label":
                    item["from_name"] = renamed(item["from_name"])
                value = item["value"]
                if "labels" in value:
                    value["labels"] = [renamed(label) for label in value["labels"]]
                if item["from_name"] in flags:
                    value["choices"] = [renamed(choice) for choice in value["choices"]]
    return tasks


# Runs commands one after another in one interpreter of the copied project (its own `scripts`, so its
# own scheme), printing what each wrote to stdout as one JSON list.
DRIVER = """import contextlib, io, json, sys
from scripts.__main__ import main
outputs = []
for argv in json.loads(sys.argv[1]):
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        status = main(argv)
    if status != 0:
        sys.exit(f"{' '.join(argv)}: exit status {status}")
    outputs.append(out.getvalue())
print(json.dumps(outputs))
"""


def _run(project: Path, *commands: list[str]) -> list[str]:
    """What each command printed, run in order as `python -m scripts` in the project's folder."""
    done = subprocess.run([sys.executable, "-c", DRIVER, json.dumps(commands)], cwd=project, capture_output=True,
                          text=True)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.splitlines()[-1])


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the project with every name of the scheme changed, in its scheme and its annotations."""
    project = tmp_path_factory.mktemp("renamed")
    shutil.copytree(ROOT / "scripts", project / "scripts", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(SCHEMA_DIR, project / "schema")
    shutil.copy(DATACARD, project / "datacard.md")
    (project / "corpus").mkdir()
    for suffix in (".txt", ".json"):
        shutil.copy(CORPUS_DIR / f"{SEED}{suffix}", project / "corpus")
    scheme_file = project / "schema" / "scheme.yaml"
    scheme_file.write_text(yaml.safe_dump(_rename_scheme(yaml.safe_load(scheme_file.read_text(encoding="utf-8"))),
                                          sort_keys=False, allow_unicode=True), encoding="utf-8")
    flags = {renamed(a.name) for a in load_scheme().attributes if a.type == "flag"}
    tasks = _rename_export(json.loads(SEED_EXPORT.read_text(encoding="utf-8")), flags)
    (project / "annotations").mkdir()
    (project / "annotations" / SEED_EXPORT.name).write_text(json.dumps(tasks), encoding="utf-8")
    return project


@pytest.fixture(scope="module")
def built(project: Path) -> Path:
    generated, _, validated, _ = _run(project, ["generate"], ["generate", "--check"], ["validate"],
                                      ["build", "--workers", "1"])
    assert generated.count("wrote ") == 5
    assert validated.startswith("ok: 2 record(s)")
    return project / "build" / "hf"


def test_the_generated_files_speak_the_new_names(built: Path, project: Path) -> None:
    config = (project / "schema" / "label_config.xml").read_text(encoding="utf-8")
    assert re.findall(r'<Label value="(\w+)"', config) == [renamed(n) for n in load_scheme().label_names]
    assert re.findall(r'<Relation value="(\w+)"', config) == [renamed(n) for n in load_scheme().relation_names]
    assert not set(load_scheme().label_names) & set(re.findall(r"\w+", config))


def test_conversion_gives_the_same_records_under_the_new_names(built: Path, project: Path) -> None:
    original = convert_exports([SEED_EXPORT], all_annotations=True).records
    export = project / "annotations" / SEED_EXPORT.name
    (printed,) = _run(project, ["convert", str(export), "--all-annotations"])
    converted = [json.loads(line) for line in printed.splitlines()]
    for record in original:
        for span in record["spans"]:
            span["label"] = renamed(span["label"])
            span["attributes"] = {renamed(k): v for k, v in span["attributes"].items()}
        for relation in record["relations"]:
            relation["type"] = renamed(relation["type"])
    assert [(r["spans"], r["relations"]) for r in converted] == [(r["spans"], r["relations"]) for r in original]


def test_every_view_holds_the_seed_under_the_new_names(built: Path, offline) -> None:
    scheme = load_scheme()
    (doc,) = load_dataset(str(built), "documents")["train"]
    features = load_dataset(str(built), "documents")["train"].features
    labels = features["spans"].feature["label"].names
    assert labels == [renamed(name) for name in scheme.label_names]
    assert Counter(labels[s["label"]] for s in doc["spans"]) == {
        renamed(label): n for label, n in {"SPEAKER": 12, "CLAIM": 13, "QUANTITY": 5, "LOCATION": 17}.items()}
    relation_names = features["relations"].feature["type"].names
    assert Counter(relation_names[r["type"]] for r in doc["relations"]) == {
        renamed(scheme.roles.attribution): 13, renamed(scheme.roles.coreference): 5}
    ner = load_dataset(str(built), "ner")["train"]
    tags = ner.features["ner_tags"].feature.names
    assert tags == ["O", *(f"{p}-{renamed(label)}" for label in scheme.ner_labels for p in "BI")]
    assert sum(1 for row in ner for tag in row["ner_tags"] if tags[tag].startswith("B-")) == 12 + 5 + 17
    claims = load_dataset(str(built), "claims")["train"]
    assert len(claims) == 13 and all(row["speaker"] and row["resolved_speaker"] for row in claims)
    assert sum(load_dataset(str(built), "sentences")["train"]["contains_claim"]) == 10
    (kb,) = load_dataset(str(built), "kb")["train"]
    assert len(kb["relations"]) == 13 and sorted(len(c["entity_ids"]) for c in kb["coreferences"]) == [2, 5]
