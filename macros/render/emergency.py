"""The emergency block shown in the same place on every page."""

from __future__ import annotations

from ..data.validate import SiteData
from .contacts import phone_parts
from .html import Markup, join, status_badge, tag


def emergency_block(site: SiteData) -> Markup:
    items = []
    for entry in site.emergency.numbers:
        shown, target = phone_parts(entry.number)
        parts = [tag("a", shown, href=f"tel:{target}", class_="ziq-emergency__number"), " ",
                 tag("span", entry.label, class_="ziq-emergency__label")]
        if entry.when:
            parts.append(tag("span", f" ({entry.when})", class_="ziq-emergency__when"))
        if entry.status != "confirmed":
            parts += [" ", status_badge(entry.status)]
        items.append(tag("li", join(parts)))
    # Kept out of the search index: it would otherwise match "Notfall" on every page.
    return tag("aside", join([tag("h2", site.emergency.title), tag("p", site.emergency.intro),
                              tag("ul", join(items))]),
               class_="ziq-emergency", aria_label=site.emergency.title, data_pagefind_ignore=True)
