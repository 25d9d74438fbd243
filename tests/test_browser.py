"""The built site in Debian's Chromium, served with its own security headers (CSP included):
no third-party requests, no errors, no CSP violations, readable on a phone, search works."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest

from helpers import site_pages

pytestmark = pytest.mark.browser

WIDTHS = [1280, 375]
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts" / "screenshots"

# Collects what the browser reports as blocked by the Content-Security-Policy; runs before
# any page script (injected by the browser, so the CSP itself does not apply to it).
CSP_LISTENER = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", e => window.__cspViolations.push(
  e.violatedDirective + " blocked " + (e.blockedURI || "inline") + " at " + e.sourceFile + ":" + e.lineNumber));
"""


def watch(page, server: str) -> dict[str, list[str]]:
    """Record foreign requests, console errors (CSP reports included) and page errors."""
    seen: dict[str, list[str]] = {"foreign": [], "errors": []}
    page.add_init_script(CSP_LISTENER)
    page.on("request", lambda r: seen["foreign"].append(r.url)
            if not r.url.startswith((server, "data:")) else None)
    page.on("console", lambda m: seen["errors"].append(f"{m.type}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: seen["errors"].append(str(e)))
    return seen


def test_server_sends_the_built_policy(server, security_headers):
    import urllib.request

    with urllib.request.urlopen(server + "/") as response:
        csp = response.headers["Content-Security-Policy"]
    assert csp == dict(security_headers)["Content-Security-Policy"]
    assert "'unsafe-inline'" not in csp and "'unsafe-eval'" not in csp


@pytest.mark.parametrize("width", WIDTHS)
def test_pages_load_cleanly(browser, server, built_site, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    seen = watch(page, server)
    for path in site_pages(built_site):
        page.goto(server + "/" + path.lstrip("/"), wait_until="networkidle")
        assert page.locator("h1").count() >= 1, path
        assert not seen["foreign"], f"{path}: requests to other origins: {seen['foreign']}"
        assert not seen["errors"], f"{path}: {seen['errors']}"
        assert page.evaluate("window.__cspViolations") == [], path
        assert context.cookies() == [], path
        assert page.evaluate("Object.keys(localStorage)") == [], path
        # nothing wider than the screen on a phone
        assert page.evaluate("document.documentElement.scrollWidth") <= width + 1, path
    context.close()


def test_csp_listener_sees_a_blocked_inline_script(browser, server):
    """The check above can fail: an inline script that is not hashed is blocked and reported."""
    page = browser.new_page()
    seen = watch(page, server)
    page.goto(server + "/", wait_until="networkidle")
    directive = page.evaluate("""() => new Promise(resolve => {
        document.addEventListener("securitypolicyviolation", e => resolve(e.violatedDirective), {once: true});
        const s = document.createElement("script");
        s.textContent = "window.__ran = true";
        document.body.append(s);
    })""")
    assert directive.startswith("script-src")
    assert page.evaluate("window.__ran === undefined")
    assert any("script-src" in v for v in page.evaluate("window.__cspViolations"))
    assert any("Content Security Policy" in e for e in seen["errors"])
    page.close()


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


# What a visitor types and the page where the answer is. Add a row for each new kind of
# content (street names for the ASD lookup, ...).
SEARCHES = [
    ("Wortschatz", "projekte/wortschatz/"),
    ("Stadtteilbüro", "kontakte/"),
]


def search_result_links(page, query: str) -> list[str]:
    page.keyboard.press("/")
    page.keyboard.type(query)
    page.locator(".md-search-result__item").first.wait_for(timeout=10_000)
    return page.eval_on_selector_all(".md-search-result__link", "els => els.map(e => e.href)")


@pytest.mark.parametrize("query, target", SEARCHES)
def test_site_search_finds(browser, server, query, target):
    page = browser.new_page()
    page.goto(server + "/", wait_until="networkidle")
    pages = {urlsplit(link).path for link in search_result_links(page, query)}
    assert "/" + target in pages, pages
    page.close()
