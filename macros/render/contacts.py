"""Contact entries as HTML. Channels always appear in the same order:
phone, e-mail, web, address, languages, opening hours."""

from __future__ import annotations

import json
from functools import lru_cache

import phonenumbers
from babel import Locale

from ..data.fieldtypes import phone_problem
from ..data.models import Address, Contact
from ..data.validate import SiteData
from .hours import notes, weekly_groups
from .html import Markup, dl_row, isolate, join, sentence, status_badge, tag
from .i18n import _, comma, fill, locale
from .urls import ALL_VCARDS, anchor, project_url, vcard_path


@lru_cache(maxsize=None)  # pure; the same values recur on many pages
def phone_parts(number: str) -> tuple[str, str]:
    """(display in German notation, tel: target in E.164).

    Refuses what is not written like a phone number: phonenumbers would read "(Zentrale)" as
    keypad digits and publish another number. The data checks stop such text first; this is
    the renderer's own guard, so that a page can never show a number nobody typed."""
    problem = phone_problem(number)
    if problem:
        raise ValueError(f"Keine Telefonnummer: „{number}“. {problem}")
    parsed = phonenumbers.parse(number, "DE")
    if phonenumbers.is_valid_number(parsed):
        return (phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.NATIONAL),
                phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164))
    digits = phonenumbers.normalize_digits_only(number)  # short numbers such as 110
    shown = f"{digits[:3]} {digits[3:]}" if len(digits) == 6 else digits  # 116 111
    return shown, digits


@lru_cache(maxsize=None)
def language_name(code: str, in_locale: str = "de") -> str:
    """The language's name in German (or in ``in_locale``'s language): "Türkisch", "Türkçe"."""
    return Locale.parse(in_locale).languages.get(code, code)


def language_names(contact: Contact) -> str:
    """The contact's languages, named in the page's language."""
    return comma().join(language_name(code, locale()) for code in contact.languages)


def address_line(address: Address) -> str:
    town = f"{address.postal_code} {address.locality}" if address.postal_code else address.locality
    return f"{address.street_address}, {town}"



def hours_json(contact: Contact) -> str:
    """The opening hours for the live "jetzt geöffnet" hint computed in the browser."""
    return json.dumps(contact.hours.model_dump(mode="json", by_alias=True, exclude_none=True),
                      ensure_ascii=False, separators=(",", ":"))


def phone_link(number: str, **attrs) -> Markup:
    """Left to right on every page: inside Arabic, "02041 70 30" would read "30 70 02041"."""
    shown, target = phone_parts(number)
    return tag("a", shown, href=f"tel:{target}", dir="ltr", **attrs)


def email_link(email: str) -> Markup:
    return isolate(tag("a", email, href=f"mailto:{email}"))


def channels(contact: Contact) -> Markup:
    rows: list[Markup] = []
    for phone in contact.phones:
        link = phone_link(phone.number)
        rows.append(dl_row(_("Telefon"), link + (f" ({phone.label})" if phone.label else "")))
    for email in contact.emails:
        rows.append(dl_row(_("E-Mail"), email_link(email)))
    if contact.url:
        rows.append(dl_row(_("Web"), isolate(tag("a", contact.url, href=contact.url))))
    if contact.address:
        rows.append(dl_row(_("Adresse"), isolate(address_line(contact.address))))
    if contact.languages:
        rows.append(dl_row(_("Sprachen"), language_names(contact)))
    if contact.hours:
        # Times stay out of the search index: every "14 bis 17 Uhr" matched a search for a house
        # number ("Musterweg 14") and buried the address under the opening hours (bench/README.md).
        lines = [tag("li", join([f"{days}: ", tag("span", times, data_pagefind_ignore=True)]))
                 for days, times in weekly_groups(contact.hours)]
        extra = [tag("li", line) for line in notes(contact.hours)]
        # Filled in by ziq.js; without JavaScript the plain times above are the answer.
        live = tag("p", "", class_="ziq-open-now", data_hours=hours_json(contact), hidden=True)
        rows.append(dl_row(_("Öffnungszeiten"), tag("ul", join(lines + extra), class_="ziq-hours") + live))
    return tag("dl", join(rows), class_="ziq-channels")


def contact_card(site: SiteData, contact: Contact, files: str, level: int = 3) -> Markup:
    """``files``: from the page to the site's root where the vCards lie (the German site's, on a
    translated page too: the files exist once)."""
    organisation = site.organisations[contact.organisation]
    heading = tag(f"h{level}", join([contact.name or contact.function, " ", status_badge(contact.status)]),
                  id=anchor(contact.id))
    lines = [heading]
    if contact.name:
        lines.append(tag("p", contact.function, class_="ziq-function"))
    lines.append(tag("p", organisation.name, class_="ziq-organisation"))
    lines.append(channels(contact))
    lines.append(tag("p", tag("a", _("Als Kontakt speichern (vCard)"),
                              href=f"{files}{vcard_path(contact.id)}", download=f"{contact.id}.vcf",
                              type="text/vcard"), class_="ziq-vcard"))
    if contact.source:
        lines.append(tag("p", sentence(_("Quelle: {source}"), source=contact.source), class_="ziq-source"))
    return tag("article", join(lines), class_="ziq-contact")


def contact_cards(site: SiteData, ids: list[str], files: str, level: int = 3) -> Markup:
    """The publishable contacts among ids; the others are left out entirely."""
    shown = [site.contacts[i] for i in ids if site.contacts[i].publishable]
    if not shown:
        return tag("p", _("Für diesen Eintrag ist noch kein Kontakt veröffentlicht."), class_="ziq-empty")
    return tag("div", join(contact_card(site, c, files, level) for c in shown), class_="ziq-contacts")


# Up to this many published contacts the contacts page shows every entry in full. Above it, an
# entry that a project page shows in full gets one line here (name, phone, e-mail, a link to the
# full entry): at 8,000 contacts the full page was 13 MB, the largest part of the build, and
# too heavy for the search to answer from (bench/README.md).
FULL_PAGE_LIMIT = 300


def is_compact(site: SiteData) -> bool:
    return len(site.published_contacts) > FULL_PAGE_LIMIT


def home_projects(site: SiteData) -> dict:
    """Contact id -> the first project whose page shows the contact in full."""
    homes: dict = {}
    for project in site.projects.values():
        for cid in project.contacts:
            homes.setdefault(cid, project)
    return homes


def contact_line(contact: Contact, full_entry: str) -> Markup:
    """One line of the compact directory; the anchor stays, so every link to the entry works."""
    parts = [tag("strong", contact.name or contact.function), " ", status_badge(contact.status)]
    if contact.name:
        parts.append(f", {contact.function}")
    for phone in contact.phones:
        parts += [" · ", sentence(_("Telefon {number}"), number=phone_link(phone.number))]
    for email in contact.emails:
        parts += [" · ", email_link(email)]
    parts += [" · ", tag("a", _("Eintrag mit Öffnungszeiten"), href=full_entry)]
    return tag("li", join(parts), id=anchor(contact.id))


def contacts_by_organisation(site: SiteData, base: str, level: int = 2, files: str | None = None) -> Markup:
    """``base`` leads to the pages, ``files`` (if not the same) to the vCards."""
    compact = is_compact(site)
    homes = home_projects(site) if compact else {}
    blocks = []
    for org in site.organisations.values():
        contacts = [c for c in site.published_contacts.values() if c.organisation == org.id]
        if not contacts:
            continue
        heading = tag(f"h{level}", org.name, id=f"organisation-{org.id}")
        lines = [contact_line(c, f"{project_url(homes[c.id], base)}#{anchor(c.id)}")
                 for c in contacts if c.id in homes]
        full = [c.id for c in contacts if c.id not in homes]
        body = tag("ul", join(lines), class_="ziq-contact-lines") if lines else Markup("")
        if full:
            body += contact_cards(site, full, base if files is None else files, level + 1)
        # The search finds each entry on its own (search_records), not this whole long page.
        blocks.append(tag("section", heading + body, data_pagefind_ignore=True))
    return join(blocks)


def search_record(site: SiteData, contact: Contact, page_url: str) -> dict:
    """One contact as its own search result: what a visitor would type to find it."""
    # The title (name, or else the function) is the result's heading; the rest follows it.
    parts = [contact.function if contact.name else "", site.organisations[contact.organisation].name]
    parts += [phone_parts(p.number)[0] for p in contact.phones]
    parts += list(contact.emails)
    if contact.address:
        parts.append(address_line(contact.address))
    if contact.languages:
        parts.append(fill(_("Sprachen: {languages}"), languages=language_names(contact)))
    if contact.hours:
        days = ", ".join(days for days, _times in weekly_groups(contact.hours))
        parts.append(fill(_("Öffnungszeiten: {days}"), days=days))
    return {"url": f"/{page_url}#{anchor(contact.id)}", "title": contact.name or contact.function,
            "content": ". ".join(p for p in parts if p)}


def search_records(site: SiteData, page_url: str) -> list[dict]:
    return [search_record(site, c, page_url) for c in site.published_contacts.values()]


def contacts_on_page(site: SiteData) -> list[Contact]:
    """The contacts the contacts page shows in full (for its structured data)."""
    homes = home_projects(site) if is_compact(site) else {}
    return [c for c in site.contacts.values() if c.id not in homes]


def contacts_by_project(site: SiteData) -> Markup:
    """An index: each project with links to its contact entries on this page."""
    items = []
    for project in site.projects.values():
        links = [join([tag("a", site.contacts[cid].function, href=f"#{anchor(cid)}"), " ",
                       status_badge(site.contacts[cid].status)]).strip()
                 for cid in project.contacts if site.contacts[cid].publishable]
        # On a right-to-left page the Latin name and place keep their order (isolated).
        items.append(tag("li", join([tag("strong", isolate(project.title)), " (", isolate(project.place_label), "): ",
                                     join(links, ", ") if links else _("noch kein Kontakt")])))
    # Out of the search: it only repeats names that the project pages and the contacts' own
    # results answer for.
    return tag("ul", join(items), class_="ziq-contact-index", data_pagefind_ignore=True)


def all_vcards_link(site: SiteData, files: str) -> Markup:
    """``files``: from the page to the site's root where the vCards lie."""
    label = fill(_("Alle {count} Kontakte als vCard speichern"), count=len(site.published_contacts))
    return tag("p", join([tag("a", label, href=f"{files}{ALL_VCARDS}",
                               download="kontakte-zusammen-im-quartier.vcf", type="text/vcard"),
                          " ", _("(eine Datei für Adressbuch oder Telefon)")]),
               class_="ziq-vcard ziq-vcard--all")
