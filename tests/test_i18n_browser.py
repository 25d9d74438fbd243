"""The browser scripts on a page that carries its own texts (macros/render/script_texts.py):
they speak the page's language, write times, days and dates as it does, keep values readable
in right-to-left text, fall back to German per text, and show a translation only as text.

The German pages carry no texts yet: each page here gets them (and its language) on the way
to the browser, as a translated page will have them."""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

pytestmark = pytest.mark.browser

from helpers import ROOT
from macros.data.validate import load_site
from macros.render.html import script_json

SITE = load_site(ROOT / "data")
BERLIN = ZoneInfo("Europe/Berlin")
HOURS = {"weekly": [{"days": ["mo", "do"], "opens": "09:00", "closes": "12:00"},
                    {"days": ["di"], "opens": "14:00", "closes": "17:00"}],
         "closed_on_public_holidays": True,
         "exceptions": [{"from": "2026-12-24", "to": "2027-01-01", "closed": True, "periods": []}]}
TURKISH = {"open_until": "Şu an açık, saat {time} kapanıyor.",
           "opens_on_day": "Şu an kapalı. {day} {time} itibarıyla açık.",
           "opens_on_date": "Şu an kapalı. {date} {time} itibarıyla açık.",
           "menu_button": "Gezinme"}
ARABIC = {"unknown_street": "الشارع «{street}» غير موجود في الدليل.",
          "as_of_source": "<img src=x onerror=alert(1)> {date} {{ 7*7 }}",
          "phone": "الهاتف: {number}"}


def open_page(browser, server, path: str, language: str, direction: str, texts: dict, when=None):
    context = browser.new_context(timezone_id="UTC", viewport={"width": 375, "height": 800})
    page = context.new_page()
    if when:
        page.clock.set_fixed_time(datetime.strptime(when, "%Y-%m-%d %H:%M").replace(tzinfo=BERLIN))

    def with_texts(route):
        response = route.fetch()
        html = response.text().replace('<html lang="de"', f'<html lang="{language}"', 1)
        html = html.replace('<body dir="ltr"', f'<body dir="{direction}"', 1)
        element = f'<script type="application/json" id="ziq-texts">{script_json(texts)}</script>'
        html = html.replace("</head>", element + "</head>", 1)
        route.fulfill(response=response, body=html)

    page.route(server + path, with_texts)
    page.goto(server + path, wait_until="networkidle")
    return context, page


@pytest.mark.parametrize("when, expected", [
    ("2026-11-30 10:00", "Şu an açık, saat 12:00 kapanıyor."),
    ("2026-11-28 10:00", "Şu an kapalı. Pazartesi 09:00 itibarıyla açık."),
    ("2026-12-24 10:00", "Şu an kapalı. 4 Ocak 09:00 itibarıyla açık."),
    # No Turkish for this one: the German sentence, the time as Turkish writes it.
    ("2026-11-30 12:00", "Jetzt geschlossen. Öffnet morgen um 14:00."),
])
def test_open_now_in_the_pages_language(browser, server, when, expected):  # noqa: F811
    context, page = open_page(browser, server, "/kontakte/", "tr", "ltr", TURKISH, when)
    assert page.evaluate("hours => ZIQ.openingStatus(hours).text", HOURS) == expected
    assert page.locator(".ziq-open-now").first.inner_text().startswith(("Şu an", "Jetzt"))
    assert page.get_by_role("button", name="Gezinme").count() == 1
    context.close()


def test_lookup_answers_right_to_left_with_the_values_isolated(browser, server):  # noqa: F811
    unknown = "Keine Straße Zq"
    context, page = open_page(browser, server, "/asd/", "ar", "rtl", ARABIC)
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.locator("#ziq-street").fill(unknown)
    page.locator("#ziq-street").press("Enter")
    answer = page.locator("#ziq-answer")
    answer.locator("a[href^='tel:']").first.wait_for()
    assert answer.locator("strong").inner_text() == f"الشارع «{unknown}» غير موجود في الدليل."
    assert answer.locator("strong bdi").inner_text() == unknown
    phone = answer.locator("a[href^='tel:']").first
    assert phone.get_attribute("dir") == "ltr"
    assert phone.evaluate("a => a.parentElement.textContent").startswith("الهاتف: ")
    # Not translated here: German.
    assert "Bitte prüfen Sie die Schreibweise" in answer.inner_text()
    # A translation is text: its markup shows as written, its braces too; the date is Arabic.
    source = answer.locator(".ziq-source")
    assert source.locator("img").count() == 0 and dialogs == []
    assert source.inner_text().startswith("<img src=x onerror=alert(1)> ")
    assert "نوفمبر 2026 {{ 7*7 }}" in source.inner_text()
    context.close()


def test_search_counts_and_more_in_the_pages_language(browser, server):  # noqa: F811
    from playwright.sync_api import expect

    texts = {"search_count": "{total} sonuçtan {shown} tanesi", "search_more": "Daha fazla sonuç",
             "search_rest_other": "{count} sayfa daha var."}
    context, page = open_page(browser, server, "/", "tr", "ltr", texts)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.keyboard.press("/")
    page.keyboard.type("Familie")
    expect(page.locator(".md-search-result__meta")).to_have_text(re.compile(r"^\d+ sonuçtan 10 tanesi$"))
    page.locator(".md-search-result__item").last.scroll_into_view_if_needed()
    more = page.locator(".md-search-result__link[href*='weitere-treffer=']")
    more.wait_for()
    expect(more.locator("h1")).to_have_text("Daha fazla sonuç")
    expect(more).to_contain_text(re.compile(r"\d+ sayfa daha var\."))
    context.close()
