"""The residents' pages in English, Turkish, Arabic and Ukrainian: every language built beside
German, the way between them, their status, and what a change of the German does to them."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

import pytest
import yaml

from helpers import ROOT, mkdocs_build, run_check
from macros.data.translations import fingerprint, load_catalogue

CONFIG = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8").split("\nhooks:")[0]
                        .replace("!!python/object/apply:pymdownx.slugs.slugify", ""))
LANGUAGES = [entry["code"] for entry in CONFIG["extra"]["languages"]]
# Every language translates these pages in full (issue 20); the documents and legal pages have a
# summary of their own.
RESIDENTS_PAGES = ["index.md", "projekte/index.md", "kontakte.md", "asd.md",
                   *[f"projekte/{p.stem}.md" for p in sorted((ROOT / "data" / "projects").glob("*.yml"))]]
SUMMARIES = ["programm.md", "kooperation.md", "beschluss.md", "glossar.md", "impressum.md",
             "datenschutz.md", "barrierefreiheit.md"]
GERMAN_ONLY = ["daten.md", "leichte-sprache.md", "redaktion/index.md"]


def html_of(site: Path, language: str, page: str) -> str:
    stem = page[:-3]
    path = "" if stem == "index" else stem.removesuffix("index").rstrip("/") + "/"
    prefix = "" if language == "de" else f"{language}/"
    return (site / prefix / path / "index.html").read_text(encoding="utf-8")


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[dict] = []
        self.html: dict = {}

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.html = a
        if tag == "link" and (a.get("rel") or "").split() == ["alternate"]:
            self.links.append({"kind": "hreflang", **a})
        if tag == "a" and "md-select__link" in (a.get("class") or ""):
            self.links.append({"kind": "switcher", **a})


def parsed(text: str) -> _Links:
    parser = _Links()
    parser.feed(text)
    return parser


def resolve(site: Path, page_url: str, href: str) -> Path:
    """The file a relative link from a page (its URL path below the site) leads to."""
    target = urljoin("https://x/" + page_url, href).removeprefix("https://x/").split("#")[0]
    file = site / target
    return file / "index.html" if target.endswith("/") or target == "" else file


# --- the real site -----------------------------------------------------------------------------

def test_every_language_has_every_residents_page_and_summary():
    for code in LANGUAGES:
        missing = [p for p in RESIDENTS_PAGES + SUMMARIES if not (ROOT / "docs" / code / p).is_file()]
        assert not missing, f"{code}: {missing}"


@pytest.mark.parametrize("code", LANGUAGES)
def test_each_page_says_its_language_and_direction(built_site: Path, code: str):
    for page in RESIDENTS_PAGES + SUMMARIES:
        html = parsed(html_of(built_site, code, page)).html
        assert html["lang"] == code, page
        assert html["dir"] == ("rtl" if code == "ar" else "ltr"), page
    assert parsed(html_of(built_site, "de", "index.md")).html == {"lang": "de", "dir": "ltr", "class": "no-js"}


@pytest.mark.parametrize("code", ["de", *LANGUAGES])
def test_switcher_and_hreflang_keep_the_visitor_on_the_page(built_site: Path, code: str):
    page_url = ("" if code == "de" else f"{code}/") + "kontakte/"
    links = parsed(html_of(built_site, code, "kontakte.md")).links
    switcher = {a["hreflang"]: a for a in links if a["kind"] == "switcher"}
    assert set(switcher) == {"de", *LANGUAGES}
    for target, link in switcher.items():
        file = resolve(built_site, page_url, link["href"])
        expected = built_site / ("" if target == "de" else target) / "kontakte" / "index.html"
        assert file == expected, (target, link["href"])
        assert link["lang"] == target  # screen readers read "Türkçe" in Turkish
        assert ("aria-current" in link) == (target == code)
    hreflang = {a["hreflang"]: a["href"] for a in links if a["kind"] == "hreflang"}
    site_url = CONFIG["site_url"]
    assert hreflang == {"x-default": site_url + "kontakte/", "de": site_url + "kontakte/",
                        **{c: f"{site_url}{c}/kontakte/" for c in LANGUAGES}}


def test_a_german_only_page_offers_each_language_start_page(built_site: Path):
    links = parsed(html_of(built_site, "de", "daten.md")).links
    switcher = {a["hreflang"]: a["href"] for a in links if a["kind"] == "switcher"}
    assert {c: resolve(built_site, "daten/", switcher[c]) for c in LANGUAGES} == \
        {c: built_site / c / "index.html" for c in LANGUAGES}
    assert {a["hreflang"] for a in links if a["kind"] == "hreflang"} == {"de", "x-default"}


@pytest.mark.parametrize("code", LANGUAGES)
def test_unreviewed_translations_say_so_in_their_language_with_the_german_original(built_site, code):
    catalogue, _ = load_catalogue(ROOT, code)
    notice = catalogue.label("Diese Übersetzung ist noch nicht geprüft.")
    assert notice != "Diese Übersetzung ist noch nicht geprüft.", "not translated in the catalogue"
    for page in RESIDENTS_PAGES:
        text = html_of(built_site, code, page)
        block = re.search(r'<div class="admonition note ziq-translation-notice"[^>]*>(.*?)</div>', text, re.S)
        assert block and notice in block.group(1), page
        href = re.search(r'href="([^"]+)" hreflang="de"', block.group(1)).group(1)
        url = f"{code}/" + (page[:-3].removesuffix("index") + "/" if page != "index.md" else "")
        url = url.replace("//", "/")
        german = resolve(built_site, url, href)
        assert german == resolve(built_site, "", url.removeprefix(f"{code}/")), page


@pytest.mark.parametrize("code", LANGUAGES)
def test_data_texts_appear_translated_and_names_stay(built_site: Path, code: str):
    catalogue, _ = load_catalogue(ROOT, code)
    text = html_of(built_site, code, "projekte/wortschatz.md")
    summary = yaml.safe_load((ROOT / "data" / "projects" / "wortschatz.yml").read_text(encoding="utf-8"))["summary"]
    translated = catalogue.text("data/projects/wortschatz.yml:summary", summary)
    assert translated and translated.split()[0] in text
    assert summary.split(".")[0] not in text
    # Names and numbers as in German: the project's title and the contacts' phone links.
    german = html_of(built_site, "de", "kontakte.md")
    phones = sorted(set(re.findall(r'href="(tel:[^"]+)"', german)))
    assert phones and phones == sorted(set(re.findall(r'href="(tel:[^"]+)"', html_of(built_site, code, "kontakte.md"))))


def test_phone_numbers_stay_left_to_right_inside_arabic(built_site: Path):
    text = html_of(built_site, "ar", "kontakte.md")
    links = re.findall(r"<a [^>]*href=\"tel:[^\"]+\"[^>]*>", text)
    assert links and all('dir="ltr"' in link for link in links)


def test_one_search_index_with_an_index_per_language(built_site: Path):
    entry = json.loads((built_site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert set(entry["languages"]) >= {"de", *LANGUAGES}
    for code in LANGUAGES:
        assert entry["languages"][code]["page_count"] >= len(RESIDENTS_PAGES), code
        assert not (built_site / code / "pagefind").exists()


def test_files_beside_the_pages_exist_once_and_translations_link_them(built_site: Path):
    for code in LANGUAGES:
        assert not (built_site / code / "daten").exists()
        assert not (built_site / code / "kontakte" / "vcard").exists()
        text = html_of(built_site, code, "kontakte.md")
        vcards = re.findall(r'href="([^"]+\.vcf)"', text)
        assert vcards and all(resolve(built_site, f"{code}/kontakte/", v).is_file() for v in vcards)


# --- a copy that changes -------------------------------------------------------------------------

def _build(project: Path, languages: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "ZIQ_SPRACHEN": languages}
    return subprocess.run([str(Path(sys.executable).parent / "mkdocs"), "build", "--strict"], cwd=project,
                          env=env, capture_output=True, text=True, timeout=300)


def test_a_changed_german_data_text_flags_its_translations_and_shows_the_german(project: Path):
    file = project / "data" / "projects" / "wortschatz.yml"
    text = file.read_text(encoding="utf-8")
    old = yaml.safe_load(text)["summary"]
    file.write_text(text.replace(old.split()[0], "Geändert: " + old.split()[0], 1), encoding="utf-8")
    check = run_check(project)
    assert check.returncode == 0, check.output
    for code in LANGUAGES:
        po = (project / "translations" / f"{code}.po").read_text(encoding="utf-8").splitlines()
        # The line of the entry's msgid, right below its msgctxt.
        line = next(i for i, row in enumerate(po, 1) if row == 'msgctxt "data/projects/wortschatz.yml:summary"') + 1
        assert re.search(rf"translations/{code}\.po:{line}: data/projects/wortschatz\.yml:summary: "
                         rf"Warnung: \({code}\) Veraltet", check.output), check.output
    done = _build(project, "tr")
    assert done.returncode == 0, done.stderr
    page = (project / "site" / "tr" / "projekte" / "wortschatz" / "index.html").read_text(encoding="utf-8")
    assert "Geändert: " in page  # the German, never the old translation as if it were current


def test_a_changed_german_page_flags_its_translations_and_shows_a_notice(project: Path):
    german = project / "docs" / "kontakte.md"
    german.write_text(german.read_text(encoding="utf-8") + "\nEin neuer Satz.\n", encoding="utf-8")
    check = run_check(project)
    assert check.returncode == 0, check.output
    current = fingerprint(german.read_text(encoding="utf-8"))
    for code in LANGUAGES:
        page = (project / "docs" / code / "kontakte.md").read_text(encoding="utf-8").splitlines()
        line = next(i for i, row in enumerate(page, 1) if row.strip().startswith("source:"))
        assert (f"docs/{code}/kontakte.md:{line}: translation.source: Warnung: ({code}) Veraltet"
                in check.output), check.output
        assert f"source: {current}" in check.output
    done = _build(project, "tr")
    assert done.returncode == 0, done.stderr
    built = (project / "site" / "tr" / "kontakte" / "index.html").read_text(encoding="utf-8")
    assert 'class="admonition warning ziq-translation-notice"' in built


def test_publish_names_unreviewed_translations_unless_their_language_allows_them(project: Path):
    def publish():
        return subprocess.run([sys.executable, "-m", "macros.staff.publish", "--check-only"], cwd=project,
                              capture_output=True, text=True, timeout=120)

    done = publish()
    assert done.returncode == 1
    for code in LANGUAGES:
        assert re.search(rf"translations/{code}\.po:\d+: status: \({code}\) Der Katalog ist noch nicht geprüft",
                         done.stderr)
        assert re.search(rf"docs/{code}/index\.md:\d+: translation\.status: \({code}\) Übersetzung noch nicht "
                         rf"geprüft", done.stderr)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("publish_unreviewed: false",
                                                                 "publish_unreviewed: true"), encoding="utf-8")
    assert "Übersetzung" not in publish().stderr and "Katalog" not in publish().stderr


def test_a_new_language_is_one_line_one_catalogue_and_its_pages(project: Path):
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("  languages:\n", "  languages:\n    - {code: pl, name: Polski, "
                                   "publish_unreviewed: false}\n", 1), encoding="utf-8")
    made = subprocess.run([sys.executable, "-m", "macros.staff.translations"], cwd=project,
                          capture_output=True, text=True, timeout=120)
    assert made.returncode == 0, made.stderr
    catalogue = project / "translations" / "pl.po"
    assert "# status: unreviewed" in catalogue.read_text(encoding="utf-8")
    catalogue.write_text(catalogue.read_text(encoding="utf-8").replace(
        'msgid "Diese Übersetzung ist noch nicht geprüft."\nmsgstr ""',
        'msgid "Diese Übersetzung ist noch nicht geprüft."\nmsgstr "To tłumaczenie nie zostało jeszcze sprawdzone."'),
        encoding="utf-8")
    german = (project / "docs" / "index.md").read_text(encoding="utf-8")
    (project / "docs" / "pl").mkdir()
    (project / "docs" / "pl" / "index.md").write_text(
        f"---\ntranslation:\n  source: {fingerprint(german)}\n  status: unreviewed\n---\n\n"
        "# Razem w dzielnicy\n\n{{ project_cards() }}\n", encoding="utf-8")
    done = _build(project, "pl")
    assert done.returncode == 0, done.stderr
    site = project / "site"
    page = (site / "pl" / "index.html").read_text(encoding="utf-8")
    assert parsed(page).html["lang"] == "pl"
    assert "To tłumaczenie nie zostało jeszcze sprawdzone." in page
    # Its project cards lead to the German project pages, which it has not translated.
    cards = re.findall(r'<h3><a href="([^"]+)"', page)
    assert cards and all(resolve(site, "pl/", href).is_file() and "/pl/" not in str(resolve(site, "pl/", href))
                         for href in cards)
    german_page = (site / "index.html").read_text(encoding="utf-8")
    assert any(a.get("hreflang") == "pl" for a in parsed(german_page).links if a["kind"] == "switcher")


def test_a_language_line_with_an_unusable_code_is_named_with_its_line(project: Path):
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("{code: tr,", "{code: Türkisch,", 1), encoding="utf-8")
    line = next(i for i, row in enumerate(config.read_text(encoding="utf-8").splitlines(), 1) if "Türkisch" in row)
    check = run_check(project)
    assert check.returncode == 1
    assert f"mkdocs.yml:{line}: extra.languages[2]: „Türkisch“ ist kein Sprachcode" in check.output
    assert mkdocs_build(project).returncode != 0
