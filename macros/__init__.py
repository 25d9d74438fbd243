"""Entry point for mkdocs-macros: the only place that knows about the plugin.

Everything else in this package is plain Python (load, validate, render) so the
site can move to another generator. Data is loaded once per build, here.
"""

from __future__ import annotations

import atexit
import functools
import gc
import os
import sys
import threading
from pathlib import Path


class DataError(Exception, SystemExit):
    """Stops a build with the German report and exit status 1.

    It is an Exception so that ``mkdocs serve`` keeps the last good preview and
    prints the report, and a SystemExit so that ``mkdocs build`` ends with it
    instead of a traceback.
    """

    code = 1


_CODE_STAMP: tuple = ()


def _code_stamp() -> tuple:
    """Name, size and modification time of every module of this package."""
    folder = Path(__file__).parent
    return tuple(sorted((p.name, p.stat().st_size, p.stat().st_mtime_ns) for p in folder.glob("*.py")))


def _skip_last_collections() -> None:
    """At exit, Python collects garbage once more over every object still alive: everything
    the build loaded and made. That took 0.2 s after a build of the real site and 0.4 s at
    100 projects (bench/README.md), to find nothing worth freeing in a process about to end.
    (Frozen objects are left out of collections; objects freed by reference counting are
    freed as before, files included.)"""
    gc.freeze()


def define_env(env) -> None:
    # `mkdocs serve` calls define_env again on every rebuild but keeps imported
    # modules: drop ours so that an edit in macros/ takes effect without a restart.
    # (The package keeps its submodules as attributes too; `from . import x` would
    # find the stale one there.)
    # Only when a file in macros/ changed: re-importing the models costs most of a second,
    # and the preview should follow an edit of data/ or docs/ quickly.
    global _CODE_STAMP
    if not _CODE_STAMP:  # once per process
        atexit.register(_skip_last_collections)
    stamp = _code_stamp()
    if stamp != _CODE_STAMP:
        package = sys.modules[__name__]
        for name in [n for n in sys.modules if n.startswith(__name__ + ".")]:
            del sys.modules[name]
            vars(package).pop(name.rsplit(".", 1)[1], None)
        _CODE_STAMP = stamp
    global _ABBREVIATIONS, _USED, _ON_EVERY_PAGE, _HISTORY, _EMERGENCY, _SITE, _EXPORTS
    from .gitdates import History, last_commit_epoch

    # git reads the history while the modules below are imported and the data loaded.
    project_dir = Path(env.project_dir)
    history = History(project_dir)
    epoch = last_commit_epoch(project_dir) if "SOURCE_DATE_EPOCH" not in os.environ else None

    from .problems import DataProblems
    from .render_documents import abbreviations_markdown
    from .usage import TrackedSite, UsedFiles
    from .render_emergency import emergency_block
    from .validate import load_site
    from .wiring import register

    # The sitemap's dates and its gzip header come from here: the last commit, not the clock,
    # whichever command started the build.
    if epoch is not None:
        seconds = (epoch.output() or "").strip()
        if seconds:
            os.environ["SOURCE_DATE_EPOCH"] = seconds

    try:
        site = load_site(project_dir / "data")
    except DataProblems as exc:
        print(exc, file=sys.stderr)
        raise DataError("Abbruch: die Daten enthalten Fehler (siehe oben).") from None
    for warning in site.warnings:
        print(warning.format(), file=sys.stderr)
    _SITE = site
    _EXPORTS = None
    # The loaded data live until the build ends, and each full collection during the build
    # walked them again: 1.1 s of collections at 800 projects, 0.56 s with the data frozen
    # (left out of collections). Only in a one-off build: `mkdocs serve` (it runs threads)
    # loads the data again on every rebuild, and frozen objects are never freed.
    if threading.active_count() == 1:
        gc.freeze()
    conf = getattr(env, "conf", None)
    if conf is not None:
        from .guard import PageChecks
        from .guard_hook import PAGE_DONE

        conf[PAGE_DONE] = PageChecks(Path(conf["site_dir"]), project_dir)
    # Before the first page: no git process is left running when the build forks a child.
    history.read()
    _HISTORY = history
    _USED = UsedFiles()
    _ABBREVIATIONS = abbreviations_markdown(TrackedSite(site, _USED))
    _EMERGENCY = str(emergency_block(TrackedSite(site, _USED)))  # a str: str + Markup would escape the page
    _ON_EVERY_PAGE = list(_USED.paths)
    # Only with the hook that puts the blocks back; without it every block goes through Markdown.
    global _KEEP
    hooks = ((getattr(env, "conf", None) or {}).get("hooks")) or {}
    _KEEP = any(Path(name).name == "stash.py" for name in hooks)
    register(_KeepingLargeBlocks(env) if _KEEP else env, TrackedSite(site, _USED), page_url=lambda: env.page.url if env.page else "",
             site_url=(getattr(env, "conf", None) or {}).get("site_url") or "",
             used=_USED, project_dir=project_dir)


class _KeepingLargeBlocks:
    """The plugin's env, except that each macro's large HTML blocks skip Markdown
    (macros/stash.py)."""

    def __init__(self, env):
        self._env = env

    def __getattr__(self, name):
        return getattr(self._env, name)

    def macro(self, fn, name: str = ""):
        from .stash import keep

        env = self._env

        @functools.wraps(fn)
        def kept(*args, **kwargs):
            out = fn(*args, **kwargs)
            return keep(env.page.meta, out) if isinstance(out, str) and env.page is not None else out

        return env.macro(kept, name or fn.__name__)


_ABBREVIATIONS = ""
_EMERGENCY = ""
FROZEN_FILES = "_files"  # in ZIQ_FREEZE_DIR: the generated files, for the benchmark's frozen copy
_KEEP = False
_SITE = None
_USED = None
_ON_EVERY_PAGE: list[str] = []
_HISTORY = None
_EXPORTS = None


def on_pre_page_macros(env) -> None:
    if _USED is not None:
        _USED.reset()
    # The first page: MkDocs has emptied the site folder by now, and the files to download
    # depend on the data alone, so they are written meanwhile (macros/forked.py).
    global _EXPORTS
    if _EXPORTS is None and _SITE is not None:
        _EXPORTS = _start_exports(env)


def _start_exports(env):
    from . import forked

    return forked.start(functools.partial(_write_exports, _SITE, Path(env.conf["site_dir"]),
                                          env.conf.get("site_url") or "", Path(env.project_dir)))


def _write_exports(site, site_dir: Path, site_url: str, project_dir: Path, _lines=()):
    """The vCards and open-data files, next to the pages, and what the guard finds in them."""
    from .exports import files
    from .guard import check_files

    # The benchmark's frozen copy (see on_post_page_macros) ships these files as static
    # files, as a site written by hand would.
    freeze = os.environ.get("ZIQ_FREEZE_DIR")
    folders = (site_dir, Path(freeze) / FROZEN_FILES) if freeze else (site_dir,)
    written = files(site, site_url)
    for path, content in written.items():
        for folder in folders:
            target = folder / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
    return check_files(site_dir, project_dir, written)


def on_post_page_macros(env) -> None:
    """Append "Stand" and "Fehler melden", the emergency block that ends every page, and the
    glossary's abbreviations (explained on hover/tap)."""
    from .pageinfo import page_info, report_link
    from .stash import META_KEY, keep, restore

    project_dir = Path(env.project_dir)
    page_file = os.path.relpath(env.page.file.abs_src_path, project_dir)
    shown = sorted({*(_USED.paths if _USED is not None else []), *_ON_EVERY_PAGE})
    template = (env.conf.get("extra") or {}).get("report_url")
    page_url = (env.conf.get("site_url") or "") + env.page.url
    info = page_info(_HISTORY.last_changed([page_file, *shown]) if _HISTORY is not None else None,
                     report_link(template, page_url) if template else None)
    emergency = keep(env.page.meta, _EMERGENCY) if _KEEP else _EMERGENCY
    env.markdown += "\n\n" + str(info) + "\n\n" + emergency + "\n\n" + _ABBREVIATIONS + "\n"
    # The benchmark (bench/) builds the site once more from this output without the
    # macros plugin, to show what the macros themselves cost. That copy gets the blocks
    # themselves, as a site written by hand would have them.
    freeze = os.environ.get("ZIQ_FREEZE_DIR")
    if freeze:
        target = Path(freeze) / env.page.file.src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(restore(env.markdown, env.page.meta.get(META_KEY) or []), encoding="utf-8")


def on_post_build(env) -> None:
    """Wait for the vCards and open-data files and for the pages' checks; then refuse a site
    that would leak or load from elsewhere, and write its security headers."""
    from .forked import ChildFailed
    from .guard import check_site, report
    from .guard_hook import PAGE_DONE
    from .headers import write_headers
    from .search_hook import PAGEFIND_DIR, PENDING, STAGING

    site = Path(env.conf["site_dir"])
    project_dir = Path(env.project_dir)
    # Pagefind is indexing meanwhile (macros/search_hook.py), in its own process; its folder is
    # checked when it is done.
    search_index = env.conf.get(PENDING)
    busy = (PAGEFIND_DIR, STAGING) if search_index is not None else ()
    scripts: list = []
    page_checks = env.conf.get(PAGE_DONE)
    try:
        try:
            checked = (_EXPORTS or _start_exports(env)).result() or {}  # a site without pages started none
            checked.update(page_checks.answers() if page_checks is not None else {})
        except ChildFailed as exc:
            print(f"Fehler beim Bauen: {exc}", file=sys.stderr)
            raise DataError("Abbruch: die Website ließ sich nicht fertig bauen (siehe oben).") from None
        problems = check_site(site, project_dir, scripts, skip=busy, checked=checked)
    finally:
        if search_index is not None:
            search_index.wait()
    if busy:
        problems += check_site(site, project_dir, scripts, folders=(PAGEFIND_DIR,))
    if problems:
        print(report(problems), file=sys.stderr)
        print("Abbruch: die gebaute Website hat Fehler (siehe oben).", file=sys.stderr)
        raise DataError("Abbruch: die gebaute Website hat Fehler (siehe oben).")
    write_headers(site, scripts)
