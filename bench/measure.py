"""Time, memory and size measurements of one project copy (no browser here)."""

from __future__ import annotations

import gzip
import json
import os
import statistics
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

BIN = Path(sys.executable).parent
CHILD = Path(__file__).with_name("child.py")
# Measured with Python's bytecode cache, as a build on an editor's machine runs: a shell that
# sets PYTHONDONTWRITEBYTECODE (this one did) made every build compile the macros from source,
# about 0.1 s of the real data's build.
# ZIQ_SPRACHEN is left out as well: a build makes every language with pages and the preview
# German only, as on an editor's machine, whatever this shell picked; the language series below
# sets it per build (macros/build/languages.py).
LANGUAGES = "ZIQ_SPRACHEN"
ENV = {**{k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", LANGUAGES)},
       "NO_MKDOCS_2_WARNING": "1"}


class BenchError(RuntimeError):
    pass


@dataclass
class Timing:
    runs: list[float]
    peak_mib: list[float]
    # CPU seconds (user + system, Pagefind's threads included) of each run, next to the wall
    # time: it separates work from waiting. (On the development machine both varied alike, by up
    # to a quarter from run to run: the processor's speed, not waiting, was the noise.)
    cpu: list[float] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.runs)

    @property
    def cpu_median(self) -> float | None:
        return statistics.median(self.cpu) if self.cpu else None

    @property
    def peak(self) -> float:
        return max(self.peak_mib)


def _child(args: list[str], cwd: Path, env: dict[str, str]) -> dict:
    # Started as a script, not with -m: no PYTHONPATH to the worktree, whose macros/
    # would otherwise shadow the copy's.
    done = subprocess.run([sys.executable, str(CHILD), *args], cwd=cwd, env=env,
                          capture_output=True, text=True)
    if done.returncode != 0:
        raise BenchError(done.stderr)
    result = json.loads(done.stdout)
    if result["returncode"] != 0:
        raise BenchError(f"{' '.join(args)} in {cwd} scheiterte:\n{result['stderr']}")
    return result


def repeat(args: list[str], cwd: Path, runs: int, env: dict[str, str] = ENV) -> Timing:
    results = [_child(args, cwd, env) for _ in range(runs)]
    return Timing([r["seconds"] for r in results], [r["max_rss_kib"] / 1024 for r in results],
                  [r["cpu_seconds"] for r in results])


def check(project: Path, runs: int) -> Timing:
    return repeat([sys.executable, "-m", "macros.staff.check"], project, runs)


def build(project: Path, runs: int, site_dir: Path | None = None, languages: str | None = None) -> Timing:
    """languages: the value of ZIQ_SPRACHEN ("" German only, "en,tr"); None builds every language
    that has pages."""
    site_dir = site_dir or project / "site"
    env = ENV if languages is None else {**ENV, LANGUAGES: languages}
    return repeat([str(BIN / "mkdocs"), "build", "--strict", "--quiet", "--site-dir", str(site_dir)],
                  project, runs, env)


def gzip_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=9, mtime=0))


@dataclass
class Sizes:
    site_bytes: int
    pages: int
    search_raw: int
    search_gz: int
    largest_page: str
    largest_page_bytes: int
    largest_page_gz: int


def is_gzip(data: bytes) -> bool:
    return data[:2] == b"\x1f\x8b"


def wire_size(data: bytes) -> int:
    """Bytes over the wire: Pagefind's chunks are stored gzipped; everything else gzip -9."""
    return len(data) if is_gzip(data) else gzip_size(data)


def search_index_size(site: Path) -> tuple[int, int]:
    """(raw, gzip) bytes of the whole search index: Pagefind's folder where there is one (its
    chunks are stored gzipped already), else the theme's single lunr file (the empty site)."""
    folder = site / "pagefind"
    if not folder.is_dir():
        index = (site / "search" / "search_index.json").read_bytes()
        return len(index), gzip_size(index)
    raw = gz = 0
    for path in (p for p in folder.rglob("*") if p.is_file()):
        data = path.read_bytes()
        raw += len(gzip.decompress(data)) if is_gzip(data) else len(data)
        gz += wire_size(data)
    return raw, gz


def sizes(site: Path) -> Sizes:
    files = [p for p in site.rglob("*") if p.is_file()]
    html = [p for p in files if p.suffix == ".html"]
    largest = max(html, key=lambda p: p.stat().st_size)
    search_raw, search_gz = search_index_size(site)
    return Sizes(
        site_bytes=sum(p.stat().st_size for p in files),
        pages=len(html),
        search_raw=search_raw,
        search_gz=search_gz,
        largest_page=largest.relative_to(site).as_posix(),
        largest_page_bytes=largest.stat().st_size,
        largest_page_gz=gzip_size(largest.read_bytes()),
    )


def disk(folder: Path) -> tuple[int, int]:
    """(bytes, files) of everything below folder."""
    files = [p for p in folder.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files), len(files)
