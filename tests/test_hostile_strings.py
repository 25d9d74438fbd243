"""Hostile strings in every field that becomes a title or a name (issue #19): each reaches every
place (heading, browser tab, header bar, menu, site search, JSON-LD, meta description, vCard,
CSV, JSON) exactly as written, escaped once for that place, and never becomes markup, a link or
a template. One build of a copy of the project, with such strings in the data, serves them all.

Refused on purpose, so not in this build: line breaks in one-line fields (a heading or a name
is one line), leading or trailing spaces, and a one-line text that starts with "=", "+", "-" or
"@" (a formula to spreadsheet programs that open the CSV files; see the last test).
"""

from __future__ import annotations

import csv
import functools
import io
import json
import re
import subprocess
import threading
from html.parser import HTMLParser
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urljoin

import pytest
import vobject

from helpers import ROOT, copy_project, mkdocs_build, run_check

TREFF = "Treff für Schüler*innen & Eltern_innen"
TITLE_BREAK = "</title><img src=x onerror=alert(1)>"
ATTR_BREAK = '"><script>alert(1)</script>'
TEMPLATE = "{{ 7*7 }} {% raw %}"
LINK = "[x](javascript:alert(1))"
PIPE = "a | b"
ENTITY = "&amp;"
RTL = "مركز الحي للعائلات"
VCARD = "Jugend, Familie; Beratung \\ Hilfe"
STREET = "</td><img src=x onerror=alert(1)>gasse"
QUOTE = "Kinder's „Treff“"
# The glossary's long form becomes a title attribute on every page that uses the abbreviation.
LONG = f"{LINK} {ATTR_BREAK} {ENTITY} {TEMPLATE}"
ABBR = "</abbr><b>Z</b>"
PROGRAMME = f"{LINK} *Zusammen* & {TEMPLATE}"
# The site's own strings: a Markdown heading, and a page description in the front matter.
OWN_HEADING = "Kontakte & Adressen"
DESCRIPTION = 'Projekt "Treff" <b>für</b> Schüler*innen & Eltern &amp; Kinder'

SITE_NAME = "Zusammen im Quartier – Bottrop"
BADGE = "Beispieldaten"

# project id -> title, place label, operator
PROJECTS = {
    "wortschatz": (TREFF, LINK, "lebendige-bibliothek"),
    "stadtteilbuero-batenbrock": (TITLE_BREAK, RTL, "agsb"),
    "familien-im-mittelpunkt-prosper-iii": (ATTR_BREAK, PIPE, "awo"),
    "familien-im-mittelpunkt-buergerhaus-batenbrock": (TEMPLATE, ENTITY, "awo"),
}
RELATED = {"familien-im-mittelpunkt-prosper-iii", "familien-im-mittelpunkt-buergerhaus-batenbrock"}
ORGANISATIONS = {"lebendige-bibliothek": TITLE_BREAK, "awo": TREFF, "agsb": ATTR_BREAK, "fb-51": TEMPLATE,
                 "asd": VCARD}
# contact id -> name, function, organisation
CONTACTS = {
    "wortschatz": (LINK, PIPE, "lebendige-bibliothek"),
    "stadtteilbuero-batenbrock": (None, VCARD, "agsb"),
    "lotsenstelle-prosper-iii": (None, ATTR_BREAK, "awo"),
    "buergerhaus-batenbrock": (None, TEMPLATE, "awo"),
    "fb-51-steuerung": (TREFF, RTL, "fb-51"),
    "asd-zentrale": (None, ENTITY, "asd"),
}
TEAMS = {"asd-nord": (TITLE_BREAK, ATTR_BREAK), "asd-mitte": (TEMPLATE, PIPE), "asd-sued": (ENTITY, RTL)}


def heading(project_id: str) -> str:
    title, place, _ = PROJECTS[project_id]
    return f"{title} ({place})" if project_id in RELATED else title


def shown_name(contact_id: str) -> str:
    name, function, _ = CONTACTS[contact_id]
    return name or function


def org_name(org_id: str) -> str:
    return ORGANISATIONS[org_id]


# --- the hostile copy of the project ------------------------------------------------------

def _yaml(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML double-quoted one


def _set(project: Path, file: str, line: str, value: str) -> None:
    """Replace the value of the one line that `line` (a regex up to the value) matches."""
    path = project / file
    new, count = re.subn(rf"^({line}).*$", lambda m: m.group(1) + _yaml(value),
                         path.read_text(encoding="utf-8"), flags=re.M)
    assert count == 1, f"{file}: {line!r} matched {count} lines"
    path.write_text(new, encoding="utf-8")


def _set_field(project: Path, file: str, record_id: str, key: str, value: str) -> None:
    """Set a field of the list item "- id: <record_id>", or add it below the id."""
    path = project / file
    text = path.read_text(encoding="utf-8")
    found = re.search(rf"^( *)- id: {re.escape(record_id)}\n", text, flags=re.M)
    assert found, f"{file}: no record {record_id}"
    indent = found.group(1) + "  "
    end = text.find(f"\n{found.group(1)}- ", found.end())
    body = text[found.end():None if end == -1 else end]
    body, count = re.subn(rf"^{indent}{key}: .*$", lambda m: f"{indent}{key}: {_yaml(value)}", body, flags=re.M)
    if not count:
        body = f"{indent}{key}: {_yaml(value)}\n" + body
    path.write_text(text[:found.end()] + body + ("" if end == -1 else text[end:]), encoding="utf-8")


def _replace(project: Path, file: str, old: str, new: str) -> None:
    path = project / file
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{file}: {old!r}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def make_hostile(project: Path) -> None:
    for pid, (title, place, _) in PROJECTS.items():
        _set(project, f"data/projects/{pid}.yml", "title: ", title)
        _set(project, f"data/projects/{pid}.yml", "place_label: ", place)
    for org_id, name in ORGANISATIONS.items():
        _set_field(project, "data/organisations.yml", org_id, "name", name)
    _set_field(project, "data/organisations.yml", "fb-51", "short_name", ENTITY)
    for cid, (name, function, _) in CONTACTS.items():
        _set_field(project, "data/contacts.yml", cid, "function", function)
        if name:
            _set_field(project, "data/contacts.yml", cid, "name", name)
    _set(project, "data/contacts.yml", '        label: (?="Stadtteilbüro")', TITLE_BREAK)
    for team_id, (name, area) in TEAMS.items():
        _set_field(project, "data/asd.yml", team_id, "name", name)
        _set_field(project, "data/asd.yml", team_id, "area", area)
    _set(project, "data/asd.yml", '  - street: (?="Drosselgasse")', STREET)
    _set(project, "data/glossary.yml", '    long: (?="Nordrhein-Westfalen")', LONG)
    with (project / "data/glossary.yml").open("a", encoding="utf-8") as out:
        out.write(f"  - abbr: {_yaml(ABBR)}\n    long: {_yaml(QUOTE)}\n")
    _set(project, "data/emergency.yml", "title: ", PIPE)
    _set(project, "data/emergency.yml", '    label: (?="Polizei")', LINK)
    _set(project, "data/programme.yml", "name: ", PROGRAMME)
    _set(project, "data/programme.yml", "short_name: ", TREFF)
    _replace(project, "data/decision.yml", '{body: "Jugendhilfeausschuss"', f"{{body: {_yaml(PIPE)}")
    _set(project, "data/agreement.yml", '    title: (?="Projektkonzeption")', QUOTE)
    # The site's own strings, and the heading of a page in the menu that shows a data value.
    # Without a title in the menu, the contacts page takes its title from its heading.
    _replace(project, "docs/kontakte.md", "\n# Kontakte\n", f"\n# {OWN_HEADING}\n")
    _replace(project, "mkdocs.yml", "  - Kontakte: kontakte.md\n", "  - kontakte.md\n")
    _replace(project, "docs/redaktion/aenderungen.md", "\n# Letzte Änderungen\n",
             '\n# Letzte Änderungen {{ fact("programme.short_name") }}\n')
    _set(project, "docs/projekte/wortschatz.md", "description: ", DESCRIPTION)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("hostile") / "project")
    make_hostile(project)
    result = mkdocs_build(project)
    assert result.returncode == 0, result.output
    return project / "site"


# --- reading HTML as a browser does ------------------------------------------------------------

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Node:
    def __init__(self, tag: str, attrs: dict, parent: Node | None = None):
        self.tag, self.attrs, self.parent, self.children = tag, attrs, parent, []

    def text(self) -> str:
        """The text content, whitespace collapsed (entities decoded by the parser)."""
        parts: list[str] = []

        def walk(node):
            for child in node.children:
                parts.append(child) if isinstance(child, str) else walk(child)
        walk(self)
        return " ".join("".join(parts).split())

    def iter(self):
        for child in self.children:
            if isinstance(child, Node):
                yield child
                yield from child.iter()

    def find_all(self, tag: str | None = None, **attrs) -> list[Node]:
        """Nodes with these attribute values; ``class_`` names one of the node's classes."""
        def matches(node: Node, key: str, value: str) -> bool:
            name = key.rstrip("_").replace("_", "-")
            if name == "class":
                return value in (node.attrs.get("class") or "").split()
            return node.attrs.get(name) == value

        return [n for n in self.iter() if (tag is None or n.tag == tag)
                and all(matches(n, k, v) for k, v in attrs.items())]

    def find(self, tag: str | None = None, **attrs) -> Node:
        found = self.find_all(tag, **attrs)
        assert len(found) == 1, f"{len(found)} × <{tag} {attrs}>"
        return found[0]

    def elements(self) -> set[str]:
        return {n.tag for n in self.iter()}


class _Builder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = self.current = Node("#document", {})

    def handle_starttag(self, tag, attrs):
        node = Node(tag, {k: (v if v is not None else "") for k, v in attrs}, self.current)
        self.current.children.append(node)
        if tag not in VOID:
            self.current = node

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.current = self.current.parent

    def handle_endtag(self, tag):
        node = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:  # a stray end tag is ignored
            self.current = node.parent

    def handle_data(self, data):
        self.current.children.append(data)


def parse_html(text: str) -> Node:
    builder = _Builder()
    builder.feed(text)
    builder.close()
    return builder.root


@functools.lru_cache(maxsize=None)
def _page(path: Path) -> Node:
    return parse_html(path.read_text(encoding="utf-8"))


def page(site: Path, url: str) -> Node:
    return _page(site / url / "index.html")


def heading_text(node: Node) -> str:
    return node.text().removesuffix("¶").strip()  # the permalink after a heading


def header_title(doc: Node) -> str:
    return doc.find("div", data_md_component="header-topic").text()


# --- pages ------------------------------------------------------------------------------------

@pytest.mark.parametrize("project_id", sorted(PROJECTS))
def test_project_title_as_written_in_heading_tab_and_header(site, project_id):
    doc = page(site, f"projekte/{project_id}")
    assert heading_text(doc.find("h1")) == heading(project_id)
    assert doc.find("title").text() == f"{heading(project_id)} - {SITE_NAME}"
    assert header_title(doc) == heading(project_id)


def test_a_heading_with_a_data_value_reads_the_same_in_tab_header_and_menu(site):
    expected = f"Letzte Änderungen {TREFF}"
    doc = page(site, "redaktion/aenderungen")
    assert heading_text(doc.find("h1")) == expected
    assert doc.find("title").text() == f"{expected} - {SITE_NAME}"
    assert header_title(doc) == expected
    for url in ("", "programm", "redaktion/aenderungen"):
        base = f"/{url}/".replace("//", "/")
        links = [a for a in page(site, url).find_all("a")
                 if "md-nav__link" in a.attrs.get("class", "").split()
                 and urljoin(base, a.attrs["href"]) == "/redaktion/aenderungen/"]
        assert links and {a.text() for a in links} == {expected}, url


def test_the_sites_own_strings_as_written(site):
    doc = page(site, "kontakte")
    assert heading_text(doc.find("h1")) == OWN_HEADING
    assert doc.find("title").text() == f"{OWN_HEADING} - {SITE_NAME}"
    assert header_title(doc) == OWN_HEADING
    assert {a.text() for a in page(site, "").find_all("a") if a.attrs.get("href") == "kontakte/"
            and "md-nav__link" in a.attrs.get("class", "").split()} == {OWN_HEADING}
    assert page(site, "projekte/wortschatz").find("meta", name="description").attrs["content"] == DESCRIPTION


def test_project_cards_and_facts_as_written(site):
    for url in ("", "projekte"):
        cards = {c.find("a").attrs["href"].rstrip("/").rsplit("/", 1)[-1]: c
                 for c in page(site, url).find_all("li", class_="ziq-card")}
        assert {pid: (c.find("h3").text(), c.find("p", class_="ziq-place").text()) for pid, c in cards.items()} \
            == {pid: (title, place) for pid, (title, place, _) in PROJECTS.items()}, url
    for pid, (title, _, operator) in PROJECTS.items():
        facts = page(site, f"projekte/{pid}").find("dl", class_="ziq-facts")
        terms = {dt.text(): dd.text() for dt, dd in zip(facts.find_all("dt"), facts.find_all("dd"))}
        assert terms["Träger"] in (org_name(operator), f"{org_name(operator)} abgeleitet, zu bestätigen"), pid
        assert terms["Programm"] == PROGRAMME


def test_contact_names_and_organisations_as_written(site):
    contacts_page = page(site, "kontakte")
    checked: dict[str, int] = {}
    for doc in [contacts_page] + [page(site, f"projekte/{pid}") for pid in PROJECTS]:
        for cid, (name, function, org) in CONTACTS.items():
            for head in doc.find_all(id=f"kontakt-{cid}"):
                article = head.parent
                assert heading_text(head) == f"{shown_name(cid)} {BADGE}", cid
                assert article.find("p", class_="ziq-organisation").text() == org_name(org), cid
                if name:
                    assert article.find("p", class_="ziq-function").text() == function, cid
                checked[cid] = checked.get(cid, 0) + 1
    assert set(checked) == set(CONTACTS) and sum(checked.values()) > len(CONTACTS)
    for org_id, name in ORGANISATIONS.items():
        assert heading_text(contacts_page.find("h2", id=f"organisation-{org_id}")) == name
    index = contacts_page.find("ul", class_="ziq-contact-index")
    assert sorted(li.find("strong").text() for li in index.find_all("li")) == sorted(t for t, _, _ in PROJECTS.values())
    card = page(site, "projekte/stadtteilbuero-batenbrock").find(id="kontakt-stadtteilbuero-batenbrock").parent
    assert f"({TITLE_BREAK})" in card.find("dl", class_="ziq-channels").text()  # the phone's label


def test_teams_streets_and_other_names_as_written(site):
    asd = page(site, "asd")
    for team_id, (name, area) in TEAMS.items():
        section = asd.find(id=f"team-{team_id}").parent
        assert heading_text(asd.find(id=f"team-{team_id}")) == f"{name} {BADGE}"
        assert f"Gebiet: {area}" in [p.text() for p in section.find_all("p")]
    assert STREET in [th.text() for th in asd.find_all("th", scope="row")]
    glossary = page(site, "glossar")
    terms = {a.text(): a.attrs["title"] for a in glossary.find_all("abbr")}
    assert terms[ABBR] == QUOTE and terms["NRW"] == LONG
    # The abbreviation's long form, on a page whose Markdown text uses it.
    uses = page(site, "barrierefreiheit").find_all("abbr")
    assert {a.attrs["title"] for a in uses if a.text() == "NRW"} == {LONG}
    consultations = page(site, "beschluss").find("table", class_="ziq-table")
    first = consultations.find("tbody").find_all("tr")[0]
    assert [c.text() for c in first.children if isinstance(c, Node)][0] == PIPE
    assert len([c for c in first.children if isinstance(c, Node)]) == 3
    annex = page(site, "kooperation").find(id="anlage-2")
    assert heading_text(annex) == f"Anlage 2: {QUOTE}"
    assert f"„{PROGRAMME}“" in page(site, "").find("article").text()  # in the Markdown text of a page
    facts = page(site, "programm").find("dl", class_="ziq-facts").text()
    assert f"Federführung {TEMPLATE} ({ENTITY}), festgelegt" in facts and f"Programm {PROGRAMME} " in facts


def test_emergency_block_as_written_on_every_page(site):
    for path in sorted(site.rglob("index.html")):
        block = _page(path).find("aside", class_="ziq-emergency")
        assert block.attrs["aria-label"] == PIPE and block.find("h2").text() == PIPE, path
        assert block.find_all("span", class_="ziq-emergency__label")[0].text() == LINK, path


def test_no_data_string_becomes_markup_a_link_or_a_template(site):
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 15
    for path in pages:
        raw = path.read_text(encoding="utf-8")
        assert "<img src=x" not in raw and "<script>alert" not in raw and "<b>" not in raw, path
        doc = _page(path)
        for node in doc.iter():
            assert not any(name.startswith("on") for name in node.attrs), (path, node.tag, node.attrs)
            assert not node.attrs.get("href", "").lower().startswith("javascript:"), path
            if node.tag == "script":
                assert "alert(1)" not in node.text() or node.attrs.get("type") == "application/ld+json", path
            if node.tag == "script" and node.attrs.get("type") == "application/ld+json":
                assert "</" not in "".join(c for c in node.children if isinstance(c, str)), path
    # Evaluated as a template, "{{ 7*7 }}" would read 49 and "{% raw %}" stop the build.
    assert TEMPLATE in page(site, "projekte/familien-im-mittelpunkt-buergerhaus-batenbrock").find("h1").text()


# --- structured data and files -----------------------------------------------------------------

def _json_ld(doc: Node) -> list[dict]:
    nodes = []
    for script in doc.find_all("script", type="application/ld+json"):
        nodes += json.loads(script.text())["@graph"]
    return nodes


def test_json_ld_carries_the_names_as_written(site):
    for pid, (title, _, operator) in PROJECTS.items():
        graph = _json_ld(page(site, f"projekte/{pid}"))
        assert [n["name"] for n in graph if n["@type"] == "Service"] == [title], pid
        orgs = {n["@id"].rsplit(":", 1)[1]: n for n in graph if "Organization" in n["@type"]}
        assert orgs[operator]["name"] == org_name(operator)
    graph = _json_ld(page(site, "kontakte"))
    orgs = {n["@id"].rsplit(":", 1)[1]: n for n in graph if "Organization" in n["@type"]}
    points = {p["@id"].rsplit("#kontakt-", 1)[1]: p for o in orgs.values() for p in o.get("contactPoint", [])}
    for cid, (name, function, org) in CONTACTS.items():
        assert orgs[org]["name"] == org_name(org)
        assert points[cid]["contactType"] == function and points[cid].get("name") == name, cid


def test_vcards_carry_the_names_as_written(site):
    folder = site / "kontakte" / "vcard"
    cards = {c.uid.value.rsplit(":", 1)[1]: c for c in
             vobject.readComponents((folder / "alle-kontakte.vcf").read_text(encoding="utf-8"))}
    for cid, (name, function, org) in CONTACTS.items():
        single = vobject.readOne((folder / f"{cid}.vcf").read_text(encoding="utf-8"))
        for card in (cards[cid], single):
            assert card.fn.value == shown_name(cid), cid
            assert card.org.value == [org_name(org)], cid
            if name:
                assert card.title.value == function, cid


def _csv(site: Path, name: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO((site / "daten" / name).read_text(encoding="utf-8"), newline="")))


def test_csv_carries_the_names_as_written(site):
    projects = {row["id"]: row for row in _csv(site, "projekte.csv")}
    for pid, (title, place, operator) in PROJECTS.items():
        assert (projects[pid]["titel"], projects[pid]["ort"], projects[pid]["traeger"]) == \
            (title, place, org_name(operator))
    contacts = {row["id"]: row for row in _csv(site, "kontakte.csv")}
    for cid, (name, function, org) in CONTACTS.items():
        assert (contacts[cid]["funktion"], contacts[cid]["name"], contacts[cid]["organisation"]) == \
            (function, name or "", org_name(org))
    assert STREET in {row["strasse"] for row in _csv(site, "asd-strassen.csv")}


def test_json_carries_the_names_as_written(site):
    def load(name):
        return json.loads((site / "daten" / name).read_text(encoding="utf-8"))

    projects = {p["id"]: p for p in load("projekte.json")["projects"]}
    for pid, (title, place, _) in PROJECTS.items():
        assert (projects[pid]["title"], projects[pid]["place_label"]) == (title, place)
    contacts = {c["id"]: c for c in load("kontakte.json")["contacts"]}
    for cid, (name, function, _) in CONTACTS.items():
        assert (contacts[cid].get("name"), contacts[cid]["function"]) == (name, function)
    teams = {t["id"]: (t["name"], t["area"]) for t in load("asd-strassen.json")["teams"]}
    assert teams == TEAMS
    lookup = load("asd-suche.json")
    assert {t["id"]: (t["name"], t["area"]) for t in lookup["teams"]} == TEAMS
    assert lookup["central"]["title"] == ENTITY and lookup["central"]["organisation"] == org_name("asd")
    assert STREET in [s[0] for s in lookup["streets"]]


# --- the site search --------------------------------------------------------------------------

QUERIES = ["Treff", "onerror", "script", "raw", "amp", "Beratung", "javascript", "Adressen", "Horster"]


@pytest.fixture(scope="module")
def search(site, node, tmp_path_factory) -> dict[str, list[list[dict]]]:
    """Pagefind's answers to QUERIES on the served site, each result as the search worker hands
    it to the theme (titles and excerpts as HTML)."""
    handler = functools.partial(type("Quiet", (SimpleHTTPRequestHandler,), {"log_message": lambda *a: None}),
                                directory=str(site))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)  # port 0: a free port
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}/"
    module = tmp_path_factory.mktemp("pagefind") / "pagefind.mjs"
    module.write_bytes((site / "pagefind" / "pagefind.js").read_bytes())
    script = f"""
      import {{ createRequire }} from "node:module";
      globalThis.self = {{location: {{href: {json.dumps(base + "assets/search-worker.js")}}},
                          addEventListener() {{}}, postMessage() {{}}}};
      const worker = createRequire(import.meta.url)({json.dumps(str(ROOT / "docs/assets/search-worker.js"))});
      const pagefind = await import({json.dumps(module.as_uri())});
      await pagefind.options({{basePath: {json.dumps(base + "pagefind/")}, baseUrl: "/", excerptLength: 24}});
      const out = {{}};
      for (const query of {json.dumps(QUERIES)}) {{
        const found = await pagefind.search(query);
        const pages = await Promise.all(found.results.map((r) => r.data()));
        out[query] = pages.map((data, i) => worker.group(data, found.results[i].score, {{}}));
      }}
      process.stdout.write(JSON.stringify(out));
    """
    try:
        done = subprocess.run([node, "--input-type=module", "-e", script], capture_output=True, text=True,
                              timeout=120)
    finally:
        httpd.shutdown()
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def _titles(groups: list[list[dict]]) -> dict[str, set[str]]:
    """Each result's location -> the titles it is shown with, as the browser reads them."""
    out: dict[str, set[str]] = {}
    for group in groups:
        for item in group:
            title = parse_html(item["title"])
            assert not title.elements(), item["title"]  # text only, no markup
            out.setdefault(item["location"], set()).add(title.text())
    return out


@pytest.mark.parametrize("query, location, title", [
    ("Treff", "projekte/wortschatz/", TREFF),
    ("onerror", "projekte/stadtteilbuero-batenbrock/", TITLE_BREAK),
    ("script", "projekte/familien-im-mittelpunkt-prosper-iii/", heading("familien-im-mittelpunkt-prosper-iii")),
    ("raw", "projekte/familien-im-mittelpunkt-buergerhaus-batenbrock/",
     heading("familien-im-mittelpunkt-buergerhaus-batenbrock")),
    ("Adressen", "kontakte/", OWN_HEADING),
    ("Horster", "kontakte/", OWN_HEADING),  # the contacts page and the page of its staged entries
    # Each contact is a result of its own, a section of the contacts page.
    ("Treff", "kontakte/#kontakt-fb-51-steuerung", TREFF),
    ("script", "kontakte/#kontakt-lotsenstelle-prosper-iii", ATTR_BREAK),
    ("raw", "kontakte/#kontakt-buergerhaus-batenbrock", TEMPLATE),
    ("amp", "kontakte/#kontakt-asd-zentrale", ENTITY),
    ("Beratung", "kontakte/#kontakt-stadtteilbuero-batenbrock", VCARD),
    ("javascript", "kontakte/#kontakt-wortschatz", LINK),
    # Sections of a page: its headings.
    ("onerror", "asd/#team-asd-nord", f"{TITLE_BREAK} {BADGE}"),
    ("amp", "asd/#team-asd-sued", f"{ENTITY} {BADGE}"),
    ("raw", "projekte/familien-im-mittelpunkt-buergerhaus-batenbrock/#kontakt-buergerhaus-batenbrock",
     f"{TEMPLATE} {BADGE}"),
])
def test_search_results_show_titles_as_written(search, query, location, title):
    titles = _titles(search[query])
    assert titles.get(location) == {title}, titles.get(location)


def test_search_excerpts_show_the_text_as_written_and_mark_only_the_hits(search):
    excerpts = []
    for groups in search.values():
        for group in groups:
            for item in group:
                excerpt = parse_html(item["text"])
                assert excerpt.elements() <= {"mark"}, item["text"]
                excerpts.append(excerpt.text())
    assert any(f"{{% raw %}} ({ENTITY})" in text for text in excerpts)
    assert any(TREFF in text for text in excerpts)


# --- refused on purpose -----------------------------------------------------------------------

def test_a_name_that_a_spreadsheet_would_run_as_a_formula_is_refused(project):
    _set(project, "data/projects/wortschatz.yml", "title: ", '=HYPERLINK("https://example.org","Klick")')
    _set_field(project, "data/organisations.yml", "awo", "name", "@SUM(1+1)")
    result = run_check(project)
    assert result.returncode != 0
    assert re.search(r"data/projects/wortschatz\.yml:3: title: Der Text beginnt mit „=“\. "
                     r"Tabellenprogramme lesen", result.output), result.output
    assert re.search(r"data/organisations\.yml:\d+: organisations\[awo\]\.name: Der Text beginnt mit „@“",
                     result.output), result.output
    # Phone numbers start with "+" and stay allowed: they are no free text.
    assert result.output.count("Der Text beginnt mit") == 2, result.output
