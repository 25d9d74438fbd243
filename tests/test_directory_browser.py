"""Contacts and the ASD lookup in Debian's Chromium: the lookup answers, hours are live,
search leads to the entry, the page prints, and everything works without JavaScript too."""

from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import holidays
import pytest


pytestmark = pytest.mark.browser

CASES = json.loads((Path(__file__).parent / "lookup_cases.json").read_text(encoding="utf-8"))["cases"]
BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture
def phone(browser):  # noqa: F811
    context = browser.new_context(viewport={"width": 375, "height": 800})
    yield context.new_page()
    context.close()


def test_browser_lookup_agrees_with_python_on_every_case(phone, server):  # noqa: F811
    phone.goto(server + "/asd/", wait_until="networkidle")
    results = phone.evaluate("""async (cases) => {
        const data = await (await fetch(document.getElementById("ziq-lookup").dataset.src)).json();
        return cases.map(c => { const a = ZIQ.lookup(data, c.street, c.number);
                                return [a.state, a.team ? a.team.id : null]; });
    }""", CASES)
    for case, (state, team) in zip(CASES, results):
        assert (state, team) == (case["state"], case["team"]), case


def test_type_a_split_street_choose_it_then_the_house_number(phone, server):  # noqa: F811
    phone.goto(server + "/asd/", wait_until="networkidle")
    street = phone.get_by_role("combobox", name="Straße")
    street.click()
    street.press_sequentially("fichten")
    option = phone.get_by_role("option", name="Fichtenstraße")
    option.wait_for()
    assert street.get_attribute("aria-expanded") == "true"
    street.press("ArrowDown")
    assert street.get_attribute("aria-activedescendant") == option.get_attribute("id")
    street.press("Enter")
    answer = phone.locator("#ziq-answer")
    assert answer.get_attribute("role") == "status" and answer.get_attribute("aria-live") == "polite"
    assert answer.get_attribute("data-state") == "need-number"
    assert "Hausnummer" in answer.inner_text()
    assert phone.evaluate("document.activeElement.id") == "ziq-number"
    phone.keyboard.type("12c")
    assert answer.get_attribute("data-team") == "asd-nord"
    text = answer.inner_text()
    assert "ASD-Team Nord" in text and "Nr. 12a bis 12f" in text and "Ausnahme" in text
    assert "Stand des Verzeichnisses" in text and "Beispieldaten" in text
    assert answer.locator('a[href^="tel:+49"]').count() >= 1
    assert answer.locator('a[href$=".vcf"]').count() == 1
    phone.locator("#ziq-number").fill("14")
    assert answer.get_attribute("data-team") == "asd-sued"
    assert "gerade Nummern" in answer.inner_text()


def test_odd_and_even_sides_of_a_street(phone, server):  # noqa: F811
    phone.goto(server + "/asd/", wait_until="networkidle")
    phone.locator("#ziq-street").fill("Buchenweg")
    answer = phone.locator("#ziq-answer")
    phone.locator("#ziq-number").fill("17")
    assert answer.get_attribute("data-team") == "asd-nord"
    phone.locator("#ziq-number").fill("18")
    assert answer.get_attribute("data-team") == "asd-mitte"


def test_unknown_street_gets_the_central_contact(phone, server):  # noqa: F811
    phone.goto(server + "/asd/", wait_until="networkidle")
    phone.locator("#ziq-street").fill("Hauptstraße")
    phone.locator("#ziq-street").press("Enter")
    answer = phone.locator("#ziq-answer")
    answer.locator("a[href^='tel:']").first.wait_for()
    assert answer.get_attribute("data-state") == "unknown"
    text = answer.inner_text()
    assert "„Hauptstraße“ ist nicht im Verzeichnis" in text
    assert "zentrale Anlaufstelle" in text


def test_link_with_street_and_number_answers_on_load(phone, server):  # noqa: F811
    phone.goto(server + "/asd/?strasse=Fichtenstr.&nr=101", wait_until="networkidle")
    assert phone.locator("#ziq-answer").get_attribute("data-team") == "asd-mitte"


def test_without_javascript_the_table_answers(browser, server):  # noqa: F811
    context = browser.new_context(java_script_enabled=False, viewport={"width": 375, "height": 800})
    page = context.new_page()
    page.goto(server + "/asd/")
    assert not page.locator("#ziq-lookup").is_visible()
    row = page.locator("th#strasse-fichtenstrasse")
    assert row.is_visible() and row.inner_text() == "Fichtenstraße"
    assert page.locator("table.ziq-streets tr").count() > 40
    page.goto(server + "/kontakte/")
    assert not page.locator(".ziq-open-now").first.is_visible()
    assert "Montag und Donnerstag: 9 bis 12 Uhr" in page.locator("#kontakt-stadtteilbuero-batenbrock ~ dl").inner_text()
    context.close()


@pytest.mark.parametrize("when, expected", [
    ("2026-11-30 10:00", "Jetzt geöffnet, bis 12 Uhr."),                  # Monday, open
    ("2026-11-30 12:00", "Jetzt geschlossen. Öffnet morgen um 14 Uhr."),  # closes at 12 sharp
    ("2026-11-28 10:00", "Jetzt geschlossen. Öffnet am Montag um 9 Uhr."),  # Saturday
    ("2026-12-24 10:00", "Jetzt geschlossen. Öffnet am 4. Januar um 9 Uhr."),  # Christmas break
    ("2027-05-17 10:00", "Jetzt geschlossen. Öffnet morgen um 14 Uhr."),  # Pfingstmontag
    ("2027-03-29 10:00", "Jetzt geschlossen. Öffnet morgen um 14 Uhr."),  # Ostermontag
    ("2027-04-05 08:00", "Jetzt geschlossen. Öffnet heute um 9 Uhr."),
])
def test_open_now_hint_in_berlin_time(browser, server, when, expected):  # noqa: F811
    # A UTC browser clock: the hint must still use Europe/Berlin.
    context = browser.new_context(timezone_id="UTC")
    page = context.new_page()
    page.clock.set_fixed_time(datetime.strptime(when, "%Y-%m-%d %H:%M").replace(tzinfo=BERLIN))
    page.goto(server + "/kontakte/", wait_until="networkidle")
    hint = page.locator("#kontakt-stadtteilbuero-batenbrock ~ dl .ziq-open-now")
    assert hint.is_visible()
    assert hint.inner_text() == expected
    context.close()


def test_browser_holidays_are_the_nrw_holidays(phone, server):  # noqa: F811
    phone.goto(server + "/kontakte/", wait_until="networkidle")
    for year in range(2024, 2041):
        expected = sorted(d.isoformat() for d in holidays.Germany(subdiv="NW", years=year))
        assert phone.evaluate("y => ZIQ.holidaysNRW(y)", year) == expected, year


@pytest.mark.parametrize("query, target", [
    ("Lotsenstelle", "/kontakte/#kontakt-lotsenstelle-prosper-iii"),
    ("Fichtenstraße", "/asd/#strassen-f"),
    ("Zeisigweg", "/asd/#strassen-z"),
    ("Team Mitte", "/asd/#team-asd-mitte"),
])
def test_site_search_leads_to_the_entry(browser, server, query, target):  # noqa: F811
    page = browser.new_page()
    page.goto(server + "/", wait_until="networkidle")
    page.keyboard.press("/")
    page.keyboard.type(query)
    page.locator(".md-search-result__item").first.wait_for(timeout=10_000)
    links = page.locator(".md-search-result a").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    found = [re.sub(r"\?h=[^#]*", "", link) for link in links if link]
    assert any(link.endswith(target) for link in found), (query, found)
    page.close()


def test_contacts_page_prints_as_a_clean_list(browser, server):  # noqa: F811
    page = browser.new_page()
    page.goto(server + "/kontakte/", wait_until="networkidle")
    page.emulate_media(media="print")
    for selector in (".md-header", ".md-sidebar--primary", ".md-search", ".md-footer", ".ziq-emergency"):
        assert not page.locator(selector).first.is_visible(), selector
    assert page.locator("#kontakt-stadtteilbuero-batenbrock").is_visible()
    shown = page.evaluate("""() => getComputedStyle(
        document.querySelector('.ziq-contact a[href^="tel:"]'), '::after').content""")
    assert "tel:+49" in shown
    pdf = page.pdf(prefer_css_page_size=True)
    assert pdf.startswith(b"%PDF")
    boxes = re.findall(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", pdf)
    assert boxes and all(abs(float(w) - 595.28) < 2 and abs(float(h) - 841.89) < 2 for w, h in boxes)  # A4
    page.close()


def test_browser_finds_a_street_name_ending_in_a_number_whole(phone, server):  # noqa: F811
    phone.goto(server + "/asd/", wait_until="networkidle")
    teams = phone.evaluate("""() => {
        const team = id => ({id: id, name: id, area: "", status: "example", contact: null});
        const data = {teams: [team("a"), team("b")], streets: [["Straße 13", 0], ["Straße", 1]]};
        return [["Straße 13", ""], ["Str. 13", ""], ["Straße", "13"], ["Straße 14", ""]]
            .map(([s, n]) => ZIQ.lookup(data, s, n).team.id);
    }""")
    assert teams == ["a", "a", "b", "b"]


def test_search_index_loads_only_when_the_search_is_used(phone, server):  # noqa: F811
    requests = []
    phone.on("request", lambda r: requests.append(r.url))
    phone.goto(server + "/", wait_until="networkidle")
    phone.wait_for_timeout(500)
    assert not any(u.endswith("/search/search_index.json") for u in requests)
    phone.keyboard.press("/")
    phone.keyboard.type("Wortschatz")
    phone.locator(".md-search-result__item").first.wait_for(timeout=10_000)
    assert any(u.endswith("/search/search_index.json") for u in requests)
