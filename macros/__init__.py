"""Entry point for mkdocs-macros: the only place that knows about the plugin.

Everything else in this package is plain Python (load, validate, render) so the
site can move to another generator. Data is loaded once per build, here.
"""

from __future__ import annotations

import sys
from pathlib import Path


class DataError(Exception, SystemExit):
    """Stops a build with the German report and exit status 1.

    It is an Exception so that ``mkdocs serve`` keeps the last good preview and
    prints the report, and a SystemExit so that ``mkdocs build`` ends with it
    instead of a traceback.
    """

    code = 1


def define_env(env) -> None:
    # `mkdocs serve` calls define_env again on every rebuild but keeps imported
    # modules: drop ours so that an edit in macros/ takes effect without a restart.
    # (The package keeps its submodules as attributes too; `from . import x` would
    # find the stale one there.)
    package = sys.modules[__name__]
    for name in [n for n in sys.modules if n.startswith(__name__ + ".")]:
        del sys.modules[name]
        vars(package).pop(name.rsplit(".", 1)[1], None)
    global _ABBREVIATIONS
    from .problems import DataProblems
    from .render_documents import abbreviations_markdown
    from .validate import load_site
    from .wiring import register

    try:
        site = load_site(Path(env.project_dir) / "data")
    except DataProblems as exc:
        print(exc, file=sys.stderr)
        raise DataError("Abbruch: die Daten enthalten Fehler (siehe oben).") from None
    for warning in site.warnings:
        print(warning.format(), file=sys.stderr)
    _ABBREVIATIONS = abbreviations_markdown(site)
    register(env, site, page_url=lambda: env.page.url if env.page else "")


_ABBREVIATIONS = ""


def on_post_page_macros(env) -> None:
    """Append the glossary's abbreviations so they are explained on hover/tap everywhere."""
    env.markdown += "\n\n" + _ABBREVIATIONS + "\n"


def on_post_build(env) -> None:
    """Refuse a site that would leak or load from elsewhere; then write its security headers."""
    from .guard import check_site, report
    from .headers import write_headers

    site = Path(env.conf["site_dir"])
    problems = check_site(site, Path(env.project_dir))
    if problems:
        print(report(problems), file=sys.stderr)
        print("Abbruch: die gebaute Website hat Fehler (siehe oben).", file=sys.stderr)
        raise DataError("Abbruch: die gebaute Website hat Fehler (siehe oben).")
    write_headers(site)
