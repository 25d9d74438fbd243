"""Under every page: "Stand", "Fehler melden"; above it: "Seite bearbeiten". Example values keep their mark."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit


from helpers import ROOT
from macros.data.validate import load_site



def markdown_pages() -> list[str]:
    return sorted(p.relative_to(ROOT / "docs").as_posix() for p in (ROOT / "docs").rglob("*.md"))


def html_for(site: Path, source: str) -> tuple[str, str]:
    url = "" if source == "index.md" else source.removesuffix(".md").removesuffix("/index") + "/"
    return url, (site / url / "index.html").read_text(encoding="utf-8")


def _config_value(key: str) -> str:
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    return re.search(rf"^\s*{key}:\s*\"?([^\"\n]+)\"?$", text, re.MULTILINE).group(1).strip()


def test_every_page_has_edit_link_stand_and_report_link(built_site: Path):
    repo_url, edit_uri = _config_value("repo_url"), _config_value("edit_uri")
    site_url, report_url = _config_value("site_url"), _config_value("report_url")
    for source in markdown_pages():
        url, html = html_for(built_site, source)
        edit = re.search(r'<a href="([^"]+)" title="Seite bearbeiten" class="md-content__button md-icon" '
                         r'rel="edit">', html)
        assert edit and edit.group(1) == f"{repo_url.rstrip('/')}/{edit_uri}{source}", source
        info = re.findall(r'<div class="ziq-pageinfo" data-pagefind-ignore><p>Stand: <time datetime="(\d{4}-\d\d-\d\d)">[^<]+</time>'
                          r' · <a href="([^"]+)" class="ziq-report">Fehler melden</a></p></div>', html)
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
