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
    """What one build shares between define_env and the page and build events. One per build
    (kept on the plugin's env): a language's build runs inside the German one's."""

    site = None          # the validated data, its texts in this build's language
    history = None       # "Stand" dates from git
    used = None          # data files the current page's macros read
    every_page: list[str] = []  # data files of what ends every page
    closing = ""         # emergency block and the glossary's abbreviations, as Markdown
    closing_searchable = ""  # the same with the emergency block in the search index
    title_given = False  # the current page's title comes from mkdocs.yml or its front matter
    catalogue = None     # the language's catalogue; None: German
    language = "de"


def _state(env) -> _Build:
    state = getattr(env, "ziq_build", None)
    if state is None:
        state = env.ziq_build = _Build()
    return state


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
    """Load and check the data (and, in German, the translations), put its texts into the
    build's language, then register the macros; stop with the German report."""
    _forget_changed_code()
    from .build.search_hook import RECORDS
    from .data.history import History, last_commit_epoch
    from .data.problems import DataProblems
    from .data.validate import load_site
    from .render import i18n
    from .render.documents import abbreviations_markdown
    from .render.emergency import emergency_block
    from .render.macro_table import register
    from .render.usage import TrackedSite, UsedFiles

    state = _state(env)
    project_dir = Path(env.project_dir)
    conf = getattr(env, "conf", None) or {}
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
    state.language = (conf.get("extra") or {}).get("language") or "de"
    if state.language == "de":
        # Not in the preview, which shows German only: the check reads every translated page and
        # catalogue (0.18 s of each rebuild); `make check`, pre-commit and every build name them.
        if not _previewing(conf):
            _check_translations(project_dir, site, conf)
        for warning in site.warnings:
            print(warning.format(), file=sys.stderr)
    else:
        state.catalogue = _catalogue(project_dir, state.language)
        site = _translated(site, state.catalogue)
    i18n.activate(state.catalogue)

    used = UsedFiles()
    tracked = TrackedSite(site, used)
    state.site, state.history, state.used = site, History(project_dir), used
    # A str, not Markup: str + Markup would escape the page it is added to.
    abbreviations = abbreviations_markdown(tracked)
    state.closing = str(emergency_block(tracked)) + "\n\n" + abbreviations
    state.closing_searchable = str(emergency_block(tracked, searchable=True)) + "\n\n" + abbreviations
    state.every_page = used.paths

    def hand_to_search(records: list[dict]) -> None:
        if env.page is not None:
            env.page.meta[RECORDS] = records  # macros/build/search_hook.py picks them up

    register(env, tracked, page_url=lambda: env.page.url if env.page else "",
             site_url=conf.get("site_url") or "", used=used, project_dir=project_dir,
             search_records=hand_to_search, in_language=state.language != "de")


def _check_translations(project_dir: Path, site, conf) -> None:
    """The German build checks every language once: its line in mkdocs.yml, its catalogue, its
    pages. Errors stop the build; outdated translations are named and the build goes on."""
    from .data import translations
    from .data.problems import report

    from .data.siteconfig import load_config

    config = load_config(project_dir)  # mkdocs.yml with lines, for the messages
    found, problems = translations.languages(config.data, config.line_of, config.path)
    problems += translations.check(project_dir, site, found)
    if problems:
        print(report(problems), file=sys.stderr)
    if any(p.severity == "error" for p in problems):
        raise DataError("Abbruch: die Übersetzungen enthalten Fehler (siehe oben).")


def _catalogue(project_dir: Path, code: str):
    from .data.translations import load_catalogue

    catalogue, _problems = load_catalogue(project_dir, code)  # the German build reported them
    return catalogue


def _translated(site, catalogue):
    from .data.translations import translate

    return translate(site, catalogue)


def on_pre_page_macros(env) -> None:
    from .render import i18n

    state = _state(env)
    i18n.activate(state.catalogue)
    if state.used is not None:
        state.used.reset()
    # A title from mkdocs.yml's nav or the page's front matter stays; see on_post_page_macros.
    state.title_given = "title" in vars(env.page) or "title" in env.page.meta


def _title_from_heading(env) -> None:
    """mkdocs-macros sets the title of a page whose heading calls a macro to the heading's
    Markdown source, macros rendered: the tab and the header bar then showed Markdown escapes
    ("Schüler\\*innen") and the data's entities. Dropped, MkDocs takes the title from the heading
    as rendered, as for every other page: HTML text, escaped once (overrides/base.html)."""
    if not _state(env).title_given:
        vars(env.page).pop("title", None)  # MkDocs' weak_property: the set value hides the derived one


def _with_notice(markdown: str, notice: str) -> str:
    """The notice right below the page's heading (or at its top if it has none)."""
    if not notice:
        return markdown
    head, newline, rest = markdown.partition("\n")
    if head.startswith("# "):
        return head + "\n\n" + notice + "\n" + newline + rest
    return notice + "\n\n" + markdown


def on_post_page_macros(env) -> None:
    """End the page with "Stand", "Fehler melden" and the data files it shows, the emergency
    block and the glossary's abbreviations (explained on hover/tap); a translation says at its
    top whether it is reviewed and current."""
    from .render.pageinfo import edit_links, page_info, report_link, translation_notice
    from .render.script_texts import script_texts_json
    from .render.template_texts import template_texts

    state = _state(env)
    _title_from_heading(env)
    project_dir = Path(env.project_dir)
    page_file = os.path.relpath(env.page.file.abs_src_path, project_dir)
    own = state.used.paths if state.used is not None else []
    shown = sorted({*own, *state.every_page})
    template = (env.conf.get("extra") or {}).get("report_url")
    page_url = (env.conf.get("site_url") or "") + env.page.url
    changed = state.history.last_changed([page_file, *shown]) if state.history is not None else None
    # The files of what ends every page (emergency block, abbreviations) would stand under every
    # page; only the page's own data files are named (docs/redaktion/index.md names the others).
    documents = state.site.documents if state.site is not None else {}
    files = edit_links([path for path in own if path in documents], env.conf.get("repo_url"),
                       env.conf.get("edit_uri"), os.path.relpath(env.conf["docs_dir"], project_dir))
    info = page_info(changed, report_link(template, page_url) if template else None, files)
    closing = state.closing_searchable if env.page.meta.get("emergency_in_search") else state.closing
    if state.language != "de":
        from .data.translations import page_translation

        docs_root = Path(env.conf["docs_dir"]).parent
        translation = page_translation(docs_root, state.language, env.page.file.src_uri)
        german = "../" * (env.page.url.count("/") + 1) + env.page.url
        notice = translation_notice(german, translation.outdated, not translation.reviewed
                                    or not (state.catalogue and state.catalogue.reviewed))
        env.markdown = _with_notice(env.markdown, str(notice))
    env.markdown += "\n\n" + str(info) + "\n\n" + closing + "\n"
    # The words our template overrides add, in the page's language (overrides/partials/*.html),
    # and those of the page script (docs/assets/ziq.js has the German built in).
    env.page.meta["ziq_texts"] = template_texts()
    if state.language != "de":
        env.page.meta["ziq_script_texts"] = script_texts_json()


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

    from .render import i18n

    state = _state(env)
    if state.language != "de":
        return  # a language's build: the German one writes and checks the whole site after it
    i18n.activate(None)
    site_dir = Path(env.conf["site_dir"])
    if state.site is not None:
        write_files(state.site, site_dir, env.conf.get("site_url") or "")
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
