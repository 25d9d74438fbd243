"""The post-build guard and the security headers: a hostile page stops the build with a
German message naming the file; the real site passes and ships a CSP that fits it."""

from __future__ import annotations

import html
import re
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import ROOT, mkdocs_build
from macros.build.guard import _file_names, check_site
from macros.build.headers import (add_policy_meta, content_security_policy, netlify_headers, nginx_snippet,
                                  parse_netlify_headers, security_headers)
from macros.build.inline_scripts import csp_hash, known_name

HOSTILE_PAGE = """# Feindliche Seite

<script>alert("eingeschleust")</script>
<script type="application/ld+json">{"@context": "https://schema.org",}</script>
<script type="application/json">{"ok": true}</script>
<script src="https://cdn.example.net/tracker.js"></script>
<link rel="preconnect" href="https://fonts.gstatic.com">
<img src="//images.example.org/pixel.gif" alt="">
<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt="">
<picture><source srcset="bild.png 1x, https://img.example.com/b.png 2x"></picture>
<iframe src="https://www.youtube.com/embed/xyz" title="Video"></iframe>
<p style="background: url('https://bg.example.com/a.png')">Text</p>

Fehlerbericht: Traceback (most recent call last): File "/root/build.py"
"""

HOSTILE_CSS = "@font-face { font-family: X; src: url(https://fonts.gstatic.com/s/x.woff2); }\n"


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory):
    from helpers import copy_project

    project = copy_project(tmp_path_factory.mktemp("hostile") / "project")
    page = HOSTILE_PAGE + f"\nGebaut in {project.resolve()}/docs\n"
    (project / "docs" / "feindlich.md").write_text(page, encoding="utf-8")
    (project / "docs" / "assets" / "fremd.css").write_text(HOSTILE_CSS, encoding="utf-8")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(config.replace("  - Glossar: glossar.md",
                                                       "  - Glossar: glossar.md\n  - Feind: feindlich.md"),
                                        encoding="utf-8")
    site = project / "out"
    return project, mkdocs_build(project, site)


@pytest.mark.parametrize("expected", [
    "feindlich/index.html:",  # the file is named
    "unbekanntes Inline-Skript",
    "'alert(\"eingeschleust\")'",
    '<script type="application/ld+json"> ist kein gültiges JSON',
    "<script src> lädt von einem fremden Server: https://cdn.example.net/tracker.js",
    '<link rel="preconnect"> lädt von einem fremden Server: https://fonts.gstatic.com',
    "<img src> lädt von einem fremden Server: //images.example.org/pixel.gif",
    "<source srcset> lädt von einem fremden Server: https://img.example.com/b.png",
    "<iframe src> lädt von einem fremden Server: https://www.youtube.com/embed/xyz",
    "lädt eine Datei von einem fremden Server: https://bg.example.com/a.png",
    "Inline-Stil (<style> oder style=",
    "assets/fremd.css: lädt eine Datei von einem fremden Server: https://fonts.gstatic.com/s/x.woff2",
    "enthält einen lokalen Pfad oder Fehlerbericht: „Traceback (most recent call last)“",
    "enthält einen lokalen Pfad oder Fehlerbericht: „/root/“",
    "Abbruch: die gebaute Website hat Fehler",
])
def test_hostile_page_stops_the_build(hostile_build, expected):
    _project, result = hostile_build
    assert result.returncode != 0
    assert expected in result.output, result.output


def test_hostile_build_names_the_project_folder(hostile_build):
    project, result = hostile_build
    assert f"„{project.resolve()}“" in result.output
    # allowed things are not reported: the valid JSON block and the data: image
    assert '<script type="application/json">' not in result.output
    assert "data:image" not in result.output


def test_real_site_passes_and_ships_headers(built_site: Path):
    assert check_site(built_site, ROOT) == []
    assert (built_site / "_headers").is_file()


def test_guard_on_the_command_line(tmp_path: Path):
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "a" / "index.html").write_text(
        '<!doctype html><script src="https://evil.example/x.js"></script>'
        '<script>eval(location.hash)</script>', encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "macros.build.guard", str(site)], cwd=ROOT,
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 1
    assert "a/index.html:1: <script src> lädt von einem fremden Server: https://evil.example/x.js" in run.stderr
    assert "a/index.html:1: unbekanntes Inline-Skript" in run.stderr
    assert "a/index.html: keine Content-Security-Policy als <meta http-equiv>" in run.stderr
    (site / "a" / "index.html").write_text(
        '<!doctype html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" '
        'content="script-src \'self\'"><script src="../x.js"></script></head>', encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "macros.build.guard", str(site)], cwd=ROOT,
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr


@pytest.mark.parametrize("tag", [
    '<div STYLE = "color: red">',
    "<a href='#'\n   style='x'>",
    '<span data-note="a > b" style="x">',
    '<link rel="preload" as="image" imagesrcset="https://img.example.com/a.png 1x" href="a.png">',
    '<video poster="https://img.example.com/p.png"></video>',
    '<Picture><SOURCE SRCSET="https://img.example.com/b.png"></Picture>',
    '<div data-x="1" srcset="https://img.example.com/c.png 2x">',
])
def test_scanner_finds_watched_tags_and_attributes_however_written(tag):
    from macros.build.guard import scan_html

    found = scan_html(f"<!doctype html>\n<p>Lifestyle = Stil, poster, srcset</p>\n{tag}\n<p>Ende</p>")
    lines = {line for line, *_ in found.urls + found.styles}
    assert lines == {3}, (found, tag)


def test_scanner_counts_lines_across_many_tags():
    from macros.build.guard import scan_html

    page = "\n".join(["<p><b>x</b></p>"] * 50 + ['<p style="a">'] + ["<i>y</i>"] * 20 + ['<img src="//x.example/a.png">'])
    found = scan_html(page)
    assert [line for line, _ in found.styles] == [51]
    assert [line for line, *_ in found.urls] == [72]


def test_the_site_walk_lists_files_as_sorted_paths_do(tmp_path: Path):
    for name in ["a.txt", "a/z.html", "a/b/c.css", "a-b/x.js", "B/y.html", "a b/ü.html", "z/a/b/c/d.vcf"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    (tmp_path / "leer").mkdir()
    (tmp_path / "verweis").symlink_to(tmp_path / "a", target_is_directory=True)
    expected = [p.relative_to(tmp_path).as_posix() for p in sorted(tmp_path.rglob("*")) if p.is_file()]
    assert _file_names(tmp_path) == expected


def test_allow_list_knows_the_theme_scripts_by_shape_only():
    scope = ('__md_scope=new URL("{base}",location),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+'
             '_.charCodeAt(0)),0),__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem('
             't.pathname+"."+e)),__md_set=(e,_,t=localStorage,a=__md_scope)=>{{try{{t.setItem('
             'a.pathname+"."+e,JSON.stringify(_))}}catch(e){{}}}}')
    for base in (".", "..", "../..", "/", "/ziq/"):
        assert known_name(scope.format(base=base)), base
    for base in ('https://evil.example/', '.",alert(1),"'):
        assert known_name(scope.format(base=base)) is None, base
    assert known_name(scope.format(base=".") + ";alert(1)") is None


def test_csp_allows_exactly_the_inline_scripts_of_the_build(built_site: Path):
    from macros.build.guard import scan_html

    csp = dict(security_headers(built_site))["Content-Security-Policy"]
    assert "'unsafe-inline'" not in csp and "'unsafe-eval'" not in csp
    assert "frame-ancestors 'none'" in csp and "default-src 'none'" in csp
    inline = {csp_hash(text) for file in built_site.rglob("*.html")
              for _line, kind, text in scan_html(file.read_text(encoding="utf-8")).scripts
              if kind == ""}
    script_src = next(d for d in csp.split("; ") if d.startswith("script-src ")).split()
    # 'wasm-unsafe-eval': the search compiles Pagefind's WebAssembly; it allows no eval().
    assert script_src[1:3] == ["'self'", "'wasm-unsafe-eval'"]
    assert set(script_src[3:]) == inline


def test_headers_file_is_what_the_build_needs(built_site: Path):
    text = (built_site / "_headers").read_text(encoding="utf-8")
    assert text == netlify_headers(security_headers(built_site))
    names = {name for name, _ in parse_netlify_headers(text)}
    assert names >= {"Content-Security-Policy", "Strict-Transport-Security", "X-Content-Type-Options",
                     "Referrer-Policy", "Permissions-Policy", "X-Frame-Options"}


def test_committed_nginx_snippet_matches_the_build(built_site: Path):
    committed = (ROOT / "deploy" / "nginx" / "security-headers.conf").read_text(encoding="utf-8")
    assert committed == nginx_snippet(security_headers(built_site)), (
        "deploy/nginx/security-headers.conf ist veraltet: `make headers` ausführen und committen.")


def test_the_fast_scan_finds_what_a_full_parse_finds(built_site):
    """scan_html parses only the watched tags; on every real page it must see exactly what
    the HTML parser sees when it reads the whole page."""
    from macros.build.guard import _Scanner, scan_html

    for page in built_site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        full = _Scanner()
        full.feed(text)
        full.close()
        fast = scan_html(text)
        assert fast.urls == full.found.urls, page
        assert fast.scripts == full.found.scripts, page
        assert fast.styles == full.found.styles, page
    hostile = '<p title="a>b"><img alt="x>y" src="https://evil.example/p.png"></p><div style="color:red">'
    found = scan_html(hostile)
    assert found.urls == [(1, "<img src>", "https://evil.example/p.png")] and found.styles == [(1, "color:red")]


POLICY_META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')


def test_every_page_carries_the_policy_of_the_headers_before_any_script(built_site: Path):
    """GitLab Pages and GitHub Pages send no headers: the page's own policy is the one of
    _headers and the nginx snippet, less what only a header can carry."""
    csp = dict(security_headers(built_site))["Content-Security-Policy"]
    expected = "; ".join(d for d in csp.split("; ") if not d.startswith("frame-ancestors "))
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 10
    for page in pages:
        text = page.read_text(encoding="utf-8")
        found = POLICY_META.findall(text)
        assert [html.unescape(policy) for policy in found] == [expected], page
        meta = text.index('<meta http-equiv="Content-Security-Policy"')
        assert text.index("<meta charset=") < meta < text.index("<script") < text.index("</head>"), page
        # within the first 1024 bytes stays the charset, not pushed out by the policy
        assert text.encode("utf-8").index(b"<meta charset=") < 1024, page


def _page(head: str, body: str = "") -> str:
    return f"<!doctype html><html><head>{head}</head><body>{body}</body></html>"


THEME_SCRIPT = '__md_scope=new URL("..",location),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),' \
               '__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),' \
               '__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}}'


@pytest.mark.parametrize("head, expected", [
    # the build's own pages: accepted
    ('<meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="script-src &#x27;self&#x27; {hash}">'
     '<script>{script}</script>', None),
    ('<meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="script-src \'self\' {hash}">'
     '<script>{script}</script>', None),
    # no policy at all, or one that comes too late to cover the script before it
    ('<meta charset="utf-8"><script>{script}</script>', "keine Content-Security-Policy als <meta http-equiv>"),
    ('<meta charset="utf-8"><script>{script}</script>'
     '<meta http-equiv="Content-Security-Policy" content="script-src \'self\' {hash}">',
     "keine Content-Security-Policy als <meta http-equiv> im Kopf vor dem ersten Skript"),
    # a policy that does not allow the page's own inline script
    ('<meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="script-src \'self\'">'
     '<script>{script}</script>', "Inline-Skript fehlt in der Content-Security-Policy der Seite"),
])
def test_guard_checks_the_policy_in_the_page(tmp_path: Path, head, expected):
    (tmp_path / "index.html").write_text(_page(head.format(script=THEME_SCRIPT, hash=csp_hash(THEME_SCRIPT))),
                                         encoding="utf-8")
    problems = check_site(tmp_path)
    if expected is None:
        assert problems == []
    else:
        assert len(problems) == 1 and problems[0].startswith("index.html") and expected in problems[0], problems
    # during the build the policy is not in the pages yet; that check waits
    assert check_site(tmp_path, policy_in_page=False) == []


def test_guard_still_refuses_an_unknown_inline_script_beside_the_policy(tmp_path: Path):
    script = "window.__pwned=1"
    (tmp_path / "index.html").write_text(_page(
        f'<meta charset="utf-8"><meta http-equiv="Content-Security-Policy" '
        f'content="script-src \'self\' {csp_hash(script)}">', f"<script>{script}</script>"), encoding="utf-8")
    problems = check_site(tmp_path)
    assert len(problems) == 1 and "unbekanntes Inline-Skript" in problems[0], problems


def test_policy_goes_right_behind_the_charset_or_the_build_stops(tmp_path: Path):
    policy = content_security_policy([csp_hash(THEME_SCRIPT)])
    good = _page(f'<meta charset="utf-8"><link rel="stylesheet" href="a.css"><script>{THEME_SCRIPT}</script>')
    (tmp_path / "ok").mkdir()
    (tmp_path / "ok" / "index.html").write_text(good, encoding="utf-8")
    (tmp_path / "ohne.html").write_text(_page("<title>x</title>"), encoding="utf-8")
    (tmp_path / "spaet.html").write_text(_page(f'<script>{THEME_SCRIPT}</script>\n<meta charset="utf-8">'),
                                         encoding="utf-8")
    problems = add_policy_meta(tmp_path, policy)
    assert problems == [
        'ohne.html: kein <meta charset="utf-8"> im Kopf der Seite; dahinter gehört die Content-Security-Policy '
        '(<meta http-equiv>)',
        "spaet.html:1: <script> steht vor <meta charset>: die Content-Security-Policy dahinter gälte dafür nicht",
    ]
    text = (tmp_path / "ok" / "index.html").read_text(encoding="utf-8")
    assert text.index('<meta charset="utf-8">') < text.index("Content-Security-Policy") < text.index("<link")
    assert "frame-ancestors" not in text and csp_hash(THEME_SCRIPT) in text
    assert check_site(tmp_path / "ok") == []
