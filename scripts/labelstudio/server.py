"""A local Label Studio server: its own data dir, a free port, no outbound calls, stopped by its own pid.

Shared by `python -m scripts ls` and the integration tests, so that both start and stop the
server the same way and both show the server's log when it does not come up.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import asdict, dataclass
from pathlib import Path

from scripts.paths import LABEL_STUDIO_BIN

BIN_ENV = "LABEL_STUDIO_BIN"
HOST = "127.0.0.1"
# A port nobody listens on: the server's own HTTP calls go to this proxy and fail at once, unresolved.
DEAD_PROXY = f"http://{HOST}:9"
# Nothing leaves the machine, from the server or from the page it serves: no error reports (server and
# browser Sentry, whose script the page would load from a CDN), no version check, no analytics, no
# tips fetched from GitHub (the flag; the Home page fetches them anyway, which the proxy stops), and
# the dead proxy for any other call; legacy tokens work with the SDK.
QUIET_ENV = {"SENTRY_DSN": "", "FRONTEND_SENTRY_DSN": "", "LATEST_VERSION_CHECK": "false",
             "COLLECT_ANALYTICS": "false", "LABEL_STUDIO_ENABLE_LEGACY_API_TOKEN": "true",
             "fflag_feat_front_lsdv_e_297_increase_oss_to_enterprise_adoption_short": "false",
             **{name: DEAD_PROXY for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY",
                                              "http_proxy", "https_proxy", "all_proxy")},
             "NO_PROXY": f"{HOST},localhost", "no_proxy": f"{HOST},localhost"}
LOG_TAIL_LINES = 80


class ServerError(Exception):
    """The server cannot be started; the message says why, with the server's log when there is one."""


@dataclass(frozen=True)
class Server:
    url: str
    port: int
    pid: int
    command: list[str]  # exactly what was started: how `stop` recognises the process
    log: str

    def state(self) -> dict:
        return asdict(self)


def binary() -> Path:
    """The label-studio program: $LABEL_STUDIO_BIN, else the one `make` installs in .venv-ls/."""
    path = Path(os.environ.get(BIN_ENV) or LABEL_STUDIO_BIN).absolute()
    if not path.exists():
        raise ServerError(f"Label Studio is not installed: no {path} (set {BIN_ENV}, or run "
                          "`make label-studio`, which installs it in .venv-ls/)")
    return path


def port_in_use(port: int) -> bool:
    """Whether a server listens on the port; one just stopped does not count, as for the server itself."""
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((HOST, port))
        except OSError:
            return True
    return False


def free_port() -> int:
    """A port nobody listens on now; the log check in `start` catches the rare race for it."""
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/health", timeout=2) as answer:
            return answer.status == 200 and b'"UP"' in answer.read()
    except (urllib.error.URLError, OSError):
        return False


def server_env(data_dir: Path, login: str, password: str, token: str) -> dict[str, str]:
    """The server's environment: the caller's, made quiet (QUIET_ENV wins over any proxy of the
    caller's), with the data dir and the admin's credentials."""
    return {**os.environ, **QUIET_ENV, "LABEL_STUDIO_BASE_DATA_DIR": str(data_dir.absolute()),
            "LABEL_STUDIO_USERNAME": login, "LABEL_STUDIO_PASSWORD": password,
            "LABEL_STUDIO_USER_TOKEN": token}


def start(data_dir: Path, port: int, login: str, password: str, token: str,
          timeout: float = 300.0) -> Server:
    """Start Label Studio on `port` with its SQLite database in `data_dir` and wait until it answers.

    The first start on an empty data dir runs the migrations (the slow part) and creates the admin
    `login` with API token `token`; later starts find both there. The credentials go in the
    environment, not the command line, so that `ps` does not show them.
    """
    if port_in_use(port):
        raise ServerError(f"port {port} on {HOST} is in use: choose another with --port")
    data_dir.mkdir(parents=True, exist_ok=True)
    log = data_dir / "server.log"
    command = [str(binary()), "start", "--no-browser", "--internal-host", HOST, "--port", str(port)]
    env = server_env(data_dir, login, password, token)
    offset = log.stat().st_size if log.exists() else 0
    with log.open("ab") as out:
        process = subprocess.Popen(command, env=env, cwd=data_dir, stdin=subprocess.DEVNULL,
                                   stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    server = Server(f"http://{HOST}:{port}", port, process.pid, command, str(log))
    try:
        _wait_until_up(server, process, offset, timeout)
    except ServerError:
        stop(server.pid, server.command)
        raise
    return server


def _wait_until_up(server: Server, process: subprocess.Popen, offset: int, timeout: float) -> None:
    """Wait for GET /health on our port; Label Studio silently moves to the next port if ours is taken."""
    announced = f"Starting development server at {server.url}/"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise ServerError(f"Label Studio exited with code {process.returncode} before answering "
                              f"on {server.url}\n{_log_since(server.log, offset)}")
        text = _log_since(server.log, offset)
        if "Starting development server at" in text and announced not in text:
            raise ServerError(f"Label Studio did not start on {server.url} (port taken?)\n{text}")
        if announced in text and healthy(server.url):
            return
        time.sleep(0.25)
    raise ServerError(f"Label Studio did not answer {server.url}/health within {timeout:.0f} s\n"
                      f"{_log_since(server.log, offset)}")


def _log_since(log: str, offset: int) -> str:
    """The end of what this start wrote to the log, to show when it fails."""
    with open(log, "rb") as handle:
        handle.seek(offset)
        lines = handle.read().decode("utf-8", "replace").splitlines()
    return "\n".join([f"--- {log} (last {LOG_TAIL_LINES} lines) ---", *lines[-LOG_TAIL_LINES:]])


def is_running(pid: int, command: list[str]) -> bool:
    """Whether `pid` is still the process started with `command` (and not a reused pid)."""
    _reap(pid)
    shown = subprocess.run(["ps", "-ww", "-o", "command=", "-p", str(pid)],
                           capture_output=True, text=True).stdout.strip()
    return shown.endswith(" ".join(command))


def stop(pid: int, command: list[str], timeout: float = 30.0) -> bool:
    """Stop exactly the server started as (pid, command); False if it was no longer running."""
    if not is_running(pid, command):
        return False
    os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while is_running(pid, command):
        if time.monotonic() > deadline:
            os.kill(pid, signal.SIGKILL)
            deadline = time.monotonic() + timeout
        time.sleep(0.1)
    return True


def _reap(pid: int) -> None:
    """Collect the exit status of a server this process started, so that it leaves no zombie."""
    try:
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        pass
