"""The built site in Debian's Chromium: no third-party requests, no errors, readable on a phone."""

from __future__ import annotations

import functools
import shutil
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic"]
WIDTHS = [1280, 375]
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts" / "screenshots"


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server(built_site: Path):
    handler = functools.partial(_Quiet, directory=str(built_site))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)  # port 0: a free port, never a fixed one
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture(scope="module")
def browser():
    if CHROMIUM is None:
        pytest.fail("Chromium fehlt: `make test` installiert es (apt-get install chromium).")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield instance
        instance.close()


def site_pages(built_site: Path) -> list[str]:
    return sorted(str(p.relative_to(built_site).parent).replace(".", "") + "/"
                  for p in built_site.rglob("index.html"))


@pytest.mark.parametrize("width", WIDTHS)
def test_pages_load_cleanly(browser, server, built_site, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    foreign, errors = [], []
    page.on("request", lambda r: foreign.append(r.url) if not r.url.startswith((server, "data:")) else None)
    page.on("console", lambda m: errors.append(f"{m.type}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    for path in site_pages(built_site):
        page.goto(server + "/" + path.lstrip("/"), wait_until="networkidle")
        assert page.locator("h1").count() >= 1, path
        assert not foreign, f"{path}: requests to other origins: {foreign}"
        assert not errors, f"{path}: {errors}"
        assert context.cookies() == [], path
        assert page.evaluate("Object.keys(localStorage)") == [], path
        # nothing wider than the screen on a phone
        assert page.evaluate("document.documentElement.scrollWidth") <= width + 1, path
    context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_screenshots(browser, server, width):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    for name, path in [("start", "/"), ("projekt", "/projekte/familien-im-mittelpunkt-prosper-iii/")]:
        page.goto(server + path, wait_until="networkidle")
        file = ARTIFACTS / f"{name}-{width}.png"
        page.screenshot(path=str(file), full_page=True)
        assert file.stat().st_size > 10_000
    context.close()


def test_site_search_finds_a_project(browser, server):
    page = browser.new_page()
    page.goto(server + "/", wait_until="networkidle")
    page.keyboard.press("/")
    page.keyboard.type("Wortschatz")
    result = page.locator(".md-search-result__item").first
    result.wait_for(timeout=10_000)
    assert "Wortschatz" in result.inner_text()
    page.close()
