"""``python -m macros.staff.linkcheck site``: do the external links of the built site still work?

Run weekly by CI (the build itself makes no network requests). Each address is
asked once with HEAD; servers that refuse HEAD (405, 501, or 403 as some do)
or fail on it are asked again with GET. Exit status 1 lists every broken link
and the pages that carry it.
"""

from __future__ import annotations

import argparse
import sys
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

USER_AGENT = "ziq-linkcheck/1 (+Zusammen im Quartier Bottrop; Prüfung externer Links)"
RETRY_WITH_GET = {403, 405, 501}


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.own: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "link" and attributes.get("rel") == "canonical" and attributes.get("href"):
            self.own.add(_origin(attributes["href"]))
            return
        for name, value in attrs:
            if name in ("href", "src") and value and value.startswith(("http://", "https://")):
                self.links.append(value.split("#", 1)[0])


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def external_links(site_dir: Path) -> dict[str, list[str]]:
    """Address -> pages (relative paths) that link to it.

    Links to the site's own address (its canonical links) are not external: the
    build already checks them, and before the first deployment they cannot answer.
    """
    found: dict[str, set[str]] = {}
    own: set[str] = set()
    for page in sorted(Path(site_dir).rglob("*.html")):
        parser = _Links()
        parser.feed(page.read_text(encoding="utf-8"))
        own |= parser.own
        for link in parser.links:
            found.setdefault(link, set()).add(page.relative_to(site_dir).as_posix())
    return {link: sorted(pages) for link, pages in sorted(found.items()) if _origin(link) not in own}


@dataclass(frozen=True)
class Result:
    url: str
    status: int | None  # HTTP status, None when no answer came
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.status is not None and self.status < 400


def _request(url: str, method: str, timeout: float) -> Result:
    request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return Result(url, response.status)
    except urllib.error.HTTPError as exc:
        return Result(url, exc.code, exc.reason if isinstance(exc.reason, str) else None)
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        return Result(url, None, str(reason))


def check(url: str, timeout: float = 15.0) -> Result:
    result = _request(url, "HEAD", timeout)
    if result.ok or (result.status is not None and result.status not in RETRY_WITH_GET):
        return result
    return _request(url, "GET", timeout)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m macros.staff.linkcheck")
    parser.add_argument("site_dir", type=Path, nargs="?", default=Path("site"))
    parser.add_argument("--timeout", type=float, default=15.0)
    args = parser.parse_args(argv)
    if not args.site_dir.is_dir():
        print(f"Ordner {args.site_dir} fehlt: zuerst die Website bauen (make site).", file=sys.stderr)
        return 1
    links = external_links(args.site_dir)
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda url: check(url, args.timeout), links))
    broken = [r for r in results if not r.ok]
    for result in broken:
        why = f"HTTP {result.status}" if result.status is not None else f"keine Antwort ({result.error})"
        print(f"{result.url}: {why}; verlinkt auf {', '.join(links[result.url])}", file=sys.stderr)
    print(f"{len(links)} externe Links geprüft, {len(broken)} defekt.")
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
