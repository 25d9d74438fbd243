"""MkDocs hook (mkdocs.yml `hooks:`): the site's search index is Pagefind's.

Material's search plugin stays on because it draws the search box; it indexes no page, so its
search/search_index.json carries only the settings. Its lunr index could not hold a city-wide
directory: at 800 projects the browser needed seconds to build it before the first answer
(bench/README.md). Pagefind writes a chunked index after the build instead, and the search box
asks it through docs/assets/search-worker.js.

Self-contained on purpose: MkDocs loads hooks by file path, outside the `macros` package, and the
benchmark's frozen copy of the site (without the macros plugin) runs this hook too.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from mkdocs.plugins import event_priority

# Pagefind's ready-made interfaces; the site uses the theme's search box, so they would be
# published without ever being loaded.
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
          "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js")


class SearchIndexError(RuntimeError):
    pass


def pagefind_executable() -> Path:
    import pagefind_bin

    return Path(pagefind_bin.get_executable())


def build_index(site: Path) -> None:
    """Index every page that carries data-pagefind-body (overrides/base.html sets it on the
    article, so header, menu and footer stay out) into site/pagefind/."""
    result = subprocess.run([str(pagefind_executable()), "--site", str(site), "--silent",
                             # the "¶" permalink after every heading
                             "--exclude-selectors", ".headerlink"],
                            capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SearchIndexError("Abbruch: der Suchindex (Pagefind) ließ sich nicht bauen:\n"
                               + (result.stderr or result.stdout).strip())
    for name in UNUSED:
        (site / "pagefind" / name).unlink(missing_ok=True)
    shutil.rmtree(site / "pagefind" / "playground", ignore_errors=True)


def on_page_markdown(markdown: str, page, **_kwargs) -> str:
    search = dict(page.meta.get("search") or {})
    # A page its editors keep out of the search stays out of Pagefind's index too.
    page.meta["pagefind"] = not search.get("exclude", False)
    page.meta["search"] = {**search, "exclude": True}
    return markdown


# Before the macros' post-build step, whose guard and checks then see the finished site.
@event_priority(50)
def on_post_build(config, **_kwargs) -> None:
    build_index(Path(config["site_dir"]))
