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


class Git:
    """A git command, started at once and read when its answer is first needed, so that git runs
    beside the build's own work (importing, loading the data). Reading the history walks every
    commit: 30 ms at 80 commits here, and it grows with the history."""

    def __init__(self, project_dir: Path, *args: str):
        self._answer: str | None = None
        try:
            self._process: subprocess.Popen | None = subprocess.Popen(
                ["git", "-C", str(project_dir), *args], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                text=True)
        except OSError:
            self._process = None

    def output(self) -> str | None:
        """What git printed, or None if it failed (e.g. outside a git checkout)."""
        process, self._process = self._process, None
        if process is not None:
            try:
                out, _ = process.communicate(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.communicate()
                return None
            self._answer = out if process.returncode == 0 else None
        return self._answer


def _git(project_dir: Path, *args: str) -> str | None:
    return Git(project_dir, *args).output()


def last_commit_epoch(project_dir: Path) -> Git:
    """`.output()`: the time of the last commit (seconds since 1970), or None."""
    return Git(project_dir, "log", "-1", "--format=%ct")


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
        # Outside a git checkout, or before the first commit, git log fails: no dates.
        self._log: Git | None = Git(self.project_dir, "log", "--format=%x00%cs", "--name-only", "--relative",
                                    "--", ".")
        self._dates: dict[str, date] = {}

    @property
    def dates(self) -> dict[str, date]:
        self.read()
        return self._dates

    def read(self) -> None:
        """Wait for git and take the dates in; only the first call waits."""
        if self._log is not None:
            log, self._log = self._log, None
            for entry in (log.output() or "").split("\0")[1:]:
                lines = [line for line in entry.splitlines() if line.strip()]
                if not lines:
                    continue
                day = date.fromisoformat(lines[0])
                for name in lines[1:]:
                    self._dates.setdefault(name, day)  # newest first: the first date seen is the last change

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
    # Outside a git checkout git log fails (None); inside one without such commits it is empty.
    out = _git(Path(project_dir), "log", f"-n{limit}", "--format=%cs%x09%s", "--", *paths)
    if out is None:
        return None
    changes = []
    for line in out.splitlines():
        day, _, subject = line.partition("\t")
        changes.append(Change(date.fromisoformat(day), subject))
    return changes
