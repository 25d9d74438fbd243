"""MkDocs hook (mkdocs.yml `hooks:`): the site's search index is Pagefind's.

Material's search plugin stays on because it draws the search box; it indexes no page, so its
search/search_index.json carries only the settings. Its lunr index could not hold a city-wide
directory: at 800 projects the browser needed seconds to build it before the first answer
(bench/README.md). Pagefind writes a chunked index after the build instead, and the search box
asks it through docs/assets/search-worker.js.

Self-contained on purpose (standard library and Pagefind only): MkDocs loads hooks by file path,
outside the `macros` package.
"""

from __future__ import annotations

import html
import json
import shutil
import subprocess
from pathlib import Path

# Pagefind's ready-made interfaces; the site uses the theme's search box, so they would be
# published without ever being loaded.
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
          "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js")
# Pages hand over extra results here (macros/render/macro_table.py: each contact of the contacts page is
# one result of its own, so a search never has to open that whole, long page).
RECORDS = "pagefind_records"
# The "¶" permalink after every heading, and the notes on where a fact comes from („Quelle: …“):
# they cite the council document on every project page, which would then outrank the page
# about it (the Ratsbeschluss) for "Drucksache 2019/0840".
EXCLUDE = [".headerlink", ".ziq-source"]

# By language: MkDocs keeps one copy of this module for the German build and each language's
# build inside it (macros/build/languages.py).
_records: dict[str, list[dict]] = {}
# A page with records, and each of its staged pages, carry its path under this Pagefind filter:
# the search counts all of them as one result, as it shows them (docs/assets/search-worker.js).
GROUP_FILTER = "gruppe"
_groups: dict[str, dict[str, str]] = {}  # language -> page's source file -> its path
# The editors' guide (every page below docs/redaktion/, whoever adds one) is a search of its own,
# with an index of its own: the residents' index never holds it, and on the guide's pages the
# search box asks only the guide's (overrides/base.html loads the worker there with
# ?bereich=redaktion; docs/assets/search-worker.js). Not a Pagefind filter: Pagefind writes a
# filter's values in a random order, so two builds of one commit would differ.
GUIDE_FOLDER = "redaktion/"
GUIDE_SCOPE = "redaktion"
SCOPE_PARAMETER = "bereich"
GUIDE_INDEX = "pagefind-redaktion"
# The guide's article carries this instead of data-pagefind-body, which keeps it out of the
# residents' index; the guide's own run takes it as its root.
GUIDE_BODY = "data-ziq-guide-body"


class SearchIndexError(RuntimeError):
    pass


# Extra results are written as small pages here for the indexer and removed right after, so
# they never reach the published site. (Pagefind's Python API could take them directly, but its
# client waits 0.1 s per record: 13 minutes for 8,000 contacts.)
STAGING = "_pagefind_records"
# Where Pagefind writes the index, inside the site.
PAGEFIND_DIR = "pagefind"
# Entries per staged page. Each entry is a section with its own heading, which Pagefind returns
# as a sub-result. One page per entry cost Pagefind 1.3 ms each (10 s for 8,000 contacts, most of
# the search's share of the build); a page of 25 is still small to load for a result.
ENTRIES_PER_PAGE = 25


def pagefind_executable() -> Path:
    import pagefind_bin

    return Path(pagefind_bin.get_executable())


def record_pages(records: list[dict], language: str = "de") -> list[str]:
    """The staged pages: the records of each target page, a few per staged page, in order."""
    by_page: dict[tuple[str, str], list[dict]] = {}
    for record in records:
        path, _, anchor = record["url"].partition("#")
        if not anchor:
            raise SearchIndexError(f"Ein Sucheintrag braucht einen Anker (#…): {record['url']}")
        by_page.setdefault((path, record.get("page_title") or ""), []).append(record)
    pages = []
    for (path, page_title), entries in by_page.items():
        for start in range(0, len(entries), ENTRIES_PER_PAGE):
            pages.append(record_page(path, page_title, entries[start:start + ENTRIES_PER_PAGE],
                                     language))
    return pages


def record_page(path: str, page_title: str, entries: list[dict], language: str = "de") -> str:
    """Entries of one page as sections of a staged page. Its results point at the page (meta
    "target"), not at this file; the sub-results carry the entries' anchors. The metadata sit in
    attributes: Pagefind's "key:value" form would split a value at a comma."""
    def meta(key: str, value: str) -> str:
        return f'<meta data-pagefind-meta="{key}[content]" content="{html.escape(value)}">'

    # Weighted like running text, not like headings: a page about the same name (the project
    # "Wortschatz") ranks above its contact.
    sections = "".join(
        f'<section><h2 id="{html.escape(entry["url"].partition("#")[2])}" data-pagefind-weight="0.5">'
        f'{html.escape(entry["title"])}</h2>'
        f'<p data-pagefind-weight="0.5">{html.escape(entry["content"])}</p></section>'
        for entry in entries)
    return (f'<!doctype html><html lang="{html.escape(language)}"><head>'
            f'<title>{html.escape(page_title)}</title>{meta("title", page_title)}{meta("target", path)}'
            f'{group_meta(path)}'
            f'</head><body data-pagefind-body>{sections}</body></html>')


def group_meta(path: str) -> str:
    # A <meta> needs a name (or http-equiv, itemprop, property) to be valid HTML.
    return (f'<meta name="ziq-search-group" data-pagefind-filter="{GROUP_FILTER}[content]" '
            f'content="{html.escape(path)}">')


def stage(folder: Path, records: list[dict], language: str = "de") -> None:
    """Write the records as small pages for the indexer (Pagefind files each under the
    language of its <html lang>)."""
    if not records:
        return
    folder.mkdir(parents=True, exist_ok=True)
    for number, page in enumerate(record_pages(records, language)):
        (folder / f"{number}.html").write_text(page, encoding="utf-8")


def build_index(site: Path, records: list[dict] = (), command: list[str] | None = None) -> None:
    """Index every page that carries data-pagefind-body (overrides/base.html sets it on the
    article, so header, menu and footer stay out), plus the records, into site/pagefind/, and the
    editors' guide into site/pagefind-redaktion/; then remove the staged pages and what the site
    does not use. Every language's pages and records are in the one run: Pagefind writes an
    index per language. Raises SearchIndexError if Pagefind fails. (``command`` stands in for
    Pagefind in a test.)"""
    staging = site / STAGING
    try:
        stage(staging / "de", list(records))
        runs = [command] if command is not None else index_commands(site)
        done = [subprocess.run(run, capture_output=True, text=True) for run in runs]
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    for run in done:
        if run.returncode != 0:
            raise SearchIndexError("Abbruch: der Suchindex (Pagefind) ließ sich nicht bauen:\n"
                                   + (run.stderr or run.stdout).strip())
    _sort_languages(site / PAGEFIND_DIR / "pagefind-entry.json")
    for folder in (PAGEFIND_DIR, GUIDE_INDEX):
        for name in UNUSED:
            (site / folder / name).unlink(missing_ok=True)
        shutil.rmtree(site / folder / "playground", ignore_errors=True)


def _sort_languages(entry: Path) -> None:
    """Pagefind lists the languages of its index in a random order: two builds of one commit
    would differ. The order means nothing to its loader."""
    if not entry.is_file():
        return
    data = json.loads(entry.read_text(encoding="utf-8"))
    if isinstance(data.get("languages"), dict):
        data["languages"] = dict(sorted(data["languages"].items()))
        entry.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def index_commands(site: Path) -> list[list[str]]:
    """Pagefind for the site, and again for the guide if it has pages (a few hundredths of a
    second for a handful of pages)."""
    command = [str(pagefind_executable()), "--site", str(site), "--silent"]
    for selector in EXCLUDE:
        command += ["--exclude-selectors", selector]
    runs = [command]
    if any((site / GUIDE_FOLDER).rglob("*.html")):
        runs.append(command + ["--glob", f"{GUIDE_FOLDER}**/*.html", "--root-selector", f"[{GUIDE_BODY}]",
                               "--output-subdir", GUIDE_INDEX])
    return runs


def on_pre_build(config, **_kwargs) -> None:
    # `mkdocs serve` keeps this module between builds.
    _records[_language(config)] = []
    _groups[_language(config)] = {}


def on_page_markdown(markdown: str, page, **_kwargs) -> str:
    search = dict(page.meta.get("search") or {})
    # A page its editors keep out of the search stays out of Pagefind's index too.
    page.meta["pagefind"] = not search.get("exclude", False)
    page.meta["search"] = {**search, "exclude": True}
    page.meta["search_scope"] = search_scope(page.file.src_uri)
    return markdown


def search_scope(src_uri: str) -> str | None:
    return GUIDE_SCOPE if src_uri.startswith(GUIDE_FOLDER) else None


def _language(config) -> str:
    """A translation's build carries its code (macros/build/languages.py); German has none."""
    return (config.get("extra") or {}).get("language") or "de"


def on_page_context(context, page, config, **_kwargs):
    records = page.meta.pop(RECORDS, None) or []
    # MkDocs' page title is HTML text ("Kontakte &amp; Adressen"); the records hold plain text.
    title = html.unescape(page.title or "")
    # A translation's pages sit below site/<code>/; the index covers the whole site.
    language = _language(config)
    if language != "de":
        records = [{**record, "url": f"/{language}/" + record["url"].lstrip("/")} for record in records]
    _records.setdefault(language, []).extend({**record, "page_title": title} for record in records)
    if records:
        _groups.setdefault(language, {})[page.file.src_uri] = records[0]["url"].partition("#")[0]
    return context


def on_post_page(output: str, page, config, **_kwargs) -> str:
    path = _groups.get(_language(config), {}).get(page.file.src_uri)
    if path is None:
        return output
    head, end, rest = output.partition("</head>")
    return head + group_meta(path) + end + rest if end else output


def on_post_build(config, **_kwargs) -> None:
    """Index the finished pages of every language (a translation's build stages its records for
    the German build, which runs after it)."""
    language = _language(config)
    if language != "de":
        stage(Path(config["site_dir"]).parent / STAGING / language, _records.get(language, []), language)
        return
    build_index(Path(config["site_dir"]), _records.get(language, []))


# Before the macros' post-build step, whose guard then checks the index too. (The priority is
# what mkdocs.plugins.event_priority sets; MkDocs is not imported, so the macros can read
# RECORDS from here without it.)
on_post_build.mkdocs_priority = 50
