"""Safe HTML building blocks. Every data string passes through here on its way to a page.

Macros return HTML, never Markdown built from data: a ``|`` in a table cell, a
``[x](javascript:…)`` or raw ``<script>`` in data must show as text. Only fields
declared as long text may use Markdown, rendered here with raw HTML switched
off and links limited to https, mailto and tel.
"""

from __future__ import annotations

from functools import lru_cache

import html
import json
import re
import xml.etree.ElementTree as ET
from datetime import date

import markdown
from babel.dates import format_date
from markupsafe import Markup, escape

from .i18n import N_, _, direction, fill

__all__ = ["Markup", "escape", "tag", "join", "sentence", "isolate", "long_text", "inline_md",
           "german_date", "german_month", "status_badge"]


# Elements without an end tag: "<br></br>" is an HTML error (the Nu checker reports it).
VOID_ELEMENTS = {"area", "br", "col", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def _escaped(value) -> str:
    """The value as HTML text: Markup stays as it is, everything else is escaped.

    markupsafe.escape would do the same, but wraps every piece in a new Markup on the way; at
    city scale the pages are built from millions of pieces, and that wrapping took about a
    third of the macros' rendering time (bench/README.md)."""
    as_html = getattr(value, "__html__", None)
    return as_html() if as_html is not None else html.escape(str(value))


def tag(name: str, content: str | Markup = "", /, **attrs) -> Markup:
    """``tag("a", "x", href=url, class_="y")``; content and attributes are escaped."""
    parts = [name]
    for key, value in attrs.items():
        if value is None or value is False:
            continue
        key = key.rstrip("_").replace("_", "-")
        parts.append(key if value is True else f'{key}="{_escaped(value)}"')
    if name in VOID_ELEMENTS:
        if content:
            raise ValueError(f"<{name}> kann keinen Inhalt haben")
        return Markup(f"<{' '.join(parts)}>")
    return Markup(f"<{' '.join(parts)}>{_escaped(content)}</{name}>")


def join(items, separator: str = "") -> Markup:
    return Markup(_escaped(separator).join([_escaped(item) for item in items]))


def script_json(data) -> str:
    """JSON for a data block (``<script type="application/…json">``): <, > and & escaped, so
    that no string can end the element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def sentence(template: str, /, **values) -> Markup:
    """A translated sentence with its values in place: ``sentence(_("Quelle: {source}"),
    source=text)``. The sentence is text like any data (a translation never becomes markup);
    each value is escaped as ``tag`` escapes content, so a value may be a link."""
    return Markup(fill(html.escape(template), **{name: _escaped(value) for name, value in values.items()}))


def isolate(value) -> Markup:
    """A name, number, address or date inside a sentence keeps its own direction on a
    right-to-left page: "Musterweg 14." would otherwise read ".Musterweg 14" inside Arabic.
    Left-to-right pages keep the value as it is."""
    return tag("bdi", value) if direction() == "rtl" else Markup(_escaped(value))


# https, mail, phone, or a relative link within the site (no scheme, not "//host").
_SAFE_LINK = re.compile(r"^(?:https://|mailto:|tel:|(?!//)[^:]*(?:[/?#]|$))", re.IGNORECASE)


class _SafeLinks(markdown.treeprocessors.Treeprocessor):
    """Drop links and images whose target could run code or load from elsewhere."""

    def run(self, root: ET.Element) -> None:
        for parent in root.iter():
            for child in list(parent):
                if child.tag == "img":
                    parent.remove(child)
                elif child.tag == "a":
                    # Judge the target as the browser will read it: entities decoded,
                    # control characters and spaces (which browsers skip) removed.
                    href = re.sub(r"[\x00-\x20\x7f]", "", html.unescape(child.get("href", "")))
                    if _SAFE_LINK.match(href):
                        child.set("href", href)
                    else:
                        child.tag = "span"
                        child.attrib.clear()


class _SafeMarkdown(markdown.extensions.Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        md.inlinePatterns.deregister("entity")
        md.treeprocessors.register(_SafeLinks(md), "safe_links", 0)


@lru_cache(maxsize=1)  # building a converter costs more than converting a paragraph
def _converter() -> markdown.Markdown:
    return markdown.Markdown(extensions=[_SafeMarkdown()], output_format="html")


@lru_cache(maxsize=None)  # pure; the same values recur on many pages
def long_text(text: str, *, inline: bool = False) -> Markup:
    """Markdown of a long-text field as HTML: raw HTML is shown as text, unsafe links dropped."""
    out = _converter().reset().convert(text)
    if inline and out.startswith("<p>") and out.endswith("</p>") and out.count("<p>") == 1:
        out = out[3:-4]
    return Markup(out)


# Only what can start markup inside a line; "<" and "&" become entities.
# ("-", "." or "+" only matter at the start of a line, which a heading's text never is.)
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]#])")


def inline_md(text: str) -> str:
    """A data string placed in Markdown (e.g. a page heading) that stays literal text.

    Markdown escapes first, entities second: the other way round, the "#" of the entity of a
    quote ("&#34;") was escaped too, and the page title read "&#34;" instead of a quote."""
    return str(escape(_MD_SPECIAL.sub(r"\\\1", str(text))))


def german_date(value: date) -> str:
    """26. November 2019"""
    return format_date(value, "d. MMMM y", locale="de_DE")


def short_date(value: date) -> str:
    """26.11.2019"""
    return format_date(value, "dd.MM.y", locale="de_DE")


def german_month(value: str) -> str:
    """'2019-07' -> 'Juli 2019'; '2018' -> '2018'."""
    if len(value) == 4:
        return value
    year, month = value.split("-")
    return format_date(date(int(year), int(month), 1), "MMMM y", locale="de_DE")


def dl_row(label: str, value) -> Markup:
    """One term and its value in a definition list."""
    return tag("dt", label) + "\n" + tag("dd", value) + "\n"


def scroll_box(table: Markup, label: str) -> Markup:
    """A wide table scrolls in its own focusable box on a phone instead of widening the page."""
    return tag("div", table, class_="ziq-scroll", tabindex="0", role="region", aria_label=label)


_STATUS_LABEL = {
    "example": (N_("Beispieldaten"), N_("Dieser Eintrag ist ein Beispiel, keine bestätigte Angabe.")),
    "inferred": (N_("abgeleitet, zu bestätigen"),
                 N_("Diese Angabe folgt aus der Drucksache, steht dort aber nicht ausdrücklich.")),
}


def status_badge(status: str | None) -> Markup:
    if status not in _STATUS_LABEL:
        return Markup("")
    label, title = _STATUS_LABEL[status]
    return tag("span", _(label), class_=f"ziq-badge ziq-badge--{status}", title=_(title))
