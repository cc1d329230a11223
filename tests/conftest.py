"""Shared fixtures. A real Label Studio for the integration tests: migrated once per session (about
40 s), then started from a copy of that data dir in a few seconds, and stopped by its own pid."""

from __future__ import annotations

import shutil
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from scripts import ls_server

LS_LOGIN, LS_PASSWORD, LS_TOKEN = "tests@example.com", "tests-password", "tests-token-0123456789"


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
