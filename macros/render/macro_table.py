"""The table of macros: every name a page can call, each handing off to a renderer.

Needs only ``env.macro`` and ``env.filter``, which both mkdocs-macros and Zensical's macros
support offer.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Callable

from ..data.validate import SiteData
from . import asd, changes, contacts, documents, fieldguide, jsonld, legal, opendata, projects
from .html import inline_md, status_badge, tag
from .i18n import _, long_date, number
from .usage import UsedFiles


def relative_root(page_url: str) -> str:
    """Prefix from a page (e.g. 'projekte/wortschatz/') back to the site root."""
    depth = page_url.strip("/").count("/") + 1 if page_url.strip("/") else 0
    return "../" * depth


def page_address(src: str) -> str:
    """'kontakte.md' -> 'kontakte/', 'index.md' -> '' (directory URLs)."""
    stem = src.removesuffix(".md")
    if stem == "index":
        return ""
    return stem.removesuffix("index") if stem.endswith("/index") else stem + "/"


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
        return _("ja") if value else _("nein")
    if isinstance(value, date):
        return long_date(value)
    if isinstance(value, int):
        return number(value)
    if isinstance(value, str):
        return inline_md(value)
    raise TypeError(f"fact: ein {type(value).__name__} ist kein einzelner Wert")


def register(env, site: SiteData, page_url: Callable[[], str], site_url: str = "",
             used: UsedFiles | None = None, project_dir: Path = Path("."),
             search_records: Callable[[list[dict]], None] = lambda records: None,
             in_language: bool = False) -> None:
    """``search_records`` receives the entries a page hands to the search as results of their
    own (each contact of the contacts page). ``in_language``: the build of a translation, whose
    pages sit one folder below the German site (site/<code>/)."""
    def base() -> str:
        """From the page to its language's root: the pages."""
        return relative_root(page_url())

    def site_root() -> str:
        """From the page to the German site's root: the files beside the pages (vCards, the
        ASD lookup's street list, open data) exist once, and the pages only German has."""
        return base() + ("../" if in_language else "")

    def absolute() -> str:
        return site_url.rstrip("/") + "/" + page_url()

    def macro(fn):
        env.macro(fn, fn.__name__)
        return fn

    @macro
    def german_link(page: str, text: str):
        """A link to the German page, e.g. ``{{ german_link("beschluss.md", "Council decision
        (in German)") }}`` on a translated page: to the binding German text, or to a page only
        German has. (A Markdown link could not leave the language's own pages.)"""
        if not (project_dir / "docs" / page).is_file():
            raise KeyError(f"german_link: die Seite docs/{page} gibt es nicht")
        return tag("a", text, href=site_root() + page_address(page), hreflang="de")

    @macro
    def fact(path: str):
        """A single value for running text, e.g. ``fact("programme.published_on")``."""
        return format_fact(resolve(site, path))

    @macro
    def project_page(project_id: str):
        graph = jsonld.project_graph(site, site.projects[project_id], absolute())
        return projects.project_page(site, project_id, base(), site_root()) + jsonld.script(graph)

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
        return projects.project_cards(site, base(), limit)

    def contact_list(ids: list[str], level: int = 3):
        return contacts.contact_cards(site, ids, site_root(), level)

    env.macro(contact_list, "contacts")

    @macro
    def contacts_by_organisation(level: int = 2):
        search_records(contacts.search_records(site, page_url()))
        return contacts.contacts_by_organisation(site, base(), level, site_root())

    @macro
    def contacts_jsonld():
        return jsonld.script(jsonld.contacts_graph(site, contacts.contacts_on_page(site), absolute()))

    @macro
    def all_vcards_link():
        return contacts.all_vcards_link(site, site_root())

    @macro
    def open_data_files():
        return opendata.file_table(site, site_root())

    @macro
    def open_data_licence():
        return opendata.licence(site)

    @macro
    def contacts_by_project():
        return contacts.contacts_by_project(site)

    @macro
    def programme_facts():
        return documents.programme_facts(site)

    @macro
    def programme_modules():
        return documents.modules(site)

    @macro
    def programme_steering():
        return documents.steering(site)

    @macro
    def programme_text(field: str):
        return documents.programme_text(site, field)

    @macro
    def programme_references():
        return documents.programme_references(site)

    @macro
    def agreement_purposes():
        return documents.agreement_purposes(site)

    @macro
    def agreement_terms():
        return documents.agreement_terms(site)

    @macro
    def annex_list(level: int = 3):
        return documents.annex_list(site, level)

    @macro
    def decision_facts():
        return documents.decision_facts(site)

    @macro
    def decision_proposal():
        return documents.decision_proposal(site)

    @macro
    def consultation_table():
        return documents.consultation_table(site)

    @macro
    def glossary():
        return documents.glossary_list(site)

    @macro
    def asd_teams(level: int = 3):
        return asd.teams(site, site_root(), level)

    @macro
    def asd_lookup():
        return asd.lookup_form(site, site_root())

    @macro
    def asd_streets(level: int = 3):
        return asd.street_table(site, level)

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

    @macro
    def legal_party(path: str):
        """A body or office, e.g. ``legal_party("imprint.publisher")``."""
        return legal.party(site, legal.find_party(site, path))

    @macro
    def vat_id():
        return legal.vat_id(site)

    @macro
    def server_log():
        return legal.server_log(site)

    @macro
    def accessibility_conformance():
        return legal.conformance(site)

    @macro
    def accessibility_barriers(level: int = 3):
        return legal.barriers(site, level)

    @macro
    def accessibility_dates():
        return legal.statement_dates(site)

    @macro
    def accessibility_method():
        return legal.method(site)

    @macro
    def sign_language_video():
        return legal.sign_language_video(site)

    @macro
    def easy_conformance():
        return legal.easy_conformance(site)

    @macro
    def easy_barriers():
        return legal.easy_barriers(site)

    @macro
    def easy_feedback():
        return legal.easy_feedback(site)

    @macro
    def easy_enforcement():
        return legal.easy_enforcement(site)

    env.filter(inline_md, "md_text")
    env.filter(status_badge, "status_badge")
