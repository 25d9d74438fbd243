""""Stand" under every page and the "Letzte Änderungen" page, both from the git history only."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest

from helpers import BIN, copy_project
from gitrepo import commit_all, git, project_repo


def build(project: Path, site: Path, **env_vars: str) -> None:
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    env.update(NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1", **env_vars)
    done = subprocess.run([str(BIN / "mkdocs"), "build", "--strict", "--site-dir", str(site)], cwd=project,
                          env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr


def stand(site: Path, page: str) -> str:
    html = (site / page).read_text(encoding="utf-8")
    # "Stand:" in the page's language; the date keeps its machine-readable form.
    found = re.findall(r'class="ziq-pageinfo"[^>]*><p>[^<]*(?:<bdi>)?<time datetime="([0-9-]+)">', html)
    assert len(found) == 1, page
    return found[0]


@pytest.fixture(scope="module")
def history(tmp_path_factory) -> Path:
    """January: everything. March: a contact changes. May: only code changes. Built after May."""
    root = tmp_path_factory.mktemp("history")
    repo = project_repo(root / "repo", "2026-01-10")
    contacts = repo / "data" / "contacts.yml"
    contacts.write_text(contacts.read_text(encoding="utf-8").replace(
        "Projekt „Wortschatz“ der Lebendigen Bibliothek", "Projekt „Wortschatz“ (geändert)"), encoding="utf-8")
    commit_all(repo, "Rename the Wortschatz contact <b>&</b>", "2026-03-15")
    wiring = repo / "macros" / "render" / "macro_table.py"
    wiring.write_text(wiring.read_text(encoding="utf-8") + "\n# comment only\n", encoding="utf-8")
    commit_all(repo, "Touch code only", "2026-05-20")
    site = root / "site"
    build(repo, site)
    return site


def test_pages_showing_the_changed_data_carry_its_date(history: Path):
    assert stand(history, "kontakte/index.html") == "2026-03-15"
    assert stand(history, "projekte/wortschatz/index.html") == "2026-03-15"
    assert "25. November" not in (history / "kontakte" / "index.html").read_text(encoding="utf-8")
    assert '<time datetime="2026-03-15">15. März 2026</time>' in (history / "kontakte" / "index.html").read_text(
        encoding="utf-8")


def test_pages_not_showing_it_keep_their_own_date(history: Path):
    # The council decision page shows decision.yml and the glossary, no contact.
    assert stand(history, "beschluss/index.html") == "2026-01-10"
    assert stand(history, "glossar/index.html") == "2026-01-10"


def test_a_code_change_alone_dates_no_page(history: Path):
    dates = {stand(history, p.relative_to(history).as_posix()) for p in history.rglob("index.html")}
    assert "2026-05-20" not in dates


def test_recent_changes_page_lists_data_and_docs_commits(history: Path):
    html = (history / "redaktion" / "aenderungen" / "index.html").read_text(encoding="utf-8")
    rows = re.findall(r'<tr><td><time datetime="([0-9-]+)">([0-9.]+)</time></td><td>(.*?)</td></tr>', html)
    assert rows == [
        ("2026-03-15", "15.03.2026", "Rename the Wortschatz contact &lt;b&gt;&amp;&lt;/b&gt;"),
        ("2026-01-10", "10.01.2026", "Initial content"),
    ]
    assert stand(history, "redaktion/aenderungen/index.html") == "2026-03-15"


def test_outside_git_the_date_comes_from_source_date_epoch(tmp_path: Path):
    project = copy_project(tmp_path / "archive")
    site = tmp_path / "site"
    build(project, site, SOURCE_DATE_EPOCH="1767225600")  # 2026-01-01 00:00 UTC
    assert stand(site, "kontakte/index.html") == "2026-01-01"
    html = (site / "redaktion" / "aenderungen" / "index.html").read_text(encoding="utf-8")
    assert "ohne Versionsgeschichte gebaut" in html and "<tr><td><time" not in html


def test_no_history_is_told_apart_from_no_changes(tmp_path: Path):
    from macros.data.history import History, recent_changes

    archive = tmp_path / "archive"
    (archive / "data").mkdir(parents=True)
    (archive / "data" / "a.yml").write_text("a: 1\n", encoding="utf-8")
    assert recent_changes(archive, ["data"]) is None
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    assert recent_changes(repo, ["data"]) is None  # no commit yet
    (repo / "README.md").write_text("Projekt\n", encoding="utf-8")
    commit_all(repo, "Readme", "2026-02-01")
    assert recent_changes(repo, ["data"]) == []
    (repo / "data").mkdir()
    (repo / "data" / "a.yml").write_text("a: 1\n", encoding="utf-8")
    commit_all(repo, "Daten", "2026-02-02")
    assert [(c.day.isoformat(), c.subject) for c in recent_changes(repo, ["data"])] == [("2026-02-02", "Daten")]
    history = History(repo)
    assert history.last_changed(["data/a.yml"]).isoformat() == "2026-02-02"
    assert history.last_changed(["README.md"]).isoformat() == "2026-02-01"
    assert history.last_changed(["data"]).isoformat() == "2026-02-02"


def test_every_data_attribute_names_its_file():
    """A new data file must be known to the tracker, or every page would take its date."""
    import dataclasses

    from macros.data.models import FILES
    from macros.render.usage import ATTRIBUTE_FILES
    from macros.data.validate import SiteData

    fields = {f.name for f in dataclasses.fields(SiteData)} - {"projects", "documents", "warnings"}
    assert fields <= set(ATTRIBUTE_FILES), fields - set(ATTRIBUTE_FILES)
    assert set(ATTRIBUTE_FILES.values()) == set(FILES)
