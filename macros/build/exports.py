"""Files generated next to the pages: vCards, open data (JSON, CSV, schemas) and
the compact street list the ASD lookup loads in the browser.

Pure functions from validated data to bytes; the adapter writes them into the
built site. Only publishable contacts reach any of these files.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from ..data import models
from ..data.streets import INFINITY, bounds_of, describe
from ..data.validate import SiteData
from ..render.asd import lookup_texts
from ..render.contacts import address_line, phone_parts
from ..render.hours import notes, weekly_lines
from ..render.urls import ALL_VCARDS, DATA_DIR, DATASETS, LOOKUP, anchor, vcard_path
from .schemas import schema_text
from .vcard import Property, card


# --- vCards ---------------------------------------------------------------------------

def _properties(site: SiteData, contact: models.Contact, site_url: str) -> list[Property]:
    organisation = site.organisations[contact.organisation]
    props: list[Property] = [("UID", "", f"urn:bottrop-ziq:kontakt:{contact.id}"),
                             ("FN", "", contact.name or contact.function)]
    if contact.name:
        given, _, family = contact.name.rpartition(" ")
        props += [("N", "", [family, given, "", "", ""]), ("TITLE", "", contact.function)]
    else:
        # Address books show a function contact under its organisation, not as a person.
        props += [("N", "", ["", "", "", "", ""]), ("X-ABSHOWAS", "", "COMPANY")]
    props.append(("ORG", "", [organisation.name]))
    props += [("TEL", "TYPE=WORK,VOICE", phone_parts(p.number)[1]) for p in contact.phones]
    props += [("EMAIL", "TYPE=INTERNET,WORK", e) for e in contact.emails]
    if contact.address:
        a = contact.address
        props.append(("ADR", "TYPE=WORK", ["", "", a.street_address, a.locality, "", a.postal_code or "",
                                           "Deutschland"]))
    props.append(("URL", "", contact.url or f"{site_url.rstrip('/')}/kontakte/#{anchor(contact.id)}"))
    note = []
    if contact.hours:
        note += ["Öffnungszeiten: " + "; ".join(weekly_lines(contact.hours))] + notes(contact.hours)
    if contact.status == "example":
        note.append("Beispieldaten: noch nicht von der Stadt bestätigt.")
    if note:
        props.append(("NOTE", "", "\n".join(note)))
    if contact.reviewed_on:
        props.append(("REV", "", contact.reviewed_on.isoformat()))
    return props


def vcard(site: SiteData, contact: models.Contact, site_url: str) -> str:
    return card(_properties(site, contact, site_url))


def all_vcards(site: SiteData, site_url: str, cards: dict[str, str] | None = None) -> str:
    cards = cards or {}
    return "".join(cards.get(c.id) or vcard(site, c, site_url) for c in site.published_contacts.values())


# --- open data ------------------------------------------------------------------------

def _dump(model: models.Model) -> dict:
    return model.model_dump(mode="json", by_alias=True, exclude_none=True)


def projects_data(site: SiteData) -> dict:
    published = site.published_contacts
    projects = [p.model_copy(update={"contacts": [c for c in p.contacts if c in published]})
                for p in site.projects.values()]
    return _dump(models.ProjectList(projects=projects))


def contacts_data(site: SiteData) -> dict:
    return _dump(models.ContactList(contacts=list(site.published_contacts.values())))


def streets_data(site: SiteData) -> dict:
    return _dump(site.asd)


def _json(data) -> bytes:
    # Compact: with indent, Python's json falls back from its C encoder to pure Python, which
    # was most of the export time of a large directory. Any JSON viewer indents it again.
    return (json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


def _csv(header: list[str], rows: list[list]) -> bytes:
    # RFC 4180: comma, CRLF, UTF-8; opens in spreadsheet programs and parses everywhere.
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def projects_csv(site: SiteData) -> bytes:
    rows = []
    for p in site.projects.values():
        address = p.location.address
        rows.append([p.id, p.title, p.place_label, site.organisations[p.operator.organisation].name,
                     p.location.name, p.location.district or "",
                     address_line(address) if address else "", p.since or "",
                     " ".join(str(m) for m in p.modules), p.status])
    return _csv(["id", "titel", "ort", "traeger", "standort", "stadtteil", "adresse", "seit",
                 "bausteine", "status"], rows)


def contacts_csv(site: SiteData) -> bytes:
    rows = []
    for c in site.published_contacts.values():
        rows.append([c.id, c.function, c.name or "", site.organisations[c.organisation].name,
                     " ".join(phone_parts(p.number)[1] for p in c.phones), " ".join(c.emails),
                     c.url or "", address_line(c.address) if c.address else "",
                     " ".join(c.languages),
                     "; ".join(weekly_lines(c.hours) + notes(c.hours)) if c.hours else "",
                     c.status, c.reviewed_on.isoformat() if c.reviewed_on else ""])
    return _csv(["id", "funktion", "name", "organisation", "telefon", "email", "web", "adresse",
                 "sprachen", "oeffnungszeiten", "status", "geprueft_am"], rows)


def streets_csv(site: SiteData) -> bytes:
    rows = []
    for s in site.asd.streets:
        if s.team:
            rows.append([s.street, "", "", "all", s.team])
        for r in s.ranges:
            rows.append([s.street, r.from_number, r.to_number or "", r.parity, r.team])
    return _csv(["strasse", "von", "bis", "paritaet", "team"], rows)


# --- the ASD lookup in the browser -------------------------------------------------------

def _bound(key: tuple[int, str]) -> list | None:
    return None if key == INFINITY else [key[0], key[1]]


def compact_streets(assignments: list[models.StreetAssignment], team_ids: list[str]) -> list:
    """A street is [name, team index] or [name, [range, ...]].

    A range is [lower, upper or null, parity, team index, exception, German wording, first and
    last house number as written (last null: to the end)], with bounds [number, letter] as the
    Python lookup compares them, so both agree; a translated page words the range itself from
    the house numbers (render/asd.rule_text, the same in ziq.js).
    """
    index = {team_id: i for i, team_id in enumerate(team_ids)}
    streets = []
    for s in assignments:
        if s.team:
            streets.append([s.street, index[s.team]])
            continue
        ranges = []
        for rule in s.ranges:
            b = bounds_of(rule)
            ranges.append([list(b.lower), _bound(b.upper), b.parity, index[b.team],
                           int(b.exception), describe(rule), [rule.from_number, rule.to_number]])
        streets.append([s.street, ranges])
    return streets


def lookup_data(site: SiteData) -> dict:
    """What the browser lookup loads: the compact streets plus teams and contacts."""
    return {**lookup_texts(site),
            "streets": compact_streets(site.asd.streets, [t.id for t in site.asd.teams])}


def files(site: SiteData, site_url: str) -> dict[str, bytes]:
    """Every generated file, by its path in the built site."""
    out: dict[str, bytes] = {
        f"{DATA_DIR}/projekte.json": _json(projects_data(site)),
        f"{DATA_DIR}/projekte.csv": projects_csv(site),
        f"{DATA_DIR}/kontakte.json": _json(contacts_data(site)),
        f"{DATA_DIR}/kontakte.csv": contacts_csv(site),
        f"{DATA_DIR}/asd-strassen.json": _json(streets_data(site)),
        f"{DATA_DIR}/asd-strassen.csv": streets_csv(site),
        LOOKUP: json.dumps(lookup_data(site), ensure_ascii=False, separators=(",", ":")).encode("utf-8"),
    }
    cards = {c.id: vcard(site, c, site_url) for c in site.published_contacts.values()}
    out[ALL_VCARDS] = all_vcards(site, site_url, cards).encode("utf-8")
    for name, (model, _) in DATASETS.items():
        out[f"{DATA_DIR}/schemas/{name}.schema.json"] = schema_text(model).encode("utf-8")
    for contact_id, text in cards.items():
        out[vcard_path(contact_id)] = text.encode("utf-8")
    return out


def write_files(site: SiteData, site_dir: Path, site_url: str) -> None:
    """Write every generated file into the built site."""
    for path, content in files(site, site_url).items():
        target = site_dir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
