"""The mkdocs-macros adapter, and the only module that knows the plugin.

It loads the data once per build, registers the macros, adds what ends every page, and after
the build writes the files beside the pages and runs the guard. The work itself is plain Python
in four parts, imported one way: ``data`` (read and check) <- ``render`` (escaped HTML) <-
``build`` (files beside the pages, checks of the built site); ``staff`` holds the commands.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


class DataError(Exception, SystemExit):
    """Stops a build with the German report and exit status 1.

    It is an Exception so that ``mkdocs serve`` keeps the last good preview and
    prints the report, and a SystemExit so that ``mkdocs build`` ends with it
    instead of a traceback.
    """

    code = 1


class _Build:
    """What one build shares between define_env and the page and build events."""

    site = None          # the validated data
    history = None       # "Stand" dates from git
    used = None          # data files the current page's macros read
    every_page: list[str] = []  # data files of what ends every page
    closing = ""         # emergency block and the glossary's abbreviations, as Markdown
    closing_searchable = ""  # the same with the emergency block in the search index
    title_given = False  # the current page's title comes from mkdocs.yml or its front matter


_CODE_STAMP: tuple = ()


def _forget_changed_code() -> None:
    """`mkdocs serve` calls define_env again on every rebuild but keeps imported modules: drop
    ours when a file below macros/ changed, so that an edit takes effect without a restart."""
    global _CODE_STAMP
    folder = Path(__file__).parent
    stamp = tuple(sorted((str(p), p.stat().st_mtime_ns) for p in folder.rglob("*.py")))
    if stamp == _CODE_STAMP:
        return  # importing the models again costs most of a second of every preview
    for name in [n for n in sys.modules if n.startswith(__name__ + ".")]:
        del sys.modules[name]
    for part in ("data", "render", "build", "staff"):
        vars(sys.modules[__name__]).pop(part, None)  # `from . import x` would find the stale one
    _CODE_STAMP = stamp


def define_env(env) -> None:
    """Load and check the data, then register the macros; stop with the German report."""
    _forget_changed_code()
    from .build.search_hook import RECORDS
    from .data.history import History, last_commit_epoch
    from .data.problems import DataProblems
    from .data.validate import load_site
    from .render.documents import abbreviations_markdown
    from .render.emergency import emergency_block
    from .render.macro_table import register
    from .render.usage import TrackedSite, UsedFiles

    project_dir = Path(env.project_dir)
    # The sitemap's dates and its gzip header come from the last commit, not the clock.
    if "SOURCE_DATE_EPOCH" not in os.environ:
        seconds = (last_commit_epoch(project_dir).output() or "").strip()
        if seconds:
            os.environ["SOURCE_DATE_EPOCH"] = seconds
    try:
        site = load_site(project_dir / "data")
    except DataProblems as exc:
        print(exc, file=sys.stderr)
        raise DataError("Abbruch: die Daten enthalten Fehler (siehe oben).") from None
    for warning in site.warnings:
        print(warning.format(), file=sys.stderr)

    used = UsedFiles()
    tracked = TrackedSite(site, used)
    _Build.site, _Build.history, _Build.used = site, History(project_dir), used
    # A str, not Markup: str + Markup would escape the page it is added to.
    abbreviations = abbreviations_markdown(tracked)
    _Build.closing = str(emergency_block(tracked)) + "\n\n" + abbreviations
    _Build.closing_searchable = str(emergency_block(tracked, searchable=True)) + "\n\n" + abbreviations
    _Build.every_page = used.paths
    conf = getattr(env, "conf", None) or {}

    def hand_to_search(records: list[dict]) -> None:
        if env.page is not None:
            env.page.meta[RECORDS] = records  # macros/build/search_hook.py picks them up

    register(env, tracked, page_url=lambda: env.page.url if env.page else "",
             site_url=conf.get("site_url") or "", used=used, project_dir=project_dir,
             search_records=hand_to_search)


def on_pre_page_macros(env) -> None:
    if _Build.used is not None:
        _Build.used.reset()
    # A title from mkdocs.yml's nav or the page's front matter stays; see on_post_page_macros.
    _Build.title_given = "title" in vars(env.page) or "title" in env.page.meta


def _title_from_heading(page) -> None:
    """mkdocs-macros sets the title of a page whose heading calls a macro to the heading's
    Markdown source, macros rendered: the tab and the header bar then showed Markdown escapes
    ("Schüler\\*innen") and the data's entities. Dropped, MkDocs takes the title from the heading
    as rendered, as for every other page: HTML text, escaped once (overrides/base.html)."""
    if not _Build.title_given:
        vars(page).pop("title", None)  # MkDocs' weak_property: the set value hides the derived one


def on_post_page_macros(env) -> None:
    """End the page with "Stand", "Fehler melden" and the data files it shows, the emergency
    block and the glossary's abbreviations (explained on hover/tap)."""
    from .render.pageinfo import edit_links, page_info, report_link

    _title_from_heading(env.page)
    project_dir = Path(env.project_dir)
    page_file = os.path.relpath(env.page.file.abs_src_path, project_dir)
    own = _Build.used.paths if _Build.used is not None else []
    shown = sorted({*own, *_Build.every_page})
    template = (env.conf.get("extra") or {}).get("report_url")
    page_url = (env.conf.get("site_url") or "") + env.page.url
    changed = _Build.history.last_changed([page_file, *shown]) if _Build.history is not None else None
    # The files of what ends every page (emergency block, abbreviations) would stand under every
    # page; only the page's own data files are named (docs/redaktion/index.md names the others).
    documents = _Build.site.documents if _Build.site is not None else {}
    files = edit_links([path for path in own if path in documents], env.conf.get("repo_url"),
                       env.conf.get("edit_uri"), os.path.relpath(env.conf["docs_dir"], project_dir))
    info = page_info(changed, report_link(template, page_url) if template else None, files)
    closing = _Build.closing_searchable if env.page.meta.get("emergency_in_search") else _Build.closing
    env.markdown += "\n\n" + str(info) + "\n\n" + closing + "\n"


def _previewing(conf) -> bool:
    """True under `mkdocs serve`, which points site_url at its own address. Its reload script is
    inline and new on every request, so no policy in the page could allow it."""
    from urllib.parse import urlsplit

    address, url = conf.get("dev_addr"), urlsplit(conf.get("site_url") or "")
    return address is not None and (url.hostname, url.port) == (address.host.strip("[]"), address.port)


def on_post_build(env) -> None:
    """Write the vCards and open-data files; refuse a site that would leak or load from
    elsewhere; write its security headers, and its policy into every page. (The search index
    is built just before.)"""
    from .build.exports import write_files
    from .build.guard import check_site, report
    from .build.headers import add_policy_meta, write_headers

    site_dir = Path(env.conf["site_dir"])
    if _Build.site is not None:
        write_files(_Build.site, site_dir, env.conf.get("site_url") or "")
    scripts: list = []
    # The pages get their own policy only below, made from the scripts this check collects.
    problems = check_site(site_dir, Path(env.project_dir), scripts, policy_in_page=False)
    if not problems:
        policy = write_headers(site_dir, scripts)
        if not _previewing(env.conf):
            problems = add_policy_meta(site_dir, policy)
    if problems:
        print(report(problems), file=sys.stderr)
        print("Abbruch: die gebaute Website hat Fehler (siehe oben).", file=sys.stderr)
        raise DataError("Abbruch: die gebaute Website hat Fehler (siehe oben).")
