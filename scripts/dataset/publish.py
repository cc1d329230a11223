"""Upload the built dataset folder to the Hugging Face Hub, so that the repository is that folder."""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
from pathlib import Path

from scripts.paths import BUILD_MARKER, DATASET_DIR


def folder_files(folder: Path) -> list[Path]:
    """The files of the dataset: all the build wrote but its marker."""
    return sorted(p for p in folder.rglob("*") if p.is_file() and p.name != BUILD_MARKER)


def describe(folder: Path) -> list[str]:
    """One line per file: what would be uploaded, with size and SHA-256 to compare after publishing."""
    lines = []
    for path in folder_files(folder):
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        lines.append(f"{path.relative_to(folder)}  {path.stat().st_size} bytes  sha256:{digest}")
    return lines


def publish(repo_id: str, folder: Path, token: str, private: bool) -> str:
    """One commit that makes the repository exactly the folder: files absent from it are deleted."""
    from huggingface_hub import HfApi

    api = HfApi(token=token)
    api.create_repo(repo_id, repo_type="dataset", private=private, exist_ok=True)
    commit = api.upload_folder(repo_id=repo_id, repo_type="dataset", folder_path=str(folder),
                               ignore_patterns=[BUILD_MARKER], delete_patterns=["*"],
                               commit_message="Publish the built dataset")
    return commit.commit_url


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "publish",
        help="upload build/hf to the Hugging Face Hub",
        description="Upload the built dataset folder to a Hub dataset repository in one commit, "
        "deleting what the folder does not have. The token comes from HF_TOKEN.",
    )
    parser.add_argument("repo_id", help="e.g. my-org/who-said-what")
    parser.add_argument("--folder", type=Path, default=DATASET_DIR, help="the built folder (default: build/hf)")
    parser.add_argument("--dry-run", action="store_true", help="print what would be uploaded, upload nothing")
    parser.add_argument("--private", action="store_true", help="create the repository as private")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if not (args.folder / "README.md").is_file():
        print(f"error: {args.folder} is not a built dataset (no README.md): run `make dataset` first",
              file=sys.stderr)
        return 1
    lines = describe(args.folder)
    if args.dry_run:
        print(f"would upload {len(lines)} file(s) to datasets/{args.repo_id}, deleting any other file there:")
        print("\n".join(lines))
        return 0
    token = os.environ.get("HF_TOKEN")
    if not token:
        print("error: HF_TOKEN is not set: nothing uploaded", file=sys.stderr)
        return 1
    try:
        url = publish(args.repo_id, args.folder, token, args.private)
    except Exception as err:  # the Hub client raises many kinds; none may become a stack trace
        print(f"error: could not publish to datasets/{args.repo_id}: {type(err).__name__}: {err}; "
              "nothing uploaded", file=sys.stderr)
        return 1
    print(f"published {len(lines)} file(s): {url}")
    return 0
