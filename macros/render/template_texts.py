"""The theme's own words that Material does not translate: the labels our overrides add.

The adapter hands them to every page (``page.meta.ziq_texts``); the templates fall back to the
German where a page has none (the 404 page is a template without a page).
"""

from __future__ import annotations

from .i18n import _


def template_texts() -> dict[str, str]:
    return {
        "legal_nav": _("Rechtliches und Barrierefreiheit"),
        "imprint": _("Impressum"),
        "privacy": _("Datenschutz"),
        "accessibility": _("Barrierefreiheit"),
        "edit": _("Seite bearbeiten"),
        "languages": _("Sprache wählen"),
        "guide_search": _("Anleitung durchsuchen"),
        # Set for Markdown's table of contents in mkdocs.yml; macros/build/languages.py gives
        # each language its own.
        "permalink": _("Link zu diesem Abschnitt"),
    }
