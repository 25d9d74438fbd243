"""A throw-away git repository holding a copy of the project, with commits at chosen dates."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from helpers import copy_project


def git(repo: Path, *args: str, day: str | None = None) -> str:
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    if day is not None:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = f"{day}T12:00:00+00:00"
    done = subprocess.run(["git", "-c", "user.name=Test", "-c", "user.email=test@localhost",
                           "-c", "init.defaultBranch=main", *args], cwd=repo, env=env, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout


def commit_all(repo: Path, message: str, day: str) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message, day=day)


def project_repo(target: Path, first_day: str) -> Path:
    repo = copy_project(target)
    git(repo, "init", "-q")
    commit_all(repo, "Initial content", first_day)
    return repo
