"""The open-data page: which files exist, what they hold, under which licence."""

from __future__ import annotations

from ..data.validate import SiteData
from .html import Markup, join, long_text, scroll_box, status_badge, tag
from .urls import ALL_VCARDS, DATASETS, LOOKUP


def _count(site: SiteData, name: str) -> int:
    return {"projekte": len(site.projects), "kontakte": len(site.published_contacts),
            "asd-strassen": len(site.asd.streets)}[name]


def file_table(site: SiteData, base: str) -> Markup:
    head = tag("thead", tag("tr", join(tag("th", h, scope="col")
                                       for h in ("Inhalt", "Einträge", "JSON", "CSV", "JSON Schema"))))
    rows = []
    for name, (_, label) in DATASETS.items():
        link = lambda path, text: tag("a", text, href=f"{base}daten/{path}")  # noqa: E731
        rows.append(tag("tr", join([
            tag("th", label, scope="row"), tag("td", str(_count(site, name)), data_label="Einträge"),
            # Stacked on a phone, the three files share a line: their names say the format.
            tag("td", link(f"{name}.json", f"{name}.json"), class_="ziq-table__inline"),
            tag("td", link(f"{name}.csv", f"{name}.csv"), class_="ziq-table__inline"),
            tag("td", link(f"schemas/{name}.schema.json", f"{name}.schema.json"), class_="ziq-table__inline")])))
    table = tag("table", join([tag("caption", "Offene Daten zum Herunterladen"), head, tag("tbody", join(rows))]),
                class_="ziq-table ziq-table--stack")
    extra = tag("ul", join([
        tag("li", join([tag("a", "Alle Kontakte als vCard", href=f"{base}{ALL_VCARDS}"),
                        " (für das Adressbuch)"])),
        tag("li", join([tag("a", "Kompaktes Straßenverzeichnis für die ASD-Suche", href=f"{base}{LOOKUP}"),
                        " (JSON, von der Suche auf der ASD-Seite genutzt)"])),
    ]))
    return scroll_box(table, "Dateien (seitlich verschiebbar)") + extra


def licence(site: SiteData) -> Markup:
    lic = site.opendata.licence
    return join([
        long_text(site.opendata.description),
        tag("p", join(["Lizenz: ", tag("a", f"{lic.name} ({lic.short_name})", href=lic.url), " ",
                       status_badge(lic.status)])),
        tag("p", f"Namensnennung (freiwillig bei dieser Lizenz, aber erwünscht): {lic.attribution}"),
    ])
