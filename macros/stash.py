"""Large HTML from the macros goes around Python-Markdown, not through it.

A macro's HTML is finished and escaped (macros/html.py). Python-Markdown would still parse every
tag of it to find where the raw block ends and then pass it through unchanged; on the contacts
page of a big directory that parsing was a third of the build (bench/README.md). So a large
block is kept here and a one-element placeholder of the same tag goes into the Markdown, which
Markdown treats exactly like the block (raw HTML at the same place). After Markdown, the
placeholder is replaced by the block. (One difference: inside a Markdown code block the source
shown would be the placeholder; macros' output is never meant to be shown as code.)

Two halves: `keep` runs inside the macros (through mkdocs-macros), `on_page_content` is an MkDocs
hook (mkdocs.yml `hooks:`). They meet in the page's metadata, so nothing else is shared.
"""

from __future__ import annotations

import re

META_KEY = "ziq_html"
# Smaller blocks cost Markdown little; keeping them would only add placeholders.
MIN_LENGTH = 512
# Block-level start tags only: Markdown treats those as raw HTML blocks. An inline element (a
# link in a sentence) would be wrapped in a paragraph, and the placeholder must behave the same.
_BLOCK = re.compile(r"<(div|section|aside|nav|table|ul|ol|dl|details|figure|form|h[1-6])[\s>]")
_PLACEHOLDER = re.compile(r'<(\w+) data-ziq-html="(\d+)"></\1>')


def keep(meta: dict, html: str) -> str:
    """The placeholder for a large block of finished HTML, or the HTML itself."""
    if len(html) < MIN_LENGTH:
        return html
    match = _BLOCK.match(html)
    if not match:
        return html
    blocks = meta.setdefault(META_KEY, [])
    blocks.append(str(html))
    placeholder = f'<{match.group(1)} data-ziq-html="{len(blocks) - 1}"></{match.group(1)}>'
    return type(html)(placeholder)  # Markup stays Markup, so Jinja does not escape it


def restore(text: str, blocks: list[str]) -> str:
    return _PLACEHOLDER.sub(lambda m: blocks[int(m.group(2))], text) if blocks else text


def on_page_content(html: str, page, **_kwargs) -> str:
    return restore(html, page.meta.pop(META_KEY, None) or [])
