"""Macros of the legal pages; called from ``wiring.register``."""

from __future__ import annotations

from . import render_legal
from .validate import SiteData


def register(env, site: SiteData) -> None:
    def macro(fn):
        env.macro(fn, fn.__name__)
        return fn

    @macro
    def legal_party(path: str):
        """A body or office, e.g. ``legal_party("imprint.publisher")``."""
        return render_legal.party(site, render_legal.find_party(site, path))

    @macro
    def vat_id():
        return render_legal.vat_id(site)

    @macro
    def server_log():
        return render_legal.server_log(site)

    @macro
    def accessibility_conformance():
        return render_legal.conformance(site)

    @macro
    def accessibility_barriers(level: int = 3):
        return render_legal.barriers(site, level)

    @macro
    def accessibility_dates():
        return render_legal.statement_dates(site)

    @macro
    def accessibility_method():
        return render_legal.method(site)

    @macro
    def sign_language_video():
        return render_legal.sign_language_video(site)

    @macro
    def easy_conformance():
        return render_legal.easy_conformance(site)

    @macro
    def easy_barriers():
        return render_legal.easy_barriers(site)

    @macro
    def easy_feedback():
        return render_legal.easy_feedback(site)

    @macro
    def easy_enforcement():
        return render_legal.easy_enforcement(site)
