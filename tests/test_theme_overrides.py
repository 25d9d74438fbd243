"""Our copies of Material templates differ from the installed theme only by our fixes.

After a theme update this fails: copy the theme's new file into overrides/ and apply the
change listed here again (or drop the copy if the theme fixed it)."""

from __future__ import annotations

import re
from pathlib import Path

import material
import pytest

from helpers import ROOT

THEME = Path(material.__file__).parent / "templates"
HEADER = re.compile(r"\A\{#-.*?-#\}\n", re.S)

FIXES = {
    "base.html": [
        ('<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">',
         '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer">'),
        ('<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" autocomplete="off">',
         '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search">'),
        ('"search": "assets/javascripts/workers/search.a7633da7.min.js" | url,',
         '"search": worker ~ worker_query,'),
        # Issue 20: the page's language and direction, its other languages, one search worker
        # for every language, the script's texts.
        ('<html lang="{{ lang.t(\'language\') }}" class="no-js">',
         '<html lang="{{ lang.t(\'language\') }}" dir="{{ config.theme.direction or lang.t(\'direction\') }}" class="no-js">'),
        ('      {% if config.extra.alternate is iterable %}\n        {% for alt in config.extra.alternate %}\n          <link rel="alternate" href="{{ alt.link | url }}" hreflang="{{ alt.lang | d(lang.t(\'language\')) }}">\n        {% endfor %}\n      {% endif %}',
         '      {#- ziq: this page in the languages it exists in (macros/build/languages.py). The rel\n          value starts with a space, which browsers and search engines drop (rel is a set of\n          tokens) but Material\'s selector link[rel=alternate] does not: Material fetches a\n          sitemap.xml beside every such link to redirect language switches, five needless\n          requests on every page view; our switcher links the page itself. -#}\n      {% for alt in ziq_languages | d([]) if alt.exists %}\n        <link rel=" alternate" href="{{ alt.url or alt.href }}" hreflang="{{ alt.code }}">\n        {% if alt.code == "de" %}<link rel=" alternate" href="{{ alt.url or alt.href }}" hreflang="x-default">{% endif %}\n      {% endfor %}'),
        ('      {% set _ = namespace() %}',
         '      {% set _ = namespace() %}\n      {#- ziq: one search worker for every language, at the German site\'s root; it searches the\n          page\'s language (?sprache=) or the editors\' guide (?bereich=) -#}\n      {% set worker = ziq_site_root ~ "assets/search-worker.js" if ziq_site_root is defined else "assets/search-worker.js" | url %}\n      {% if page and page.meta and page.meta.search_scope %}\n        {% set worker_query = "?bereich=" ~ page.meta.search_scope %}\n      {% elif lang.t("language") != "de" %}\n        {% set worker_query = "?sprache=" ~ lang.t("language") %}\n      {% else %}\n        {% set worker_query = "" %}\n      {% endif %}'),
        ('    {% block scripts %}',
         '    {%- if page and page.meta and page.meta.ziq_script_texts %}\n      <script id="ziq-texts" type="application/json">{{ page.meta.ziq_script_texts }}</script>\n    {%- endif %}\n    {% block scripts %}'),
        ('<article class="md-content__inner md-typeset">',
         '<article class="md-content__inner md-typeset"{% if page and page.meta and page.meta.pagefind %}'
         ' {{ "data-ziq-guide-body" if page.meta.search_scope else "data-pagefind-body" }}{% endif %}>'),
        ('<title>{{ page.title | striptags }} - {{ config.site_name }}</title>',
         '<title>{{ page.title | striptags | e }} - {{ config.site_name }}</title>'),
        ('<meta name="description" content="{{ page.meta.description }}">',
         '<meta name="description" content="{{ page.meta.description | e }}">'),
        ('<meta name="description" content="{{ config.site_description }}">',
         '<meta name="description" content="{{ config.site_description | e }}">'),
    ],
    "partials/search.html": [
        ('<div class="md-search" data-md-component="search" role="dialog">',
         '{% set search_label = "Anleitung durchsuchen" if page and page.meta'
         ' and page.meta.search_scope == "redaktion" else lang.t("search.placeholder") %}\n'
         '<div class="md-search" data-md-component="search" role="dialog" aria-label="{{ lang.t(\'search\') }}">'),
        ('aria-label="{{ lang.t(\'search.placeholder\') }}"'
         ' placeholder="{{ lang.t(\'search.placeholder\') }}"',
         'aria-label="{{ search_label }}" placeholder="{{ search_label }}"'),
    ],
    "partials/nav-item.html": [
        (' tabindex="{{ tabindex }}"', '{% if tabindex %} tabindex="{{ tabindex }}"{% endif %}'),
    ],
}


@pytest.mark.parametrize("name", sorted(FIXES))
def test_override_is_the_theme_file_plus_our_fix(name):
    theme = HEADER.sub("", (THEME / name).read_text(encoding="utf-8"))
    for old, new in FIXES[name]:
        assert old in theme, f"{name}: the theme changed here; re-check the fix: {old}"
        theme = theme.replace(old, new)
    ours = HEADER.sub("", (ROOT / "overrides" / name).read_text(encoding="utf-8"))
    assert ours == theme

