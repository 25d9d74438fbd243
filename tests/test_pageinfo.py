"""Under every page: "Stand", "Fehler melden"; above it: "Seite bearbeiten". Example values keep their mark."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit


import pytest

from helpers import ROOT
from macros.data.validate import load_site
from macros.render.pageinfo import data_files, edit_link, repository_edit_uri



def markdown_pages() -> list[str]:
    return sorted(p.relative_to(ROOT / "docs").as_posix() for p in (ROOT / "docs").rglob("*.md"))


def html_for(site: Path, source: str) -> tuple[str, str]:
    url = "" if source == "index.md" else source.removesuffix(".md").removesuffix("/index") + "/"
    return url, (site / url / "index.html").read_text(encoding="utf-8")


def _config_value(key: str) -> str:
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    return re.search(rf"^\s*{key}:\s*\"?([^\"\n]+)\"?$", text, re.MULTILINE).group(1).strip()


def _label(source: str, german: str) -> str:
    """A label as the page's language shows it (docs/<code>/… is a translation)."""
    code = source.split("/", 1)[0]
    if not (ROOT / "translations" / f"{code}.po").is_file():
        return german
    from macros.data.translations import load_catalogue

    return load_catalogue(ROOT, code)[0].label(german)


def test_every_page_has_edit_link_stand_and_report_link(built_site: Path):
    repo_url, edit_uri = _config_value("repo_url"), _config_value("edit_uri")
    site_url, report_url = _config_value("site_url"), _config_value("report_url")
    for source in markdown_pages():
        url, html = html_for(built_site, source)
        edit = re.search(rf'<a href="([^"]+)" title="{re.escape(_label(source, "Seite bearbeiten"))}" '
                         r'class="md-content__button md-icon" rel="edit">', html)
        assert edit and edit.group(1) == f"{repo_url.rstrip('/')}/{edit_uri}{source}", source
        stand = re.escape(_label(source, "Stand: {date}")).replace(r"\{date\}", "{date}")
        stand = stand.replace("{date}", r'(?:<bdi>)?<time datetime="(\d{4}-\d\d-\d\d)">[^<]+</time>(?:</bdi>)?')
        info = re.findall(r'<div class="ziq-pageinfo" data-pagefind-ignore><p>' + stand +
                          r' · <a href="([^"]+)" class="ziq-report">' + re.escape(_label(source, "Fehler melden")) +
                          r'</a></p>(?:<p class="ziq-sources">.*?</p>)?</div>', html)
        assert len(info) == 1, source
        href = info[0][1].replace("&amp;", "&")
        assert href.startswith(report_url.split("?")[0] + "?")
        subject = parse_qs(urlsplit(href).query)["subject"][0]
        assert subject == f"Fehler auf der Seite {site_url}{url}"


def test_example_values_are_marked_wherever_they_appear(built_site: Path):
    """Every page that shows a phone number or e-mail address of an example contact marks it."""
    site = load_site(ROOT / "data")
    examples = [c for c in site.contacts.values() if c.status == "example" and c.publishable]
    assert examples, "the current data has example contacts; this test needs one"
    values = {e for c in examples for e in c.emails}
    checked = 0
    for page in built_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        for value in values:
            for match in re.finditer(re.escape(value), html):
                checked += 1
                # The mark belongs to the same card (article) or table row as the value.
                start = max(html.rfind("<article", 0, match.start()), html.rfind("<tr", 0, match.start()))
                assert start >= 0, (page, value)
                end = html.find("</article>" if html.startswith("<article", start) else "</tr>", match.end())
                assert "ziq-badge--example" in html[start:end], (page.relative_to(built_site), value)
    assert checked > 0


def data_files_listed(html: str) -> dict[str, str]:
    """File -> edit link, as "Angaben auf dieser Seite" lists them."""
    line = re.search(r'<p class="ziq-sources">Angaben auf dieser Seite \(zum Bearbeiten\): (.*?)</p>', html)
    if line is None:
        return {}
    return {path: href.replace("&amp;", "&")
            for href, path in re.findall(r'<a href="([^"]+)"><code>([^<]+)</code></a>', line.group(1))}


def test_a_page_names_the_data_files_it_shows_with_edit_links(built_site: Path):
    repo_url = _config_value("repo_url").rstrip("/")
    _url, html = html_for(built_site, "projekte/wortschatz.md")
    listed = data_files_listed(html)
    # edit_uri "edit/main/docs/" points at docs/; the data files sit beside it, in data/.
    assert listed["data/projects/wortschatz.yml"] == f"{repo_url}/edit/main/data/projects/wortschatz.yml"
    assert listed["data/contacts.yml"] == f"{repo_url}/edit/main/data/contacts.yml"
    assert list(listed)[0] == "data/projects/wortschatz.yml"  # the page's own record first
    assert "data/projects/stadtteilbuero-batenbrock.yml" not in listed  # another project's file
    # the emergency block and the abbreviations end every page: their files are not named under each
    assert "data/emergency.yml" not in listed and "data/glossary.yml" not in listed
    data = {p.relative_to(ROOT).as_posix() for p in (ROOT / "data").rglob("*.yml")}
    for source in markdown_pages():
        files = set(data_files_listed(html_for(built_site, source)[1]))
        assert files <= data, source
    assert "data/glossary.yml" in data_files_listed(html_for(built_site, "glossar.md")[1])


def test_a_page_without_data_names_no_file(built_site: Path):
    _url, html = html_for(built_site, "redaktion/schritt-fuer-schritt.md")
    assert "ziq-pageinfo" in html and "ziq-sources" not in html and data_files_listed(html) == {}


@pytest.mark.parametrize("edit_uri, docs, expected", [
    ("edit/main/docs/", "docs", "edit/main/"),
    ("edit/main/docs", "docs", "edit/main/"),
    ("-/edit/main/docs/", "docs", "-/edit/main/"),
    ("docs/", "docs", ""),
    ("edit/main/website/docs/", "website/docs", "edit/main/"),
    ("https://git.example/edit/main/docs/", "docs", "https://git.example/edit/main/"),
    ("edit/main/mydocs/", "docs", None),   # not the docs folder: no guess
    ("edit/main/", "docs", None),
    ("", "docs", None),
    (None, "docs", None),
])
def test_edit_address_of_the_repository_root_from_edit_uri(edit_uri, docs, expected):
    assert repository_edit_uri(edit_uri, docs) == expected


def test_data_file_links_are_escaped_and_without_an_edit_address_plain():
    href = edit_link("https://git.example/stadt/website", "edit/main/", 'data/projects/a"<b>&c.yml')
    assert href == "https://git.example/stadt/website/edit/main/data/projects/a%22%3Cb%3E%26c.yml"
    html = str(data_files([('data/projects/a"<b>&c.yml', href), ("data/contacts.yml", None)]))
    assert html == ('<p class="ziq-sources">Angaben auf dieser Seite (zum Bearbeiten): '
                    f'<a href="{href}"><code>data/projects/a&quot;&lt;b&gt;&amp;c.yml</code></a>, '
                    '<code>data/contacts.yml</code></p>')
    assert edit_link("https://git.example/x", None, "data/contacts.yml") is None
    assert str(data_files([])) == ""
