"""The lines under every page: "Stand: <date>", a prefilled "Fehler melden" link, and the data
files the page shows, each with a link to edit it in the repository."""

from __future__ import annotations

from datetime import date
from urllib.parse import quote, urljoin

from .html import Markup, isolate, join, sentence, tag
from .i18n import _, long_date


def report_link(template: str, page_url: str) -> str:
    """Fill ``{url}`` and ``{subject}`` of the configured address (mailto: or a tracker's form)."""
    return (template.replace("{url}", quote(page_url, safe=""))
            .replace("{subject}", quote(f"Fehler auf der Seite {page_url}", safe="")))


def repository_edit_uri(edit_uri: str | None, docs_folder: str) -> str | None:
    """The edit address of the repository's root, from MkDocs' ``edit_uri`` (which points at the
    docs folder: "edit/main/docs/" -> "edit/main/"); None when it does not end in that folder."""
    if not edit_uri:
        return None
    suffix = docs_folder.strip("/") + "/"
    path = edit_uri if edit_uri.endswith("/") else edit_uri + "/"
    if path != suffix and not path.endswith("/" + suffix):
        return None
    return path[: len(path) - len(suffix)]


def edit_link(repo_url: str | None, root_edit_uri: str | None, path: str) -> str | None:
    """Where to edit ``path`` (relative to the repository's root), as MkDocs builds "Seite
    bearbeiten" for a page."""
    if root_edit_uri is None:
        return None
    if repo_url:
        return urljoin(repo_url.rstrip("/") + "/", root_edit_uri + quote(path))
    return root_edit_uri + quote(path) if "://" in root_edit_uri else None


def edit_links(paths: list[str], repo_url: str | None, edit_uri: str | None,
               docs_folder: str) -> list[tuple[str, str | None]]:
    """Each data file (relative to the repository's root) with its edit address, if any."""
    root = repository_edit_uri(edit_uri, docs_folder)
    return [(path, edit_link(repo_url, root, path)) for path in paths]


def data_files(files: list[tuple[str, str | None]]) -> Markup:
    """ "Angaben auf dieser Seite: data/…", each file linked to its edit page; nothing for none."""
    if not files:
        return Markup("")
    # The page's own records first (data/projects/…), then what they refer to.
    ordered = sorted(files, key=lambda file: (not file[0].startswith("data/projects/"), file[0]))
    links = [tag("a", tag("code", path), href=href) if href else tag("code", path) for path, href in ordered]
    return tag("p", sentence(_("Angaben auf dieser Seite (zum Bearbeiten): {files}"),
                             files=join(links, ", ")), class_="ziq-sources")


def page_info(stand: date | None, report_href: str | None,
              files: list[tuple[str, str | None]] = ()) -> Markup:
    parts = []
    if stand is not None:
        when = tag("time", long_date(stand), datetime=stand.isoformat())
        parts.append(sentence(_("Stand: {date}"), date=isolate(when)))
    if report_href:
        parts.append(tag("a", _("Fehler melden"), href=report_href, class_="ziq-report"))
    if not parts and not files:
        return Markup("")
    lines = [tag("p", join(parts, " · ")) if parts else Markup(""), data_files(list(files))]
    return tag("div", join(lines), class_="ziq-pageinfo", data_pagefind_ignore=True)


def translation_notice(german_href: str, outdated: bool, unreviewed: bool) -> Markup:
    """The note at the top of a translated page, in its language, with the German original."""
    if not (outdated or unreviewed):
        return Markup("")
    if outdated:
        text = _("Die deutsche Seite wurde geändert, nachdem diese Übersetzung entstand. "
                 "Diese Übersetzung kann veraltet sein.")
    else:
        text = _("Diese Übersetzung ist noch nicht geprüft.")
    link = tag("a", _("Verbindlich ist die deutsche Seite."), href=german_href, hreflang="de")
    kind = "warning" if outdated else "note"
    return tag("div", tag("p", join([text, " ", link])),
               class_=f"admonition {kind} ziq-translation-notice", role="note")
