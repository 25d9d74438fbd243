"""The benchmark with languages: synthetic copies stay consistent, ZIQ_SPRACHEN picks the
languages of a measured build, the preview serves German only, and the report's language goal.

Correctness only; the timings belong to `make bench`, never to a test.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bench import measure, preview, workspace
from bench.report import goals, language_table
from bench.run import language_steps
from helpers import run_check

HEAD = "---\ntranslation: {source: x, status: unreviewed}\n"


def _translated(root: Path, code: str, relative: str, text: str | None = None) -> None:
    """A throw-away translation: the German page (or text) with the translation head."""
    german = text if text is not None else (root / "docs" / relative).read_text(encoding="utf-8")
    page = root / "docs" / code / relative
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text(HEAD + german.removeprefix("---\n"), encoding="utf-8")


@pytest.fixture(scope="module")
def root(tmp_path_factory) -> Path:
    """A copy of the project with English pages: a start page, two real project pages."""
    root = workspace.copy_project(tmp_path_factory.mktemp("bench-lang") / "root")
    # The translations the repository has are left out: these tests know what they add.
    for code in workspace.language_codes(root):
        shutil.rmtree(root / "docs" / code, ignore_errors=True)
    # English alone: a language in mkdocs.yml without its start page stops the check.
    config = root / "mkdocs.yml"
    config.write_text("".join(line for line in config.read_text(encoding="utf-8").splitlines(keepends=True)
                              if not line.lstrip().startswith(("- {code: tr", "- {code: ar", "- {code: uk"))),
                      encoding="utf-8")
    _translated(root, "en", "index.md", "---\n---\n\n# Start\n\nOne page.\n")
    real = sorted(p.stem for p in (root / "data" / "projects").glob("*.yml"))
    for pid in real[1:3]:
        _translated(root, "en", f"projekte/{pid}.md")
    return root


def test_synthetic_copy_replaces_the_languages_project_pages(root, tmp_path):
    project = tmp_path / "project"
    workspace.synthetic_project(project, 3, root=root)
    pages = sorted(p.name for p in (project / "docs" / "en" / "projekte").glob("*.md"))
    assert pages == ["projekt-1.md", "projekt-2.md", "projekt-3.md"]  # no real project's page left
    # Written from the language's own first real page, head included; the rest stays.
    written = (project / "docs" / "en" / "projekte" / "projekt-2.md").read_text(encoding="utf-8")
    assert written.startswith(HEAD)
    assert (project / "docs" / "en" / "index.md").is_file()
    check = run_check(project)
    assert check.returncode == 0, check.output
    measure.build(project, 1)
    assert (project / "site" / "en" / "projekte" / "projekt-2" / "index.html").is_file()


def test_ziq_sprachen_picks_the_languages_of_a_measured_build(root, tmp_path):
    assert workspace.built_languages(root) == ["en"]
    measure.build(root, 1, tmp_path / "german", languages="")
    measure.build(root, 1, tmp_path / "all")
    assert not (tmp_path / "german" / "en").exists()
    assert (tmp_path / "all" / "en" / "index.html").is_file()


def test_preview_serves_german_only(root, tmp_path):
    # Whatever the shell picked: the measured preview is what an editor's `make serve` shows.
    assert measure.LANGUAGES not in measure.ENV
    project = workspace.copy_project(tmp_path / "project", root)
    with preview.serve(project) as server:
        preview.wait_for_page(server, server.url + "/")
        assert preview.fetch(server.url + "/en/") is None


def test_language_steps_add_one_language_at_a_time():
    assert language_steps(["en", "tr", "ar"]) == [[], ["en"], ["en", "tr"], ["en", "tr", "ar"]]


def _steps(seconds: list[float]) -> list[dict]:
    codes = ["de", "en", "tr", "ar", "uk"]
    return [{"languages": codes[:k + 1], "build": {"median_s": s, "runs_s": [s], "cpu_median_s": s,
                                                    "peak_mib": 70.0},
             "site_bytes": 1, "site_files": 1, "search_gz": 1,
             "folders": {c: {"bytes": 1, "files": 1} for c in codes[1:k + 1]}}
            for k, s in enumerate(seconds)]


@pytest.mark.parametrize("seconds, verdict", [
    ([1.0, 1.4, 1.8, 2.2, 2.9], "erreicht"),
    ([1.0, 1.5, 2.0, 2.5, 3.0], "**verfehlt**"),  # "under 3×": 3× itself misses
    ([1.0, 1.4], "n/a"),  # one language has pages so far
])
def test_language_goal(seconds, verdict):
    results = {"rows": [], "languages": _steps(seconds)}
    found = [ok for name, _, ok in goals(results) if "Sprachen" in name]
    assert found == [verdict]
    assert language_table(results["languages"]).count("\n") == len(seconds) + 1
