"""Contacts, vCards, open data, JSON-LD and the emergency block in the built site."""

from __future__ import annotations

import csv
import gzip
import io
import json
import re
from pathlib import Path

import jsonschema
import pytest
import vobject

from helpers import ROOT, mkdocs_build
from macros.render.contacts import phone_parts
from macros.data.streets import lookup
from macros.data.validate import load_site

CASES = json.loads((Path(__file__).parent / "lookup_cases.json").read_text(encoding="utf-8"))["cases"]


def fixture_streets():
    """The lookup cases' own street list (tests/lookup_streets.yml), checked like real data."""
    import yaml

    from macros.data.models import StreetAssignment
    from macros.data.streets import check_ranges

    raw = yaml.safe_load((Path(__file__).parent / "lookup_streets.yml").read_text(encoding="utf-8"))
    streets = [StreetAssignment.model_validate(s) for s in raw["streets"]]
    assert not [issue for s in streets for issue in check_ranges(s)]
    return raw["teams"], streets


@pytest.fixture(scope="module")
def site():
    return load_site(ROOT / "data")


def _html_pages(built: Path) -> list[Path]:
    return sorted(built.rglob("*.html"))


# --- the street lookup in Python (the browser runs the same table) ---------------------------

@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c['street']}|{c['number']}")
def test_lookup_case(case):
    answer = lookup(fixture_streets()[1], case["street"], case["number"])
    if case["state"] == "unknown":
        assert answer is None
    elif case["state"] == "need-number":
        assert answer is not None and answer.needs_number and answer.team is None
    else:
        assert answer is not None and answer.team == case["team"], answer


def test_every_house_number_maps_to_exactly_one_team(site):
    """Walk 1..300 with and without letters on every split street: exactly one answer each."""
    for street in site.asd.streets:
        if street.team:
            continue
        for number in range(1, 301):
            for suffix in ("", "a", "f", "g"):
                answer = lookup(site.asd.streets, street.street, f"{number}{suffix}")
                assert answer and answer.team, (street.street, number, suffix)


# --- contacts and vCards -----------------------------------------------------------------

def test_contact_entries_have_channels_in_fixed_order_and_anchor(built_site, site):
    page = (built_site / "kontakte" / "index.html").read_text(encoding="utf-8")
    for contact in site.published_contacts.values():
        start = page.index(f'id="kontakt-{contact.id}"')
        entry = page[start:page.index("</article>", start)]
        labels = re.findall(r"<dt>([^<]+)</dt>", entry)
        order = ["Telefon", "E-Mail", "Web", "Adresse", "Sprachen", "Öffnungszeiten"]
        assert labels == sorted(labels, key=order.index), (contact.id, labels)
        for phone in contact.phones:
            shown, target = phone_parts(phone.number)
            assert f'<a href="tel:{target}" dir="ltr">{shown}</a>' in entry
            assert target.startswith("+49") and shown.startswith("0")
        for email in contact.emails:
            assert f'<a href="mailto:{email}">{email}</a>' in entry
        assert f'href="../kontakte/vcard/{contact.id}.vcf"' in entry


def test_project_pages_show_their_contacts(built_site, site):
    for project in site.projects.values():
        page = (built_site / "projekte" / project.id / "index.html").read_text(encoding="utf-8")
        for cid in project.contacts:
            assert f'id="kontakt-{cid}"' in page, (project.id, cid)
            assert f'href="../../kontakte/vcard/{cid}.vcf"' in page


def _cards(path: Path) -> list:
    return list(vobject.readComponents(path.read_text(encoding="utf-8")))


def test_vcards_parse_and_carry_the_contact(built_site, site):
    for contact in site.published_contacts.values():
        (card,) = _cards(built_site / "kontakte" / "vcard" / f"{contact.id}.vcf")
        assert card.version.value == "3.0"
        assert card.fn.value == (contact.name or contact.function)
        assert card.org.value == [site.organisations[contact.organisation].name]
        assert [t.value for t in card.contents.get("tel", [])] == [phone_parts(p.number)[1] for p in contact.phones]
        assert [e.value for e in card.contents.get("email", [])] == list(contact.emails)
        if contact.address:
            assert card.adr.value.street == contact.address.street_address
        if contact.status == "example":
            assert "Beispieldaten" in card.note.value


def test_all_contacts_in_one_vcard_file(built_site, site):
    cards = _cards(built_site / "kontakte" / "vcard" / "alle-kontakte.vcf")
    assert [c.uid.value.rsplit(":", 1)[1] for c in cards] == list(site.published_contacts)
    page = (built_site / "kontakte" / "index.html").read_text(encoding="utf-8")
    assert 'href="../kontakte/vcard/alle-kontakte.vcf"' in page


def test_unpublishable_contact_leaks_nowhere(project: Path):
    """A contact marked not publishable, used by a project and an ASD team: none of its values
    may reach any file of the built site (pages, search index, JSON, CSV, vCards)."""
    secret = {"name": "Erika Geheimnisvoll", "phone": "+49 30 23125 177", "email": "geheim.xq@example.org"}
    contacts = project / "data" / "contacts.yml"
    contacts.write_text(contacts.read_text(encoding="utf-8") + f"""  - id: geheim
    kind: person
    function: "Vertraulicher Dienst Zq"
    name: "{secret['name']}"
    organisation: fb-51
    phones:
      - number: "{secret['phone']}"
    emails: ["{secret['email']}"]
    publication:
      basis: public_duty
    publishable: false
    status: example
    reviewed_on: 2026-11-25
""", encoding="utf-8")
    project_file = project / "data" / "projects" / "wortschatz.yml"
    text = project_file.read_text(encoding="utf-8")
    project_file.write_text(text.replace("contacts:\n", "contacts:\n  - geheim\n", 1), encoding="utf-8")
    asd = project / "data" / "asd.yml"
    asd.write_text(asd.read_text(encoding="utf-8").replace("contact: asd-team-nord", "contact: geheim"),
                   encoding="utf-8")

    result = mkdocs_build(project)
    assert result.returncode == 0, result.output
    needles = [secret["name"], "Geheimnisvoll", "23125177", "23125 177", secret["email"],
               "Vertraulicher Dienst Zq", "geheim.vcf"]
    files = [p for p in (project / "site").rglob("*") if p.is_file()]
    assert len(files) > 20
    texts = {}
    for path in files:
        data = path.read_bytes()
        if data[:2] == b"\x1f\x8b":  # sitemap.xml.gz and Pagefind's index chunks
            data = gzip.decompress(data)
        # Lower case: the search index stores words folded.
        texts[path] = data.decode("utf-8", errors="replace").lower()
        for needle in needles:
            assert needle.lower() not in texts[path], f"{needle!r} in {path.relative_to(project)}"
    # The search index was read, not skipped: the public contact on the same page is in it.
    fragments = [t for p, t in texts.items() if p.suffix == ".pf_fragment"]
    assert fragments and any("kontakt-wortschatz" in t for t in fragments)
    assert 'id="kontakt-wortschatz"' in (project / "site" / "projekte" / "wortschatz" / "index.html").read_text(
        encoding="utf-8")


# --- open data ---------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["projekte", "kontakte", "asd-strassen"])
def test_open_data_json_validates_against_its_published_schema(built_site, name):
    data = json.loads((built_site / "daten" / f"{name}.json").read_text(encoding="utf-8"))
    schema = json.loads((built_site / "daten" / "schemas" / f"{name}.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(data, schema, cls=jsonschema.Draft202012Validator)
    broken = json.loads(json.dumps(data))
    first_list = next(v for v in broken.values() if isinstance(v, list))
    first_list[0]["unbekanntes_feld"] = 1
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, schema, cls=jsonschema.Draft202012Validator)


def test_open_data_csv_matches_the_data(built_site, site):
    def rows(name):
        text = (built_site / "daten" / f"{name}.csv").read_bytes().decode("utf-8")
        assert "\r\n" in text and not text.startswith("\ufeff")
        return list(csv.DictReader(io.StringIO(text, newline="")))

    assert [r["id"] for r in rows("projekte")] == list(site.projects)
    contacts = rows("kontakte")
    assert [r["id"] for r in contacts] == list(site.published_contacts)
    assert all(r["telefon"].startswith("+49") or not r["telefon"] for r in contacts)
    streets = rows("asd-strassen")
    assert {r["strasse"] for r in streets} == {s.street for s in site.asd.streets}
    assert len(streets) == sum(1 if s.team else len(s.ranges) for s in site.asd.streets)


def test_open_data_page_links_every_file_and_names_the_licence(built_site, site):
    page = (built_site / "daten" / "index.html").read_text(encoding="utf-8")
    for name in ("projekte", "kontakte", "asd-strassen"):
        for file in (f"{name}.json", f"{name}.csv", f"schemas/{name}.schema.json"):
            assert f'href="../daten/{file}"' in page and (built_site / "daten" / file).is_file()
    assert site.opendata.licence.name in page and f'href="{site.opendata.licence.url}"' in page
    assert "Beispieldaten" in page  # the licence is a proposal until the city decides


# --- schema.org JSON-LD ------------------------------------------------------------------

# Properties we use, per schema.org type (https://schema.org/<Type>).
SCHEMA_ORG = {
    "Service": {"name", "url", "description", "provider", "areaServed"},
    "Organization": {"@id", "name", "url", "contactPoint"},
    "GovernmentOrganization": {"@id", "name", "url", "contactPoint"},
    "ContactPoint": {"@id", "contactType", "name", "telephone", "email", "url", "availableLanguage",
                     "hoursAvailable"},
    "Place": {"name", "address", "containedInPlace", "openingHoursSpecification",
              "specialOpeningHoursSpecification"},
    "PostalAddress": {"streetAddress", "postalCode", "addressLocality", "addressCountry"},
    "OpeningHoursSpecification": {"dayOfWeek", "opens", "closes", "validFrom", "validThrough"},
}


def _nodes(value):
    if isinstance(value, dict):
        if "@type" in value:
            yield value
        for item in value.values():
            yield from _nodes(item)
    elif isinstance(value, list):
        for item in value:
            yield from _nodes(item)


def _jsonld(page: Path) -> list[dict]:
    html = page.read_text(encoding="utf-8")
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return [json.loads(b) for b in blocks]


def test_json_ld_on_project_and_contact_pages_uses_schema_org_types(built_site, site):
    with_hours = lambda ids: any(site.contacts[c].hours for c in ids)  # noqa: E731
    pages = [(built_site / "kontakte" / "index.html", True)] + [
        (built_site / "projekte" / pid / "index.html", with_hours(p.contacts)) for pid, p in site.projects.items()]
    for page, hours in pages:
        (data,) = _jsonld(page)
        assert data["@context"] == "https://schema.org"
        types = set()
        for node in _nodes(data):
            kind = node["@type"]
            types.add(kind)
            assert kind in SCHEMA_ORG, (page, kind)
            assert set(node) - {"@type"} <= SCHEMA_ORG[kind], (page, kind, set(node) - SCHEMA_ORG[kind])
            if kind == "ContactPoint" and "telephone" in node:
                assert re.fullmatch(r"\+\d{6,15}", node["telephone"])
            if kind == "OpeningHoursSpecification":
                assert re.fullmatch(r"\d\d:\d\d", node["opens"]) and re.fullmatch(r"\d\d:\d\d", node["closes"])
                assert all(d.startswith("https://schema.org/") for d in node.get("dayOfWeek", []))
        assert "ContactPoint" in types and ("OpeningHoursSpecification" in types) == hours, page
    (data,) = _jsonld(built_site / "projekte" / "wortschatz" / "index.html")
    assert any(n["@type"] == "Service" and n["name"] == site.projects["wortschatz"].title for n in _nodes(data))


# --- on every page ----------------------------------------------------------------------------

def test_emergency_block_on_every_page_from_data(built_site, site):
    for page in _html_pages(built_site):
        if page.name == "404.html":
            continue
        html = page.read_text(encoding="utf-8")
        assert html.count('class="ziq-emergency"') == 1, page
        block = html[html.index('class="ziq-emergency"'):]
        block = block[:block.index("</aside>")]
        opening = html[html.rindex("<aside", 0, html.index('class="ziq-emergency"')):][:200]
        # Out of the search index except on the contacts page, where the search leads "Notfall".
        # (in every language: /kontakte/, /tr/kontakte/ …)
        searched = re.fullmatch(r"(?:[a-z]{2,3}/)?kontakte/index\.html",
                                page.relative_to(built_site).as_posix()) is not None
        assert ("data-pagefind-ignore" in opening) != searched, page
        for entry in site.emergency.numbers:
            target = phone_parts(entry.number)[1]
            assert f'href="tel:{target}"' in block, (page, entry.id)
        marked = block.count('class="ziq-badge ziq-badge--example"')  # „Beispieldaten“ in any language
        assert marked == sum(e.status == "example" for e in site.emergency.numbers), page
        places = [block.index(f'href="tel:{phone_parts(e.number)[1]}"') for e in site.emergency.numbers]
        assert places == sorted(places), page  # in the order of the data


def test_no_page_shows_escaped_markup(built_site):
    """Macro HTML must reach the page as HTML: escaped tags mean a str/Markup mix-up."""
    for page in _html_pages(built_site):
        html = page.read_text(encoding="utf-8")
        assert not re.search(r"&lt;(div|article|section|ul|li|table|dl|p|a|span)[ &]", html), page


@pytest.mark.parametrize("text", ["a, b; c\\d", "Zeile 1\nZeile 2", "ÄÖÜß" * 40, "x" * 200, "Çağlar محمد",
                                  "a" + "€😀" * 40])
def test_vcard_writer_round_trips_through_a_vcard_parser(text):
    from macros.build.vcard import card

    written = card([("FN", "", text), ("N", "", [text, "Vor;name", "", "", ""]), ("NOTE", "", text),
                    ("ORG", "", [text])])
    assert all(len(line.encode("utf-8")) <= 75 for line in written.split("\r\n"))
    (parsed,) = vobject.readComponents(written)
    assert parsed.fn.value == text and parsed.note.value == text
    assert parsed.n.value.family == text and parsed.n.value.given == "Vor;name"
    assert parsed.org.value == [text]


def test_a_street_name_ending_in_a_number_is_found_whole():
    from macros.data.models import StreetAssignment

    streets = [StreetAssignment(street="Straße 13", team="a"), StreetAssignment(street="Straße", team="b")]
    assert lookup(streets, "Straße 13").team == "a"
    assert lookup(streets, "Str. 13").team == "a"
    assert lookup(streets, "Straße", "13").team == "b"
    assert lookup(streets, "Straße 14").team == "b"  # not a street: "14" is the house number
