"""Dates from the git history, never from the clock, so two builds of a commit agree.

Outside a git checkout (e.g. an unpacked archive) there is no history; the
fallback is SOURCE_DATE_EPOCH when the packager set it (by the reproducible-builds
convention, the time of the last change to the source), else the newest
modification time of the files themselves, which an archive preserves.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path


def _git(project_dir: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(["git", "-C", str(project_dir), *args], capture_output=True, text=True,
                              timeout=30)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None


def in_git(project_dir: Path) -> bool:
    inside = _git(project_dir, "rev-parse", "--is-inside-work-tree")
    return inside is not None and inside.strip() == "true"


def last_commit_epoch(project_dir: Path) -> str | None:
    out = _git(project_dir, "log", "-1", "--format=%ct")
    return out.strip() or None if out else None


def _from_epoch(value: str) -> date:
    return datetime.fromtimestamp(int(value), tz=timezone.utc).date()


def _fallback(project_dir: Path, paths: list[str]) -> date | None:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return _from_epoch(epoch.strip())
    times = [(project_dir / p).stat().st_mtime for p in paths if (project_dir / p).exists()]
    return datetime.fromtimestamp(max(times), tz=timezone.utc).date() if times else None


class History:
    """The date of the last commit of every file, read with one git call per build.

    (One ``git log -1 -- <files>`` per page would cost a process per page on every
    preview rebuild.)
    """

    def __init__(self, project_dir: Path):
        self.project_dir = Path(project_dir)
        self.dates: dict[str, date] = {}
        out = _git(self.project_dir, "log", "--format=%x00%cs", "--name-only", "--relative", "--", ".") \
            if in_git(self.project_dir) else None
        for entry in (out or "").split("\0")[1:]:
            lines = [line for line in entry.splitlines() if line.strip()]
            if not lines:
                continue
            day = date.fromisoformat(lines[0])
            for name in lines[1:]:
                self.dates.setdefault(name, day)  # newest first: the first date seen is the last change

    def _date_of(self, path: str) -> date | None:
        path = path.strip("/")
        if path in self.dates:
            return self.dates[path]
        inside = [day for name, day in self.dates.items() if name.startswith(path + "/")]
        return max(inside) if inside else None

    def last_changed(self, paths: list[str]) -> date | None:
        """The newest commit date of any of the paths (files or folders, relative to the project),
        or the fallback when none of them has a commit."""
        days = [d for d in map(self._date_of, paths) if d is not None]
        return max(days) if days else _fallback(self.project_dir, paths)


def last_changed(project_dir: Path, paths: list[str]) -> date | None:
    return History(project_dir).last_changed(paths)


@dataclass(frozen=True)
class Change:
    day: date
    subject: str


def recent_changes(project_dir: Path, paths: list[str], limit: int = 40) -> list[Change] | None:
    """Commits that touched the paths, newest first; None outside a git checkout."""
    if not in_git(Path(project_dir)):
        return None
    out = _git(Path(project_dir), "log", f"-n{limit}", "--format=%cs%x09%s", "--", *paths)
    if out is None:
        return None
    changes = []
    for line in out.splitlines():
        day, _, subject = line.partition("\t")
        changes.append(Change(date.fromisoformat(day), subject))
    return changes
