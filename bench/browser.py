"""Browser measurements in Debian's Chromium: what the start page loads, and how fast
the ASD lookup and the search answer after the last keystroke."""

from __future__ import annotations

import contextlib
import functools
import shutil
import statistics
import threading
import time
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .measure import gzip_size, wire_size

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic"]
SEARCH_INDEX = ("pagefind/", "search/search_index.json")  # Pagefind's chunks; lunr's one file


class _Logged(SimpleHTTPRequestHandler):
    served: list[str]

    def log_message(self, *args):
        pass

    def do_GET(self):
        # Logged on the server, so that requests of the search worker count too.
        self.served.append(unquote(urlsplit(self.path).path))
        super().do_GET()


@contextlib.contextmanager
def serve(site: Path):
    served: list[str] = []
    handler = functools.partial(type("Handler", (_Logged,), {"served": served}), directory=str(site))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)  # port 0: any free port
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", served
    finally:
        httpd.shutdown()
        httpd.server_close()


@contextlib.contextmanager
def chromium():
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium")
    if executable is None:
        raise RuntimeError("Chromium fehlt (apt-get install chromium).")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=ARGS)
        try:
            yield browser
        finally:
            browser.close()


@dataclass
class StartPage:
    gz_bytes: int  # everything loaded before any user action, each body gzipped
    gz_without_index: int
    index_fetched: bool
    files: list[tuple[str, int]] = field(default_factory=list)  # (path, gzip bytes)


def _file_of(site: Path, path: str) -> Path | None:
    target = site / path.lstrip("/")
    if target.is_dir():
        target = target / "index.html"
    return target if target.is_file() else None


def _is_index(site: Path, path: str) -> bool:
    """A search index file. The theme's file counts only where it holds the pages (the empty
    site); with Pagefind it carries just the search settings and loads with every page."""
    path = path.lstrip("/")
    if path.startswith(SEARCH_INDEX[0]):
        return True
    return path == SEARCH_INDEX[1] and not (site / "pagefind").is_dir()


def start_page(browser, site: Path, path: str = "/") -> StartPage:
    """A first visit (a new context: nothing cached) to path, German's start page "/" or a
    language's ("/en/")."""
    with serve(site) as (url, served):
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        response = page.goto(url + path, wait_until="networkidle")
        found = response is not None and response.ok
        time.sleep(1.0)  # a late fetch of the search worker would still show up here
        context.close()
        requested = list(served)
    # A missing page would be measured as a small one: the 404 page.
    if not found:
        raise RuntimeError(f"Startseite {path} fehlt in {site}.")
    files = []
    for served_path in requested:
        file = _file_of(site, served_path)
        files.append((served_path, gzip_size(file.read_bytes()) if file else 0))
    index = any(_is_index(site, p) for p, _ in files)
    total = sum(b for _, b in files)
    without = sum(b for p, b in files if not _is_index(site, p))
    return StartPage(total, without, index, files)


# The probe below is JavaScript passed as strings, which the pages' own Content-Security-Policy
# (a <meta> tag, no 'unsafe-eval') refuses; the measuring context lets the probe run.
_MEASURING = {"viewport": {"width": 1280, "height": 900}, "bypass_csp": True}


# Times the last keystroke's input event against the first DOM mutation after it that
# shows a new, expected answer, and against the last change of that answer within a moment.
_PROBE = """
(config) => {
  const b = window.__bench = {lastInput: 0, hit: null, armed: false, before: null, expect: null};
  document.addEventListener('input', (e) => {
    if (e.target.matches && config.inputs.some((s) => e.target.matches(s))) {
      b.lastInput = performance.now();
      b.hit = null;
    }
  }, true);
  const snapshot = new Function('expect', config.snapshot);
  b.snapshot = () => snapshot(b.expect);
  // hit: the first new, expected answer; done: the last change of it (the search shows its best
  // results first and the whole answer after).
  new MutationObserver(() => {
    if (!b.armed) return;
    const now = b.snapshot();
    if (!now.ok || now.key === b.before || now.key === b.shown) return;
    b.shown = now.key;
    if (b.hit === null) b.hit = performance.now();
    b.done = performance.now();
  }).observe(document.body, {childList: true, subtree: true, attributes: true, characterData: true});
}
"""

_ASD_SNAPSHOT = """
  const a = document.getElementById('ziq-answer');
  if (!a) return {ok: false, key: ''};
  const key = [a.dataset.state, a.dataset.team, a.textContent].join('|');
  return {ok: a.dataset.state === expect.state && (expect.team == null || a.dataset.team === expect.team), key};
"""

_SEARCH_SNAPSHOT = """
  const items = document.querySelectorAll('.md-search-result__item');
  const list = document.querySelector('.md-search-result__list');
  return {ok: items.length > 0, key: list ? list.innerHTML : ''};
"""


@dataclass
class Query:
    fields: list[tuple[str, str]]  # (selector, text) typed in this order
    expect: dict  # for the ASD: {"state": ..., "team": ...}
    label: str


@dataclass
class Latency:
    samples_ms: list[float]  # to the first answer
    skipped: list[str]
    cold_ms: float | None = None
    cold_bytes: int | None = None  # what the first query fetched (search only), compressed
    complete_ms: list[float] = field(default_factory=list)  # to the last change of the answer

    @property
    def median(self) -> float | None:
        return statistics.median(self.samples_ms) if self.samples_ms else None


def _type_and_time(page, query: Query, settle: float, clear: list[str]) -> tuple[float, float] | None:
    """Type everything but the last character, let it settle, then time the last keystroke: to
    the first answer, and to the last change of it within the settle time."""
    for selector in clear:
        page.fill(selector, "")
    time.sleep(settle)
    *first, (last_selector, last_text) = query.fields
    for selector, text in first:
        page.type(selector, text, delay=15)
    page.type(last_selector, last_text[:-1], delay=15)
    time.sleep(settle)
    page.evaluate("(e) => { const b = window.__bench; b.expect = e; b.before = b.snapshot().key;"
                  " b.shown = null; b.hit = null; b.done = null; b.armed = true; }", query.expect)
    page.type(last_selector, last_text[-1])
    try:
        page.wait_for_function("window.__bench.hit !== null", timeout=15000)
        time.sleep(settle)
    except Exception:  # noqa: BLE001 - a timeout means no new, correct answer appeared
        return None
    finally:
        page.evaluate("window.__bench.armed = false")
    first, last = page.evaluate("[window.__bench.hit - window.__bench.lastInput,"
                                " window.__bench.done - window.__bench.lastInput]")
    return first, last


def asd_latency(browser, site: Path, queries: list[Query]) -> Latency | None:
    """None when the page has no lookup yet (the DOM contract's #ziq-street is missing)."""
    with serve(site) as (url, _):
        context = browser.new_context(**_MEASURING)
        page = context.new_page()
        page.goto(url + "/asd/", wait_until="networkidle")
        if page.locator("#ziq-street").count() == 0:
            context.close()
            return None
        page.evaluate(_PROBE, {"inputs": ["#ziq-street", "#ziq-number"], "snapshot": _ASD_SNAPSHOT})
        result = Latency([], [])
        for i, query in enumerate(queries):
            # Both fields are cleared: a number left from the query before would change the answer.
            timed = _type_and_time(page, query, settle=0.4, clear=["#ziq-street", "#ziq-number"])
            if timed is None:
                result.skipped.append(query.label)
            elif i == 0:
                result.cold_ms = timed[0]  # includes loading the street data on demand
            else:
                result.samples_ms.append(timed[0])
                result.complete_ms.append(timed[1])
        context.close()
        return result


def search_latency(browser, site: Path, queries: list[str]) -> Latency:
    with serve(site) as (url, served):
        context = browser.new_context(**_MEASURING)
        page = context.new_page()
        page.goto(url + "/", wait_until="networkidle")
        before = len(served)
        page.click(".md-search__input")
        # Wait until the worker has built the index: a first query returns results.
        started = time.perf_counter()
        page.type(".md-search__input", "Projekt", delay=15)
        page.wait_for_selector(".md-search-result__item", timeout=300_000)
        ready_s = time.perf_counter() - started
        page.evaluate(_PROBE, {"inputs": [".md-search__input"], "snapshot": _SEARCH_SNAPSHOT})
        result = Latency([], [])
        result.cold_ms = ready_s * 1000  # first results after load: index fetch and build included
        fetched = [_file_of(site, p) for p in served[before:]]
        result.cold_bytes = sum(wire_size(f.read_bytes()) for f in fetched if f is not None)
        for q in queries:
            timed = _type_and_time(page, Query([(".md-search__input", q)], {}, q), settle=0.6,
                                   clear=[".md-search__input"])
            if timed is None:
                result.skipped.append(q)
            else:
                result.samples_ms.append(timed[0])
                result.complete_ms.append(timed[1])
        context.close()
        return result
