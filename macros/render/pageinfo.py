"""The line under every page: "Stand: <date>" and a prefilled "Fehler melden" link."""

from __future__ import annotations

from datetime import date
from urllib.parse import quote

from .html import Markup, german_date, join, tag


def report_link(template: str, page_url: str) -> str:
    """Fill ``{url}`` and ``{subject}`` of the configured address (mailto: or a tracker's form)."""
    return (template.replace("{url}", quote(page_url, safe=""))
            .replace("{subject}", quote(f"Fehler auf der Seite {page_url}", safe="")))


def page_info(stand: date | None, report_href: str | None) -> Markup:
    parts = []
    if stand is not None:
        parts.append(join(["Stand: ", tag("time", german_date(stand), datetime=stand.isoformat())]))
    if report_href:
        parts.append(tag("a", "Fehler melden", href=report_href, class_="ziq-report"))
    if not parts:
        return Markup("")
    return tag("div", tag("p", join(parts, " · ")), class_="ziq-pageinfo", data_pagefind_ignore=True)
