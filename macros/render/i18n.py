"""The language a page is rendered in: the macros' labels, dates and the texts of the script.

German is the source: a renderer writes its labels in German inside ``_()``; on a page of
another language the label comes from that language's catalogue (translations/<code>.po,
macros/data/translations.py), or stays German where the catalogue has no current entry. The
adapter activates a language for each page; with none active everything is German, which is
what the unit tests of the renderers see.

The data's own texts (summaries, goals, contact functions ...) are not translated here: the
build hands the renderers data whose texts are already in the page's language
(``translations.translate``).
"""

from __future__ import annotations

import re
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date
from typing import Iterator

from babel.dates import format_date
from babel.numbers import format_decimal

from ..data.translations import Catalogue

_active: ContextVar[Catalogue | None] = ContextVar("ziq_language", default=None)


def _(text: str) -> str:
    """The label in the page's language; German where no current translation exists."""
    catalogue = _active.get()
    return catalogue.label(text) if catalogue is not None else text


def N_(text: str) -> str:
    """Marks a label for the catalogue where it is defined (a module's table of labels); ``_()``
    translates it where it is shown, once a page's language is active."""
    return text


_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def fill(template: str, /, **values) -> str:
    """``fill(_("Alle {count} Projekte"), count=12)``. Only a ``{name}`` with a given value is
    replaced; any other brace stays as written. A translation is a translator's text: with
    ``str.format`` a stray brace in it would stop the build, and ``{count.__class__}`` would
    reach into Python's objects."""
    return _PLACEHOLDER.sub(lambda m: str(values[m.group(1)]) if m.group(1) in values else m.group(0),
                            template)


def language() -> str:
    catalogue = _active.get()
    return catalogue.code if catalogue is not None else "de"


def direction() -> str:
    catalogue = _active.get()
    return catalogue.direction if catalogue is not None else "ltr"


def page_base(page: str, base: str) -> str:
    """The root to link ``page`` (e.g. "projekte/wortschatz.md") from: ``base``, the page's
    language's root, when that language has the page; the German site's root otherwise."""
    catalogue = _active.get()
    if catalogue is None or page in catalogue.pages:
        return base
    return base + "../"


def german_fallback(page: str) -> bool:
    """True when a link to ``page`` leads to German from a page in another language."""
    catalogue = _active.get()
    return catalogue is not None and page not in catalogue.pages


@contextmanager
def speaking(catalogue: Catalogue | None) -> Iterator[None]:
    """Render in this language inside the block (None: German)."""
    token = _active.set(catalogue)
    try:
        yield
    finally:
        _active.reset(token)


def activate(catalogue: Catalogue | None) -> None:
    """For the adapter, whose page events have no block around them: one build, one language."""
    _active.set(catalogue)


# Dates as written where the residents live: "26 November 2019", not the American order.
_LOCALES = {"de": "de_DE", "en": "en_GB"}


def locale() -> str:
    """The page's language as Babel names a locale."""
    return _LOCALES.get(language(), language())


def long_date(value: date) -> str:
    """26. November 2019 / 26 November 2019 / 26 Kasım 2019 ..."""
    if language() == "de":
        return format_date(value, "d. MMMM y", locale="de_DE")
    return format_date(value, "long", locale=locale())


def month_text(value: str) -> str:
    """'2019-07' -> 'Juli 2019' ('July 2019' ...); a year alone stays as it is."""
    if len(value) == 4:
        return value
    year, month = value.split("-")
    return format_date(date(int(year), int(month), 1), "LLLL y", locale=locale())


def short_date(value: date) -> str:
    """26.11.2019 / Nov 26, 2019 / 26 Kas 2019 ...: a date among others (exceptions to opening
    hours). Not the languages' numeric short form, which reads 11/26/19 in English."""
    if language() == "de":
        return format_date(value, "dd.MM.y", locale="de_DE")
    return format_date(value, "medium", locale=locale())


def number(value: int) -> str:
    """8.000.000 / 8,000,000 ..."""
    return format_decimal(value, locale=locale())


def comma() -> str:
    """What separates the items of a list: ", ", and the Arabic comma on a right-to-left page
    (Arabic, Farsi, Urdu write "،"). CLDR's list patterns join Arabic lists with "و" (and),
    which would change every German list to "… und …" as well."""
    return "، " if direction() == "rtl" else ", "
