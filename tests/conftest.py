"""Shared fixtures: a throw-away copy of the project, the real site built once, and that site
served locally to Debian's Chromium, with its security headers or (as GitLab Pages and GitHub
Pages serve it) without."""

from __future__ import annotations

import contextlib
import functools
import shutil
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from helpers import ROOT, copy_project, mkdocs_build
from macros.build.headers import parse_netlify_headers

CHROMIUM = shutil.which("chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic"]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A private copy of the project that a test may break."""
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real project, built once with --strict into a temporary folder."""
    site = tmp_path_factory.mktemp("built") / "site"
    result = mkdocs_build(ROOT, site)
    assert result.returncode == 0, result.output
    return site


class _SiteHandler(SimpleHTTPRequestHandler):
    """Serves the build as a static host would: every response carries the headers that the
    build wrote into site/_headers (the CSP above all), so the browser enforces them."""

    headers_to_send: list[tuple[str, str]] = []

    def end_headers(self):
        for name, value in self.headers_to_send:
            self.send_header(name, value)
        super().end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def security_headers(built_site: Path) -> list[tuple[str, str]]:
    headers = parse_netlify_headers((built_site / "_headers").read_text(encoding="utf-8"))
    assert any(name == "Content-Security-Policy" for name, _ in headers)
    return headers


@contextlib.contextmanager
def serving(folder: Path, headers: list[tuple[str, str]]):
    """Serve folder on a free local port, every response with these headers; yields the address."""
    handler_class = type("Handler", (_SiteHandler,), {"headers_to_send": headers})
    handler = functools.partial(handler_class, directory=str(folder))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)  # port 0: a free port, never a fixed one
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture(scope="session")
def server(built_site: Path, security_headers):
    with serving(built_site, security_headers) as address:
        yield address


@pytest.fixture(scope="session")
def server_without_headers(built_site: Path):
    """The build as GitLab Pages and GitHub Pages serve it: none of our headers, so the policy
    in each page is all the browser gets."""
    with serving(built_site, []) as address:
        yield address


@pytest.fixture(scope="session")
def node() -> str:
    """Node.js, for the search worker's tests and Pagefind's own answers."""
    executable = shutil.which("node")
    if executable is None:
        pytest.fail("Node.js fehlt: make test installiert es (apt-get install nodejs).")
    return executable


@pytest.fixture(scope="session")
def browser():
    if CHROMIUM is None:
        pytest.fail("Chromium fehlt: `make test` installiert es (apt-get install chromium).")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()
