"""Starting the server without a real one: a missing install and a server that never answers, said clearly."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from scripts.labelstudio import server as ls_server
from tests.conftest import start_label_studio


def test_without_the_server_installed_the_tests_fail_saying_to_run_make_test(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv(ls_server.BIN_ENV, str(tmp_path / "no-label-studio"))
    with pytest.raises(pytest.fail.Exception) as failure:
        start_label_studio(tmp_path, timeout=1)
    assert str(failure.value).splitlines() == [
        f"Label Studio is not installed: no {tmp_path / 'no-label-studio'} (set LABEL_STUDIO_BIN, or run "
        "`make label-studio`, which installs it in .venv-ls/)",
        "The integration tests need the Label Studio server: run them with `make test`, which installs it "
        "in .venv-ls/ and sets LABEL_STUDIO_BIN."]


def test_a_server_that_does_not_come_up_is_stopped_and_its_log_shown(tmp_path: Path, monkeypatch) -> None:
    fake = tmp_path / "label-studio"
    fake.write_text(f"#!{sys.executable}\nimport time\nprint('migrating, slowly', flush=True)\ntime.sleep(120)\n")
    fake.chmod(0o755)
    monkeypatch.setenv(ls_server.BIN_ENV, str(fake))
    port = ls_server.free_port()
    with pytest.raises(ls_server.ServerError) as failure:
        ls_server.start(tmp_path / "data", port, "a@example.com", "password", "token-123456", timeout=1)
    assert str(failure.value).splitlines() == [
        f"Label Studio did not answer http://127.0.0.1:{port}/health within 1 s",
        f"--- {tmp_path / 'data' / 'server.log'} (last 80 lines) ---",
        "migrating, slowly"]
    running = subprocess.run(["ps", "-ww", "-eo", "command="], capture_output=True, text=True).stdout
    assert str(fake) not in running


CALL = """import requests
try:
    requests.get({url!r}, timeout=5)
except requests.exceptions.RequestException as err:
    print(type(err).__name__, err)
"""


@pytest.mark.labelstudio
def test_the_servers_own_calls_go_to_a_dead_local_proxy_whatever_proxy_the_caller_has(tmp_path: Path,
                                                                                   monkeypatch) -> None:
    """A call the settings do not switch off (the tips the Home page fetches from GitHub, a webhook)
    fails at once on 127.0.0.1:9, before any name is looked up; calls to the server itself go direct."""
    monkeypatch.setenv("https_proxy", "http://proxy.example:3128")
    monkeypatch.setenv("HTTP_PROXY", "http://proxy.example:3128")
    env = ls_server.server_env(tmp_path, "a@example.com", "password", "token-123456")
    python = str(ls_server.binary().parent / "python")  # the server's own interpreter and requests

    def call(url: str) -> str:
        return subprocess.run([python, "-c", CALL.format(url=url)], env=env, capture_output=True, text=True,
                              check=True, timeout=60).stdout

    for url in ("https://raw.githubusercontent.com/", "http://example.com/"):
        answer = call(url)
        assert answer.startswith("ProxyError ") and "host='127.0.0.1', port=9)" in answer, answer
    local = f"http://127.0.0.1:{ls_server.free_port()}/"
    answer = call(local)
    assert answer.startswith("ConnectionError ") and "Proxy" not in answer, answer
