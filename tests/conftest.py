"""Shared fixtures.

Two kinds of test need something beyond the repository and carry a marker, so the rest runs alone:
- `labelstudio`: a real Label Studio server (migrated once per session, about 40 s, then started from
  a copy of that data dir in a few seconds, and stopped by its own pid). `make test` installs it.
- `shared`: third-party data in ../shared beside the repository (Label Studio exports from elsewhere,
  the seed as given); skipped, saying so, when that folder is absent.
"""

from __future__ import annotations

import ctypes
import os
import resource
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from scripts.labelstudio import server as ls_server
from scripts.paths import ROOT

LS_LOGIN, LS_PASSWORD, LS_TOKEN = "tests@example.com", "tests-password", "tests-token-0123456789"
SHARED = ROOT.parent / "shared"


def shared_path(*parts: str) -> Path:
    """A file of ../shared, or a skip naming it when the folder is not beside the repository."""
    path = SHARED.joinpath(*parts)
    if not SHARED.is_dir():
        pytest.skip(f"needs {path}: ../shared is not beside the repository")
    assert path.exists(), f"{path} is missing from ../shared"
    return path


@contextmanager
def largest_file(size: int) -> Iterator[None]:
    """In the block, a write that makes a file larger than `size` bytes fails (EFBIG), as on a full disk."""
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    handler = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # the write fails instead of killing the process
    resource.setrlimit(resource.RLIMIT_FSIZE, (size, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
        signal.signal(signal.SIGXFSZ, handler)


def run_as_user(*args: str) -> subprocess.CompletedProcess:
    """`python -m scripts ARGS` in a child that meets file permissions as a user does: a root child has
    its override of them dropped (CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH)."""
    def drop_override() -> None:
        if os.geteuid() == 0:
            libc = ctypes.CDLL(None, use_errno=True)
            for capability in (1, 2):
                if libc.prctl(24, capability, 0, 0, 0):  # PR_CAPBSET_DROP: gone from what the child execs
                    raise OSError(ctypes.get_errno(), "prctl")

    return subprocess.run([sys.executable, "-m", "scripts", *args], cwd=ROOT, capture_output=True, text=True,
                          preexec_fn=drop_override)


@pytest.fixture
def offline(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Hugging Face libraries offline, with their caches in the test's folder."""
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf-home"))


@pytest.fixture(scope="session")
def dask_scheduler() -> Iterator[str]:
    """The address of a local Dask cluster, started once for the session: one worker of two threads in
    this process, which the engine's client reaches as it would a cluster elsewhere."""
    from distributed import LocalCluster

    with LocalCluster(n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None) as cluster:
        yield cluster.scheduler_address


@dataclass(frozen=True)
class LabelStudioServer:
    url: str
    token: str
    data_dir: Path


def start_label_studio(data_dir: Path, timeout: float) -> ls_server.Server:
    """Start a server on a free port; a failure fails the test with the server's log."""
    try:
        return ls_server.start(data_dir, ls_server.free_port(), LS_LOGIN, LS_PASSWORD, LS_TOKEN, timeout)
    except ls_server.ServerError as err:
        problem = str(err)
    pytest.fail(f"{problem}\nThe integration tests need the Label Studio server: run them with `make test`, "
                "which installs it in .venv-ls/ and sets LABEL_STUDIO_BIN.", pytrace=False)


@pytest.fixture(scope="session")
def label_studio_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated data dir whose organisation accepts legacy API tokens, with the tests' admin; no server runs on it."""
    data_dir = tmp_path_factory.mktemp("label-studio-template")
    started = time.monotonic()
    server = start_label_studio(data_dir, timeout=300)
    ls_server.stop(server.pid, server.command)
    print(f"\nLabel Studio: first start (migrations) took {time.monotonic() - started:.1f} s")
    return data_dir


def copy_data_dir(template: Path, destination: Path) -> Path:
    """A data dir to start another server on, without migrating again."""
    shutil.copytree(template, destination)
    return destination


@pytest.fixture(scope="session")
def label_studio(label_studio_template: Path,
                 tmp_path_factory: pytest.TempPathFactory) -> Iterator[LabelStudioServer]:
    """A running Label Studio for the whole session."""
    data_dir = copy_data_dir(label_studio_template, tmp_path_factory.mktemp("label-studio") / "data")
    server = start_label_studio(data_dir, timeout=120)
    try:
        yield LabelStudioServer(server.url, LS_TOKEN, data_dir)
    finally:
        ls_server.stop(server.pid, server.command)
