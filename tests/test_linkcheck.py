"""The weekly link checker, against a local server (the machine has no internet access)."""

from __future__ import annotations

import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from macros.staff import linkcheck


class Handler(BaseHTTPRequestHandler):
    def _answer(self, with_body: bool) -> None:
        path = self.path
        if path == "/no-head" and self.command == "HEAD":
            status = 405
        elif path in ("/ok", "/no-head"):
            status = 200
        elif path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/ok")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        else:
            status = 404
        body = b"hello"
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if with_body:
            self.wfile.write(body)

    def do_HEAD(self):
        self.server.seen.append(("HEAD", self.path))
        self._answer(False)

    def do_GET(self):
        self.server.seen.append(("GET", self.path))
        self._answer(True)

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.seen = []
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def base(server) -> str:
    return f"http://127.0.0.1:{server.server_address[1]}"


def test_head_then_get_fallback(server):
    assert linkcheck.check(base(server) + "/ok").status == 200
    result = linkcheck.check(base(server) + "/no-head")
    assert result.ok and result.status == 200
    assert ("HEAD", "/no-head") in server.seen and ("GET", "/no-head") in server.seen
    assert ("GET", "/ok") not in server.seen  # HEAD was enough


def test_broken_and_redirected_links(server):
    assert linkcheck.check(base(server) + "/moved").status == 200
    missing = linkcheck.check(base(server) + "/missing")
    assert missing.status == 404 and not missing.ok
    assert ("GET", "/missing") not in server.seen  # a plain 404 is not retried
    refused = linkcheck.check(f"http://127.0.0.1:{closed_port()}/", timeout=5)
    assert refused.status is None and not refused.ok and refused.error


def test_site_report_names_the_pages(server, tmp_path: Path, capsys):
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "index.html").write_text(
        '<link rel="canonical" href="https://own.site.example/"><a href="https://own.site.example/a/">self</a>'
        f'<a href="{base(server)}/ok">ok</a><a href="{base(server)}/missing#part">gone</a>'
        '<a href="a/">relative</a><a href="mailto:x@y.de">mail</a>', encoding="utf-8")
    (site / "a" / "index.html").write_text(f'<a href="{base(server)}/missing">gone</a>'
                                           f'<img src="{base(server)}/no-head">', encoding="utf-8")
    links = linkcheck.external_links(site)
    assert links == {f"{base(server)}/missing": ["a/index.html", "index.html"],
                     f"{base(server)}/no-head": ["a/index.html"],
                     f"{base(server)}/ok": ["index.html"]}
    assert linkcheck.main([str(site), "--timeout", "5"]) == 1
    out = capsys.readouterr()
    assert f"{base(server)}/missing: HTTP 404; verlinkt auf a/index.html, index.html" in out.err
    assert "3 externe Links geprüft, 1 defekt." in out.out


def test_all_links_fine(server, tmp_path: Path):
    (tmp_path / "index.html").write_text(f'<a href="{base(server)}/ok">ok</a>', encoding="utf-8")
    assert linkcheck.main([str(tmp_path)]) == 0
