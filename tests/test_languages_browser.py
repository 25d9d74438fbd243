"""A resident reads, searches and uses the ASD lookup in each language, on a phone."""

from __future__ import annotations

from urllib.parse import unquote, urlsplit

import pytest
from playwright.sync_api import expect

from helpers import ROOT
from macros.data.translations import load_catalogue
from macros.data.validate import load_site
from test_languages import LANGUAGES

pytestmark = pytest.mark.browser
SITE = load_site(ROOT / "data")


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport={"width": 375, "height": 800})
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.errors = errors
    yield page
    context.close()


def result_paths(page, query: str) -> list[str]:
    page.keyboard.press("/")
    page.keyboard.type(query)
    page.locator(".md-search-result__item").first.wait_for(timeout=10_000)
    items = page.locator(".md-search-result__list > .md-search-result__item")
    return [unquote(urlsplit(href).path) for href in
            items.evaluate_all("els => els.map(e => e.querySelector('.md-search-result__link').href)")]


@pytest.mark.parametrize("code", LANGUAGES)
def test_search_answers_in_the_pages_language(phone, server, code):
    phone.goto(f"{server}/{code}/", wait_until="networkidle")
    found = result_paths(phone, "Wortschatz")
    assert found[0] == f"/{code}/projekte/wortschatz/", found
    assert all(path.startswith(f"/{code}/") for path in found), found
    # "Notfall" in the resident's language: the emergency block, indexed on the contacts page.
    catalogue, _ = load_catalogue(ROOT, code)
    title = catalogue.text("data/emergency.yml:title", SITE.emergency.title)
    phone.goto(f"{server}/{code}/", wait_until="networkidle")
    found = result_paths(phone, title)
    assert found[0] == f"/{code}/kontakte/", found
    assert phone.errors == []


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_asd_lookup_answers_in_the_pages_language(phone, server, code):
    catalogue, _ = load_catalogue(ROOT, code)
    street = next(s for s in SITE.asd.streets if s.team)
    team = SITE.teams()[street.team]
    phone.goto(f"{server}/{code}/asd/", wait_until="networkidle")
    phone.locator("#ziq-street").fill(street.street)
    answer = phone.locator("#ziq-answer")
    expect(answer).to_have_attribute("data-team", street.team)
    text = answer.inner_text()
    translated_team = catalogue.text(f"data/asd.yml:teams[{team.id}].name", team.name)
    assert translated_team and translated_team in text
    assert street.street in text  # street names are never translated
    assert phone.locator("html").get_attribute("dir") == ("rtl" if code == "ar" else "ltr")
    assert phone.errors == []


def test_switching_language_by_keyboard_keeps_the_page(browser, server):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{server}/kontakte/", wait_until="networkidle")
    button = page.locator(".ziq-languages button")
    button.focus()
    link = page.locator(".ziq-languages a[hreflang='tr']")
    expect(link).to_be_visible()  # the list opens on focus, not only on hover
    page.keyboard.press("Tab")
    for _ in range(len(LANGUAGES) + 1):
        if page.evaluate("document.activeElement.getAttribute('hreflang')") == "tr":
            break
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{server}/tr/kontakte/")
    expect(page.locator("html")).to_have_attribute("lang", "tr")
    page.close()


def test_language_links_cost_no_requests(browser, server):
    """The hreflang links stay out of Material's selector, which would fetch a sitemap.xml beside
    each of them on every page view (overrides/base.html)."""
    page = browser.new_page()
    requested: list[str] = []
    page.on("request", lambda r: requested.append(urlsplit(r.url).path))
    page.goto(f"{server}/tr/kontakte/", wait_until="networkidle")
    assert page.locator("link[hreflang]").count() == len(LANGUAGES) + 2  # every language and x-default
    assert not [path for path in requested if path.endswith("sitemap.xml")], requested
    page.close()
