"""Project pages, cards and overviews."""

from __future__ import annotations

from ..data.models import Project
from ..data.validate import SiteData
from .contacts import address_line, contact_cards
from .html import Markup, dl_row, isolate, join, long_text, sentence, status_badge, tag
from .i18n import N_, _, comma, fill, long_date, month_text
from .urls import project_url

AGREEMENT_STATE = {
    "drafted": N_("Entwurf"),
    "approved": N_("vom Rat beschlossen"),
    "signed": N_("unterzeichnet"),
}


def since_text(project: Project) -> str:
    if project.since_text:
        return project.since_text
    if project.since:
        return month_text(project.since)
    return _("in der Drucksache nicht angegeben")


def place_text(project: Project) -> Markup:
    location = project.location
    if not location.address:
        return join([location.name])
    return join([location.name, ", ", isolate(address_line(location.address))])


def facts(site: SiteData, project: Project) -> Markup:
    operator = site.organisations[project.operator.organisation]
    rows = [
        dl_row(_("Träger"), join([operator.name, " ", status_badge(project.operator.status)])),
        dl_row(_("Ort"), place_text(project)),
    ]
    if project.location.district:
        rows.append(dl_row(_("Stadtteil"), project.location.district))
    rows.append(dl_row(_("Seit"), since_text(project)))
    if project.audiences:
        rows.append(dl_row(_("Für wen"), comma().join(project.audiences)))
    rows.append(dl_row(_("Programm"), site.programme.name))
    if project.modules:
        rows.append(dl_row(_("Baustein"), comma().join(str(m) for m in project.modules)))
    rows.append(dl_row(_("Kooperationsvereinbarung"), agreement_state(project)))
    return tag("dl", join(rows), class_="ziq-facts")


def agreement_state(project: Project) -> Markup:
    state = _(AGREEMENT_STATE[project.agreement.state])
    if not project.agreement.approved_on:
        return join([state])
    approved = isolate(long_date(project.agreement.approved_on))
    return sentence(_("{state} am {date}"), state=state, date=approved)


def _list(items: list[str]) -> Markup:
    return tag("ul", join(tag("li", long_text(i, inline=True)) for i in items))


def project_page(site: SiteData, project_id: str, base: str = "../../", files: str | None = None) -> Markup:
    """The body of a project page below its heading. ``base`` leads to the pages, ``files`` (if
    not the same) to the vCards."""
    project = site.projects[project_id]
    parts = [tag("div", long_text(project.summary), class_="ziq-summary"), facts(site, project)]
    for rid in project.related:
        other = site.projects[rid]
        parts.append(tag("div", join([
            tag("p", _("Gleicher Name, anderer Ort"), class_="admonition-title"),
            tag("p", sentence(_("Das Projekt „{title}“ gibt es an zwei Orten. Diese Seite beschreibt den "
                                "Standort {place}. Der andere Standort: {other}."),
                              title=project.title, place=tag("strong", project.place_label),
                              other=tag("a", other.place_label, href=f"{base}{project_url(other)}")))]),
            class_="admonition note"))
    if project.operator.status != "confirmed" and project.operator.source:
        parts.append(tag("p", sentence(_("Zum Träger: {source}"), source=project.operator.source),
                         class_="ziq-source"))
    if project.goals:
        parts += [tag("h2", _("Ziele"), id="ziele"), _list(project.goals)]
    if project.approach:
        parts += [tag("h2", _("So arbeitet das Projekt"), id="arbeitsweise"), _list(project.approach)]
    if project.partners:
        items = [tag("li", join([tag("strong", p.name), ": ", p.role])) for p in project.partners]
        parts += [tag("h2", _("Partner"), id="partner"), tag("ul", join(items))]
    vcards = base if files is None else files
    parts += [tag("h2", _("Kontakt"), id="kontakt"), contact_cards(site, project.contacts, vcards, 3)]
    parts += [tag("h2", _("Kooperationsvereinbarung"), id="vereinbarung"),
              agreement_block(site, project, base)]
    if project.source:
        parts.append(tag("p", sentence(_("Quelle: {source}"), source=project.source), class_="ziq-source"))
    return join(parts)


def agreement_block(site: SiteData, project: Project, base: str) -> Markup:
    agreement = project.agreement
    state = _(AGREEMENT_STATE[agreement.state])
    if agreement.approved_on:
        text = sentence(_("Stand: {state} (Ratsbeschluss vom {date})."), state=state,
                        date=isolate(long_date(agreement.approved_on)))
    else:
        text = sentence(_("Stand: {state}."), state=state)
    link = tag("a", _("Was die Vereinbarung regelt"), href=f"{base}kooperation/")
    block = [tag("p", join([text, " ", link, "."]))]
    if agreement.annexes:
        names = {a.number: a for a in site.agreement.annexes}
        annexes = join((sentence(_("Anlage {number} ({title})"), number=n, title=names[n].title)
                        for n in agreement.annexes if n in names), comma())
        block.append(tag("p", join([sentence(_("Dazugehörige Anlagen: {annexes}"), annexes=annexes),
                                    " ", status_badge(agreement.status)])))
    if agreement.note:
        block.append(tag("p", agreement.note, class_="ziq-source"))
    return join(block)


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
            tag("dl", join([dl_row(_("Träger"), operator.short_name or operator.name),
                            dl_row(_("Ort"), place_text(project)),
                            dl_row(_("Seit"), since_text(project))]), class_="ziq-facts"),
        ])
        cards.append(tag("li", body, class_="ziq-card"))
    # Out of the search: a card repeats its project page, which must be the answer, not the list.
    out = tag("ul", join(cards), class_="ziq-cards", data_pagefind_ignore=True)
    if len(shown) < len(projects):
        out += tag("p", tag("a", fill(_("Alle {count} Projekte"), count=len(projects)),
                            href=f"{base}projekte/"), class_="ziq-more")
    return out
