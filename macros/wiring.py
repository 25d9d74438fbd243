"""Register the data and the renderers as macros, filters and variables.

Needs only ``env.variables``, ``env.macro`` and ``env.filter``, which both
mkdocs-macros and Zensical's macros support offer.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from . import (changes, fieldguide, jsonld, render_asd, render_contacts, render_documents,
               render_opendata, render_projects, search_hook, wiring_legal)
from datetime import date

from babel.numbers import format_decimal

from .html import german_date, inline_md, status_badge
from .usage import UsedFiles
from .validate import SiteData


def relative_root(page_url: str) -> str:
    """Prefix from a page (e.g. 'projekte/wortschatz/') back to the site root."""
    depth = page_url.strip("/").count("/") + 1 if page_url.strip("/") else 0
    return "../" * depth


def resolve(site: SiteData, path: str):
    """Follow a dotted path such as ``projects.wortschatz.title`` through the data."""
    value = site
    for part in path.split("."):
        if isinstance(value, dict):
            value = value[part]
        elif isinstance(value, list):
            value = value[int(part)]
        elif part.startswith("_") or not hasattr(value, part):
            raise KeyError(f"fact: „{path}“ gibt es nicht (Teil „{part}“)")
        else:
            value = getattr(value, part)
    return value


def format_fact(value) -> str:
    """Escaped for the Markdown around it: data never becomes markup or a link."""
    if isinstance(value, bool):
        return "ja" if value else "nein"
    if isinstance(value, date):
        return german_date(value)
    if isinstance(value, int):
        return format_decimal(value, locale="de_DE")
    if isinstance(value, str):
        return inline_md(value)
    raise TypeError(f"fact: ein {type(value).__name__} ist kein einzelner Wert")


def register(env, site: SiteData, page_url: Callable[[], str], site_url: str = "",
             used: UsedFiles | None = None, project_dir: Path = Path(".")) -> None:
    def base() -> str:
        return relative_root(page_url())

    def absolute() -> str:
        return site_url.rstrip("/") + "/" + page_url()

    def macro(fn):
        env.macro(fn, fn.__name__)
        return fn

    @macro
    def fact(path: str):
        """A single value for running text, e.g. ``fact("programme.published_on")``."""
        return format_fact(resolve(site, path))

    @macro
    def project_page(project_id: str):
        graph = jsonld.project_graph(site, site.projects[project_id], absolute())
        return render_projects.project_page(site, project_id, base()) + jsonld.script(graph)

    @macro
    def project_title(project_id: str):
        """The title as literal Markdown text, for the page's own heading and the menu.

        Two projects share a title at two places; their headings name the place too.
        """
        project = site.projects[project_id]
        title = f"{project.title} ({project.place_label})" if project.related else project.title
        return inline_md(title)

    @macro
    def project_cards(limit: int | None = None):
        return render_projects.project_cards(site, base(), limit)

    @macro
    def contacts(ids: list[str], level: int = 3):
        return render_contacts.contact_cards(site, ids, base(), level)

    @macro
    def contacts_by_organisation(level: int = 2):
        # Picked up by the search hook (macros/search_hook.py): each entry is a search result.
        if getattr(env, "page", None) is not None:
            env.page.meta[search_hook.RECORDS] = render_contacts.search_records(site, page_url())
        return render_contacts.contacts_by_organisation(site, base(), level)

    @macro
    def contacts_jsonld():
        return jsonld.script(jsonld.contacts_graph(site, render_contacts.contacts_on_page(site), absolute()))

    @macro
    def all_vcards_link():
        return render_contacts.all_vcards_link(site, base())

    @macro
    def open_data_files():
        return render_opendata.file_table(site, base())

    @macro
    def open_data_licence():
        return render_opendata.licence(site)

    @macro
    def contacts_by_project():
        return render_contacts.contacts_by_project(site)

    @macro
    def programme_facts():
        return render_documents.programme_facts(site)

    @macro
    def programme_modules():
        return render_documents.modules(site)

    @macro
    def programme_steering():
        return render_documents.steering(site)

    @macro
    def programme_text(field: str):
        return render_documents.programme_text(site, field)

    @macro
    def programme_references():
        return render_documents.programme_references(site)

    @macro
    def agreement_purposes():
        return render_documents.agreement_purposes(site)

    @macro
    def agreement_terms():
        return render_documents.agreement_terms(site)

    @macro
    def annex_list(level: int = 3):
        return render_documents.annex_list(site, level)

    @macro
    def decision_facts():
        return render_documents.decision_facts(site)

    @macro
    def decision_proposal():
        return render_documents.decision_proposal(site)

    @macro
    def consultation_table():
        return render_documents.consultation_table(site)

    @macro
    def glossary():
        return render_documents.glossary_list(site)

    @macro
    def asd_teams(level: int = 3):
        return render_asd.teams(site, base(), level)

    @macro
    def asd_lookup():
        return render_asd.lookup_form(site, base())

    @macro
    def asd_streets(level: int = 3):
        return render_asd.street_table(site, level)

    @macro
    def field_reference(level: int = 3):
        return fieldguide.field_reference(level, site.documents)

    @macro
    def template_example(code: str, block: bool = False):
        return fieldguide.template_example(code, block)

    @macro
    def recent_changes(limit: int = 40):
        """The git history of data/ and docs/, for the "Letzte Änderungen" page."""
        if used is not None:
            used.add(*changes.WATCHED)
        return changes.change_list(project_dir, limit)

    wiring_legal.register(env, site)
    env.filter(inline_md, "md_text")
    env.filter(status_badge, "status_badge")
