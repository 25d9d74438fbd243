"""Shared fixtures: a throw-away copy of the project, and the real site built once."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import ROOT, copy_project, mkdocs_build


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A private copy of the project that a test may break."""
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real project, built once with --strict into a temporary folder."""
    site = tmp_path_factory.mktemp("built") / "site"
    result = mkdocs_build(ROOT, site)
    assert result.returncode == 0, result.output
    return site
