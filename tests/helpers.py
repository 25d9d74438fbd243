"""Helpers for tests: copy the project, build it, run the check."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
PROJECT_PARTS = ["docs", "data", "macros", "overrides", "translations", "mkdocs.yml"]


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


def copy_project(target: Path) -> Path:
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, target / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target / part)
    return target


def mkdocs_build(project: Path, site_dir: Path | None = None) -> Run:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    args = [str(BIN / "mkdocs"), "build", "--strict"]
    if site_dir is not None:
        args += ["--site-dir", str(site_dir)]
    done = subprocess.run(args, cwd=project, env=env, capture_output=True, text=True, timeout=300)
    return Run(done.returncode, done.stdout, done.stderr)


def run_check(project: Path) -> Run:
    done = subprocess.run([sys.executable, "-m", "macros.staff.check"], cwd=project, capture_output=True,
                          text=True, timeout=60)
    return Run(done.returncode, done.stdout, done.stderr)


def site_files(site: Path) -> dict[str, bytes]:
    """Every file of a built site, by its path in the site."""
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def site_pages(site: Path) -> list[str]:
    """Every page of a built site as a URL path ("/", "projekte/wortschatz/", ...)."""
    return sorted(str(p.relative_to(site).parent).replace(".", "") + "/"
                  for p in site.rglob("index.html"))
