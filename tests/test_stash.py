"""Large macro HTML goes around Markdown (macros/stash.py): the pages come out the same."""

from __future__ import annotations

import markdown
import pytest
from markupsafe import Markup

from helpers import copy_project, mkdocs_build
from macros.stash import META_KEY, keep, restore

BLOCK = Markup('<div class="ziq-contacts">' + "".join(
    f'<h3 id="k{i}">Kontakt {i} &amp; Co</h3><p>Telefon <a href="tel:+49">0 20 41</a></p>'
    for i in range(20)) + "</div>")


@pytest.mark.parametrize("before, after", [
    ("# Titel\n\n", "\n\nText danach."),
    ("# Titel\n", "\nText danach."),            # no blank lines around
    ("Ein Satz davor.\n\n", ""),
    ("!!! note \"Hinweis\"\n    ", "\n"),       # inside an admonition
    ("- Punkt\n\n    ", "\n"),                  # inside a list item
])
def test_placeholder_renders_like_the_block(before, after):
    extensions = ["abbr", "admonition", "attr_list", "md_in_html", "tables", "toc"]
    direct = markdown.markdown(before + BLOCK + after, extensions=extensions)
    meta: dict = {}
    placeholder = keep(meta, BLOCK)
    assert placeholder != BLOCK and len(placeholder) < 40 and isinstance(placeholder, Markup)
    kept = markdown.markdown(before + placeholder + after, extensions=extensions)
    assert restore(kept, meta[META_KEY]) == direct


def test_small_and_inline_html_stays_in_the_markdown():
    meta: dict = {}
    small = Markup('<div class="x">kurz</div>')
    inline = Markup('<a href="tel:+49">' + "0" * 600 + "</a>")
    assert keep(meta, small) is small and keep(meta, inline) is inline
    assert META_KEY not in meta


def test_site_is_the_same_with_and_without_the_shortcut(tmp_path):
    with_hook = copy_project(tmp_path / "a")
    without = copy_project(tmp_path / "b")
    config = without / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "  - macros/stash.py\n" in text
    config.write_text(text.replace("  - macros/stash.py\n", ""), encoding="utf-8")
    for project in (with_hook, without):
        result = mkdocs_build(project)
        assert result.returncode == 0, result.output
    pages = sorted(p.relative_to(with_hook / "site") for p in (with_hook / "site").rglob("*.html"))
    assert len(pages) > 15
    kept = 0
    for page in pages:
        a = (with_hook / "site" / page).read_text(encoding="utf-8")
        b = (without / "site" / page).read_text(encoding="utf-8")
        # Markdown puts a line break between top-level elements of a raw block; that is all.
        assert a.replace("\n", "") == b.replace("\n", ""), page
        assert a.count("\n") <= b.count("\n"), page
        assert "data-ziq-html" not in a
        kept += "ziq-emergency" in a
    assert kept == len(pages) - 1  # every page but 404 has the (kept) emergency block
