"""The labeling page in a real browser: Debian's Chromium driven by Playwright, every request recorded.

Shared by `python -m scripts ls screenshot` and the browser tests, so that both open the page as an
annotator does and both can tell whether anything the page asked for left the machine. Playwright
drives the system's Chromium (`executable_path`); it never downloads a browser of its own.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlsplit

from playwright.sync_api import Browser, Page, sync_playwright
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import TimeoutError as PageTimeout

from scripts.labelstudio.project import LabelStudioError
from scripts.labelstudio.server import HOST

CHROMIUM = Path("/usr/bin/chromium")  # Debian's package `chromium`
# Headless (as root, without Chromium's sandbox, which refuses root), and none of Chromium's own
# background traffic (updates, sync, autofill lookups): names other than 127.0.0.1 do not resolve at
# all, so nothing the browser itself starts can leave either.
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 f"--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE {HOST}"]
VIEWPORT = {"width": 1600, "height": 1000}
TEXT = ".lsf-richtext__container"  # the task's text on the labeling page
RELATION = "svg.relations-overlay g[class^=relationItem]"  # an arrow drawn over the text
LOCAL_SCHEMES = ("data", "blob")  # requests a page answers itself


class BrowserError(LabelStudioError):
    """No browser to open the page with, or the page did not show; the message says which."""


@contextmanager
def chromium() -> Iterator[Browser]:
    """Debian's Chromium, headless, closed on leaving the block."""
    if not CHROMIUM.exists():
        raise BrowserError(f"no browser: {CHROMIUM} is missing (install Debian's chromium: "
                           "apt-get install chromium)")
    with sync_playwright() as playwright:
        try:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        except PlaywrightError as err:
            raise BrowserError(f"{CHROMIUM} did not start: {err.message.splitlines()[0]}") from None
        try:
            yield browser
        finally:
            browser.close()


@dataclass
class Visit:
    """A page in a fresh browser profile (empty cache, no cookies), and the URL of every request
    any of its pages made."""

    page: Page
    requests: list[str] = field(default_factory=list)

    def outside(self) -> list[str]:
        """The requests that went elsewhere than the local server."""
        return [url for url in self.requests
                if urlsplit(url).scheme not in LOCAL_SCHEMES and urlsplit(url).hostname != HOST]


def visit(browser: Browser) -> Visit:
    """A new page in a fresh profile, every request of the profile recorded from the start."""
    context = browser.new_context(viewport=VIEWPORT)
    opened = Visit(context.new_page())
    context.on("request", lambda request: opened.requests.append(request.url))
    return opened


def open_task(page: Page, url: str, login: str, password: str, project_id: int, task_id: int,
              timeout: float = 120.0) -> float:
    """Log in straight into a task's labeling page and wait until its text shows; the seconds from
    submitting the login form. Going through `next` skips the Home page, which loads the whole
    application once more before the task."""
    target = quote(f"/projects/{project_id}/data?task={task_id}", safe="")
    page.goto(f"{url}/user/login/?next={target}")
    page.fill("input[name=email]", login)
    page.fill("input[name=password]", password)
    started = time.monotonic()
    page.click("button[type=submit]")
    try:
        page.locator(TEXT).first.wait_for(state="visible", timeout=timeout * 1000)
    except PageTimeout:
        raise BrowserError(f"the labeling page of task {task_id} showed no text within {timeout:.0f} s "
                           f"(the browser is at {page.url})") from None
    return time.monotonic() - started


def save_screenshot(page: Page, path: Path) -> None:
    """The page as PNG, once its relation arrows are drawn; written whole or not at all."""
    page.wait_for_load_state("networkidle")
    page.locator(RELATION).first.wait_for()
    image = page.screenshot(type="png")
    partial = path.with_name(f".{path.name}.tmp")
    path.parent.mkdir(parents=True, exist_ok=True)
    partial.write_bytes(image)
    partial.replace(path)
