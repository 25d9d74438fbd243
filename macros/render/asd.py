"""ASD teams, the street lookup form and the full street table (the answer without JavaScript)."""

from __future__ import annotations

import json
from itertools import groupby

from ..data.streets import normalise_street
from ..data.validate import SiteData
from .contacts import contact_card, phone_parts
from .html import Markup, german_date, isolate, join, scroll_box, sentence, status_badge, tag
from .i18n import _, fill, language, long_date
from .urls import LOOKUP, anchor, vcard_path



def team_anchor(team_id: str) -> str:
    return f"team-{team_id}"


def street_anchor(street: str) -> str:
    return f"strasse-{normalise_street(street)}"


def teams(site: SiteData, files: str, level: int = 3) -> Markup:
    """``files``: from the page to the site's root where the vCards lie."""
    blocks = []
    for team in site.asd.teams:
        contact = site.contacts[team.contact]
        head = tag(f"h{level}", join([team.name, " ", status_badge(team.status)]), id=team_anchor(team.id))
        body = [head, tag("p", sentence(_("Gebiet: {area}"), area=team.area))]
        if team.valid_from:
            since = isolate(long_date(team.valid_from))
            body.append(tag("p", sentence(_("Zuständig seit {date}"), date=since)))
        if contact.publishable:
            body.append(contact_card(site, contact, files, level + 1))
        blocks.append(tag("section", join(body), class_="ziq-team"))
    return join(blocks)


def _example_street(site: SiteData) -> str:
    """A split street, preferably one whose "Straße" shows the "Str." tolerance."""
    names = [s.street for s in site.asd.streets if s.ranges] or [s.street for s in site.asd.streets]
    return next((n for n in names if n.endswith("straße")), names[0])


def _hint(site: SiteData) -> Markup:
    example = _example_street(site)
    short = example.replace("straße", "str.").replace("Straße", "Str.")
    if short == example:
        return sentence(_("Zum Beispiel „{street}“."), street=isolate(example))
    return sentence(_("Zum Beispiel „{street}“ oder „{short}“."),
                    street=isolate(example), short=isolate(short))


def rule_text(rule) -> str:
    """A range of house numbers in the page's language: "Nr. 1 bis 99, ungerade Nummern" (the
    German is data.streets.describe's, which the files beside the pages keep)."""
    if rule.to_number is None:
        text = fill(_("ab Nr. {start}"), start=rule.from_number)
    else:
        text = fill(_("Nr. {start} bis {end}"), start=rule.from_number, end=rule.to_number)
    if rule.parity == "odd":
        return fill(_("{range}, ungerade Nummern"), range=text)
    if rule.parity == "even":
        return fill(_("{range}, gerade Nummern"), range=text)
    return text


def contact_summary(site: SiteData, contact_id: str) -> dict | None:
    """A contact as the lookup's answer shows it."""
    contact = site.contacts[contact_id]
    if not contact.publishable:
        return None
    return {"title": contact.name or contact.function,
            "organisation": site.organisations[contact.organisation].name,
            "phones": [list(phone_parts(p.number)) for p in contact.phones],
            "emails": list(contact.emails),
            "link": f"kontakte/#{anchor(contact.id)}",
            "vcard": vcard_path(contact.id),
            "status": contact.status}


def lookup_texts(site: SiteData) -> dict:
    """The lookup's words beside its streets: teams, the central contact, the list's source.
    The street list (one file for every language) carries them in German; a translated page
    hands the script its own (data-texts on the form)."""
    return {
        "as_of": site.asd.as_of.isoformat(),
        "as_of_text": german_date(site.asd.as_of),
        "source": site.asd.source or "",
        "status": site.asd.status,
        "central": contact_summary(site, site.asd.central_contact),
        "teams": [{"id": t.id, "name": t.name, "area": t.area, "status": t.status,
                   "contact": contact_summary(site, t.contact)} for t in site.asd.teams],
    }


def lookup_form(site: SiteData, files: str) -> Markup:
    """The form ziq.js brings to life; hidden without JavaScript, where the table answers.
    ``files``: from the page to the site's root, where the street list and the vCards lie."""
    street = tag("div", join([
        tag("label", _("Straße"), for_="ziq-street"),
        tag("div", join([
            tag("input", id="ziq-street", name="strasse", type="text", autocomplete="off",
                spellcheck="false", role="combobox", aria_autocomplete="list", aria_expanded="false",
                aria_controls="ziq-street-list", aria_describedby="ziq-street-hint"),
            tag("ul", id="ziq-street-list", role="listbox", aria_label=_("Vorschläge"), hidden=True),
        ]), class_="ziq-combo"),
        tag("p", _hint(site), id="ziq-street-hint", class_="ziq-hint"),
    ]), class_="ziq-field")
    number = tag("div", join([
        tag("label", _("Hausnummer (wenn bekannt)"), for_="ziq-number"),
        tag("input", id="ziq-number", name="nr", type="text", autocomplete="off", size="6"),
    ]), class_="ziq-field ziq-field--number")
    button = tag("button", _("Team finden"), type="submit", class_="md-button md-button--primary")
    form = tag("form", join([street, number, button]), id="ziq-lookup", class_="ziq-lookup",
               role="search", aria_label=_("ASD-Team zur Straße finden"), hidden=True,
               data_src=f"{files}{LOOKUP}", data_root=files,
               data_texts=None if language() == "de" else json.dumps(lookup_texts(site), ensure_ascii=False))
    answer = tag("div", "", id="ziq-answer", class_="ziq-answer", role="status", aria_live="polite")
    return form + answer


def _initial(street: str) -> str:
    letter = normalise_street(street)[:1].upper()
    return letter if letter.isalpha() else "#"


def _as_of(site: SiteData) -> Markup:
    date = isolate(long_date(site.asd.as_of))
    if site.asd.source:
        return sentence(_("Stand: {date}. Quelle: {source}."), date=date, source=site.asd.source)
    return sentence(_("Stand: {date}."), date=date)


# Up to this many streets the table is part of the site search (a street name leads to its
# letter's section); above it, only the lookup form answers (bench/README.md).
SEARCHABLE_STREETS = 2000


def street_table(site: SiteData, level: int = 3) -> Markup:
    """One table per initial letter, each under its own heading, so the site search
    leads to a short section rather than the whole list."""
    names = {t.id: t.name for t in site.asd.teams}
    ordered = sorted(site.asd.streets, key=lambda s: normalise_street(s.street))
    groups = [(letter, list(items)) for letter, items in groupby(ordered, key=lambda s: _initial(s.street))]
    nav = tag("nav", tag("ul", join(tag("li", tag("a", letter, href=f"#strassen-{letter.lower()}"))
                                    for letter, _streets in groups), class_="ziq-letters"),
              aria_label=_("Straßen nach Anfangsbuchstaben"))
    columns = (_("Straße"), _("Hausnummern"), _("Zuständiges Team"))
    head = tag("thead", tag("tr", join((tag("th", h, scope="col") for h in columns), "\n")))
    blocks = [tag("p", join([_as_of(site), " ", status_badge(site.asd.status)]), class_="ziq-source"), nav]
    for letter, streets in groups:
        rows = []
        for street in streets:
            rules = ([(_("alle"), street.team)] if street.team
                     else [(rule_text(r), r.team) for r in street.ranges])
            for i, (numbers, team_id) in enumerate(rules):
                cells = [tag("th", street.street, scope="row", id=street_anchor(street.street),
                             rowspan=str(len(rules)) if len(rules) > 1 else None)] if i == 0 else []
                cells += [tag("td", numbers),
                          tag("td", tag("a", names[team_id], href=f"#{team_anchor(team_id)}"))]
                # Newlines keep the words apart in the search index, which drops the tags.
                rows.append(tag("tr", join(cells, "\n")))
        title = fill(_("Straßen mit {letter}"), letter=letter)
        # The caption names the table for screen readers; on screen the heading above says it.
        caption = tag("caption", title, class_="ziq-visually-hidden")
        table = tag("table", join([caption, head, tag("tbody", join(rows, "\n"))], "\n"),
                    class_="ziq-table ziq-streets")
        blocks.append(tag(f"h{level}", title, id=f"strassen-{letter.lower()}"))
        box = scroll_box(table, fill(_("Straßen mit {letter} (seitlich verschiebbar)"), letter=letter))
        # A city-wide list is left to the lookup form: in the site search, a common word
        # ("Beispielstraße") made the browser sift thousands of rows for every answer.
        blocks.append(tag("div", box, data_pagefind_ignore=True) if len(ordered) > SEARCHABLE_STREETS else box)
    return join(blocks)
