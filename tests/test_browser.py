"""The built site in Debian's Chromium, served with its own security headers (CSP included):
no third-party requests, no errors, no CSP violations, readable on a phone, search works."""

from __future__ import annotations

import json
import subprocess
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

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


def pagefind_pages(node: str, server: str, query: str, tmp_path: Path) -> set[str]:
    """The pages Pagefind itself finds for query on the served site (in Node, without the
    search worker): each staged page counts as the page it points to."""
    with urllib.request.urlopen(server + "/pagefind/pagefind.js") as response:
        (tmp_path / "pagefind.mjs").write_bytes(response.read())
    script = f"""
      const pagefind = await import({json.dumps((tmp_path / "pagefind.mjs").as_uri())});
      await pagefind.options({{basePath: {json.dumps(server + "/pagefind/")}, baseUrl: "/"}});
      const found = await pagefind.search({json.dumps(query)});
      const pages = await Promise.all(found.results.map((r) => r.data()));
      process.stdout.write(JSON.stringify(pages.map((p) => p.meta.target || p.url)));
    """
    done = subprocess.run([node, "--input-type=module", "-e", script], capture_output=True, text=True,
                          timeout=60, check=True)
    return set(json.loads(done.stdout))


def test_search_shows_every_match_ten_at_a_time_by_keyboard(browser, server, node, tmp_path):
    query = "Familie"
    expected = pagefind_pages(node, server, query, tmp_path)
    assert len(expected) > 10, f"Für diesen Test muss „{query}“ mehr als zehn Seiten finden: {expected}"
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    seen = watch(page, server)
    page.goto(server + "/", wait_until="networkidle")
    page.keyboard.press("/")
    page.keyboard.type(query)
    meta = page.locator(".md-search-result__meta")
    expect(meta).to_have_text(f"10 von {len(expected)} Suchergebnissen")
    items = page.locator(".md-search-result__list > .md-search-result__item")
    expect(items).to_have_count(10)
    # Arrow keys, the theme's own way through the results, reach the entry for more at the end.
    for _ in range(60):
        page.keyboard.press("ArrowDown")
        focused = page.evaluate("document.activeElement.getAttribute('href') || ''")
        if "weitere-treffer" in focused:
            break
    else:
        pytest.fail("Mit den Pfeiltasten nicht erreichbar: „Weitere Treffer anzeigen“")
    expect(page.locator(":focus")).to_contain_text(f"Noch {len(expected) - 10} Seiten passen zur Suche.")
    page.keyboard.press("Enter")
    # Still the search, now with every match; the focus on the first new one.
    expect(meta).to_have_text(f"{len(expected)} Suchergebnisse")
    expect(items).to_have_count(len(expected))
    expect(items.nth(10).locator("> .md-search-result__link").first).to_be_focused()
    assert urlsplit(page.url).query == ""
    # The page each result leads to (its first link; the others are its sections).
    shown = items.evaluate_all("els => els.map(e => e.querySelector('.md-search-result__link').href)")
    assert {urlsplit(href).path for href in shown} == expected
    assert not any("weitere-treffer" in href for href in shown)
    assert seen == {"foreign": [], "errors": []}
    page.close()


def test_search_answers_residents_and_on_the_guide_searches_the_guide(browser, server):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    seen = watch(page, server)

    def first_pages(query: str) -> list[str]:
        page.keyboard.press("/")
        page.keyboard.type(query)
        page.locator(".md-search-result__item").first.wait_for(timeout=10_000)
        items = page.locator(".md-search-result__list > .md-search-result__item")
        return [urlsplit(href).path for href in
                items.evaluate_all("els => els.map(e => e.querySelector('.md-search-result__link').href)")]

    page.goto(server + "/", wait_until="networkidle")
    expect(page.locator(".md-search__input")).to_have_attribute("placeholder", "Suche")
    # Before, the guide's step-by-step page came first and no project page at all.
    pages = first_pages("Telefonnummer Wortschatz")
    assert pages[0] == "/projekte/wortschatz/", pages
    assert not [p for p in pages if p.startswith("/redaktion/")], pages
    page.goto(server + "/redaktion/", wait_until="networkidle")
    expect(page.locator(".md-search__input")).to_have_attribute("placeholder", "Anleitung durchsuchen")
    pages = first_pages("Telefonnummer")
    assert pages[0] == "/redaktion/schritt-fuer-schritt/", pages
    assert all(p.startswith("/redaktion/") for p in pages), pages
    assert seen == {"foreign": [], "errors": []}
    page.close()
