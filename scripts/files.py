"""Files read only when they are files, and written whole or not at all: a reader never sees a partial output."""

from __future__ import annotations

import ctypes
import errno
import os
import stat
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from scripts.errors import PipelineError


def input_file(path: Path) -> Path:
    """`path`, if it is a regular file: a folder, a dangling link or a missing file is refused, and so is a
    pipe or a device, which would keep a reader waiting forever."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        dangling = " (a symbolic link to nothing)" if path.is_symlink() else ""
        raise PipelineError(f"{path}: no such file{dangling}") from None
    if stat.S_ISDIR(mode):
        raise PipelineError(f"{path}: is a folder, not a file")
    if not stat.S_ISREG(mode):
        raise PipelineError(f"{path}: not a regular file (a pipe or a device): give a file")
    return path


def output_file(path: Path, inputs: Iterable[Path] = ()) -> Path:
    """`path`, if a command may write its output there: not a folder, and not one of the files it reads."""
    if path.is_dir():
        raise PipelineError(f"{path}: is a folder: give the output a file name")
    for source in inputs:
        if path.exists() and source.exists() and path.samefile(source):
            raise PipelineError(f"{path}: is also an input ({source}): writing it would destroy that input")
    return path


@contextmanager
def atomic_writer(path: Path, mode: int = 0o644) -> Iterator[TextIO]:
    """Write to a temporary file beside `path` and move it into place only on success.

    mkstemp creates the file readable by its owner only; `mode` gives the file its final permissions.
    The system's refusals of the write itself (no space, no permission) name `path`, not the temporary file.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as err:
        raise _unwritable(path, err) from None
    try:
        os.fchmod(fd, mode)
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            yield handle
        os.replace(tmp, path)
    except OSError as err:
        Path(tmp).unlink(missing_ok=True)
        if err.filename not in (None, tmp):
            raise  # a file read while writing: its own error names it
        raise _unwritable(path, err) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _unwritable(path: Path, err: OSError) -> PipelineError:
    return PipelineError(f"{path}: cannot write: {err.strerror or err}; nothing written")


_LIBC = ctypes.CDLL(None, use_errno=True)
_AT_FDCWD, _RENAME_EXCHANGE = -100, 2


def exchange_folders(new: Path, old: Path) -> None:
    """Put folder `new` where folder `old` is, in one step (Linux's renameat2 exchange): a reader sees the
    old folder or the new one, never a part of either. The old one ends up at `new`'s place, for the
    caller to delete. Where the file system cannot exchange, two renames leave a moment without `old`,
    but still never a partial folder."""
    if not old.exists():
        new.rename(old)
        return
    renameat2 = getattr(_LIBC, "renameat2", None)
    if renameat2 is not None and not renameat2(_AT_FDCWD, os.fsencode(new), _AT_FDCWD, os.fsencode(old),
                                                _RENAME_EXCHANGE):
        return
    code = ctypes.get_errno() if renameat2 is not None else errno.ENOSYS
    if code not in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        raise OSError(code, os.strerror(code), str(old))
    aside = new.with_name(f"{new.name}.old")
    old.rename(aside)
    new.rename(old)
    aside.rename(new)
