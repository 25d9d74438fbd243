"""Post-build guard: what must never be published, checked on the finished site.

Runs at the end of every build (``on_post_build`` in ``macros/__init__.py``) and alone as
``python -m macros.build.guard site``. It reports, in German with the file, every
- third-party URL in a loading position (scripts, stylesheets, preconnect/preload, icons,
  images, frames, media, url(...) in CSS): visitors' browsers would contact that server;
- inline script that is not one of the theme's known scripts (``inline_scripts.KNOWN``),
  every JSON data block that does not parse, and every inline style (the CSP blocks both);
- page without its own Content-Security-Policy (``<meta http-equiv>`` in the head, before the
  first script, allowing the page's inline scripts): the hosts we publish on send no headers.
  The build adds that tag after its check (``headers.add_policy_meta``); run alone, the guard
  checks it too;
- leaked local path (the project folder, /home/, /root/, /tmp/, site-packages, .venv) or
  Python traceback.
"""

from __future__ import annotations

import html
import json
import os
import re
import sys
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Iterable
from urllib.parse import urlsplit

from .inline_scripts import DATA_TYPES, SCRIPT_TYPES, csp_hash, known_name

LOADING_RELS = {"stylesheet", "preconnect", "preload", "modulepreload", "prefetch", "dns-prefetch",
                "icon", "shortcut", "apple-touch-icon", "mask-icon", "manifest"}
SRC_TAGS = {"script", "img", "source", "iframe", "frame", "audio", "video", "track", "embed", "input"}
CSS_URL = re.compile(r"""url\(\s*(['"]?)(.*?)\1\s*\)|@import\s+(['"])(.*?)\3""", re.I)
TEXT_SUFFIXES = {".html", ".css", ".js", ".json", ".xml", ".txt", ".svg", ".map", ".webmanifest"}
LEAKS = ["/home/", "/root/", "/tmp/", "site-packages", ".venv", "Traceback (most recent call last)"]


def is_foreign(url: str) -> bool:
    """True for a URL that makes the browser contact another server."""
    url = url.strip()
    if not url or url.startswith(("#", "data:")):
        return False
    parts = urlsplit(url)
    return bool(parts.netloc) or parts.scheme not in ("", "blob")


@dataclass
class _Found:
    urls: list[tuple[int, str, str]] = field(default_factory=list)   # line, where, url
    scripts: list[tuple[int, str, str]] = field(default_factory=list)  # line, type, text
    styles: list[tuple[int, str]] = field(default_factory=list)


class _Scanner(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = _Found()
        self._script: tuple[int, str] | None = None
        self._style: int | None = None
        self._text: list[str] = []

    line: int | None = None  # set by scan_html, which feeds single tags

    def handle_starttag(self, tag, attrs):
        line = self.line or self.getpos()[0]
        a = {k: v or "" for k, v in attrs}
        if tag == "link" and LOADING_RELS & set(a.get("rel", "").lower().split()):
            self.found.urls.append((line, f"<link rel=\"{a.get('rel')}\">", a.get("href", "")))
        if tag in SRC_TAGS and "src" in a:
            self.found.urls.append((line, f"<{tag} src>", a["src"]))
        for attr in ("srcset", "imagesrcset"):
            for candidate in a.get(attr, "").split(","):
                if candidate.strip():
                    self.found.urls.append((line, f"<{tag} {attr}>", candidate.split()[0]))
        if tag in ("img", "video") and a.get("poster"):
            self.found.urls.append((line, f"<{tag} poster>", a["poster"]))
        if tag in ("object",) and a.get("data"):
            self.found.urls.append((line, "<object data>", a["data"]))
        if "style" in a:
            self.found.styles.append((line, a["style"]))
        if tag == "script" and "src" not in a:
            self._script, self._text = (line, a.get("type", "").strip().lower()), []
        if tag == "style":
            self._style, self._text = line, []

    def handle_data(self, data):
        if self._script is not None or self._style is not None:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            self.found.scripts.append((*self._script, "".join(self._text)))
            self._script = None
        if tag == "style" and self._style is not None:
            self.found.styles.append((self._style, "".join(self._text)))
            self._style = None


# A start tag, with quoted attribute values that may hold ">".
_TAG = re.compile(r"""<([a-zA-Z][\w-]*)(?:[^>"']|"[^"]*"|'[^']*')*>""")
# The tags and attributes the scanner looks at; the rest of a page cannot load anything.
_WATCHED_NAMES = {"link", "script", "style", "img", "source", "iframe", "frame", "audio", "video", "track",
                  "embed", "input", "object"}
_WATCHED_ATTRIBUTE = re.compile(r"""\s(?:style|srcset|imagesrcset|poster)\s*=""", re.I)


def _watched(name: str, tag: str) -> bool:
    if name.lower() in _WATCHED_NAMES:
        return True
    # Plain substring tests first: the regular expression on every tag of a page cost a third
    # of the guard, and most tags hold none of these words.
    lower = tag.lower()
    return ("style" in lower or "srcset" in lower or "poster" in lower) and bool(_WATCHED_ATTRIBUTE.search(tag))


def scan_html(text: str) -> _Found:
    """Only the watched tags go through the HTML parser: parsing whole pages took seconds
    per build at a few hundred pages. Anything that looks like such a tag counts, even in
    a comment or a script string, so the shortcut can only report more, not less."""
    scanner = _Scanner()
    line, counted = 1, 0
    for match in _TAG.finditer(text):
        name = match.group(1)
        if not _watched(name, match.group(0)):
            continue
        snippet = match.group(0)
        end = match.end()
        name = name.lower()
        if name in ("script", "style"):
            close = _find_close(text, name, end)
            snippet += text[end:close] + f"</{name}>"
        line += text.count("\n", counted, match.start())
        counted = match.start()
        scanner.line = line
        scanner.feed(snippet)
    scanner.close()
    return scanner.found


def _find_close(text: str, name: str, start: int) -> int:
    match = re.compile(rf"</{name}\s*>", re.I).search(text, start)
    return match.start() if match else len(text)


def css_problems(css: str, where: str) -> list[str]:
    problems = []
    for match in CSS_URL.finditer(css):
        url = match.group(2) if match.group(2) is not None else match.group(4)
        if is_foreign(url):
            problems.append(f"{where}: lädt eine Datei von einem fremden Server: {url}")
    return problems


# As macros/build/headers.py writes it.
_POLICY_META = re.compile(r"""<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"\s*/?>""", re.I)
_SCRIPT = re.compile(r"<script\b", re.I)


def policy_meta_problems(text: str, name: str, scripts: list[tuple[int, str, str]]) -> list[str]:
    """The page's own policy stands in its head before any script, and allows its inline scripts."""
    meta = _POLICY_META.search(text)
    script = _SCRIPT.search(text)
    head_end = text.lower().find("</head>")
    if (meta is None or (script is not None and script.start() < meta.start())
            or (head_end >= 0 and head_end < meta.start())):
        return [f"{name}: keine Content-Security-Policy als <meta http-equiv> im Kopf vor dem ersten Skript "
                f"(GitLab Pages und GitHub Pages senden keine Header: die Seite wäre dort ungeschützt)"]
    directives = {}
    for directive in html.unescape(meta.group(1)).split(";"):
        if directive.split():
            directives.setdefault(directive.split()[0].lower(), directive.split()[1:])
    allowed = directives.get("script-src", directives.get("default-src", []))
    return [f"{name}:{line}: Inline-Skript fehlt in der Content-Security-Policy der Seite (ihr Hash): "
            f"{script.strip()[:80]!r}"
            for line, kind, script in scripts
            if kind not in DATA_TYPES and csp_hash(script) not in allowed]


def html_problems(text: str, name: str, scripts: list | None = None, policy_in_page: bool = True) -> list[str]:
    found = scan_html(text)
    if scripts is not None:
        scripts.extend((kind, script) for _line, kind, script in found.scripts)
    problems = []
    for line, where, url in found.urls:
        if is_foreign(url):
            problems.append(f"{name}:{line}: {where} lädt von einem fremden Server: {url}")
    for line, kind, script in found.scripts:
        if kind in DATA_TYPES:
            try:
                json.loads(script)
            except ValueError as exc:
                problems.append(f"{name}:{line}: <script type=\"{kind}\"> ist kein gültiges JSON ({exc})")
        elif kind not in SCRIPT_TYPES:
            problems.append(f"{name}:{line}: <script type=\"{kind}\"> ist kein erlaubter Skript-Typ")
        elif known_name(script) is None:
            problems.append(f"{name}:{line}: unbekanntes Inline-Skript (nicht in macros/build/inline_scripts.py "
                            f"freigegeben): {script.strip()[:80]!r}")
    for line, css in found.styles:
        problems += css_problems(css, f"{name}:{line}")
        problems.append(f"{name}:{line}: Inline-Stil (<style> oder style=\"…\"): die Content-Security-"
                        f"Policy blockiert ihn; bitte eine Klasse in docs/assets/*.css verwenden")
    if policy_in_page:
        problems += policy_meta_problems(text, name, found.scripts)
    return problems


def leak_problems(text: str, name: str, project_dir: Path | None) -> list[str]:
    needles = list(LEAKS)
    if project_dir is not None and len(project_dir.resolve().parts) > 1:
        needles.insert(0, str(project_dir.resolve()))
    return [f"{name}: enthält einen lokalen Pfad oder Fehlerbericht: „{needle}“"
            for needle in needles if needle in text]


def check_file(site: Path, name: str, project_dir: Path | None = None,
               policy_in_page: bool = True) -> tuple[list[str], list]:
    """The problems of one file of the site (``name`` relative to it) and its inline scripts."""
    file = site / name
    problems: list[str] = []
    scripts: list = []
    if file.suffix not in TEXT_SUFFIXES and file.name != "_headers":
        return problems, scripts
    text = file.read_text(encoding="utf-8", errors="replace")
    if file.suffix == ".html":
        problems += html_problems(text, name, scripts, policy_in_page)
    elif file.suffix == ".css":
        problems += css_problems(text, name)
    problems += leak_problems(text, name, project_dir)
    return problems, scripts


def _file_names(folder: Path, prefix: str = "") -> list[str]:
    """Every file under folder, relative to it, in the order of sorted paths. (From the
    directory entries: a stat of every file cost a quarter of the post-build check.)"""
    names: list[str] = []
    with os.scandir(folder) as entries:
        for entry in sorted(entries, key=lambda e: e.name):
            if entry.is_dir(follow_symlinks=False):  # as Path.rglob: no links followed
                names += _file_names(Path(entry.path), f"{prefix}{entry.name}/")
            elif entry.is_file():
                names.append(prefix + entry.name)
    return names


def check_site(site: Path, project_dir: Path | None = None, scripts: list | None = None,
               policy_in_page: bool = True) -> list[str]:
    """Every problem in the built site, one German line each; empty when all is well.

    Passing a list collects every (type, text) of the inline scripts on the way, so that
    the security headers need no second pass over every page. ``policy_in_page=False``: the
    pages do not carry their policy yet (the build adds it from those scripts)."""
    problems: list[str] = []
    for name in _file_names(site):
        found, found_scripts = check_file(site, name, project_dir, policy_in_page)
        problems += found
        if scripts is not None:
            scripts.extend(found_scripts)
    return problems


def report(problems: list[str]) -> str:
    return "\n".join(["Die gebaute Website darf so nicht veröffentlicht werden:",
                      *(f"  {p}" for p in problems)])


def main(argv: list[str]) -> int:
    site = Path(argv[0] if argv else "site")
    if not site.is_dir():
        print(f"Ordner {site} gibt es nicht: erst bauen (make site).", file=sys.stderr)
        return 2
    problems = check_site(site, Path.cwd())
    if problems:
        print(report(problems), file=sys.stderr)
        return 1
    print(f"{site}: keine fremden Adressen, keine unbekannten Skripte, keine lokalen Pfade.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
