"""The labeling page in Debian's Chromium, as an annotator uses it: the steps of the README's annotator
section, what the submitted annotation holds, and that no request of the page leaves 127.0.0.1."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from scripts.corpus.articles import Article
from scripts.labelstudio import browser
from scripts.labelstudio import project as ls_project
from scripts.labelstudio import tasks as ls_tasks
from scripts.labelstudio.convert import convert_exports
from scripts.paths import LABEL_CONFIG
from scripts.records import Record, doc_id
from scripts.schema.label_config import CLAIM_FILL_ALPHA
from scripts.schema.scheme import load_scheme
from scripts.validate.rules import record_problems
from tests.conftest import LS_LOGIN, LS_PASSWORD, LabelStudioServer
from tests.factory import relation, span

pytestmark = pytest.mark.labelstudio

ROLES = load_scheme().roles
TEXT = "Mayor Ana Ruiz said that 40 buses run in Lyon. She added that fares rise."
# Two lines, the second with a claim, a place inside it and its speaker, all predicted and linked.
TWO_LINES = "Mayor Ana Ruiz spoke to reporters in the city hall on Monday.\nShe said that 40 buses run in Lyon."
# Edges word snapping would move: a possessive left out, a final full stop left out, and a
# selection that starts inside a word, which the validator refuses.
EDGES = "The council’s report said prices rose by 5%. Officials agreed."

CHARACTER_BOX = """(offset) => {
  const walker = document.createTreeWalker(document.querySelector(".lsf-richtext__container"),
                                           NodeFilter.SHOW_TEXT);
  for (let seen = 0, node; (node = walker.nextNode()); seen += node.textContent.length) {
    if (offset < seen + node.textContent.length) {
      const range = document.createRange();
      range.setStart(node, offset - seen);
      range.setEnd(node, offset - seen + 1);
      const box = range.getBoundingClientRect();
      return {x: box.x, y: box.y, width: box.width, height: box.height};
    }
  }
  return null;
}"""


GLYPHS = """() => {
  const walker = document.createTreeWalker(document.querySelector(".lsf-richtext__container"),
                                           NodeFilter.SHOW_TEXT);
  const boxes = [];
  for (let node; (node = walker.nextNode());) {
    const range = document.createRange();
    range.selectNodeContents(node);
    boxes.push(...[...range.getClientRects()].filter(box => box.width > 0)
      .map(box => ({left: box.left, right: box.right, top: box.top, bottom: box.bottom})));
  }
  return boxes;
}"""
TAGS = """(selector) => [...document.querySelectorAll(selector + " g rect")].map(element => {
  const box = element.getBoundingClientRect();
  return {left: box.left, right: box.right, top: box.top, bottom: box.bottom};
})"""
CLAIM_STYLE = """(label) => {
  const style = getComputedStyle(document.querySelector(`.htx-highlight[data-label$=":${label}"]`));
  return [style.backgroundColor, style.borderBottomStyle, style.borderBottomColor];
}"""


@pytest.fixture(scope="module")
def chromium() -> Iterator[Browser]:
    if not browser.CHROMIUM.exists():
        pytest.skip(f"no browser: {browser.CHROMIUM} is missing (apt-get install chromium); "
                    "the labeling page is not tested")
    with browser.chromium() as opened:
        yield opened


@dataclass
class Task:
    url: str  # the project's page, as `ls up` prints it
    project_id: int
    text: str


def predicted(record: Record) -> Record:
    """A stand-in pre-annotator: the speaker of TEXT; the second line of TWO_LINES."""
    spans, relations = [], []
    if record["text"] == TEXT:
        spans = [span("p1", ROLES.speaker, "Ana Ruiz", speaker_type="person")]
    elif record["text"] == TWO_LINES:
        spans = [span("p1", ROLES.speaker, "She", TWO_LINES, speaker_type="person"),
                 span("p2", ROLES.claim, "40 buses run in Lyon", TWO_LINES, reporting="indirect"),
                 span("p3", ROLES.location, "Lyon", TWO_LINES)]
        relations = [relation("r1", ROLES.attribution, "p1", "p2")]
    return {**record, "spans": spans, "relations": relations,
            "provenance": {"origin": "prediction", "export": None, "task_id": None, "annotation_id": None,
                           "annotator": None, "ground_truth": None, "model_version": "stand-in-1"}}


def project_with(label_studio: LabelStudioServer, title: str, text: str) -> Task:
    """A project made from the generated config, with one task of `text` and its prediction."""
    ls = ls_project.client(label_studio.url, label_studio.token)
    project, _ = ls_project.ensure_project(ls, title, LABEL_CONFIG.read_text(encoding="utf-8"))
    article = Article(id=doc_id(text), text=text, metadata={"id": doc_id(text)})
    ls.projects.import_tasks(id=project.id, request=ls_tasks.new_tasks([article], set(), predicted))
    return Task(f"{label_studio.url}/projects/{project.id}/data", project.id, text)


def hotkey(label: str) -> str:
    return next(item.hotkey for item in load_scheme().labels if item.name == label)


def overlap(a: dict, b: dict) -> bool:
    return a["left"] < b["right"] and b["left"] < a["right"] and a["top"] < b["bottom"] and b["top"] < a["bottom"]


def character(page: Page, offset: int) -> dict:
    return page.evaluate(CHARACTER_BOX, offset)


def select(page: Page, text: str, needle: str, skip: int = 0) -> None:
    """Drag the mouse over `needle` in the task's text (from its `skip`-th character), as a person does."""
    start = text.index(needle) + skip
    first, last = character(page, start), character(page, start + len(needle) - skip - 1)
    page.mouse.move(first["x"] + first["width"] * 0.2, first["y"] + first["height"] / 2)
    page.mouse.down()
    page.mouse.move(last["x"] + last["width"] * 0.8, last["y"] + last["height"] / 2, steps=8)
    page.mouse.up()


def click(page: Page, text: str, needle: str) -> None:
    """Click the middle of `needle` in the task's text."""
    middle = character(page, text.index(needle) + len(needle) // 2)
    page.mouse.click(middle["x"] + middle["width"] / 2, middle["y"] + middle["height"] / 2)


def label_all_tasks(page: Page, task: Task) -> None:
    """Open the project's URL, log in, click Label All Tasks: the first task's text shows."""
    page.goto(task.url)
    page.fill("input[name=email]", LS_LOGIN)
    page.fill("input[name=password]", LS_PASSWORD)
    page.click("button[type=submit]")
    page.get_by_role("button", name="Label All Tasks").click()
    page.locator(browser.TEXT, has_text=task.text[:20]).wait_for()


def submit(page: Page) -> list[dict]:
    """Click Submit; the result Label Studio stored."""
    with page.expect_response(lambda r: r.request.method == "POST" and "/annotations" in r.url) as answer:
        page.locator("button[name=submit]").click()
    assert answer.value.ok, answer.value.text()
    return answer.value.json()["result"]


def export_records(label_studio: LabelStudioServer, task: Task, tmp_path: Path) -> list[Record]:
    ls = ls_project.client(label_studio.url, label_studio.token)
    export = tmp_path / "export.json"
    export.write_bytes(ls_project.export_json(ls, task.project_id))
    return convert_exports([export]).records


def test_an_annotator_labels_links_and_submits_and_nothing_leaves_the_machine(
        chromium: Browser, label_studio: LabelStudioServer, tmp_path: Path) -> None:
    """The README's steps in order. The link is drawn with no type: the converter gives it the one
    type the scheme allows between its two ends."""
    task = project_with(label_studio, "browser-annotator", TEXT)
    visit = browser.visit(chromium)
    page = visit.page
    label_all_tasks(page, task)
    assert page.locator(".htx-highlight", has_text="Ana Ruiz").count() == 1  # the prediction is shown

    page.keyboard.press(hotkey(ROLES.claim))  # the label's key first,
    select(page, TEXT, "40 buses run in Lyon")  # then the selection: a region
    reporting = load_scheme().attribute(ROLES.reporting)
    header = page.get_by_text(f"{reporting.name}: {reporting.description}")
    expect(header).to_be_hidden()
    click(page, TEXT, "buses")  # a click selects it: its attributes show, each under its name
    expect(header).to_be_visible()
    page.locator("label", has_text="indirect").click()
    page.keyboard.press("Alt+r")  # with the claim selected, a relation starts
    click(page, TEXT, "Ruiz")  # and ends on the speaker, with no type chosen
    result = submit(page)

    by_id = {item["value"]["labels"][0]: item["id"] for item in result if item["type"] == "labels"}
    claim, speaker = by_id[ROLES.claim], by_id[ROLES.speaker]
    assert sorted(((item["type"], item.get("from_name"), item.get("id"), item.get("value")) for item in result
                   if item["type"] != "relation"), key=str) == sorted([
        ("labels", "label", speaker, {"start": 6, "end": 14, "text": "Ana Ruiz", "labels": [ROLES.speaker]}),
        ("choices", ROLES.speaker_type, speaker, {"start": 6, "end": 14, "text": "Ana Ruiz", "choices": ["person"]}),
        ("labels", "label", claim, {"start": 25, "end": 45, "text": "40 buses run in Lyon", "labels": [ROLES.claim]}),
        ("choices", ROLES.reporting, claim, {"start": 25, "end": 45, "text": "40 buses run in Lyon",
                                             "choices": ["indirect"]}),
    ], key=str)
    assert [item for item in result if item["type"] == "relation"] == [
        {"from_id": claim, "to_id": speaker, "type": "relation", "direction": "right"}]

    (record,) = export_records(label_studio, task, tmp_path)
    assert [(s["label"], s["start"], s["end"], s["attributes"][ROLES.speaker_type], s["attributes"][ROLES.reporting])
            for s in record["spans"]] == [(ROLES.speaker, 6, 14, "person", None),
                                          (ROLES.claim, 25, 45, None, "indirect")]
    assert record["relations"] == [{"id": "r1", "type": ROLES.attribution, "head": speaker, "tail": claim}]
    assert record_problems(record, "export.json") == []

    assert len(visit.requests) > 20  # the login page, the application, the task, the submission
    assert visit.outside() == []


def test_a_selection_keeps_its_exact_edges(chromium: Browser, label_studio: LabelStudioServer,
                                           tmp_path: Path) -> None:
    """No word snapping: a possessive and a final full stop stay out, as the guidelines ask, and an
    edge inside a word stays where it was put, for the validator to refuse."""
    task = project_with(label_studio, "browser-edges", EDGES)
    visit = browser.visit(chromium)
    page = visit.page
    label_all_tasks(page, task)
    for label, needle, skip in [(ROLES.speaker, "council", 0), (ROLES.claim, "prices rose by 5%", 0),
                                (ROLES.speaker, "Officials", 1)]:
        page.keyboard.press(hotkey(label))
        select(page, EDGES, needle, skip)
        page.keyboard.press("Escape")
    result = submit(page)
    assert sorted((item["value"]["start"], item["value"]["end"], item["value"]["text"], item["value"]["labels"])
                  for item in result) == [(4, 11, "council", [ROLES.speaker]),
                                          (26, 43, "prices rose by 5%", [ROLES.claim]),
                                          (46, 54, "fficials", [ROLES.speaker])]
    (record,) = export_records(label_studio, task, tmp_path)
    officials = next(s["id"] for s in record["spans"] if s["start"] == 46)
    assert [str(problem) for problem in record_problems(record, "export.json")] == [
        f"export.json: document {record['id']}: span {officials}: span 'fficials' starts or ends inside a word "
        "(in 'e by 5%. Officials agreed.')"]
    assert visit.outside() == []


def test_relation_tags_sit_between_lines_and_a_claim_is_underlined(chromium: Browser,
                                                                    label_studio: LabelStudioServer) -> None:
    """The predicted link of the second line is drawn above it: its tag covers no word of the first
    line. The claim is a faint fill with an underline in its colour, so the place inside it keeps its
    own colour."""
    task = project_with(label_studio, "browser-readable", TWO_LINES)
    page = browser.visit(chromium).page
    label_all_tasks(page, task)
    page.locator(browser.RELATION).first.wait_for()
    tags, glyphs = page.evaluate(TAGS, browser.RELATION), page.evaluate(GLYPHS)
    assert len(tags) == 1 and len(glyphs) >= 2  # one tag; the words of two lines at least
    assert [glyph for glyph in glyphs if overlap(tags[0], glyph)] == [], (tags, glyphs)
    claim = next(label for label in load_scheme().labels if label.name == ROLES.claim)
    red, green, blue = (int(claim.color[i:i + 2], 16) for i in (1, 3, 5))
    assert page.evaluate(CLAIM_STYLE, claim.name) == [
        f"rgba({red}, {green}, {blue}, {CLAIM_FILL_ALPHA})", "solid", f"rgb({red}, {green}, {blue})"]


def test_a_relation_takes_one_type_at_most(chromium: Browser, label_studio: LabelStudioServer) -> None:
    """Choosing another type for the predicted link replaces its type instead of adding a second."""
    task = project_with(label_studio, "browser-one-type", TWO_LINES)
    page = browser.visit(chromium).page
    label_all_tasks(page, task)
    page.locator(".lsf-panel-tabs__tab", has_text="Relations").first.click()
    page.locator(".lsf-relations__item").hover()
    page.locator("button[aria-label='Show Relation Labels']").click()
    page.locator(".lsf-relation-meta").get_by_text(ROLES.attribution).click()
    page.get_by_role("option", name=ROLES.coreference).click()
    page.keyboard.press("Escape")
    (link,) = [item for item in submit(page) if item["type"] == "relation"]
    assert link["labels"] == [ROLES.coreference]
