"""MkDocs hook (mkdocs.yml `hooks:`): the pages in the other languages, and the way between them.

German is the source and is built as always, from docs/ into site/. Right after its pages, each
language of ``extra.languages`` is built as a site of its own: its pages from docs/<code>/, the
theme in that language (Material ships the interface texts and mirrors itself for right-to-left
languages), into site/<code>/. A page keeps its German path, so /tr/kontakte/ is the Turkish
/kontakte/ and the language switcher keeps the visitor on the same page. Then the German build
goes on: Pagefind indexes every language at once (each page by its ``<html lang>``), and the
guard checks the whole site once.

Only pages translated into a language exist in it; the switcher leads from any other page to the
language's start page, and ``hreflang`` names only the pages that exist. Under ``mkdocs serve``
only German is built, so that an edit shows within a second; ``ZIQ_SPRACHEN=tr`` (``make serve
SPRACHE=tr``) adds languages, ``ZIQ_SPRACHEN`` on a build picks them (the benchmark's sizes).

Self-contained (standard library, MkDocs and Babel): MkDocs loads hooks by file path.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlsplit

SOURCE = "de"
# In a language's own build, extra.language holds its code and extra.root_url the whole site's
# address; the German build has neither.
LANGUAGE = "language"
ROOT_URL = "root_url"
# ... and the path of the German site's root, for the 404 page, whose links start at the root.
ROOT_PATH = "root_path"
SELECT = "ZIQ_SPRACHEN"


def configured(config) -> list[dict]:
    """The languages of mkdocs.yml as written; macros/data/translations.py checks them."""
    entries = (config.get("extra") or {}).get("languages") or []
    return [e for e in entries if isinstance(e, dict) and isinstance(e.get("code"), str)
            and isinstance(e.get("name"), str)]


def language_of(config) -> str:
    return (config.get("extra") or {}).get(LANGUAGE) or SOURCE


def page_url(src_uri: str) -> str:
    """The address of a page below its language's root (directory URLs): kontakte.md -> kontakte/."""
    stem = src_uri[:-3] if src_uri.endswith(".md") else src_uri
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def _docs_root(config) -> Path:
    """The German docs folder, seen from either build."""
    docs = Path(config["docs_dir"])
    return docs.parent if language_of(config) != SOURCE else docs


def _previewing(config) -> bool:
    address, url = config.get("dev_addr"), urlsplit(config.get("site_url") or "")
    return address is not None and (url.hostname, url.port) == (address.host.strip("[]"), address.port)


def selected(config) -> list[dict]:
    """The languages this build makes: all, none under `mkdocs serve`, or those of ZIQ_SPRACHEN."""
    chosen = os.environ.get(SELECT)
    languages = configured(config)
    if chosen is None:
        return [] if _previewing(config) else languages
    codes = {c.strip() for c in chosen.split(",") if c.strip()}
    return [e for e in languages if e["code"] in codes]


def on_files(files, config, **_kwargs):
    """German leaves the language folders out; a language takes the German build's assets."""
    from mkdocs.structure.files import File

    codes = {e["code"] for e in configured(config)}
    if language_of(config) == SOURCE:
        for file in [f for f in files if f.src_uri.split("/", 1)[0] in codes]:
            files.remove(file)
        return files
    docs = _docs_root(config)
    for path in sorted(docs.rglob("*")):
        relative = path.relative_to(docs).as_posix()
        if (path.is_file() and path.suffix != ".md" and relative.split("/", 1)[0] not in codes
                and files.get_file_from_path(relative) is None):
            files.append(File(relative, str(docs), config["site_dir"], config["use_directory_urls"]))
    return files


def alternates(src_uri: str, config) -> list[dict]:
    """This page in every language: its address from here, and whether it exists there."""
    current = language_of(config)
    docs = _docs_root(config)
    depth = page_url(src_uri).count("/") + (0 if current == SOURCE else 1)
    to_root = "../" * depth
    root_url = (config.get("extra") or {}).get(ROOT_URL) or config.get("site_url") or ""
    out = []
    for code, name in [(SOURCE, "Deutsch")] + [(e["code"], e["name"]) for e in configured(config)]:
        prefix = "" if code == SOURCE else f"{code}/"
        exists = (docs / src_uri).is_file() if code == SOURCE else (docs / code / src_uri).is_file()
        path = prefix + (page_url(src_uri) if exists else "")
        out.append({"code": code, "name": name, "href": to_root + path or "./",
                    "url": root_url + path if root_url else "", "exists": exists,
                    "current": code == current})
    return out


def on_page_context(context, page, config, **_kwargs):
    context["ziq_languages"] = alternates(page.file.src_uri, config)
    # The German site's root from here: the assets every language shares (search worker) and
    # the pages only German has (Leichte Sprache).
    depth = page_url(page.file.src_uri).count("/") + (0 if language_of(config) == SOURCE else 1)
    context["ziq_site_root"] = "../" * depth or "./"
    context["ziq_link"] = lambda src: link(src, page.file.src_uri, config)
    return context


def link(target: str, from_src: str, config) -> dict:
    """A page (e.g. impressum.md) from this page: in this page's language if it has it, in
    German otherwise ({"href", "lang"}; lang is empty in the page's own language)."""
    current = language_of(config)
    docs = _docs_root(config)
    up = "../" * page_url(from_src).count("/")
    if current == SOURCE or (docs / current / target).is_file():
        return {"href": up + page_url(target) or "./", "lang": ""}
    return {"href": up + "../" + page_url(target), "lang": SOURCE}


def _nav_paths(items) -> list[str]:
    out = []
    for item in items or []:
        if isinstance(item, str):
            out.append(item)
        elif isinstance(item, dict):
            for value in item.values():
                out += _nav_paths(value) if isinstance(value, list) else [value]
    return [p for p in out if isinstance(p, str) and p.endswith(".md")]


def child_config(config, entry: dict):
    """The MkDocs configuration of one language: mkdocs.yml with its folders, address, menu
    and theme language."""
    from mkdocs.config import load_config

    code = entry["code"]
    docs = Path(config["docs_dir"]) / code
    # The menu follows German's order, with the pages this language has; their titles are
    # their own headings.
    nav = [p for p in _nav_paths(config.get("nav")) if (docs / p).is_file()]
    site_url = config.get("site_url") or ""
    edit_uri = config.get("edit_uri")
    child = load_config(
        config_file=config.config_file_path,
        docs_dir=str(docs),
        site_dir=str(Path(config["site_dir"]) / code),
        site_url=(site_url + f"{code}/") if site_url else None,
        edit_uri=(edit_uri.rstrip("/") + f"/{code}/") if edit_uri else None,
        nav=nav or None,
        strict=config.get("strict"),
        dev_addr=str(config["dev_addr"]) if config.get("dev_addr") else None,
        extra={**(config.get("extra") or {}), LANGUAGE: code, ROOT_URL: site_url,
               ROOT_PATH: urlsplit(site_url).path or "/"},
    )
    child.theme["language"] = code
    toc = child.mdx_configs.get("toc")
    if toc and toc.get("permalink_title"):
        toc["permalink_title"] = _translated(config, code, toc["permalink_title"])
    return child


def _translated(config, code: str, german: str) -> str:
    """One label from the language's catalogue (for the settings of mkdocs.yml that name
    things: the heading links' title)."""
    from babel.messages.pofile import read_po

    path = Path(config.config_file_path).parent / "translations" / f"{code}.po"
    if not path.is_file():
        return german
    with path.open("rb") as handle:
        message = read_po(handle).get(german)
    return message.string if message is not None and message.string and not message.fuzzy else german


def on_post_build(config, **_kwargs) -> None:
    """Build each selected language into site/<code>/ (German only: a language's own build
    ends here)."""
    if language_of(config) != SOURCE:
        return
    from mkdocs.commands.build import build

    for entry in selected(config):
        if (Path(config["docs_dir"]) / entry["code"] / "index.md").is_file():
            build(child_config(config, entry))


# Before Pagefind (50) and the macros' post-build step (the guard), which cover every language.
# (What mkdocs.plugins.event_priority sets.)
on_post_build.mkdocs_priority = 100
