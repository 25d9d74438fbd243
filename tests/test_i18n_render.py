"""The renderers in another language: labels from the catalogue, dates, days and times from
Babel, values kept readable inside right-to-left text, files linked at the German site's root,
and the browser scripts' texts. German stays as it was."""

from __future__ import annotations

import json
import re
from datetime import date

import pytest

from helpers import ROOT
from macros.data.models import OpeningHours
from macros.data.translations import Catalogue, Entry
from macros.data.validate import load_site
from macros.render import asd, contacts, hours, i18n, projects
from macros.render.html import german_date, german_month, status_badge
from macros.render.macro_table import format_fact, register
from macros.render.script_texts import script_texts, script_texts_json

HOSTILE = "<script>alert(1)</script>"
TEMPLATE = "{{ 7*7 }} {% raw %}"


def catalogue(code: str, *pairs: tuple[str, str], fuzzy: tuple[tuple[str, str], ...] = ()) -> Catalogue:
    entries = [Entry(None, german, text, False, line) for line, (german, text) in enumerate(pairs, start=1)]
    entries += [Entry(None, german, text, True, 100 + line) for line, (german, text) in enumerate(fuzzy)]
    return Catalogue(code, f"translations/{code}.po", entries)


TURKISH = catalogue(
    "tr",
    ("Träger", "Yürütücü"),
    ("Ort", "Yer"),
    ("Kontakt", "İletişim"),
    ("vom Rat beschlossen", "meclis tarafından kabul edildi"),
    ("{state} am {date}", "{date} tarihinde {state}"),
    ("Als Kontakt speichern (vCard)", "Kişi olarak kaydet (vCard)"),
    ("Telefon", "Telefon numarası"),
    ("Beispieldaten", "Örnek veri"),
    ("Alle {count} Projekte", "Tüm projeler ({count})"),
    ("Straße", "Sokak"),
    ("Team finden", "Ekibi bul"),
    ("Zum Beispiel „{street}“ oder „{short}“.", "Örneğin “{street}” veya “{short}”."),
    ("{opens} bis {closes} Uhr", "{opens}–{closes}"),
    ("{first} bis {last}", "{first} – {last}"),
    ("Jetzt geöffnet, bis {time}.", "Şu an açık, {time} saatine kadar."),
    fuzzy=(("Ziele", "Hedefler"), ("Gebiet: {area}", "Bölge: {area}")),
)

ARABIC = catalogue(
    "ar",
    ("Adresse", "العنوان"),
    ("Zuständig seit {date}", "مسؤول منذ {date}"),
    ("Zum Beispiel „{street}“ oder „{short}“.", "مثلاً «{street}» أو «{short}»."),
)


@pytest.fixture(scope="module")
def site():
    return load_site(ROOT / "data")


def test_nothing_active_is_german():
    assert i18n.language() == "de" and i18n.direction() == "ltr"
    assert i18n._("Träger") == "Träger"


def test_german_dates_read_as_before():
    for day in (date(2019, 11, 26), date(2026, 1, 1), date(2018, 6, 11), date(2027, 3, 9)):
        assert i18n.long_date(day) == german_date(day)
    assert i18n.long_date(date(2019, 11, 26)) == "26. November 2019"
    for month in range(1, 13):
        assert i18n.month_text(f"2019-{month:02d}") == german_month(f"2019-{month:02d}")
    assert i18n.short_date(date(2019, 12, 24)) == "24.12.2019"


def test_project_page_labels_in_the_catalogues_language(site):
    german = projects.project_page(site, "wortschatz", "../../")
    with i18n.speaking(TURKISH):
        html = projects.project_page(site, "wortschatz", "../../")
    assert "<dt>Träger</dt>" in german and "<dt>Träger</dt>" not in html
    assert "<dt>Yürütücü</dt>" in html and "<dt>Yer</dt>" in html
    assert '<h2 id="kontakt">İletişim</h2>' in html  # the anchor stays that of the German page
    # The sentence's own word order, the date in Turkish.
    assert "26 Kasım 2019 tarihinde meclis tarafından kabul edildi" in html
    # No entry: German. A fuzzy entry is not current: German too.
    assert "<dt>Seit</dt>" in html and "Was die Vereinbarung regelt" in html
    assert '<h2 id="ziele">Ziele</h2>' in html and "Hedefler" not in html


def test_month_and_the_overview_link_in_the_language(site):
    project = site.projects["familien-im-mittelpunkt-prosper-iii"]
    with i18n.speaking(TURKISH):
        assert projects.since_text(project) == "Temmuz 2019"
        cards = projects.project_cards(site, "", limit=1)
    assert f"Tüm projeler ({len(site.projects)})" in cards


def test_status_badge_in_the_language():
    with i18n.speaking(TURKISH):
        badge = status_badge("example")
    assert ">Örnek veri</span>" in badge
    # The title has no entry: German.
    assert 'title="Dieser Eintrag ist ein Beispiel, keine bestätigte Angabe."' in badge


def test_contact_cards_in_the_language(site):
    with i18n.speaking(TURKISH):
        html = contacts.contact_cards(site, ["stadtteilbuero-batenbrock"], "../../")
    assert "Kişi olarak kaydet (vCard)" in html and "Als Kontakt speichern" not in html
    assert "<dt>Telefon numarası</dt>" in html and "<dt>E-Mail</dt>" in html
    # Days and times in Turkish, from Babel and the catalogue's pattern.
    assert "Pazartesi" in html and "Montag" not in html
    assert re.search(r"\d\d:\d\d–\d\d:\d\d", html), html
    # The languages a contact speaks, named in Turkish.
    assert "<dt>Sprachen</dt>\n<dd>Almanca" in html


def test_phone_numbers_run_left_to_right_on_every_page(site):
    for language in (None, TURKISH, ARABIC):
        with i18n.speaking(language):
            html = contacts.contact_cards(site, ["wortschatz"], "../../")
        assert '<a href="tel:+493023125104" dir="ltr">030 23125104</a>' in html


def test_values_isolated_in_right_to_left_text(site):
    with i18n.speaking(ARABIC):
        card = contacts.contact_cards(site, ["wortschatz"], "../../")
        form = asd.lookup_form(site, "../")
        teams = asd.teams(site, "../")
        page = projects.project_page(site, "wortschatz", "../../")
    assert "<dt>العنوان</dt>\n<dd><bdi>Prosperstraße 95, 46236 Bottrop</bdi></dd>" in card
    assert '<bdi><a href="mailto:wortschatz@example.org">' in card
    assert re.search(r"مثلاً «<bdi>[^<]+straße</bdi>» أو «<bdi>[^<]+str\.</bdi>»\.", form), form
    assert "مسؤول منذ <bdi>" in teams
    assert "<bdi>Prosperstraße 95, 46236 Bottrop</bdi>" in page
    # German (and every left-to-right language) keeps its HTML as it was.
    assert "<bdi>" not in contacts.contact_cards(site, ["wortschatz"], "../../")
    with i18n.speaking(TURKISH):
        assert "<bdi>" not in asd.lookup_form(site, "../")


def test_asd_form_in_the_language(site):
    with i18n.speaking(TURKISH):
        html = asd.lookup_form(site, "../../")
    assert '<label for="ziq-street">Sokak</label>' in html and ">Ekibi bul</button>" in html
    assert "Örneğin “" in html and "Zum Beispiel" not in html
    assert 'aria-label="ASD-Team zur Straße finden"' in html  # no entry: German
    # The street list lies once, at the German site's root.
    assert 'data-src="../../daten/asd-suche.json" data-root="../../"' in html


def test_asd_street_table_headings_in_the_language(site):
    with i18n.speaking(TURKISH):
        html = asd.street_table(site)
    assert '<th scope="col">Sokak</th>' in html


def test_opening_hours_in_the_language():
    week = OpeningHours.model_validate({"weekly": [
        {"days": ["mo", "di", "mi"], "opens": "09:00", "closes": "12:00"},
        {"days": ["fr"], "opens": "14:00", "closes": "16:30"}]})
    assert hours.weekly_lines(week) == ["Montag bis Mittwoch: 9 bis 12 Uhr", "Freitag: 14 bis 16:30 Uhr"]
    with i18n.speaking(TURKISH):
        assert hours.weekly_lines(week) == ["Pazartesi – Çarşamba: 09:00–12:00", "Cuma: 14:00–16:30"]
    with i18n.speaking(catalogue("en")):  # no entries: the patterns stay German, the rest is English
        assert hours.day_list(["mo", "do"]) == "Monday and Thursday"
        assert hours.clock("14:30") == "14:30"  # British English (en_GB), as read where the residents live


def test_facts_in_the_language():
    with i18n.speaking(catalogue("en", ("ja", "yes"))):
        assert format_fact(date(2018, 6, 11)) == "11 June 2018"
        assert format_fact(8000000) == "8,000,000"
        assert format_fact(True) == "yes" and format_fact(False) == "nein"


@pytest.mark.parametrize("hostile", [HOSTILE, TEMPLATE, "{count.__class__} {0} { {count"])
def test_a_translation_is_text_never_markup_or_a_template(site, hostile):
    evil = catalogue("tr", ("Träger", hostile), ("Alle {count} Projekte", hostile + " {count}"),
                     ("Telefon {number}", hostile + " {number}"))
    with i18n.speaking(evil):
        page = projects.project_page(site, "wortschatz", "../../")
        cards = projects.project_cards(site, "", limit=1)
    escaped = hostile.replace("<", "&lt;").replace(">", "&gt;")
    assert f"<dt>{escaped}</dt>" in page
    assert f"{escaped} {len(site.projects)}</a>" in cards
    assert "<script>" not in page + cards and "49" not in cards


def test_files_beside_the_pages_from_a_translated_page(site):
    """A translated page sits one folder deeper; its vCards and the street list are the German
    site's. Links to pages stay within the language."""
    class Env:
        def __init__(self):
            self.macros = {}

        def macro(self, fn, name):
            self.macros[name] = fn

        def filter(self, fn, name):
            pass

    env = Env()
    register(env, site, page_url=lambda: "projekte/wortschatz/", project_dir=ROOT, in_language=True)
    page = env.macros["project_page"]("wortschatz")
    assert 'href="../../../kontakte/vcard/wortschatz.vcf"' in page
    assert 'href="../../kooperation/"' in page
    assert 'href="../../../kontakte/vcard/alle-kontakte.vcf"' in env.macros["all_vcards_link"]()
    assert 'data-src="../../../daten/asd-suche.json"' in env.macros["asd_lookup"]()
    assert 'href="../../../kontakte/vcard/' in env.macros["asd_teams"]()
    organisation = env.macros["contacts_by_organisation"]()
    assert 'href="../../../kontakte/vcard/' in organisation


# --- the browser scripts' texts ---------------------------------------------------------------

def _german_in_script(name: str, start: str) -> dict:
    text = (ROOT / "docs" / "assets" / name).read_text(encoding="utf-8")
    body = text[text.index(start) + len(start):]
    return json.loads(body[: body.index("};") + 1])


def test_script_texts_in_german_are_the_scripts_own():
    ours = _german_in_script("ziq.js", "var GERMAN = ")
    header = _german_in_script("a11y.js", "var names = ")
    texts = script_texts()
    assert ours == {k: v for k, v in texts.items() if k in ours}
    assert {"menu_button": header["__drawer"], "search_button": header["__search"]} == \
        {k: v for k, v in texts.items() if k not in ours}
    assert texts["unknown_street"] == "Die Straße „{street}“ ist nicht im Verzeichnis."
    assert texts["opens_on_day"] == "Jetzt geschlossen. Öffnet am {day} um {time}."
    assert texts["search_count"] == "{shown} von {total} Suchergebnissen"


def test_script_texts_in_the_language_and_escaped_for_the_page():
    with i18n.speaking(catalogue("tr", ("Jetzt geöffnet, bis {time}.", "Şu an açık, {time} saatine kadar."),
                                 ("Mehr zu {team}", "</script><script>alert(1)</script> & {team}"))):
        texts = script_texts()
        block = script_texts_json()
    assert texts["open_until"] == "Şu an açık, {time} saatine kadar."
    assert texts["closed"] == "Jetzt geschlossen."
    assert "<" not in block and ">" not in block and "&" not in block
    assert json.loads(block)["more_about"] == "</script><script>alert(1)</script> & {team}"
