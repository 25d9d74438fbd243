"""Security headers for the built site: one policy, written for Netlify/Cloudflare Pages
(``site/_headers``), as an nginx snippet (``deploy/nginx/security-headers.conf``), and into
every page as ``<meta http-equiv="Content-Security-Policy">``: GitLab Pages and GitHub Pages,
where the site is published, send no headers of ours, so only the page itself carries the
policy there.

The Content-Security-Policy allows scripts only from our own origin plus the hashes of
the theme's known inline scripts found in the build (``inline_scripts.KNOWN``); there is
no 'unsafe-inline'. The guard has already refused any other inline script.

    python -m macros.build.headers nginx site   # prints the nginx snippet for this build
"""

from __future__ import annotations

import html
import re
import sys
from pathlib import Path

from .guard import scan_html
from .inline_scripts import DATA_TYPES, csp_hash, known_name

NGINX_SNIPPET = Path("deploy/nginx/security-headers.conf")


def site_scripts(site: Path) -> list[tuple[str, str]]:
    return [(kind, script) for file in site.rglob("*.html")
            for _line, kind, script in scan_html(file.read_text(encoding="utf-8")).scripts]


def script_hashes(site: Path, scripts: list[tuple[str, str]] | None = None) -> list[str]:
    scripts = site_scripts(site) if scripts is None else scripts
    return sorted({csp_hash(script) for kind, script in scripts
                   if kind not in DATA_TYPES and known_name(script)})


def content_security_policy(hashes: list[str]) -> str:
    directives = [
        "default-src 'none'",
        # 'wasm-unsafe-eval' lets the search (Pagefind) compile its own WebAssembly file; it
        # does not allow eval() or inline scripts.
        " ".join(["script-src 'self' 'wasm-unsafe-eval'", *hashes]),
        "style-src 'self'",
        # Material's icons are data: SVGs in its stylesheet.
        "img-src 'self' data:",
        "font-src 'self'",
        # Search index chunks and JSON data files; the search runs in a same-origin worker.
        "connect-src 'self'",
        "worker-src 'self'",
        "manifest-src 'self'",
        "base-uri 'none'",
        "form-action 'self'",
        "object-src 'none'",
        "frame-ancestors 'none'",
    ]
    return "; ".join(directives)


# Browsers ignore these in a <meta> policy (and warn on the console): only a header carries them.
HEADER_ONLY = ("frame-ancestors", "report-uri", "sandbox")


def meta_policy(policy: str) -> str:
    """The policy as a page can carry it itself."""
    return "; ".join(d for d in policy.split("; ") if d.split(" ", 1)[0] not in HEADER_ONLY)


def policy_meta(policy: str) -> str:
    # Escaped for a double-quoted attribute, but the policy's many ' kept readable in the source.
    content = html.escape(meta_policy(policy), quote=False).replace('"', "&quot;")
    return f'<meta http-equiv="Content-Security-Policy" content="{content}">'


# A <meta> policy governs only what comes after it: it goes right behind the charset, which
# has to stay within the first 1024 bytes, and before anything that loads or runs.
_CHARSET = re.compile(r"""<meta\s+charset\s*=\s*["']?utf-8["']?\s*/?>""", re.I)
_LOADS = re.compile(r"<(?:script|style|link)\b", re.I)


def add_policy_meta(site: Path, policy: str) -> list[str]:
    """Put the policy into every page of the site; the German problems of pages where it
    cannot stand early enough (then the build stops)."""
    meta = policy_meta(policy)
    problems = []
    for file in sorted(site.rglob("*.html")):
        name = file.relative_to(site).as_posix()
        text = file.read_text(encoding="utf-8")
        charset = _CHARSET.search(text)
        if charset is None:
            problems.append(f"{name}: kein <meta charset=\"utf-8\"> im Kopf der Seite; dahinter gehört die "
                            f"Content-Security-Policy (<meta http-equiv>)")
            continue
        early = _LOADS.search(text, 0, charset.start())
        if early is not None:
            line = text.count("\n", 0, early.start()) + 1
            problems.append(f"{name}:{line}: <{early.group(0)[1:]}> steht vor <meta charset>: die "
                            f"Content-Security-Policy dahinter gälte dafür nicht")
            continue
        file.write_text(f"{text[:charset.end()]}\n      {meta}{text[charset.end():]}", encoding="utf-8")
    return problems


def security_headers(site: Path, scripts: list[tuple[str, str]] | None = None) -> list[tuple[str, str]]:
    return [
        ("Content-Security-Policy", content_security_policy(script_hashes(site, scripts))),
        ("Strict-Transport-Security", "max-age=31536000; includeSubDomains"),
        ("X-Content-Type-Options", "nosniff"),
        ("X-Frame-Options", "DENY"),
        ("Referrer-Policy", "no-referrer"),
        ("Permissions-Policy", "accelerometer=(), camera=(), geolocation=(), gyroscope=(), "
                               "magnetometer=(), microphone=(), payment=(), usb=()"),
    ]


def netlify_headers(headers: list[tuple[str, str]]) -> str:
    """The ``_headers`` format of Netlify and Cloudflare Pages: every path gets them."""
    return "/*\n" + "".join(f"  {name}: {value}\n" for name, value in headers)


def nginx_snippet(headers: list[tuple[str, str]]) -> str:
    lines = ["# Generated by `make headers` from the built site (macros/build/headers.py); do not edit.",
             "# Include in the server block that serves site/. Repeat it in any location block",
             "# that has add_header of its own (nginx does not inherit add_header then)."]
    lines += [f'add_header {name} "{value}" always;' for name, value in headers]
    return "\n".join(lines) + "\n"


def parse_netlify_headers(text: str) -> list[tuple[str, str]]:
    """Read back the ``/*`` block of a ``_headers`` file (for the test server)."""
    headers = []
    for line in text.splitlines():
        if line.startswith("  ") and ":" in line:
            name, value = line.strip().split(":", 1)
            headers.append((name.strip(), value.strip()))
    return headers


def write_headers(site: Path, scripts: list[tuple[str, str]] | None = None) -> str:
    """Write site/_headers; the Content-Security-Policy, for the pages themselves."""
    headers = security_headers(site, scripts)
    (site / "_headers").write_text(netlify_headers(headers), encoding="utf-8")
    return dict(headers)["Content-Security-Policy"]


def main(argv: list[str]) -> int:
    if len(argv) != 2 or argv[0] != "nginx":
        print("Aufruf: python -m macros.build.headers nginx SITE-ORDNER", file=sys.stderr)
        return 2
    sys.stdout.write(nginx_snippet(security_headers(Path(argv[1]))))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
