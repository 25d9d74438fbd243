"""The real site: strict build, every page rendered, every link and anchor resolves."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from helpers import ROOT
from macros.render.html import german_month
from macros.data.validate import load_site

SITE_DATA = load_site(ROOT / "data")


class _Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.h1: list[str] = []
        self._in_h1 = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        if tag in ("link", "script", "img") and (attrs.get("href") or attrs.get("src")):
            self.links.append(attrs.get("href") or attrs.get("src"))
        self._in_h1 = tag == "h1" or self._in_h1

    def handle_endtag(self, tag):
        if tag == "h1":
            self._in_h1 = False

    def handle_data(self, data):
        if self._in_h1:
            self.h1.append(data)


def parse(file: Path) -> _Page:
    page = _Page()
    page.feed(file.read_text(encoding="utf-8"))
    return page


def pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if p.name != "404.html")


def test_every_page_renders(built_site: Path):
    found = pages(built_site)
    assert len(found) >= 12
    for file in found:
        html = file.read_text(encoding="utf-8")
        assert "{{" not in html, f"unrendered template in {file}"
        assert "Traceback" not in html and "Macro Syntax Error" not in html, file
        assert parse(file).h1, f"no heading in {file}"
        assert '<meta name="description"' in html, file


def test_every_internal_link_and_anchor_resolves(built_site: Path):
    ids = {file: parse(file).ids for file in pages(built_site)}
    broken = []
    for file in pages(built_site):
        for href in parse(file).links:
            parts = urlsplit(href)
            if parts.scheme or href.startswith("//"):
                assert parts.scheme in ("https", "mailto", "tel"), f"{file}: {href}"
                continue
            target = (file.parent / unquote(parts.path)).resolve() if parts.path else file
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{file.relative_to(built_site)} -> {href}")
            elif parts.fragment and target.suffix == ".html" and unquote(parts.fragment) not in ids.get(target, parse(target).ids):
                broken.append(f"{file.relative_to(built_site)} -> {href} (anchor)")
    assert not broken, "\n".join(broken)


def test_every_project_has_a_page_and_every_page_has_data():
    data_ids = {p.stem for p in (ROOT / "data" / "projects").glob("*.yml")}
    page_ids = {p.stem for p in (ROOT / "docs" / "projekte").glob("*.md")} - {"index"}
    assert data_ids == page_ids
    for pid in page_ids:
        text = (ROOT / "docs" / "projekte" / f"{pid}.md").read_text(encoding="utf-8")
        assert f'project_page("{pid}")' in text and f'project_title("{pid}")' in text


@pytest.mark.parametrize("project_id", sorted(SITE_DATA.projects))
def test_key_facts_appear_on_the_project_page(built_site: Path, project_id: str):
    project = SITE_DATA.projects[project_id]
    html = (built_site / "projekte" / project_id / "index.html").read_text(encoding="utf-8")
    text = re.sub(r"<[^>]+>", "", html).replace("&amp;", "&")
    heading = "".join(parse(built_site / "projekte" / project_id / "index.html").h1)
    assert project.title in heading
    if project.related:  # same title at two places: the heading names the place
        assert project.place_label in heading
    assert SITE_DATA.organisations[project.operator.organisation].name in text
    assert project.location.name in text
    if project.location.address:
        assert project.location.address.street_address in text
    expected_since = project.since_text or (german_month(project.since) if project.since else "nicht angegeben")
    assert expected_since in text
    for audience in project.audiences:
        assert audience in text
    for contact_id in project.contacts:
        assert SITE_DATA.contacts[contact_id].function in text
    for related in project.related:
        assert f'href="../../projekte/{related}/"' in html


def test_start_page_links_every_project(built_site: Path):
    html = (built_site / "index.html").read_text(encoding="utf-8")
    for project_id in SITE_DATA.projects:
        assert f'href="projekte/{project_id}/"' in html


def test_no_google_fonts_or_cdn(built_site: Path):
    for file in built_site.rglob("*.html"):
        html = file.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html, file
        assert not re.search(r'<(script|img|iframe)[^>]+src="(https?:)?//', html), file
        for link in re.findall(r"<link[^>]*>", html):
            if re.search(r'href="(https?:)?//', link):
                # (" alternate": see overrides/base.html)
                assert re.search(r'rel="\s*(canonical|alternate)"', link), f"{file}: {link}"


def test_the_kept_templates_follow_an_edited_override(project: Path, tmp_path: Path):
    """The theme's compiled templates stay in .cache/jinja/ between builds (a saved edit shows
    sooner in the preview); an edited override must still be compiled anew."""
    from helpers import mkdocs_build

    first = mkdocs_build(project, tmp_path / "one")
    assert first.returncode == 0, first.output
    assert list((project / ".cache" / "jinja").glob("*.cache"))
    footer = project / "overrides" / "partials" / "footer.html"
    footer.write_text(footer.read_text(encoding="utf-8").replace(
        "</footer>", "<p>Kachel-Test-Markierung</p></footer>", 1), encoding="utf-8")
    second = mkdocs_build(project, tmp_path / "two")
    assert second.returncode == 0, second.output
    assert "Kachel-Test-Markierung" in (tmp_path / "two" / "index.html").read_text(encoding="utf-8")
    assert "Kachel-Test-Markierung" not in (tmp_path / "one" / "index.html").read_text(encoding="utf-8")
