"""Impressum, Datenschutz, Barrierefreiheit, Leichte Sprache: data, renderers, built pages, links."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from pydantic import ValidationError

from helpers import ROOT, run_check
from macros.data import models
from macros.render import legal as render_legal
from macros.render.html import german_date
from macros.data.validate import legal_parties, load_site
from test_bad_input import Case, _apply
from test_build import pages

SITE = load_site(ROOT / "data")
LEGAL = SITE.legal
LEGAL_PAGES = {"impressum": "Impressum", "datenschutz": "Datenschutz",
               "barrierefreiheit": "Barrierefreiheit", "leichte-sprache": "Leichte Sprache"}


def page_html(site: Path, slug: str) -> str:
    return (site / slug / "index.html").read_text(encoding="utf-8")


def article(html: str) -> str:
    """The page's own content, without navigation, header and footer."""
    return html[html.index("<article"):html.index("</article>")]


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html)).replace("&amp;", "&").strip()


def shows(page: str, block: str) -> bool:
    """The rendered block appears on the page, compared as text: the build wraps known
    abbreviations in <abbr> and puts line breaks between blocks, which changes the markup
    but not what readers see."""
    return re.sub(r"\s+", "", text_of(block)) in re.sub(r"\s+", "", text_of(page))


# --- renderers ------------------------------------------------------------------------

HOSTILE = "<script>alert(1)</script> {{ 7*7 }} [x](javascript:alert(1)) Çağlar محمد"


def test_party_escapes_data_and_marks_its_status():
    party = models.Party(name=HOSTILE, function="Stelle", status="example",
                         emails=["a@example.org"], phones=[{"number": "+49 30 23125 200"}])
    html = render_legal.party(SITE, party)
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert 'href="javascript' not in html
    assert "Beispieldaten" in html
    assert '<a href="mailto:a@example.org">a@example.org</a>' in html
    assert '<a href="tel:+493023125200">030 23125200</a>' in html
    confirmed = render_legal.party(SITE, party.model_copy(update={"status": "confirmed"}))
    assert "ziq-badge" not in confirmed


def test_unknown_party_is_a_page_error():
    with pytest.raises(KeyError):
        render_legal.find_party(SITE, "imprint.vat_id")
    with pytest.raises(KeyError):
        render_legal.find_party(SITE, "privacy.__class__")


def test_server_log_names_fields_basis_and_retention():
    html = render_legal.server_log(SITE)
    log = LEGAL.privacy.server_log
    assert log.legal_basis in text_of(html)
    assert f"Löschung nach {log.retention_days} Tagen" in html
    for field in log.fields:
        assert f"<li>{field}</li>" in html
    assert "Beispieldaten" in html  # the retention period is an example until the city sets it


def test_statement_dates_are_machine_readable():
    a = LEGAL.accessibility
    html = render_legal.statement_dates(SITE)
    assert f'<time datetime="{a.prepared_on.isoformat()}">{german_date(a.prepared_on)}</time>' in html
    assert f'<time datetime="{a.last_review_on.isoformat()}">{german_date(a.last_review_on)}</time>' in html


@pytest.mark.parametrize("level, phrase", [("full", "vollständig vereinbar"), ("partial", "teilweise vereinbar"),
                                           ("none", "nicht vereinbar")])
def test_conformance_in_both_languages(level, phrase):
    statement = LEGAL.accessibility.model_copy(update={"conformance": level})
    site = _with_accessibility(statement)
    assert f"<strong>{phrase}</strong>" in render_legal.conformance(site)
    assert render_legal.easy_conformance(site).count("<p>") == len(render_legal.EASY_CONFORMANCE[level])


def _with_accessibility(statement) -> object:
    from dataclasses import replace
    return replace(SITE, legal=LEGAL.model_copy(update={"accessibility": statement}))


def test_missing_video_is_marked_and_a_ready_one_is_linked():
    html = render_legal.sign_language_video(SITE)
    assert "fehlt noch" in html and "Beispieldaten" in html
    for topic in LEGAL.accessibility.sign_language_video.topics:
        assert topic in html
    ready = LEGAL.accessibility.sign_language_video.model_copy(
        update={"available": True, "url": "https://video.example/dgs", "status": "confirmed"})
    html = render_legal.sign_language_video(
        _with_accessibility(LEGAL.accessibility.model_copy(update={"sign_language_video": ready})))
    assert "fehlt noch" not in html and 'href="https://video.example/dgs"' in html


def test_easy_text_keeps_one_sentence_per_line():
    assert render_legal.easy_lines("Satz eins.\n\n Satz <b>zwei</b>. \n") == \
        "<p>Satz eins.</p><p>Satz &lt;b&gt;zwei&lt;/b&gt;.</p>"


@pytest.mark.parametrize("update, words", [
    ({"available": True}, "url"),
    ({"url": "https://video.example/dgs"}, "url"),
])
def test_video_link_and_availability_agree(update, words):
    data = LEGAL.accessibility.sign_language_video.model_dump(by_alias=True) | update
    with pytest.raises(ValidationError, match=words):
        models.SignLanguageVideo.model_validate(data)


# --- bad input, with file, line and field -------------------------------------------------

LEGAL_CASES = [
    Case("unknown organisation", "legal.yml", "  maintained_by:\n    organisation: fb-51\n",
         "  maintained_by:\n⟦here⟧    organisation: fb-52\n", "imprint.maintained_by.organisation",
         "Unbekannte Kennung „fb-52“"),
    Case("vat id", "legal.yml", '    value: "DE000000000"', '⟦here⟧    value: "DE 000 000 000"',
         "imprint.vat_id.value", "Umsatzsteuer-Identifikationsnummer"),
    Case("video without link", "legal.yml", "  sign_language_video:\n    available: false\n",
         "⟦here⟧  sign_language_video:\n    available: true\n", "accessibility.sign_language_video", "„url“"),
    Case("review before preparation", "legal.yml", "  last_review_on: 2026-11-25",
         "  last_review_on: 2025-11-25", None, "„last_review_on“ liegt vor „prepared_on“"),
    Case("retention zero", "legal.yml", "    retention_days: 7", "⟦here⟧    retention_days: 0",
         "privacy.server_log.retention_days", "ab 1"),
    Case("authority over http", "legal.yml", '    url: "https://www.ldi.nrw.de/"',
         '⟦here⟧    url: "http://www.ldi.nrw.de/"', "privacy.supervisory_authority.url", "https://"),
    Case("unnamed party", "legal.yml",
         '  host:\n    name: "IT-Dienstleister der Stadt Bottrop (Beispiel)"\n    function: "Betrieb des Webservers im Auftrag der Stadt"\n',
         "  host:\n", "privacy.host", "„organisation“, „name“ oder „function“"),
    Case("duplicate barrier", "legal.yml", "    - id: beispieldaten\n", "⟦here⟧    - id: gebaerdensprache\n",
         "accessibility.barriers[gebaerdensprache].id", "doppelt"),
]


@pytest.mark.parametrize("case", LEGAL_CASES, ids=[c.name for c in LEGAL_CASES])
def test_bad_legal_data_is_reported(project: Path, case: Case):
    file, line = _apply(project, case)
    result = run_check(project)
    assert result.returncode == 1, result.output
    matching = [l for l in result.stderr.splitlines() if l.startswith(f"{file}:") and case.words in l]
    assert matching, result.stderr
    if line is not None and "⟦here⟧" in case.new:
        assert matching[0].startswith(f"{file}:{line}:"), matching[0]
    if case.field:
        assert f": {case.field}: " in matching[0], matching[0]


# --- one source for each fact ---------------------------------------------------------------

def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def test_no_legal_value_is_typed_into_a_page():
    # Long values only: short ones ("Bottrop", "ja") occur in prose by nature; ids are names, not facts.
    values = {s for s in _strings(LEGAL.model_dump(mode="json"))
              if len(s) >= 16 and "\n" not in s and not re.fullmatch(r"[a-z0-9-]+", s)}
    values |= {s.split("@")[0] + "@" for s in _strings(LEGAL.model_dump(mode="json")) if "@" in s}
    assert len(values) > 30
    for page in (ROOT / "docs").rglob("*.md"):
        text = page.read_text(encoding="utf-8")
        typed = [v for v in values if v in text]
        assert not typed, f"{page.relative_to(ROOT)} types data by hand: {typed}"


# --- the built pages -------------------------------------------------------------------------

def test_impressum_names_publisher_and_responsible_person(built_site: Path):
    html = article(page_html(built_site, "impressum"))
    text = text_of(html)
    assert "§ 5 Digitale-Dienste-Gesetz (DDG)" in text and "§ 18 Abs. 2 Medienstaatsvertrag" in text
    for key in ("publisher", "represented_by", "maintained_by", "content_responsible"):
        assert shows(html, render_legal.party(SITE, getattr(LEGAL.imprint, key))), key
    assert SITE.organisations[LEGAL.imprint.publisher.organisation].name in text
    if LEGAL.imprint.vat_id:
        assert LEGAL.imprint.vat_id.value in text


def test_datenschutz_names_basis_rights_and_authority(built_site: Path):
    html = article(page_html(built_site, "datenschutz"))
    text = text_of(html)
    assert "Art. 6 Abs. 1 lit. e DSGVO" in text and "§ 3 DSG NRW" in text
    for article_no in ("Art. 15", "Art. 16", "Art. 17", "Art. 18", "Art. 19", "Art. 20", "Art. 21", "Art. 77"):
        assert article_no in text, article_no
    authority = LEGAL.privacy.supervisory_authority
    assert authority.name in text and authority.address.street_address in text
    assert render_legal.party(SITE, authority) in html
    assert "abgeleitet, zu bestätigen" in html  # the authority's data awaits the city's confirmation
    for key in ("data_protection_officer", "host"):
        assert shows(html, render_legal.party(SITE, getattr(LEGAL.privacy, key))), key
    assert render_legal.party(SITE, LEGAL.imprint.publisher) in html  # the controller
    assert shows(html, render_legal.server_log(SITE))
    for claim in ("keine Cookies", "keine Speicherung im Browser", "kein Tracking"):
        assert claim in text, claim


def test_barrierefreiheit_follows_the_model_statement(built_site: Path):
    html = article(page_html(built_site, "barrierefreiheit"))
    text = text_of(html)
    a = LEGAL.accessibility
    for heading in ("Stand der Vereinbarkeit mit den Anforderungen", "Nicht barrierefreie Inhalte",
                    "Erstellung dieser Erklärung", "Feedback und Kontaktangaben", "Durchsetzungsverfahren"):
        assert f">{heading}<" in html, heading
    assert render_legal.CONFORMANCE[a.conformance] in text
    assert german_date(a.prepared_on) in text and german_date(a.last_review_on) in text
    assert a.enforcement.name in text
    assert f'href="{a.feedback.form_url}"' in html
    for barrier in a.barriers:
        assert barrier.title in text
    for tool in a.tools:
        assert tool in text
    for barrier in SITE.legal.accessibility.barriers:  # every known barrier is listed
        assert barrier.title in text


def test_leichte_sprache_covers_offer_use_and_accessibility(built_site: Path):
    html = article(page_html(built_site, "leichte-sprache"))
    text = text_of(html)
    for part in ("Das Menü", "Die Suche", "Die Kontakte", "Welches Team hilft mir?"):
        assert part in text, part
    assert 'href="../kontakte/"' in html and 'href="../asd/#suche-nach-straße"' in html
    assert shows(html, render_legal.easy_barriers(SITE))
    assert f'href="{LEGAL.accessibility.feedback.form_url}"' in html
    assert LEGAL.accessibility.enforcement.name in text
    assert 'id="gebaerdensprache"' in html and "fehlt noch" in html


def test_easy_language_avoids_abbreviations(built_site: Path):
    text = text_of(article(page_html(built_site, "leichte-sprache")))
    # Own prose only: names of bodies (e-mail, web addresses) are quoted as they are.
    prose = text.split("Die Stelle heißt:")[0]
    for abbreviation in ("z. B.", "ASD", "bzw.", "usw.", "ggf.", "DSGVO", "NRW"):
        assert abbreviation not in prose, abbreviation


EXAMPLE_MARK = '<span class="ziq-badge ziq-badge--example"'


def _party_blocks(html: str) -> list[str]:
    return re.findall(r'<div class="ziq-party-block">.*?</div>', html, flags=re.S)


def test_example_values_carry_the_mark(built_site: Path):
    shown = {"imprint": "impressum", "privacy": "datenschutz", "accessibility": "barrierefreiheit"}
    for section, parties in legal_parties(LEGAL).items():
        blocks = _party_blocks(article(page_html(built_site, shown[section])))
        for key, party in parties.items():
            mine = [b for b in blocks if shows(b, render_legal.party(SITE, party))]
            assert mine, f"{section}.{key} is not on the page"
            assert all((EXAMPLE_MARK in b) == (party.status == "example") for b in mine), f"{section}.{key}"
    examples = {"datenschutz": (LEGAL.privacy.server_log, render_legal.server_log(SITE)),
                "barrierefreiheit": (LEGAL.accessibility, render_legal.statement_dates(SITE)),
                "leichte-sprache": (LEGAL.accessibility.sign_language_video, render_legal.sign_language_video(SITE))}
    if LEGAL.imprint.vat_id:
        examples["impressum"] = (LEGAL.imprint.vat_id, render_legal.vat_id(SITE))
    for slug, (record, block) in examples.items():
        assert (EXAMPLE_MARK in block) == (record.status == "example"), slug
        assert shows(article(page_html(built_site, slug)), block), slug


def _resolve(page: Path, href: str, site: Path) -> Path:
    target = (page.parent / urlsplit(href).path).resolve()
    return target / "index.html" if target.is_dir() else target


def _language(page: Path, site: Path) -> str:
    first = page.relative_to(site).parts[0]
    return first if (site / first / "index.html").is_file() and len(first) in (2, 3) else "de"


def _links_to(page: Path, href: str, slug: str, site: Path) -> bool:
    """A legal page from here: in the page's language where it is translated, else German
    (Leichte Sprache is German only)."""
    code = _language(page, site)
    own = site / code / slug / "index.html" if code != "de" else site / slug / "index.html"
    target = own if own.is_file() else site / slug / "index.html"
    if page.name == "404.html":  # served at any depth, so its links start at the site root
        return href == "/" + target.relative_to(site).parent.as_posix() + "/"
    return _resolve(page, href, site) == target.resolve()


def _labels(code: str) -> list[str]:
    """The footer's labels in a language (Leichte Sprache keeps its German name everywhere)."""
    if code == "de":
        return list(LEGAL_PAGES.values())
    from macros.data.translations import load_catalogue

    catalogue, _ = load_catalogue(ROOT, code)
    return [catalogue.label(label) if slug != "leichte-sprache" else label
            for slug, label in LEGAL_PAGES.items()]


def test_every_page_links_the_legal_pages_in_its_footer(built_site: Path):
    for page in pages(built_site) + [built_site / "404.html"]:
        html = page.read_text(encoding="utf-8")
        footer = html[html.index('<footer class="md-footer"'):html.index("</footer>")]
        nav = footer[footer.index('<nav class="ziq-legal-links"'):]
        links = re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>', nav)
        labels = dict(zip(_labels(_language(page, built_site)), [href for href, _ in links]))
        assert [label for _, label in links] == _labels(_language(page, built_site)), page
        for (slug, _), label in zip(LEGAL_PAGES.items(), labels):
            assert _links_to(page, labels[label], slug, built_site), f"{page}: {label} -> {labels[label]}"


def test_every_page_has_the_easy_language_link_in_its_header(built_site: Path):
    for page in pages(built_site) + [built_site / "404.html"]:
        html = page.read_text(encoding="utf-8")
        header = html[html.index('<header class="md-header'):html.index("</header>")]
        found = re.findall(r'<a href="([^"]+)" class="md-header__button ziq-easy-link"[^>]*>Leichte Sprache</a>', header)
        assert len(found) == 1, page
        assert _links_to(page, found[0], "leichte-sprache", built_site), page


def test_legal_pages_are_in_the_menu(built_site: Path):
    nav = (built_site / "index.html").read_text(encoding="utf-8")
    for slug, label in LEGAL_PAGES.items():
        assert re.search(rf'href="{slug}/"[^>]*>\s*<span class="md-ellipsis">\s*{label}', nav), slug
