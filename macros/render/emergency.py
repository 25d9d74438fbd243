"""The emergency block shown in the same place on every page."""

from __future__ import annotations

from ..data.validate import SiteData
from .contacts import phone_link
from .html import Markup, join, status_badge, tag


def emergency_block(site: SiteData, searchable: bool = False) -> Markup:
    """``searchable`` on the one page where the search should find it (front matter
    ``emergency_in_search: true``, the contacts page): its heading gets an anchor to lead to."""
    items = []
    for entry in site.emergency.numbers:
        parts = [phone_link(entry.number, class_="ziq-emergency__number"), " ",
                 tag("span", entry.label, class_="ziq-emergency__label")]
        if entry.when:
            parts.append(tag("span", f" ({entry.when})", class_="ziq-emergency__when"))
        if entry.status != "confirmed":
            parts += [" ", status_badge(entry.status)]
        items.append(tag("li", join(parts)))
    # Elsewhere kept out of the search index: it would match "Notfall" on every page. Where it is
    # searched, it outweighs the pages that only tell where it is (Leichte Sprache).
    heading = tag("h2", site.emergency.title, id=SEARCH_ANCHOR if searchable else None,
                  data_pagefind_weight=HEADING_WEIGHT if searchable else None)
    return tag("aside", join([heading, tag("p", site.emergency.intro), tag("ul", join(items))]),
               class_="ziq-emergency", aria_label=site.emergency.title, data_pagefind_ignore=not searchable,
               data_pagefind_weight=TEXT_WEIGHT if searchable else None)


SEARCH_ANCHOR = "notfall"
# Pagefind's weights (running text 1, an h2 6, at most 10): the block is the answer to its words.
TEXT_WEIGHT, HEADING_WEIGHT = "2", "10"
