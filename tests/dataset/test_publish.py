"""Publishing: what would be uploaded, and clear refusals without a token or a network."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from scripts.__main__ import main
from scripts.paths import BUILD_MARKER


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    built = tmp_path / "hf"
    (built / "data" / "ner").mkdir(parents=True)
    (built / "README.md").write_text("---\nlicense: unknown\n---\n", encoding="utf-8")
    (built / "data" / "ner" / "train-00000-of-00001.parquet").write_bytes(b"PAR1")
    (built / BUILD_MARKER).write_text("written by a build\n", encoding="utf-8")  # never uploaded
    return built


def test_dry_run_lists_every_file_with_its_hash(folder: Path, capsys) -> None:
    assert main(["publish", "org/name", "--folder", str(folder), "--dry-run"]) == 0
    readme = hashlib.sha256((folder / "README.md").read_bytes()).hexdigest()
    assert capsys.readouterr().out.splitlines() == [
        "would upload 2 file(s) to datasets/org/name, deleting any other file there:",
        f"README.md  25 bytes  sha256:{readme}",
        f"data/ner/train-00000-of-00001.parquet  4 bytes  sha256:{hashlib.sha256(b'PAR1').hexdigest()}",
    ]


def test_without_a_token_nothing_is_uploaded(folder: Path, monkeypatch, capsys) -> None:
    monkeypatch.delenv("HF_TOKEN", raising=False)
    assert main(["publish", "org/name", "--folder", str(folder)]) == 1
    assert capsys.readouterr().err == "error: HF_TOKEN is not set: nothing uploaded\n"


def test_without_a_network_the_error_is_one_line(folder: Path, monkeypatch, capsys) -> None:
    monkeypatch.setenv("HF_TOKEN", "hf_not_a_real_token")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setattr("huggingface_hub.constants.HF_HUB_OFFLINE", True)
    assert main(["publish", "org/name", "--folder", str(folder)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: could not publish to datasets/org/name: OfflineModeIsEnabled: ")
    assert err.endswith("; nothing uploaded\n") and err.count("\n") == 1


def test_the_repository_is_made_the_folder_exactly(folder: Path, monkeypatch) -> None:
    calls = []

    class FakeApi:
        def __init__(self, token: str) -> None:
            calls.append(("token", token))

        def create_repo(self, repo_id: str, **kwargs) -> None:
            calls.append(("create", repo_id, kwargs))

        def upload_folder(self, **kwargs):
            calls.append(("upload", kwargs))
            return type("Commit", (), {"commit_url": "https://hub/commit/1"})()

    monkeypatch.setattr("huggingface_hub.HfApi", FakeApi)
    monkeypatch.setenv("HF_TOKEN", "hf_x")
    assert main(["publish", "org/name", "--folder", str(folder)]) == 0
    assert calls[2] == ("upload", {"repo_id": "org/name", "repo_type": "dataset", "folder_path": str(folder),
                                   "ignore_patterns": [BUILD_MARKER], "delete_patterns": ["*"],
                                   "commit_message": "Publish the built dataset"})


def test_an_unbuilt_folder_is_refused(tmp_path: Path, capsys) -> None:
    assert main(["publish", "org/name", "--folder", str(tmp_path / "missing")]) == 1
    assert "is not a built dataset (no README.md): run `make dataset` first" in capsys.readouterr().err
