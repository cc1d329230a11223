"""Folders exchanged in one step, or by two renames where the file system cannot exchange."""

from __future__ import annotations

import ctypes
import errno
from pathlib import Path

import pytest

from scripts import files


def _folders(tmp_path: Path) -> tuple[Path, Path]:
    new, old = tmp_path / ".staging" / "hf", tmp_path / "hf"
    new.mkdir(parents=True)
    old.mkdir()
    (new / "card").write_text("new", encoding="utf-8")
    (old / "card").write_text("old", encoding="utf-8")
    return new, old


def test_the_new_folder_takes_the_old_ones_place_and_the_old_one_is_left_for_deletion(tmp_path: Path) -> None:
    new, old = _folders(tmp_path)
    files.exchange_folders(new, old)
    assert (old / "card").read_text(encoding="utf-8") == "new" and (new / "card").read_text(encoding="utf-8") == "old"


def test_without_an_exchange_two_renames_do_the_same(tmp_path: Path, monkeypatch) -> None:
    class NoExchange:
        @staticmethod
        def renameat2(*_) -> int:
            ctypes.set_errno(errno.EINVAL)
            return -1

    monkeypatch.setattr(files, "_LIBC", NoExchange)
    new, old = _folders(tmp_path)
    files.exchange_folders(new, old)
    assert (old / "card").read_text(encoding="utf-8") == "new" and (new / "card").read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in new.parent.iterdir()) == ["hf"]


def test_a_first_build_is_moved_into_place(tmp_path: Path) -> None:
    new, old = _folders(tmp_path)
    (old / "card").unlink()
    old.rmdir()
    files.exchange_folders(new, old)
    assert (old / "card").read_text(encoding="utf-8") == "new" and not new.exists()


def test_what_the_system_refuses_is_raised(tmp_path: Path) -> None:
    new, old = _folders(tmp_path)
    with pytest.raises(OSError):
        files.exchange_folders(new / "missing", old)
