"""The programme, the cooperation agreement, the council decision and the glossary."""

from __future__ import annotations

from babel.numbers import format_decimal

from ..data.validate import SiteData
from .html import (Markup, dl_row, german_date, german_month, join, long_text, scroll_box, short_date, status_badge,
                   tag)


def org_name(site: SiteData, org_id: str, short: bool = False) -> str:
    org = site.organisations[org_id]
    if short and org.short_name:
        return org.short_name
    return f"{org.name} ({org.short_name})" if org.short_name and org.short_name != org.name else org.name


def names(site: SiteData, ids: list[str]) -> str:
    labels = [org_name(site, i) for i in ids]
    return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " und " + labels[-1]


def budget_text(site: SiteData) -> str:
    euros = site.programme.budget_per_year_eur
    if euros % 1_000_000 == 0:
        return f"bis zu {euros // 1_000_000} Mio. Euro im Jahr"
    return f"bis zu {format_decimal(euros, locale='de_DE')} Euro im Jahr"


def programme_facts(site: SiteData) -> Markup:
    p = site.programme
    rows = [
        dl_row("Programm", p.name),
        dl_row("Auftraggeber", org_name(site, p.funder)),
        dl_row("Veröffentlicht am", german_date(p.published_on)),
        dl_row("Mittel des Landes", budget_text(site)),
        dl_row("Schwerpunkt", long_text(p.focus, inline=True)),
        dl_row("Bewilligt in Bottrop",
             f"{german_month(p.funding_from)} bis {german_month(p.funding_to)}: "
             f"{p.project_count} Projekte von {len(p.funded_operators)} Trägern "
             f"({names(site, p.funded_operators)})"),
        dl_row("Federführung", f"{org_name(site, p.steering.lead)}, "
                             f"festgelegt am {german_date(p.steering.decided_on)} vom {p.steering.decided_by}"),
    ]
    return tag("dl", join(rows), class_="ziq-facts")


def modules(site: SiteData) -> Markup:
    items = [tag("li", join([tag("strong", f"Baustein {m.number}: {m.title}"), tag("br", ""),
                             long_text(m.explanation, inline=True)])) for m in site.programme.modules]
    return tag("ol", join(items), class_="ziq-modules")


def steering(site: SiteData) -> Markup:
    s = site.programme.steering
    text = (f"Am {german_date(s.decided_on)} hat der {s.decided_by} festgelegt, dass die Federführung "
            f"beim {org_name(site, s.lead)} liegt – {s.reason}. Der Fachbereich steuert das Programm "
            f"gemeinsam mit {names(site, s.partners)}, damit die Ämter der Stadtverwaltung "
            "fachübergreifend zusammenarbeiten.")
    return tag("p", text)


def programme_text(site: SiteData, field: str) -> Markup:
    """A long-text field of the programme, e.g. letter_of_intent or strategy_text."""
    allowed = {"letter_of_intent", "strategy_text", "focus"}
    if field not in allowed:
        raise KeyError(f"programme_text: unbekanntes Feld {field!r}")
    return long_text(getattr(site.programme, field))


def programme_references(site: SiteData) -> Markup:
    items = [tag("li", tag("code", ref)) for ref in site.programme.references]
    return tag("ul", join(items)) if items else Markup("")


def agreement_purposes(site: SiteData) -> Markup:
    return tag("ul", join(tag("li", long_text(p, inline=True)) for p in site.agreement.purposes))


def agreement_terms(site: SiteData) -> Markup:
    return tag("ol", join(tag("li", long_text(t.text, inline=True), id=f"pflicht-{t.id}")
                          for t in site.agreement.terms), class_="ziq-terms")


def annex_list(site: SiteData, level: int = 3) -> Markup:
    blocks = []
    for annex in site.agreement.annexes:
        head = tag(f"h{level}", join([f"Anlage {annex.number}: {annex.title} ",
                                      status_badge(annex.status)]), id=f"anlage-{annex.number}")
        rows = [dl_row("Titel in der Drucksache", tag("code", annex.file_title))]
        if annex.legal_refs:
            rows.append(dl_row("Rechtsgrundlage", ", ".join(annex.legal_refs)))
        if annex.operator:
            rows.append(dl_row("Träger", org_name(site, annex.operator)))
        rows.append(dl_row("Liegt vor", "ja" if annex.available else "nein, nur der Titel ist bekannt"))
        blocks.append(tag("section", join([head, long_text(annex.explanation),
                                           tag("dl", join(rows), class_="ziq-facts")]),
                          class_="ziq-annex"))
    return join(blocks)


def decision_facts(site: SiteData) -> Markup:
    d = site.decision
    final = d.consultations[-1]
    rows = [
        dl_row("Drucksache", d.number),
        dl_row("Art", f"{d.kind} ({'öffentlich' if d.public else 'nicht öffentlich'})"),
        dl_row("Datum", german_date(d.date)),
        dl_row("Betreff", d.subject),
        dl_row("Finanzielle Auswirkungen", "ja" if d.financial_impact else "nein"),
        dl_row("Unterzeichnet", d.signed_by),
        dl_row("Entscheidung", f"{final.body} am {german_date(final.date)}"),
    ]
    return tag("dl", join(rows), class_="ziq-facts")


def decision_proposal(site: SiteData) -> Markup:
    return tag("blockquote", long_text(site.decision.proposal), class_="ziq-proposal")


def consultation_table(site: SiteData) -> Markup:
    head = tag("thead", tag("tr", join(tag("th", h, scope="col") for h in ("Gremium", "Sitzung", "Rolle"))))
    rows = []
    for c in site.decision.consultations:
        final = c.role == "Entscheidung"
        cells = join([tag("th", c.body, scope="row"),
                      tag("td", tag("time", short_date(c.date), datetime=c.date.isoformat()), data_label="Sitzung"),
                      tag("td", tag("strong", c.role) if final else c.role, data_label="Rolle")])
        rows.append(tag("tr", cells, class_="ziq-final" if final else None))
    caption = tag("caption", f"Beratungsfolge der Drucksache {site.decision.number}", class_="ziq-visually-hidden")
    table = tag("table", join([caption, head, tag("tbody", join(rows))]), class_="ziq-table ziq-table--stack")
    return scroll_box(table, "Beratungsfolge (seitlich verschiebbar)")


def glossary_list(site: SiteData) -> Markup:
    items = []
    for term in sorted(site.glossary.terms, key=lambda t: t.abbr.lower()):
        desc = [term.long]
        if term.explanation:
            desc += [". ", long_text(term.explanation, inline=True)]
        if term.status != "confirmed":
            desc += [" ", status_badge(term.status)]
        items.append(tag("dt", tag("abbr", term.abbr, title=term.long),
                         id=f"begriff-{term.abbr.lower().replace(' ', '-')}") + tag("dd", join(desc)))
    return tag("dl", join(items), class_="ziq-glossary")


def abbreviations_markdown(site: SiteData) -> str:
    """Markdown abbreviation definitions, appended to every page for hover/tap help.

    The abbr extension reads these lines. It takes the rest of the line as the long form's plain
    text, and escapes it for the title attribute, but leaves what already reads as an entity:
    so "&" is escaped once here, and a long form "&amp;" shows as written. An abbreviation
    cannot hold brackets, which would end it.
    """
    lines = []
    for term in site.glossary.terms:
        abbr = term.abbr.replace("]", "").replace("[", "")
        lines.append(f"*[{abbr}]: {term.long.replace('&', '&amp;')}")
    return "\n".join(lines)
