"""Accessibility in a real browser: axe-core (WCAG 2.0/2.1 A and AA) on every page at desktop
and phone width, and the keyboard paths a visitor needs (skip link, visible focus, search,
main navigation, the phone menu)."""

from __future__ import annotations

from urllib.parse import unquote, urlsplit

import pytest
from playwright.sync_api import expect

from helpers import site_pages

pytestmark = pytest.mark.browser

WIDTHS = [1280, 375]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Violations we could not fix, by axe rule id and CSS target, each with the reason; they must
# also be named in the accessibility statement. Nothing may be switched off beyond this list.
KNOWN_UNFIXED: dict[tuple[str, str], str] = {}
MAX_TAB_STOPS = 60


def axe_violations(page, where: str) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    result = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS},
                                      "resultTypes": ["violations"]})
    found = []
    for violation in result.response["violations"]:
        for node in violation["nodes"]:
            target = " ".join(map(str, node["target"]))
            if (violation["id"], target) not in KNOWN_UNFIXED:
                found.append(f"{where}: {violation['id']} at {target}: {node['failureSummary']}")
    return found


@pytest.fixture
def phone_or_desktop(browser, request):
    context = browser.new_context(viewport={"width": request.param, "height": 900})
    yield context.new_page()
    context.close()


def by_width(test):
    return pytest.mark.parametrize("phone_or_desktop", WIDTHS, indirect=True, ids=lambda w: f"{w}px")(test)


@by_width
def test_axe_finds_nothing_on_any_page(phone_or_desktop, server, built_site):
    page = phone_or_desktop
    found = []
    for path in site_pages(built_site):
        page.goto(server + "/" + path.lstrip("/"), wait_until="networkidle")
        found += axe_violations(page, path)
    assert not found, "\n".join(found)


@by_width
def test_axe_finds_nothing_with_search_open(phone_or_desktop, server):
    page = phone_or_desktop
    page.goto(server + "/", wait_until="networkidle")
    page.keyboard.press("/")
    page.keyboard.type("Familien")
    page.locator(".md-search-result__item").first.wait_for()
    # More than ten pages match: the last entry, "Weitere Treffer anzeigen", is drawn once the
    # list is scrolled to its end.
    page.locator(".md-search-result__item").last.scroll_into_view_if_needed()
    page.locator(".md-search-result__link[href*='weitere-treffer=']").wait_for()
    found = axe_violations(page, "/ (Suche offen)")
    assert not found, "\n".join(found)


def test_axe_finds_nothing_with_phone_menu_open(browser, server):
    page = browser.new_page(viewport={"width": 375, "height": 900})
    page.goto(server + "/projekte/wortschatz/", wait_until="networkidle")
    page.get_by_role("button", name="Navigation").click()
    page.locator('.md-sidebar--primary a.md-nav__link[href="../../programm/"]').wait_for(state="visible")
    found = axe_violations(page, "projekte/wortschatz/ (Menü offen)")
    assert not found, "\n".join(found)
    page.close()


# --- keyboard -----------------------------------------------------------------------------

FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const r = el.getBoundingClientRect(), s = getComputedStyle(el);
  return {tag: el.tagName.toLowerCase(), cls: el.className && String(el.className),
          href: el.getAttribute("href"), name: el.getAttribute("aria-label"),
          inMain: !!el.closest(".md-content"), inDrawer: !!el.closest(".md-sidebar--primary"),
          visible: r.width > 0 && r.height > 0 && s.visibility === "visible" && r.bottom > 0
                   && r.right > 0 && r.left < innerWidth && r.top < innerHeight,
          ring: [s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow].join(" | ")};
}"""
# The same element's look without focus: focus moved to the body, element kept.
UNFOCUSED_RING = """() => {
  const el = window.__lastFocused; el.blur();
  const s = getComputedStyle(el);
  return [s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow].join(" | ");
}"""


def tab(page) -> dict | None:
    page.keyboard.press("Tab")
    return page.evaluate(FOCUSED)


def tab_until(page, wanted, what: str) -> dict:
    for _ in range(MAX_TAB_STOPS):
        focused = tab(page)
        if focused and wanted(focused):
            return focused
    raise AssertionError(f"{what}: in {MAX_TAB_STOPS} Tab-Schritten nicht erreicht")


@by_width
def test_skip_link_is_the_first_tab_stop_and_jumps_to_the_content(phone_or_desktop, server, built_site):
    page = phone_or_desktop
    for path in site_pages(built_site):
        page.goto(server + "/" + path.lstrip("/"), wait_until="networkidle")
        first = tab(page)
        assert first and "md-skip" in first["cls"], f"{path}: {first}"
        assert first["visible"], f"{path}: the skip link must show when it has focus"
        page.keyboard.press("Enter")
        heading_id = page.evaluate("document.querySelector('.md-content h1').id")
        assert heading_id and unquote(urlsplit(page.url).fragment) == heading_id, path
        after = tab(page)
        assert after and after["inMain"], f"{path}: Tab after the skip link should stay in the content: {after}"


@by_width
def test_every_tab_stop_is_visible_and_draws_a_focus_ring(phone_or_desktop, server):
    page = phone_or_desktop
    page.goto(server + "/kontakte/", wait_until="networkidle")
    stops = 0
    for _ in range(MAX_TAB_STOPS):
        focused = tab(page)
        if focused is None:  # past the last element: focus left the page
            break
        stops += 1
        assert focused["visible"], f"invisible Tab stop: {focused}"
        page.evaluate("window.__lastFocused = document.activeElement")
        unfocused = page.evaluate(UNFOCUSED_RING)
        assert focused["ring"] != unfocused and "none" not in focused["ring"].split(" | ")[0], (
            f"no focus indicator on {focused}")
        page.evaluate("window.__lastFocused.focus()")
    assert stops >= 10


def open_search_by_keyboard(page, width: int) -> None:
    if width < 960:  # below Material's breakpoint the search field sits behind a button
        tab_until(page, lambda f: f["tag"] == "button" and f["name"] == "Suche", "Such-Schalter")
        page.keyboard.press("Enter")
        expect(page.locator(".md-search__input")).to_be_focused()
    else:
        tab_until(page, lambda f: "md-search__input" in (f["cls"] or ""), "Suchfeld")


@by_width
def test_search_works_with_the_keyboard_alone(phone_or_desktop, server):
    page = phone_or_desktop
    width = page.viewport_size["width"]
    page.goto(server + "/", wait_until="networkidle")
    open_search_by_keyboard(page, width)
    page.keyboard.type("Wortschatz")
    page.locator(".md-search-result__item").first.wait_for()
    # The theme's own key for the result list: arrow down from the search field.
    page.keyboard.press("ArrowDown")
    result = page.evaluate(FOCUSED)
    assert result and "md-search-result__link" in result["cls"], result
    assert result["visible"]
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert urlsplit(page.url).path == "/projekte/wortschatz/"


def test_main_navigation_by_keyboard_on_desktop(browser, server):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(server + "/", wait_until="networkidle")
    link = tab_until(page, lambda f: f["inDrawer"] and (f["href"] or "").startswith("programm"),
                     "Menüpunkt Programm")
    assert link["visible"]
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert urlsplit(page.url).path == "/programm/"
    page.close()


DRAWER_OPEN = "document.getElementById('__drawer').checked"


# A top-level entry of the menu (the current page's own entry is hidden by the theme).
MENU_LINK = '.md-sidebar--primary a.md-nav__link[href="programm/"]'


def drawer_link_visible(page) -> bool:
    return page.locator(MENU_LINK).is_visible()


def test_phone_menu_opens_and_closes_by_keyboard(browser, server):
    page = browser.new_page(viewport={"width": 375, "height": 900})
    page.goto(server + "/", wait_until="networkidle")
    assert not drawer_link_visible(page)
    button = tab_until(page, lambda f: f["tag"] == "button" and f["name"] == "Navigation", "Menü-Schalter")
    assert button["visible"]
    menu = page.get_by_role("button", name="Navigation")
    assert menu.get_attribute("aria-expanded") == "false"
    page.keyboard.press("Enter")
    assert page.evaluate(DRAWER_OPEN) and menu.get_attribute("aria-expanded") == "true"
    focused = page.evaluate(FOCUSED)
    assert focused and focused["inDrawer"] and focused["tag"] == "a", f"focus should move into the menu: {focused}"
    expect(page.locator(":focus")).to_be_in_viewport()  # once the menu has slid in
    after = tab(page)
    assert after and after["inDrawer"], after
    page.keyboard.press("Escape")
    assert not page.evaluate(DRAWER_OPEN)
    expect(menu).to_be_focused()
    page.keyboard.press(" ")
    assert page.evaluate(DRAWER_OPEN)
    page.keyboard.press("Escape")
    assert not page.evaluate(DRAWER_OPEN)
    # closed again: its links are out of the Tab order (hidden after the slide-out)
    page.locator(MENU_LINK).wait_for(state="hidden")
    page.close()


def test_phone_menu_opens_and_closes_by_click(browser, server):
    page = browser.new_page(viewport={"width": 375, "height": 900})
    page.goto(server + "/", wait_until="networkidle")
    page.get_by_role("button", name="Navigation").click()
    page.locator(MENU_LINK).wait_for(state="visible")
    assert page.evaluate(DRAWER_OPEN)
    page.mouse.click(360, 450)  # the dimmed page beside the menu
    assert not page.evaluate(DRAWER_OPEN)
    page.locator(MENU_LINK).wait_for(state="hidden")
    page.close()
