"""Project pages, cards and overviews."""

from __future__ import annotations

from ..data.models import Project
from ..data.validate import SiteData
from .contacts import address_line, contact_cards
from .html import Markup, dl_row, german_date, german_month, join, long_text, status_badge, tag
from .urls import project_url

AGREEMENT_STATE = {
    "drafted": "Entwurf",
    "approved": "vom Rat beschlossen",
    "signed": "unterzeichnet",
}


def since_text(project: Project) -> str:
    if project.since_text:
        return project.since_text
    if project.since:
        return german_month(project.since)
    return "in der Drucksache nicht angegeben"


def place_text(project: Project) -> str:
    location = project.location
    parts = [location.name]
    if location.address:
        parts.append(address_line(location.address))
    return ", ".join(parts)



def facts(site: SiteData, project: Project) -> Markup:
    operator = site.organisations[project.operator.organisation]
    rows = [
        dl_row("Träger", join([operator.name, " ", status_badge(project.operator.status)])),
        dl_row("Ort", place_text(project)),
    ]
    if project.location.district:
        rows.append(dl_row("Stadtteil", project.location.district))
    rows.append(dl_row("Seit", since_text(project)))
    if project.audiences:
        rows.append(dl_row("Für wen", ", ".join(project.audiences)))
    rows.append(dl_row("Programm", site.programme.name))
    if project.modules:
        rows.append(dl_row("Baustein", ", ".join(str(m) for m in project.modules)))
    state = AGREEMENT_STATE[project.agreement.state]
    if project.agreement.approved_on:
        state += f" am {german_date(project.agreement.approved_on)}"
    rows.append(dl_row("Kooperationsvereinbarung", state))
    return tag("dl", join(rows), class_="ziq-facts")


def _list(items: list[str]) -> Markup:
    return tag("ul", join(tag("li", long_text(i, inline=True)) for i in items))


def project_page(site: SiteData, project_id: str, base: str = "../../") -> Markup:
    """The body of a project page below its heading."""
    project = site.projects[project_id]
    parts = [tag("div", long_text(project.summary), class_="ziq-summary"), facts(site, project)]
    for rid in project.related:
        other = site.projects[rid]
        parts.append(tag("div", join([
            tag("p", "Gleicher Name, anderer Ort", class_="admonition-title"),
            tag("p", join(["Das Projekt „", project.title, "“ gibt es an zwei Orten. Diese Seite "
                           "beschreibt den Standort ", tag("strong", project.place_label),
                           ". Der andere Standort: ",
                           tag("a", other.place_label, href=f"{base}{project_url(other)}"), "."]))]),
            class_="admonition note"))
    if project.operator.status != "confirmed" and project.operator.source:
        parts.append(tag("p", f"Zum Träger: {project.operator.source}", class_="ziq-source"))
    if project.goals:
        parts += [tag("h2", "Ziele", id="ziele"), _list(project.goals)]
    if project.approach:
        parts += [tag("h2", "So arbeitet das Projekt", id="arbeitsweise"), _list(project.approach)]
    if project.partners:
        items = [tag("li", join([tag("strong", p.name), ": ", p.role])) for p in project.partners]
        parts += [tag("h2", "Partner", id="partner"), tag("ul", join(items))]
    parts += [tag("h2", "Kontakt", id="kontakt"), contact_cards(site, project.contacts, base, 3)]
    agreement = project.agreement
    text = [f"Stand: {AGREEMENT_STATE[agreement.state]}"]
    if agreement.approved_on:
        text.append(f" (Ratsbeschluss vom {german_date(agreement.approved_on)})")
    text.append(". ")
    block = [tag("p", join(text + [tag("a", "Was die Vereinbarung regelt",
                                       href=f"{base}kooperation/"), "."]))]
    if agreement.annexes:
        names = {a.number: a for a in site.agreement.annexes}
        block.append(tag("p", join(["Dazugehörige Anlagen: ",
                                    join((f"Anlage {n} ({names[n].title})" for n in agreement.annexes
                                          if n in names), ", "),
                                    " ", status_badge(agreement.status)])))
    if agreement.note:
        block.append(tag("p", agreement.note, class_="ziq-source"))
    parts += [tag("h2", "Kooperationsvereinbarung", id="vereinbarung"), join(block)]
    if project.source:
        parts.append(tag("p", f"Quelle: {project.source}", class_="ziq-source"))
    return join(parts)


def project_cards(site: SiteData, base: str = "", limit: int | None = None) -> Markup:
    """All projects as cards; with a limit, the first ones and a link to the overview,
    so that the start page stays light however many projects there are."""
    projects = list(site.projects.values())
    shown = projects if limit is None else projects[:limit]
    cards = []
    for project in shown:
        operator = site.organisations[project.operator.organisation]
        body = join([
            tag("h3", tag("a", project.title, href=project_url(project, base))),
            tag("p", project.place_label, class_="ziq-place"),
            tag("dl", join([dl_row("Träger", operator.short_name or operator.name),
                            dl_row("Ort", place_text(project)),
                            dl_row("Seit", since_text(project))]), class_="ziq-facts"),
        ])
        cards.append(tag("li", body, class_="ziq-card"))
    # Out of the search: a card repeats its project page, which must be the answer, not the list.
    out = tag("ul", join(cards), class_="ziq-cards", data_pagefind_ignore=True)
    if len(shown) < len(projects):
        out += tag("p", tag("a", f"Alle {len(projects)} Projekte", href=f"{base}projekte/"),
                   class_="ziq-more")
    return out
