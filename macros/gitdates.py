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


def last_changed(project_dir: Path, paths: list[str]) -> date | None:
    """The newest commit date of any of the paths (relative to project_dir), or the fallback."""
    project_dir = Path(project_dir)
    if in_git(project_dir):
        out = _git(project_dir, "log", "-1", "--format=%cs", "--", *paths)
        if out and out.strip():
            return date.fromisoformat(out.strip())
        # Files not committed yet: the fallback below, like outside git.
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return _from_epoch(epoch.strip())
    times = [(project_dir / p).stat().st_mtime for p in paths if (project_dir / p).exists()]
    return datetime.fromtimestamp(max(times), tz=timezone.utc).date() if times else None


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
