"""Every page on a phone (375 px; 320 px, the width WCAG's reflow criterion names) and on a
desktop (1280 px) in Debian's Chromium, served with the site's own CSP: nothing scrolls
sideways, tables have room between their cells or stack, headings keep their words whole, and
the ASD page's letter index, street tables and no-JavaScript hint behave as a resident expects.
Screenshots of every page at both widths go to test-artifacts/screenshots/pages/."""

from __future__ import annotations

import math
import re
from pathlib import Path

import pytest

from helpers import site_pages

browser_test = pytest.mark.browser

WIDTHS = [320, 375, 1280]
SCREENSHOTS = Path(__file__).resolve().parents[1] / "test-artifacts" / "screenshots" / "pages"

# What a page looks like to these tests, measured in the browser after it has loaded.
MEASURE = r"""() => {
  const doc = document.documentElement;
  const article = document.querySelector("article");
  const rectsOf = range => [...range.getClientRects()].filter(r => r.width > 0 && r.height > 0);
  const contents = node => { const r = document.createRange(); r.selectNodeContents(node); return r; };
  const label = node => node.textContent.replace(/\s+/g, " ").trim().slice(0, 60);
  // Words broken in the middle (a break after a hyphen, dash, slash or dot is fine).
  const brokenWords = (elements, separators) => {
    const broken = [];
    for (const el of elements) {
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (node.parentElement.closest(".headerlink")) continue;
        for (const m of node.data.matchAll(separators)) {
          const r = document.createRange();
          r.setStart(node, m.index);
          r.setEnd(node, m.index + m[0].length);
          if (new Set(rectsOf(r).map(x => Math.round(x.bottom))).size > 1) broken.push(`${el.tagName}: ${m[0]}`);
        }
      }
    }
    return broken;
  };
  const hidden = el => { for (let e = el; e; e = e.parentElement) if (e.getBoundingClientRect().width <= 1) return true; return false; };

  // Tables, or their boxes, that still scroll sideways.
  const scrolling = [...article.querySelectorAll(".ziq-scroll, .md-typeset__scrollwrap, table")]
    .filter(box => box.scrollWidth > box.clientWidth + 1)
    .map(box => `${box.getAttribute("aria-label") || label(box)}: ${box.scrollWidth} > ${box.clientWidth}`);

  // Neighbouring cells on the same line: the gap between their texts.
  const cramped = [];
  for (const table of article.querySelectorAll("table")) {
    for (const row of table.rows) {
      if (hidden(row)) continue;  // the column heads of a table stacked on a phone
      const cells = [...row.cells];
      for (let i = 1; i < cells.length; i++) {
        const a = contents(cells[i - 1]).getBoundingClientRect(), b = contents(cells[i]).getBoundingClientRect();
        if (!a.width || !b.width || b.top >= a.bottom - 1 || a.top >= b.bottom - 1) continue;
        // The next cell stands to the left on a right-to-left page.
        const rtl = getComputedStyle(table).direction === "rtl";
        const gap = rtl ? a.left - b.right : b.left - a.right;
        if (gap < 8) cramped.push(`${label(cells[i - 1])} | ${label(cells[i])}: ${gap.toFixed(1)} px`);
      }
    }
  }

  // File names (links) and field names (row heads) in tables split inside a part.
  const split = brokenWords(article.querySelectorAll("table a, table th code"), /[^\s\-.]+/g);
  const headingWords = brokenWords(article.querySelectorAll("h1, h2, h3"), /[^\s\-–\/]+/g);

  // The invisible permalink "¶" of a heading alone on a line of its own: an empty gap.
  const lonelyAnchors = [];
  for (const link of article.querySelectorAll(".headerlink")) {
    const h = link.parentElement, r = document.createRange();
    r.setStart(h, 0);
    r.setEndBefore(link);
    const bottoms = rectsOf(r).map(x => x.bottom);
    if (bottoms.length && link.getBoundingClientRect().top >= Math.max(...bottoms) - 2) lonelyAnchors.push(label(h));
  }

  return {scrollWidth: doc.scrollWidth, clientWidth: doc.clientWidth, scrolling, cramped, split,
          headingWords, lonelyAnchors};
}"""


def _name(path: str) -> str:
    return path.strip("/").replace("/", "_") or "start"


@pytest.fixture(scope="module")
def measured(browser, server, built_site) -> dict[int, dict[str, dict]]:
    """Every page at every width, measured once; a full-page screenshot of each at 375 and
    1280 px (the pipelines keep them) for a person to look at."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    result: dict[int, dict[str, dict]] = {}
    for width in WIDTHS:
        context = browser.new_context(viewport={"width": width, "height": 900})
        page = context.new_page()
        result[width] = {}
        for path in site_pages(built_site):
            page.goto(server + "/" + path.lstrip("/"), wait_until="networkidle")
            result[width][path] = page.evaluate(MEASURE)
            if width != 320:
                page.screenshot(path=str(SCREENSHOTS / f"{_name(path)}-{width}.png"), full_page=True)
        context.close()
    return result


@pytest.fixture
def at_width(browser):
    contexts = []

    def open_page(width: int, javascript: bool = True):
        context = browser.new_context(viewport={"width": width, "height": 900}, java_script_enabled=javascript)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


def _problems(measured, width: int, key: str) -> dict[str, list]:
    return {path: m[key] for path, m in measured[width].items() if m[key]}


@browser_test
@pytest.mark.parametrize("width", WIDTHS)
def test_no_page_scrolls_sideways(measured, width):
    wide = {path: (m["scrollWidth"], m["clientWidth"]) for path, m in measured[width].items()
            if m["scrollWidth"] > m["clientWidth"]}
    assert not wide, wide


@browser_test
@pytest.mark.parametrize("width", [375, 1280])
def test_every_table_fits_a_phone_without_scrolling(measured, width):
    """At 375 px no table needs its scroll box: the narrow ones fit, the wide ones stack."""
    problems = _problems(measured, width, "scrolling")
    assert not problems, problems


@browser_test
@pytest.mark.parametrize("width", [375, 1280])
def test_table_cells_have_room(measured, width):
    """At least 8 px between the texts of neighbouring cells ("Amselstraße" and "alle" were 2 px apart)."""
    problems = _problems(measured, width, "cramped")
    assert not problems, problems


@browser_test
@pytest.mark.parametrize("width", [375, 1280])
def test_file_and_field_names_in_tables_stay_whole(measured, width):
    """"projekte.json" or "reviewed_on" split inside a part ("proj/ekte/.json") cannot be read;
    a break after a dot or hyphen is fine."""
    problems = _problems(measured, width, "split")
    assert not problems, problems


@browser_test
def test_headings_keep_their_words_whole_on_a_phone(measured):
    """"Datenschutzerklärung" must not end a line as "Datenschutzerkläru" and go on with "ng"."""
    problems = _problems(measured, 375, "headingWords")
    assert not problems, problems


@browser_test
@pytest.mark.parametrize("width", [375, 1280])
def test_no_heading_ends_in_an_empty_line(measured, width):
    """The permalink after a heading is invisible until hovered; alone on a line it looks like a gap."""
    problems = _problems(measured, width, "lonelyAnchors")
    assert not problems, problems


# --- the ASD page --------------------------------------------------------------------------

@browser_test
def test_letter_index_wraps_in_rows_of_touch_sized_letters(at_width, server):
    page = at_width(375)
    page.goto(server + "/asd/", wait_until="networkidle")
    tops = page.eval_on_selector_all(".ziq-letters li", "items => items.map(i => i.offsetTop)")
    assert len(tops) > 6
    assert len(set(tops)) <= math.ceil(len(tops) / 6), f"{len(set(tops))} rows for {len(tops)} letters"
    height = page.eval_on_selector(".ziq-letters", "list => list.getBoundingClientRect().height")
    assert height < 200
    sizes = page.eval_on_selector_all(".ziq-letters a", """links => links.map(a => {
        const r = a.getBoundingClientRect(); return [r.width, r.height]; })""")
    assert all(w >= 44 and h >= 44 for w, h in sizes), sizes  # a finger's width (WCAG 2.5.5)


@browser_test
def test_street_tables_are_named_by_their_heading_without_repeating_it(at_width, server):
    page = at_width(375)
    page.goto(server + "/asd/", wait_until="networkidle")
    headings = page.eval_on_selector_all("h3[id^='strassen-']", "hs => hs.map(h => h.textContent.trim())")
    captions = page.eval_on_selector_all(".ziq-streets caption", """cs => cs.map(c => {
        const r = c.getBoundingClientRect(); return [c.textContent.trim(), r.width * r.height]; })""")
    assert [text for text, _ in captions] == headings
    assert all(area <= 1 for _, area in captions), captions  # read out, not shown twice
    for heading in headings:
        assert page.get_by_role("table", name=heading, exact=True).count() == 1


@browser_test
def test_no_javascript_hint_shows_only_without_javascript(at_width, server):
    hint_text = "Die Suche braucht JavaScript"
    page = at_width(375)
    page.goto(server + "/asd/", wait_until="networkidle")
    assert page.locator("#ziq-lookup").is_visible()
    assert page.get_by_text(hint_text).count() == 1
    assert not page.get_by_text(hint_text).is_visible()

    page = at_width(375, javascript=False)
    page.goto(server + "/asd/")
    assert not page.locator("#ziq-lookup").is_visible()
    assert page.get_by_text(hint_text).is_visible()


def _edge_cues(page, box, width: float) -> list[list[bool]]:
    """Whether the box's background draws anything at its left and right edge (a screenshot of
    each edge with and without the background images), at the start and at the end of scrolling."""
    box.scroll_into_view_if_needed()
    rect = box.bounding_box()

    def edges():
        strip = {"y": rect["y"] + rect["height"] / 2, "width": 14, "height": rect["height"] / 2 - 2}
        return [page.screenshot(clip={**strip, "x": x}) for x in (rect["x"] + 1, rect["x"] + width - 15)]

    def drawn():
        shown = edges()
        box.evaluate("b => { b.style.backgroundImage = 'none'; }")
        plain = edges()
        box.evaluate("b => { b.style.backgroundImage = ''; }")
        return [a != b for a, b in zip(shown, plain)]

    box.evaluate("b => { b.scrollLeft = 0; }")
    at_start = drawn()
    box.evaluate("b => { b.scrollLeft = b.scrollWidth; }")
    return [at_start, drawn()]


@browser_test
def test_a_table_wider_than_its_box_shows_that_it_scrolls(at_width, server):
    """Where a street table is wider than the screen (a narrower phone, zoom), a shadow at the
    edge shows there is more; it moves to the other edge once scrolled to the end."""
    page = at_width(375)
    page.goto(server + "/asd/", wait_until="networkidle")
    box = page.locator(".ziq-scroll").first
    fits = box.evaluate("b => b.scrollWidth <= b.clientWidth")
    assert fits and _edge_cues(page, box, box.bounding_box()["width"]) == [[False, False]] * 2  # nothing to show
    # A box narrower than its table, set with the CSSOM (the CSP forbids style attributes, not this).
    box.evaluate("b => { b.style.width = '180px'; b.firstElementChild.style.minWidth = '400px'; }")
    assert box.evaluate("b => b.scrollWidth > b.clientWidth")
    assert _edge_cues(page, box, 180) == [[False, True], [True, False]]


@browser_test
def test_a_code_block_wider_than_the_phone_shows_that_it_scrolls(at_width, server):
    page = at_width(375)
    page.goto(server + "/redaktion/schritt-fuer-schritt/", wait_until="networkidle")
    wide = page.locator("pre > code").filter(has_text="git clone")
    assert wide.evaluate("c => c.scrollWidth > c.clientWidth")
    width = wide.evaluate("c => c.getBoundingClientRect().width")
    assert _edge_cues(page, wide, width) == [[False, True], [True, False]]


@browser_test
def test_lookup_fields_line_up_on_a_desktop(at_width, server):
    page = at_width(1280)
    page.goto(server + "/asd/", wait_until="networkidle")
    street, number = (page.locator(f"#{i}").bounding_box() for i in ("ziq-street", "ziq-number"))
    assert abs(street["y"] - number["y"]) <= 1, (street, number)


# --- the start page and the blocks on every page --------------------------------------------

def _boxes(page, selector: str) -> list[dict]:
    return page.eval_on_selector_all(selector, """els => els.map(e => {
        const r = e.getBoundingClientRect(); return {x: r.left, y: r.top, right: r.right, bottom: r.bottom}; })""")


def _apart(a: dict, b: dict) -> float:
    """The gap between two boxes, horizontally or vertically; negative when they overlap."""
    return max(b["x"] - a["right"], a["x"] - b["right"], b["y"] - a["bottom"], a["y"] - b["bottom"])


@browser_test
@pytest.mark.parametrize("width", [375, 1280])
def test_project_cards_and_task_buttons_keep_apart(at_width, server, width):
    page = at_width(width)
    page.goto(server + "/", wait_until="networkidle")
    cards = _boxes(page, ".ziq-cards > li")
    assert len(cards) > 1
    assert all(_apart(a, b) >= 8 for a, b in zip(cards, cards[1:])), cards
    if width == 1280:  # a grid of cards, not one long column
        assert len({c["y"] for c in cards}) < len(cards)
    buttons = _boxes(page, ".ziq-tasks .md-button")
    assert len(buttons) == 2 and _apart(*buttons) >= 8, buttons
    if width == 375:  # easy to hit: each spans the column
        article = _boxes(page, "article p")[0]
        assert all(b["right"] - b["x"] >= (article["right"] - article["x"]) - 1 for b in buttons), buttons


@browser_test
def test_emergency_numbers_line_up_with_their_text(at_width, server):
    page = at_width(375)
    page.goto(server + "/", wait_until="networkidle")
    lead = _boxes(page, ".ziq-emergency > p")[0]
    items = _boxes(page, ".ziq-emergency li")
    assert items and all(abs(i["x"] - lead["x"]) <= 1 for i in items), (lead, items)


# --- page sources ---------------------------------------------------------------------------

def test_code_example_in_a_numbered_step_is_a_code_block(built_site):
    """A fenced block inside a list item is not read as one: indented, it stays a block."""
    html = (built_site / "redaktion" / "schritt-fuer-schritt" / "index.html").read_text(encoding="utf-8")
    step = re.search(r"<li>\s*<p>Darunter steht unter.*?</li>", html, re.S)
    assert step, "step 3 of the guide is missing"
    assert re.search(r"<pre><code>phones:\n  - number: ", step.group(0)), step.group(0)
