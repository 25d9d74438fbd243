"""The Content-Security-Policy where the site is published: GitLab Pages and GitHub Pages send no
headers of ours, so each page carries the policy itself (<meta http-equiv>). Served here with no
headers at all: injected script does not run and is reported, and the site's own scripts work."""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import serving
from helpers import ROOT, site_pages
from macros.data.validate import load_site
from test_a11y import MENU_LINK
from test_browser import search_result_links, watch

pytestmark = pytest.mark.browser

SITE = load_site(ROOT / "data")
# What an injection into a page (a data string that slipped through, a compromised edit) looks
# like: an inline script and an inline event handler.
INJECTED = '<script>window.__pwned=1</script><img src="x" alt="" onerror="window.__pwned2=1">'


def inject(site: Path) -> None:
    """Put INJECTED at the start of every page's article, after the build and its guard."""
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        start = text.find("<article")
        if start < 0:
            continue
        end = text.index(">", start) + 1
        page.write_text(text[:end] + INJECTED + text[end:], encoding="utf-8")


@pytest.fixture(scope="module")
def injected_server(built_site: Path, tmp_path_factory):
    site = tmp_path_factory.mktemp("injected") / "site"
    shutil.copytree(built_site, site)
    inject(site)
    with serving(site, []) as address:
        yield address


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport={"width": 375, "height": 800})
    yield context.new_page()
    context.close()


def open_injected(page, server: str, path: str) -> dict[str, list[str]]:
    """Open a page with the injection; nothing of it ran, and the browser reported both parts."""
    seen = watch(page, server)
    with page.expect_response(lambda r: r.url == f"{server}{path}") as response:
        page.goto(server + path, wait_until="networkidle")
    assert "content-security-policy" not in response.value.headers  # the page alone protects itself
    assert page.locator("article img[onerror]").count() == 1  # the injection is in the page
    assert page.evaluate("[window.__pwned, window.__pwned2]") == [None, None]
    violations = page.evaluate("window.__cspViolations")
    assert any(v.startswith("script-src-elem blocked inline") for v in violations), violations
    assert any(v.startswith("script-src-attr blocked inline") for v in violations), violations
    # Nothing else was blocked: the site's own scripts and styles are all allowed.
    assert len(violations) == 2, violations
    return seen


def test_injected_script_and_handler_are_blocked_and_search_works(phone, injected_server):
    open_injected(phone, injected_server, "/")
    pages = {urlsplit(link).path for link in search_result_links(phone, "Wortschatz")}
    assert "/projekte/wortschatz/" in pages, pages


def test_injected_script_is_blocked_and_the_asd_lookup_answers(phone, injected_server):
    street = next(s for s in SITE.asd.streets if s.team and not s.ranges)
    open_injected(phone, injected_server, "/asd/")
    phone.locator("#ziq-street").fill(street.street)
    phone.locator("#ziq-street").press("Enter")
    answer = phone.locator("#ziq-answer")
    assert answer.get_attribute("data-team") == street.team
    assert SITE.teams()[street.team].name in answer.inner_text()


def test_injected_script_is_blocked_and_opening_hours_are_live(phone, injected_server):
    contact = next(c for c in SITE.published_contacts.values() if c.hours)
    open_injected(phone, injected_server, "/kontakte/")
    hint = phone.locator(f"#kontakt-{contact.id} ~ dl .ziq-open-now")
    assert hint.is_visible()
    assert hint.inner_text().startswith(("Jetzt geöffnet", "Jetzt geschlossen. Öffnet")), hint.inner_text()


def test_injected_script_is_blocked_and_the_phone_menu_opens(phone, injected_server):
    open_injected(phone, injected_server, "/")
    menu = phone.get_by_role("button", name="Navigation")  # a11y.js puts this button in
    menu.click()
    phone.locator(MENU_LINK).wait_for(state="visible")
    assert menu.get_attribute("aria-expanded") == "true"


def test_every_page_is_clean_under_its_own_policy_alone(browser, server_without_headers, built_site):
    """No header, only the <meta> policy: every page loads without a blocked script or style,
    and without the console warning a header-only directive in a <meta> would cause."""
    context = browser.new_context(viewport={"width": 375, "height": 800})
    page = context.new_page()
    seen = watch(page, server_without_headers)
    warnings: list[str] = []
    page.on("console", lambda m: warnings.append(m.text) if "Content Security Policy" in m.text else None)
    for path in site_pages(built_site):
        page.goto(server_without_headers + "/" + path.lstrip("/"), wait_until="networkidle")
        assert page.evaluate("window.__cspViolations") == [], path
        assert not seen["errors"] and not warnings, f"{path}: {seen['errors'] + warnings}"
        assert page.locator('head > meta[http-equiv="Content-Security-Policy"]').count() == 1, path
    context.close()
