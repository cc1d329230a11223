"""The dataset as a user gets it: built from the seed article and its gold, loaded offline with `datasets`."""

from __future__ import annotations

import filecmp
import json
import multiprocessing
import re
import shutil
import time
from pathlib import Path

import pytest
import yaml
from datasets import load_dataset
from huggingface_hub import DatasetCard

from scripts.__main__ import main
from scripts.preannotate.predict import PROVENANCE
from scripts.dataset.build import build
from scripts.engine import Engine
from scripts.dataset.splits import split_of
from scripts.dataset.views import VIEWS
from scripts.errors import PipelineError
from scripts.paths import ANNOTATIONS_DIR, CORPUS_DIR
from scripts.records import doc_id
from scripts.schema.scheme import load_scheme
from tests.conftest import largest_file, run_as_user

SEED = "38a2be65dadfb0cd"
SEED_EXPORT = ANNOTATIONS_DIR / "who-said-what-seed-gold-20261125.json"
GOLD_COUNTS = {"SPEAKER": 12, "CLAIM": 13, "QUANTITY": 5, "LOCATION": 17}
ROWS = {"documents": 1, "ner": 12, "claims": 13, "sentences": 12, "kb": 1}


@pytest.fixture(scope="module")
def seed(tmp_path_factory) -> tuple[Path, Path]:
    """(annotations, corpus): the seed's export and article alone."""
    folder = tmp_path_factory.mktemp("seed")
    (folder / "annotations").mkdir()
    shutil.copy(SEED_EXPORT, folder / "annotations")
    (folder / "corpus").mkdir()
    for suffix in (".txt", ".json"):
        shutil.copy(CORPUS_DIR / f"{SEED}{suffix}", folder / "corpus")
    return folder / "annotations", folder / "corpus"


@pytest.fixture(scope="module")
def built(seed: tuple[Path, Path], tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("build") / "hf"
    build(*seed[:1], out, seed[1])
    return out


@pytest.fixture(autouse=True)
def hub_offline(offline) -> None:
    """Every test here reads the dataset as a user would, offline."""


def view_features(view: str):
    return VIEWS[view].features(load_scheme())


@pytest.mark.parametrize("view", VIEWS)
def test_each_config_loads_offline_with_its_features(built: Path, view: str) -> None:
    dataset = load_dataset(str(built), view)
    assert list(dataset) == ["train"]
    assert dataset["train"].features == view_features(view)
    assert len(dataset["train"]) == ROWS[view]


def test_the_gold_counts_per_label(built: Path) -> None:
    (doc,) = load_dataset(str(built), "documents")["train"]
    names = view_features("documents")["spans"].feature["label"].names
    counts = {name: 0 for name in names}
    for span in doc["spans"]:
        counts[names[span["label"]]] += 1
    assert counts == GOLD_COUNTS
    assert len(doc["relations"]) == 18
    assert doc["text"] == (CORPUS_DIR / f"{doc['id']}.txt").read_text(encoding="utf-8")
    assert all(doc["text"][s["start"]:s["end"]] == s["text"] for s in doc["spans"])
    assert doc["url"] is None and doc["language"] == "en"


def test_ner_tags_are_iob2_over_tokens_with_offsets(built: Path) -> None:
    first = load_dataset(str(built), "ner")["train"][0]
    names = view_features("ner")["ner_tags"].feature.names
    tagged = [(token, names[tag]) for token, tag in zip(first["tokens"], first["ner_tags"]) if tag]
    assert tagged == [("Russia", "B-LOCATION"), ("Kursk", "B-LOCATION"), ("region", "I-LOCATION"),
                      ("Ukrainian", "B-SPEAKER"), ("officials", "I-SPEAKER")]
    text = (CORPUS_DIR / f"{SEED}.txt").read_text(encoding="utf-8")
    assert all(text[s:e] == t for t, s, e in zip(first["tokens"], first["token_starts"], first["token_ends"]))


def test_claims_resolve_pronoun_speakers(built: Path) -> None:
    claims = load_dataset(str(built), "claims")["train"]
    by_text = {row["claim"][:20]: row for row in claims}
    pronoun = by_text["the “sweetest part” "]
    assert (pronoun["speaker"], pronoun["resolved_speaker"]) == ("he", "Wi Sung Lac")
    assert claims.features["reporting"].int2str(pronoun["reporting"]) == "mixed"
    sentences = load_dataset(str(built), "sentences")["train"]
    assert sum(sentences["contains_claim"]) == 10


def test_kb_view_has_bigbio_entities_and_coreference_chains(built: Path) -> None:
    (doc,) = load_dataset(str(built), "kb")["train"]
    assert len(doc["passages"]) == 10 and len(doc["entities"]) == 47
    assert len(doc["relations"]) == 13
    assert sorted(len(c["entity_ids"]) for c in doc["coreferences"]) == [2, 5]
    kursk = next(e for e in doc["entities"] if e["text"] == ["Kursk region"])
    assert kursk["normalized"] == [{"db_name": "ISO3166", "db_id": "RU-KRS"}]


def test_two_builds_are_byte_identical(built: Path, seed: tuple[Path, Path], tmp_path: Path) -> None:
    again = tmp_path / "hf"
    build(seed[0], again, seed[1], Engine(workers=2))
    comparison = filecmp.dircmp(built, again)
    files = [p.relative_to(built) for p in built.rglob("*") if p.is_file()]
    assert files and all(filecmp.cmp(built / f, again / f, shallow=False) for f in files)
    assert not comparison.left_only and not comparison.right_only


def test_card_yaml_round_trips_and_its_numbers_match_the_data(built: Path) -> None:
    card = DatasetCard.load(built / "README.md")
    data = card.data.to_dict()
    assert data["license"] == "unknown"
    assert [c["config_name"] for c in data["configs"]] == list(VIEWS)
    assert [c.get("default", False) for c in data["configs"]] == [True, False, False, False, False]
    infos = {info["config_name"]: info for info in data["dataset_info"]}
    for view in VIEWS:
        assert infos[view]["splits"] == [{"name": "train", "num_bytes": infos[view]["splits"][0]["num_bytes"],
                                          "num_examples": ROWS[view]}]
    assert DatasetCard(str(card)).data.to_dict() == data
    body = card.text
    for label, n in GOLD_COUNTS.items():
        assert f"| `{label}` | {n} | 0 | 0 | {n} |" in body
    assert "| `ner` | 12 | 0 | 0 |" in body
    assert "No view dropped any span" in body
    assert f"| `{SEED}` | train | 47 | not known (null) | - | title, source, author, url, published, license |" in body
    assert f"Model `{PROVENANCE['model_version']}` against the gold" in body
    assert f"| `{SEED}` | 2 / 3 | 0.98 | 1.00 | 1.00 | 1.00 | 0.94 | 1.00 | 1.00 |" in body.splitlines()
    assert "Over all 1 article(s) with two independent passes" in body
    assert (built / "label_distribution.png").read_bytes()[:4] == b"\x89PNG"


def test_splits_are_by_document_id() -> None:
    assert split_of(SEED) == "train"
    assert [split_of(f"{n:016x}") for n in range(10)] == ["train"] * 8 + ["validation", "test"]


def _export(tmp_path: Path, text: str, doc_id: str, label: str = "LOCATION") -> Path:
    folder = tmp_path / "annotations"
    folder.mkdir(exist_ok=True)
    task = {"id": 1, "data": {"text": text, "doc_id": doc_id}, "annotations": [{
        "id": 1, "completed_by": 1, "result": [{"id": "a", "type": "labels", "from_name": "label",
                                                "to_name": "text", "value": {"start": 0, "end": 4,
                                                                             "labels": [label]}}]}]}
    (folder / "export.json").write_text(json.dumps([task]), encoding="utf-8")
    return folder


def test_a_document_only_in_an_export_is_built_with_a_warning(seed: tuple[Path, Path], tmp_path: Path) -> None:
    result = build(_export(tmp_path, "Oslo is cold.", "elsewhere"), tmp_path / "hf", seed[1])
    assert result.warnings == [
        f"document {doc_id('Oslo is cold.')} (from export.json) is not in the corpus: built with null metadata"]
    assert result.unannotated == 1
    (doc,) = load_dataset(str(tmp_path / "hf"), "documents")["train"]
    assert (doc["id"], doc["title"], doc["language"]) == (doc_id("Oslo is cold."), None, None)


def test_an_export_whose_text_differs_from_the_corpus_is_refused(seed: tuple[Path, Path], tmp_path: Path) -> None:
    with pytest.raises(PipelineError, match=f"task 1: its text differs from the corpus text of document {SEED}"):
        build(_export(tmp_path, "Kyiv is far.", SEED), tmp_path / "hf", seed[1])
    assert not (tmp_path / "hf").exists()


def test_invalid_annotations_build_nothing(seed: tuple[Path, Path], tmp_path: Path) -> None:
    out = tmp_path / "hf"
    build(seed[0], out, seed[1])
    before = sorted(p.name for p in out.rglob("*"))
    with pytest.raises(PipelineError, match="label 'PERSON' is not in the schema"):
        build(_export(tmp_path, "Oslo is cold.", "x", label="PERSON"), out, seed[1])
    assert sorted(p.name for p in out.rglob("*")) == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
    assert yaml.safe_load((out / "README.md").read_text().split("---")[1])["license"] == "unknown"


def test_unannotated_articles_are_counted_and_a_broken_one_is_refused(seed: tuple[Path, Path],
                                                                      tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(seed[1], corpus)
    for text in ("Oslo is cold.", "Kyiv is far."):
        assert main(["ingest", "--corpus", str(corpus), _write(tmp_path, text)]) == 0
    assert build(seed[0], tmp_path / "hf", corpus).unannotated == 2
    names = sorted(p.name for p in corpus.glob("*.txt") if p.stem != SEED)
    for name in names:
        (corpus / name).write_bytes(b"\xff not UTF-8")
    with pytest.raises(PipelineError, match=f"^{re.escape(str(corpus / names[0]))}: not UTF-8"):
        build(seed[0], tmp_path / "again", corpus)
    assert not (tmp_path / "again").exists()


def _write(folder: Path, text: str) -> str:
    path = folder / f"{doc_id(text)}.source.txt"
    path.write_text(text, encoding="utf-8")
    return str(path)


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _run_build(seed: tuple[Path, Path], out: Path) -> int:
    return main(["build", "--annotations", str(seed[0]), "--corpus", str(seed[1]), "--out", str(out)])


def test_a_folder_a_build_did_not_write_is_never_replaced(seed: tuple[Path, Path], tmp_path: Path,
                                                         capsys) -> None:
    mine, file = tmp_path / "u", tmp_path / "notes.txt"
    mine.mkdir()
    (mine / "notes.txt").write_text("keep", encoding="utf-8")
    file.write_text("keep", encoding="utf-8")
    assert _run_build(seed, mine) == 1 and _run_build(seed, file) == 1
    assert capsys.readouterr().err.splitlines() == [
        f"error: {mine}: not a folder a build wrote (no .dataset-build in it): refusing to replace what it holds; "
        "remove it yourself or choose another --out",
        f"error: {file}: not a folder a build wrote: refusing to replace it; choose another --out"]
    assert _files(mine) == {"notes.txt": b"keep"} and file.read_text(encoding="utf-8") == "keep"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt", "u"]
    empty = tmp_path / "empty"
    empty.mkdir()
    assert _run_build(seed, empty) == 0 and (empty / ".dataset-build").is_file()


def test_a_killed_build_leaves_the_previous_one_whole_and_the_next_clears_its_staging(
        built: Path, seed: tuple[Path, Path], tmp_path: Path) -> None:
    out = tmp_path / "hf"
    shutil.copytree(built, out)
    before = _files(out)
    child = multiprocessing.get_context("fork").Process(target=build, args=(seed[0], out, seed[1], Engine(workers=1)))
    child.start()
    deadline = time.monotonic() + 60
    while not list(tmp_path.glob(".hf.build-*/admitted.sqlite")) and child.is_alive() and time.monotonic() < deadline:
        time.sleep(0.005)
    child.kill()
    child.join()
    (staging,) = tmp_path.glob(".hf.build-*")  # what the killed build was writing, its admitted table too
    assert (staging / "admitted.sqlite").is_file() and _files(out) == before
    build(seed[0], out, seed[1])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["hf"] and _files(out) == before


def test_a_write_the_system_refuses_is_one_line_and_keeps_the_previous_build(built: Path, seed: tuple[Path, Path],
                                                                            tmp_path: Path) -> None:
    out = tmp_path / "hf"
    shutil.copytree(built, out)
    before = _files(out)
    failures = []
    for size in (12_000, 3_000):  # the Parquet files fit, the card does not; the table of admitted documents does not
        with largest_file(size), pytest.raises(PipelineError) as err:
            build(seed[0], out, seed[1], Engine(workers=1))
        failures.append(str(err.value))
    tmp_path.chmod(0o555)
    try:
        refused = run_as_user("build", "--annotations", str(seed[0]), "--corpus", str(seed[1]), "--out", str(out))
    finally:
        tmp_path.chmod(0o755)
    kept = "; the previous build is kept"
    assert failures == [
        f"{out}: cannot write the dataset: Error writing bytes to file. Detail: [errno 27] File too large{kept}",
        f"{out}: cannot write the dataset: disk I/O error{kept}"]
    assert (refused.returncode, refused.stderr.splitlines()[-1]) == (
        1, f"error: {out}: cannot write the dataset: Permission denied{kept}")
    assert _files(out) == before and sorted(p.name for p in tmp_path.iterdir()) == ["hf"]


def test_independent_passes_are_checked_and_their_departures_are_warnings(seed: tuple[Path, Path],
                                                                         tmp_path: Path) -> None:
    result = build(seed[0], tmp_path / "hf", seed[1])
    assert result.warnings == [
        f"{seed[0] / SEED_EXPORT.name}: task 1: annotation 2 by 3 (an independent pass, kept as annotated): "
        f"document {SEED}: span p2-2: span 'Russia' starts or ends inside a word (in 'gside the Russian military')"]
    (task,) = json.loads(SEED_EXPORT.read_text(encoding="utf-8"))
    region = next(r for r in task["annotations"][1]["result"] if r["type"] == "labels")
    region["value"]["end"] = 99_999
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / SEED_EXPORT.name).write_text(json.dumps([task]), encoding="utf-8")
    with pytest.raises(PipelineError) as err:
        build(broken, tmp_path / "again", seed[1])
    assert str(err.value).splitlines() == [
        "refusing to build from invalid annotations:",
        f"{broken / SEED_EXPORT.name}: task 1: annotation 2: region {region['id']}: offsets "
        f"[{region['value']['start']}, 99999) outside the text of length {len(task['data']['text'])}"]
    assert not (tmp_path / "again").exists()


@pytest.mark.parametrize(("metadata", "problem"), [
    (b'{"id": ', "not valid JSON: unexpected end of data"),
    (b"[]", "the metadata must be an object, found a list"),
    (None, "title must be a string or null, found a number"),
])
def test_broken_corpus_metadata_is_refused_by_file(seed: tuple[Path, Path], tmp_path: Path,
                                                   metadata: bytes | None, problem: str) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(seed[1], corpus)
    meta = corpus / f"{SEED}.json"
    meta.write_bytes(metadata or json.dumps({**json.loads(meta.read_bytes()), "title": 42}).encode())
    with pytest.raises(PipelineError) as err:
        build(seed[0], tmp_path / "hf", corpus)
    assert str(err.value) == f"{meta}: {problem}"
    assert not (tmp_path / "hf").exists()


def test_a_corpus_text_that_is_a_folder_is_refused(seed: tuple[Path, Path], tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(seed[1], corpus)
    (corpus / "0123456789abcdef.txt").mkdir()
    with pytest.raises(PipelineError) as err:
        build(seed[0], tmp_path / "hf", corpus)
    assert str(err.value) == f"{corpus / '0123456789abcdef.txt'}: is a folder, not a file"


@pytest.mark.parametrize(("change", "problem"), [
    (lambda raw: raw + b"\n" + raw, "not valid JSON: more after the end of the list of tasks at byte {size} "
                                    "(two exports joined into one file?)"),
    (lambda raw: raw.replace(b'"lead_time": null', b'"lead_time": NaN', 1), "not valid JSON: NaN is not a JSON number"),
])
def test_an_export_a_json_parser_would_misread_builds_nothing(seed: tuple[Path, Path], tmp_path: Path,
                                                              change, problem: str) -> None:
    raw = SEED_EXPORT.read_bytes()
    folder = tmp_path / "annotations"
    folder.mkdir()
    (folder / SEED_EXPORT.name).write_bytes(change(raw))
    with pytest.raises(PipelineError) as err:
        build(folder, tmp_path / "hf", seed[1], Engine(workers=1))
    assert str(err.value).startswith(f"{folder / SEED_EXPORT.name}: {problem.format(size=len(raw.rstrip()) - 1)}")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["annotations"]
