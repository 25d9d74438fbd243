"""The "Letzte Änderungen" page: what changed in data/ and docs/, from git only."""

from __future__ import annotations

from pathlib import Path

from ..data.history import recent_changes
from .html import Markup, join, scroll_box, short_date, tag

WATCHED = ["data", "docs"]


def change_list(project_dir: Path, limit: int = 40) -> Markup:
    changes = recent_changes(project_dir, WATCHED, limit)
    if changes is None:
        return tag("p", "Die Liste der Änderungen entsteht aus der Versionsgeschichte (git). Diese "
                        "Fassung der Website wurde ohne Versionsgeschichte gebaut, deshalb fehlt sie hier.")
    if not changes:
        return tag("p", "Noch keine Änderungen.")
    head = tag("thead", tag("tr", join(tag("th", h, scope="col") for h in ("Datum", "Änderung"))))
    rows = [tag("tr", join([tag("td", tag("time", short_date(c.day), datetime=c.day.isoformat())),
                            tag("td", c.subject)])) for c in changes]
    table = tag("table", join([tag("caption", f"Die letzten {len(changes)} Änderungen an Daten und Seiten"),
                               head, tag("tbody", join(rows))]), class_="ziq-table ziq-changes")
    return scroll_box(table, "Letzte Änderungen (seitlich verschiebbar)")
