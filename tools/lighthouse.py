"""Benchmark, not a test: Lighthouse (npm, pinned) in Debian's Chromium, mobile preset, on four
pages of a built site served locally with its own security headers and gzip, as a host would.
Prints the four category scores per page as a table, and what cost points.

    python tools/lighthouse.py site        (make lighthouse)
"""

from __future__ import annotations

import functools
import gzip
import io
import json
import os
import shutil
import subprocess
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from macros.build.headers import parse_netlify_headers  # noqa: E402

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
PAGES = ["/", "/projekte/wortschatz/", "/kontakte/", "/asd/",
         # A translation and the right-to-left one (issue 20: Lighthouse as before).
         "/tr/", "/ar/asd/"]
COMPRESSIBLE = {".html", ".css", ".js", ".json", ".svg", ".xml"}
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
CHROME_FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--no-first-run"]


def serve(site: Path) -> tuple[ThreadingHTTPServer, str]:
    headers = parse_netlify_headers((site / "_headers").read_text(encoding="utf-8"))

    class Handler(SimpleHTTPRequestHandler):
        # Every host we would deploy to compresses text; measuring without it would blame
        # our pages for the test server.
        def send_head(self):
            path = Path(self.translate_path(self.path))
            if path.is_dir():
                path = path / "index.html"
            if (path.suffix in COMPRESSIBLE and path.is_file()
                    and "gzip" in self.headers.get("Accept-Encoding", "")):
                body = gzip.compress(path.read_bytes())
                self.send_response(200)
                self.send_header("Content-Type", self.guess_type(str(path)))
                self.send_header("Content-Encoding", "gzip")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                return io.BytesIO(body)
            return super().send_head()

        def end_headers(self):
            for name, value in headers:
                self.send_header(name, value)
            super().end_headers()

        def log_message(self, *args):
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}"


def audit(url: str, chrome: str) -> dict:
    env = {**os.environ, "CHROME_PATH": chrome}
    done = subprocess.run(
        [str(LIGHTHOUSE), url, "--output=json", "--output-path=stdout", "--quiet",
         "--only-categories=" + ",".join(CATEGORIES), "--chrome-flags=" + " ".join(CHROME_FLAGS)],
        env=env, capture_output=True, text=True, timeout=300)
    if done.returncode != 0:
        raise SystemExit(f"Lighthouse ist gescheitert bei {url}:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout)


def failing_audits(report: dict) -> list[str]:
    """What cost points, so that a score below 100 says why."""
    lines = []
    for category in CATEGORIES:
        for ref in report["categories"][category]["auditRefs"]:
            result = report["audits"][ref["id"]]
            if ref["weight"] > 0 and result.get("score") is not None and result["score"] < 1:
                lines.append(f"    {category}: {ref['id']} ({result['score']:.2f}) "
                             f"{result.get('displayValue', '')}".rstrip())
    return lines


def main(argv: list[str]) -> int:
    site = Path(argv[0] if argv else "site")
    chrome = shutil.which("chromium")
    if chrome is None or not LIGHTHOUSE.exists():
        print("Chromium oder Lighthouse fehlt: `make lighthouse` installiert beides.", file=sys.stderr)
        return 2
    httpd, base = serve(site)
    try:
        rows, notes = [], []
        for path in PAGES:
            report = audit(base + path, chrome)
            rows.append([path] + [round(report["categories"][c]["score"] * 100) for c in CATEGORIES])
            notes += [f"  {path}"] + failing_audits(report)
    finally:
        httpd.shutdown()
    width = max(len(r[0]) for r in rows)
    print(f"{'Seite':<{width}}  " + "  ".join(f"{c:>14}" for c in CATEGORIES))
    for row in rows:
        print(f"{row[0]:<{width}}  " + "  ".join(f"{v:>14}" for v in row[1:]))
    print("\nPunktabzüge:")
    print("\n".join(notes))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
