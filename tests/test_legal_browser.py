"""The legal links and the privacy statement's promises, checked in Debian's Chromium."""

from __future__ import annotations

import pytest


pytestmark = pytest.mark.browser

LEGAL_PATHS = ["/impressum/", "/datenschutz/", "/barrierefreiheit/", "/leichte-sprache/"]


@pytest.mark.parametrize("width", [1280, 375])
def test_easy_language_link_is_visible_and_reached_by_keyboard(browser, server, width):
    page = browser.new_page(viewport={"width": width, "height": 800})
    page.goto(server + "/projekte/wortschatz/", wait_until="networkidle")
    link = page.locator("header a.ziq-easy-link")
    box = link.bounding_box()
    assert link.is_visible() and box is not None
    assert box["x"] >= 0 and box["x"] + box["width"] <= width, box
    for _ in range(20):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('ziq-easy-link')"):
            break
    else:
        pytest.fail("the link to Leichte Sprache was not reached with the Tab key")
    page.keyboard.press("Enter")
    page.wait_for_url(server + "/leichte-sprache/")
    assert page.locator("h1").inner_text().startswith("Leichte Sprache")
    assert page.locator("header a.ziq-easy-link").get_attribute("aria-current") == "page"
    page.close()


def test_footer_links_open_the_legal_pages(browser, server):
    page = browser.new_page(viewport={"width": 375, "height": 800})
    for path in LEGAL_PATHS:
        page.goto(server + "/glossar/", wait_until="networkidle")
        label = {"/impressum/": "Impressum", "/datenschutz/": "Datenschutz",
                 "/barrierefreiheit/": "Barrierefreiheit", "/leichte-sprache/": "Leichte Sprache"}[path]
        page.locator("footer nav.ziq-legal-links").get_by_role("link", name=label, exact=True).click()
        page.wait_for_url(server + path)
        assert page.locator("h1").count() == 1
    page.close()


def test_nothing_is_stored_in_the_browser(browser, server):
    """What the privacy statement promises: no cookies, no web storage, no other servers."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    foreign = []
    page.on("request", lambda r: foreign.append(r.url) if not r.url.startswith((server, "data:")) else None)
    for path in ["/", *LEGAL_PATHS, "/kontakte/", "/asd/"]:
        page.goto(server + path, wait_until="networkidle")
    page.keyboard.press("/")
    page.keyboard.type("Familien")
    result = page.locator(".md-search-result__item a").first
    result.wait_for(timeout=10_000)
    result.click()
    page.wait_for_load_state("networkidle")
    # The privacy statement tells visitors that a clicked search term reaches the server
    # log through the address (search.highlight); if that changes, so must the statement.
    assert "h=familien" in page.url.lower()
    assert context.cookies() == []
    assert page.evaluate("Object.keys(localStorage)") == []
    assert page.evaluate("Object.keys(sessionStorage)") == []
    assert foreign == []
    context.close()
