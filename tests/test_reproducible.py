"""Two builds of the same commit are byte for byte identical, sitemap.xml.gz included."""

from __future__ import annotations

import gzip
import os
import re
import subprocess
from datetime import datetime, timezone
from pathlib import Path

from helpers import BIN, ROOT, site_files as files
from gitrepo import project_repo


def build(project: Path, site: Path) -> None:
    # No SOURCE_DATE_EPOCH from outside: the build must take it from the last commit itself.
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    env.update(NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1")
    done = subprocess.run([str(BIN / "mkdocs"), "build", "--strict", "--site-dir", str(site)], cwd=project,
                          env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr


def test_two_builds_of_a_commit_are_identical(tmp_path: Path):
    repo = project_repo(tmp_path / "repo", "2026-02-03")
    first, second = tmp_path / "one" / "site", tmp_path / "two" / "site"
    build(repo, first)
    build(repo, second)
    a, b = files(first), files(second)
    assert a.keys() == b.keys()
    different = [name for name in a if a[name] != b[name]]
    assert different == []
    # The sitemap's dates and its gzip header carry the commit's day, not the build's.
    sitemap = a["sitemap.xml"].decode("utf-8")
    assert set(re.findall(r"<lastmod>(.*?)</lastmod>", sitemap)) == {"2026-02-03"}
    header_mtime = int.from_bytes(a["sitemap.xml.gz"][4:8], "little")
    assert header_mtime == int(datetime(2026, 2, 3, tzinfo=timezone.utc).timestamp())
    assert gzip.decompress(a["sitemap.xml.gz"]).decode("utf-8") == sitemap


def test_the_real_project_builds_reproducibly(tmp_path: Path):
    first, second = tmp_path / "one", tmp_path / "two"
    build(ROOT, first)
    build(ROOT, second)
    a, b = files(first), files(second)
    assert a.keys() == b.keys() and [n for n in a if a[n] != b[n]] == []
