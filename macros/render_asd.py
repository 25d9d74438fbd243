"""ASD teams and the full street table (the answer without JavaScript)."""

from __future__ import annotations

from .html import Markup, german_date, join, scroll_box, status_badge, tag
from .render_contacts import contact_card
from .streets import describe
from .validate import SiteData


def team_anchor(team_id: str) -> str:
    return f"team-{team_id}"


def teams(site: SiteData, level: int = 3) -> Markup:
    blocks = []
    for team in site.asd.teams:
        contact = site.contacts[team.contact]
        head = tag(f"h{level}", join([team.name, " ", status_badge(team.status)]), id=team_anchor(team.id))
        body = [head, tag("p", f"Gebiet: {team.area}")]
        if team.valid_from:
            body.append(tag("p", f"Zuständig seit {german_date(team.valid_from)}"))
        if contact.publishable:
            body.append(contact_card(site, contact, level + 1))
        blocks.append(tag("section", join(body), class_="ziq-team"))
    return join(blocks)


def street_table(site: SiteData) -> Markup:
    names = {t.id: t.name for t in site.asd.teams}
    head = tag("thead", tag("tr", join(tag("th", h, scope="col")
                                       for h in ("Straße", "Hausnummern", "Zuständiges Team"))))
    rows = []
    for street in sorted(site.asd.streets, key=lambda s: s.street.lower()):
        rules = [("alle", street.team)] if street.team else [(describe(r), r.team) for r in street.ranges]
        for i, (numbers, team_id) in enumerate(rules):
            cells = [tag("th", street.street, scope="row", rowspan=str(len(rules)) if len(rules) > 1 else None)
                     ] if i == 0 else []
            cells += [tag("td", numbers), tag("td", tag("a", names[team_id], href=f"#{team_anchor(team_id)}"))]
            rows.append(tag("tr", join(cells)))
    caption = tag("caption", join([f"Straßenverzeichnis, Stand {german_date(site.asd.as_of)} ",
                                   status_badge(site.asd.status)]))
    table = tag("table", join([caption, head, tag("tbody", join(rows))]), class_="ziq-table ziq-streets")
    return scroll_box(table, "Straßenverzeichnis (seitlich verschiebbar)")
