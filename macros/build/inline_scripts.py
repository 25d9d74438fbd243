"""The theme's inline scripts that we know and allow, recognised by their exact shape.

A Content-Security-Policy without 'unsafe-inline' allows an inline script only by its
hash. We hash only scripts listed here: each is Material's text with the one part that
varies per page (the relative path back to the site root) as a slot. A script that
matches no entry is unknown and stops the build; after a theme update, compare the new
text with the theme's templates before adding it here.
"""

from __future__ import annotations

import base64
import hashlib
import re

# Material 9.8.2, partials/javascripts/base.html: storage helpers scoped to the site.
_SCOPE = (
    '__md_scope=new URL("@BASE@",location),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),'
    '__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),'
    '__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}}'
)
# Material 9.8.2, partials/javascripts/content.html: opens a content tab named in the URL.
_TAB_TARGET = (
    'var target=document.getElementById(location.hash.slice(1));'
    'target&&target.name&&(target.checked=target.name.startsWith("__tabbed_"))'
)
# "." on the start page, "..", "../.." below it, and the site's absolute path on 404.html
# (served at any address): nothing else fits the slot.
_BASE = r'(?:\.|\.\.(?:/\.\.)*|/(?:[A-Za-z0-9._~-]+/)*)'

KNOWN: dict[str, re.Pattern[str]] = {
    "Material: Speicher-Helfer (__md_scope)": re.compile(re.escape(_SCOPE).replace("@BASE@", _BASE)),
    "Material: Inhalts-Tabs (location.hash)": re.compile(re.escape(_TAB_TARGET)),
}

# Data blocks: the browser does not run them; they must be valid JSON.
DATA_TYPES = {"application/json", "application/ld+json"}
SCRIPT_TYPES = {"", "text/javascript", "module"}


def known_name(script: str) -> str | None:
    """Which allowed theme script this is, or None."""
    for name, pattern in KNOWN.items():
        if pattern.fullmatch(script):
            return name
    return None


def csp_hash(script: str) -> str:
    """The CSP source expression for an inline script's exact text."""
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"
