"""schema.org JSON-LD for project and contact pages.

Types follow schema.org: a project is a Service provided by an Organization in
an area (Place); contact entries are ContactPoints of their organisation, with
OpeningHoursSpecification; an entry with an address is also a Place.
"""

from __future__ import annotations

from ..data.models import Contact, Project
from ..data.validate import SiteData
from .contacts import language_name, phone_parts
from .hours import schema_org
from .html import Markup, script_json
from .urls import anchor

CONTEXT = "https://schema.org"


def _address(address) -> dict:
    out = {"@type": "PostalAddress", "streetAddress": address.street_address,
           "addressLocality": address.locality, "addressCountry": "DE"}
    if address.postal_code:
        out["postalCode"] = address.postal_code
    return out


def contact_point(contact: Contact, page_url: str) -> dict:
    point = {"@type": "ContactPoint", "@id": f"{page_url}#{anchor(contact.id)}",
             "contactType": contact.function}
    if contact.name:
        point["name"] = contact.name
    phones = [phone_parts(p.number)[1] for p in contact.phones]
    if phones:
        point["telephone"] = phones[0]
    if contact.emails:
        point["email"] = contact.emails[0]
    if contact.url:
        point["url"] = contact.url
    if contact.languages:
        point["availableLanguage"] = [language_name(code) for code in contact.languages]
    if contact.hours:
        point["hoursAvailable"] = schema_org(contact.hours)["openingHoursSpecification"]
    return point


def place(contact: Contact) -> dict | None:
    if not contact.address:
        return None
    node = {"@type": "Place", "name": contact.function, "address": _address(contact.address)}
    if contact.hours:
        node.update(schema_org(contact.hours))
    return node


def organisation(site: SiteData, org_id: str, contacts: list[Contact], page_url: str) -> dict:
    org = site.organisations[org_id]
    node = {"@type": "GovernmentOrganization" if org.kind in ("city", "city_unit", "ministry")
            else "Organization", "@id": f"urn:bottrop-ziq:organisation:{org.id}", "name": org.name}
    if org.url:
        node["url"] = org.url
    points = [contact_point(c, page_url) for c in contacts if c.organisation == org_id]
    if points:
        node["contactPoint"] = points
    return node


def contacts_graph(site: SiteData, contacts: list[Contact], page_url: str) -> dict:
    published = [c for c in contacts if c.publishable]
    orgs = list(dict.fromkeys(c.organisation for c in published))
    graph = [organisation(site, o, published, page_url) for o in orgs]
    graph += [p for p in (place(c) for c in published) if p]
    return {"@context": CONTEXT, "@graph": graph}


def project_graph(site: SiteData, project: Project, page_url: str) -> dict:
    contacts = [site.contacts[c] for c in project.contacts if site.contacts[c].publishable]
    operator = organisation(site, project.operator.organisation, contacts, page_url)
    area = {"@type": "Place", "name": project.location.name}
    if project.location.address:
        area["address"] = _address(project.location.address)
    if project.location.district:
        area["containedInPlace"] = {"@type": "Place", "name": project.location.district}
    service = {"@type": "Service", "name": project.title, "url": page_url,
               "description": " ".join(project.summary.split()),
               "provider": {"@id": operator["@id"]}, "areaServed": area}
    graph = [service, operator] + [p for p in (place(c) for c in contacts) if p]
    return {"@context": CONTEXT, "@graph": graph}


def script(data: dict) -> Markup:
    """A data block; no string can end the script element."""
    return Markup(f'<script type="application/ld+json">{script_json(data)}</script>')
