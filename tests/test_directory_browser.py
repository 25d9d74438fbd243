"""Contacts and the ASD lookup in Debian's Chromium: the lookup answers, hours are live,
search leads to the entry, the page prints, and everything works without JavaScript too."""

from __future__ import annotations

import re
from urllib.parse import quote
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import holidays
import pytest


pytestmark = pytest.mark.browser

from helpers import ROOT
from macros.render.hours import weekly_lines
from macros.render.asd import street_anchor
from macros.data.streets import bounds_of, describe, lookup
from macros.data.validate import load_site
from test_directory import CASES, fixture_streets

SITE = load_site(ROOT / "data")
BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture
def phone(browser):  # noqa: F811
    context = browser.new_context(viewport={"width": 375, "height": 800})
    yield context.new_page()
    context.close()


def test_browser_lookup_agrees_with_python_on_every_case(phone, server):  # noqa: F811
    from macros.build.exports import compact_streets

    team_ids, streets = fixture_streets()
    data = {"teams": [{"id": t, "name": t, "area": "", "status": "example", "contact": None} for t in team_ids],
            "streets": compact_streets(streets, team_ids)}
    phone.goto(server + "/asd/", wait_until="networkidle")
    results = phone.evaluate("""([data, cases]) => cases.map(c => {
        const a = ZIQ.lookup(data, c.street, c.number);
        return [a.state, a.team ? a.team.id : null]; })""", [data, CASES])
    for case, (state, team) in zip(CASES, results):
        assert (state, team) == (case["state"], case["team"]), case


def _split_street_with_exception():
    """From the real list: a street whose rules include letter exceptions such as 12a–12f."""
    for street in SITE.asd.streets:
        for rule in street.ranges:
            if bounds_of(rule).exception:
                return street, rule
    pytest.skip("the street list has no letter exception")


def _team_name(team_id):
    return SITE.teams()[team_id].name


def test_type_a_split_street_choose_it_then_the_house_number(phone, server):  # noqa: F811
    street_rule, exception = _split_street_with_exception()
    name = street_rule.street
    phone.goto(server + "/asd/", wait_until="networkidle")
    street = phone.get_by_role("combobox", name="Straße")
    street.click()
    street.press_sequentially(name[:4])
    option = phone.get_by_role("option", name=name, exact=True)
    option.wait_for()
    assert street.get_attribute("aria-expanded") == "true"
    for _ in range(8):  # at most eight suggestions
        street.press("ArrowDown")
        if street.get_attribute("aria-activedescendant") == option.get_attribute("id"):
            break
    street.press("Enter")
    answer = phone.locator("#ziq-answer")
    assert answer.get_attribute("role") == "status" and answer.get_attribute("aria-live") == "polite"
    assert answer.get_attribute("data-state") == "need-number"
    assert "Hausnummer" in answer.inner_text()
    assert phone.evaluate("document.activeElement.id") == "ziq-number"
    phone.keyboard.type(exception.from_number)
    assert answer.get_attribute("data-team") == exception.team
    text = answer.inner_text()
    assert _team_name(exception.team) in text and describe(exception) in text and "Ausnahme" in text
    assert "Stand des Verzeichnisses" in text
    contact = SITE.contacts[SITE.teams()[exception.team].contact]
    assert answer.locator('a[href^="tel:"]').count() == len(contact.phones)
    assert answer.locator('a[href$=".vcf"]').count() == 1


def test_each_side_of_every_split_street(phone, server):  # noqa: F811
    """Every rule of every split street, asked with its first house number, names its team."""
    phone.goto(server + "/asd/", wait_until="networkidle")
    answer = phone.locator("#ziq-answer")
    for street in [s for s in SITE.asd.streets if s.ranges]:
        phone.locator("#ziq-street").fill(street.street)
        for rule in street.ranges:
            phone.locator("#ziq-number").fill(rule.from_number)
            expected = lookup(SITE.asd.streets, street.street, rule.from_number).team
            assert answer.get_attribute("data-team") == expected, (street.street, rule.from_number)


def test_unknown_street_gets_the_central_contact(phone, server):  # noqa: F811
    unknown = "Keine Straße Zq"
    assert lookup(SITE.asd.streets, unknown) is None
    phone.goto(server + "/asd/", wait_until="networkidle")
    phone.locator("#ziq-street").fill(unknown)
    phone.locator("#ziq-street").press("Enter")
    answer = phone.locator("#ziq-answer")
    answer.locator("a[href^='tel:']").first.wait_for()
    assert answer.get_attribute("data-state") == "unknown"
    text = answer.inner_text()
    assert f"„{unknown}“ ist nicht im Verzeichnis" in text
    central = SITE.contacts[SITE.asd.central_contact]
    assert (central.name or central.function) in text


def test_link_with_street_and_number_answers_on_load(phone, server):  # noqa: F811
    street, exception = _split_street_with_exception()
    short = street.street.replace("straße", "str.")
    phone.goto(f"{server}/asd/?strasse={quote(short)}&nr={quote(exception.from_number)}",
               wait_until="networkidle")
    assert phone.locator("#ziq-answer").get_attribute("data-team") == exception.team


def _contact_with_hours():
    return next(c for c in SITE.published_contacts.values() if c.hours)


def test_without_javascript_the_table_answers(browser, server):  # noqa: F811
    context = browser.new_context(java_script_enabled=False, viewport={"width": 375, "height": 800})
    page = context.new_page()
    page.goto(server + "/asd/")
    assert not page.locator("#ziq-lookup").is_visible()
    for street in SITE.asd.streets:
        row = page.locator(f"th#{street_anchor(street.street)}")
        assert row.inner_text() == street.street
    assert row.is_visible()
    page.goto(server + "/kontakte/")
    assert not page.locator(".ziq-open-now").first.is_visible()
    contact = _contact_with_hours()
    text = page.locator(f"#kontakt-{contact.id} ~ dl").inner_text()
    assert all(line in text for line in weekly_lines(contact.hours))
    context.close()


# Fixed hours for the clock tests: the hint's logic, independent of the real (example) times.
HOURS = {"weekly": [{"days": ["mo", "do"], "opens": "09:00", "closes": "12:00"},
                    {"days": ["di"], "opens": "14:00", "closes": "17:00"}],
         "closed_on_public_holidays": True,
         "exceptions": [{"from": "2026-12-24", "to": "2027-01-01", "closed": True, "periods": []}]}


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
    assert page.evaluate("hours => ZIQ.openingStatus(hours).text", HOURS) == expected
    # The page shows the same function's answer for each entry's own hours.
    hint = page.locator(f"#kontakt-{_contact_with_hours().id} ~ dl .ziq-open-now")
    assert hint.is_visible()
    own = page.evaluate("el => ZIQ.openingStatus(JSON.parse(el.dataset.hours)).text", hint.element_handle())
    assert hint.inner_text() == own and own.startswith("Jetzt ")
    context.close()


def test_browser_holidays_are_the_nrw_holidays(phone, server):  # noqa: F811
    phone.goto(server + "/kontakte/", wait_until="networkidle")
    for year in range(2024, 2041):
        expected = sorted(d.isoformat() for d in holidays.Germany(subdiv="NW", years=year))
        assert phone.evaluate("y => ZIQ.holidaysNRW(y)", year) == expected, year


def _search_cases():
    contact = next(iter(SITE.published_contacts.values()))
    street = SITE.asd.streets[-1]
    team = SITE.asd.teams[-1]
    return [(contact.function, f"/kontakte/#kontakt-{contact.id}"),
            (street.street, f"/asd/#strassen-{street_anchor(street.street)[8]}"),
            (team.name.split("(")[0].strip(), f"/asd/#team-{team.id}")]


@pytest.mark.parametrize("query, target", _search_cases())
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
    assert page.locator(f"#kontakt-{_contact_with_hours().id}").is_visible()
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
    """Pagefind's files (its code, WebAssembly and index chunks) are not part of a page view."""
    requests = []
    phone.on("request", lambda r: requests.append(r.url))
    phone.goto(server + "/", wait_until="networkidle")
    phone.wait_for_timeout(500)
    assert not any("/pagefind/" in u for u in requests)
    phone.keyboard.press("/")
    phone.keyboard.type("Wortschatz")
    phone.locator(".md-search-result__item").first.wait_for(timeout=10_000)
    assert any(u.endswith(".pf_index") for u in requests)
