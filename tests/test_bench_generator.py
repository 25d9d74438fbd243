"""The benchmark's synthetic data at small N: valid for the real checks, and it builds.

Correctness only; the timings belong to `make bench`, never to a test.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bench import generate, measure, workspace
from helpers import ROOT, mkdocs_build, run_check
from macros.streets import parse_house_number


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory) -> tuple[Path, generate.DataSet]:
    project = tmp_path_factory.mktemp("bench") / "project"
    return project, workspace.synthetic_project(project, 3)


def test_counts_and_mix(synthetic):
    _, data = synthetic
    assert (len(data.projects), len(data.contacts), len(data.streets)) == (3, 30, 75)
    split = [s for s in data.streets if s.ranges]
    assert split and len(split) < len(data.streets)
    assert any(r.parity in ("odd", "even") for s in split for r in s.ranges)
    assert any(parse_house_number(r.from_number)[1] for s in split for r in s.ranges)  # letter suffixes


def test_obviously_synthetic(synthetic):
    _, data = synthetic
    assert all(r.status == "example" for r in [*data.projects, *data.contacts, *data.teams])
    assert all(e.endswith("@example.org") for c in data.contacts for e in c.emails)
    assert all(p.number.startswith("+49 30 23125 ") for c in data.contacts for p in c.phones)


def test_deterministic(tmp_path):
    organisations = {"asd": "city_unit", "awo": "operator"}
    first, second = generate.build(5, organisations), generate.build(5, organisations)
    assert first == second


def test_passes_check_and_builds(synthetic, tmp_path):
    project, _ = synthetic
    check = run_check(project)
    assert check.returncode == 0, check.output
    assert "3 Projekte, 30 Kontakte" in check.stdout
    built = mkdocs_build(project, tmp_path / "site")
    assert built.returncode == 0, built.output
    page = (tmp_path / "site" / "projekte" / "projekt-2" / "index.html").read_text(encoding="utf-8")
    assert "Projekt 2" in page
    assert not (tmp_path / "site" / "projekte" / "wortschatz").exists()
    streets = (tmp_path / "site" / "asd" / "index.html").read_text(encoding="utf-8")
    assert "Beispielstraße 1<" in streets


def test_measured_runs_keep_the_bytecode_cache_when_the_shell_turns_it_off(synthetic):
    # An editor's builds use Python's cache of compiled modules; the figures must include it.
    project, _ = synthetic
    shutil.rmtree(project / "macros" / "__pycache__", ignore_errors=True)
    code = f"from pathlib import Path; from bench import measure; measure.check(Path({str(project)!r}), 1)"
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})
    assert done.returncode == 0, done.stderr
    assert list((project / "macros" / "__pycache__").glob("models.*.pyc"))


def test_frozen_copy_builds_without_macros(synthetic, tmp_path):
    project, _ = synthetic
    frozen_md = tmp_path / "frozen-md"
    measure.build(project, 1, site_dir=tmp_path / "site", env={"ZIQ_FREEZE_DIR": str(frozen_md)})
    rendered = (frozen_md / "kontakte.md").read_text(encoding="utf-8")
    assert "{{" not in rendered and "kontakt-1" in rendered
    frozen = workspace.frozen_project(project, frozen_md, tmp_path / "frozen")
    assert "- macros:" not in (frozen / "mkdocs.yml").read_text(encoding="utf-8")
    measure.build(frozen, 1, site_dir=tmp_path / "frozen-site")
    page = (tmp_path / "frozen-site" / "kontakte" / "index.html").read_text(encoding="utf-8")
    assert 'id="kontakt-kontakt-1"' in page
    # The same site: the generated files (vCards, open data) are there too, as static files.
    from macros.exports import files
    from macros.validate import load_site

    generated = files(load_site(project / "data"), "")
    assert any(path.endswith(".vcf") for path in generated)
    for path in generated:
        assert (tmp_path / "frozen-site" / path).read_bytes() == (tmp_path / "site" / path).read_bytes(), path


def test_plugin_only_copy_loads_the_plugin_and_builds_the_frozen_site(synthetic, tmp_path):
    project, _ = synthetic
    frozen_md = tmp_path / "frozen-md"
    measure.build(project, 1, site_dir=tmp_path / "site", env={"ZIQ_FREEZE_DIR": str(frozen_md)})
    frozen = workspace.frozen_project(project, frozen_md, tmp_path / "frozen")
    plugin = workspace.plugin_only_project(frozen, tmp_path / "plugin")
    config = (plugin / "mkdocs.yml").read_text(encoding="utf-8")
    assert "  - macros:\n      module_name: bench_no_macros\n      render_by_default: false\n" in config
    measure.build(plugin, 1, site_dir=tmp_path / "plugin-site")
    measure.build(frozen, 1, site_dir=tmp_path / "frozen-site")
    # The plugin ran (the build fails on a missing module) and changed no page.
    for page in ("kontakte/index.html", "projekte/index.html", "index.html"):
        assert (tmp_path / "plugin-site" / page).read_text(encoding="utf-8") == \
            (tmp_path / "frozen-site" / page).read_text(encoding="utf-8"), page


def test_large_directory_lists_project_contacts_in_one_line(tmp_path):
    """Above FULL_PAGE_LIMIT contacts the contacts page keeps every anchor, but a contact shown in
    full on a project page gets one line there with a link to that entry."""
    import re

    from macros.render_contacts import FULL_PAGE_LIMIT

    n = FULL_PAGE_LIMIT // 10 + 5
    data = workspace.synthetic_project(tmp_path / "project", n)
    built = mkdocs_build(tmp_path / "project", tmp_path / "site")
    assert built.returncode == 0, built.output
    page = (tmp_path / "site" / "kontakte" / "index.html").read_text(encoding="utf-8")
    in_projects = {cid for p in data.projects for cid in p.contacts}
    lines = re.findall(r'<li id="kontakt-([^"]+)">(.*?)</li>', page)
    published = [c for c in data.contacts if c.publishable]
    assert len(published) > FULL_PAGE_LIMIT
    assert {cid for cid, _ in lines} == {c.id for c in published if c.id in in_projects}
    for cid, line in lines:
        target = re.search(r'href="\.\./projekte/([^/]+)/#kontakt-([^"]+)"', line)
        assert target and target.group(2) == cid, line
        project_page = (tmp_path / "site" / "projekte" / target.group(1) / "index.html").read_text(encoding="utf-8")
        assert f'<h3 id="kontakt-{cid}">' in project_page
        assert 'href="tel:' in line
    # The rest (here the ASD teams' contacts) keep their full entry on this page.
    for contact in published:
        if contact.id not in in_projects:
            assert f'<h3 id="kontakt-{contact.id}">' in page


def test_city_wide_street_table_is_left_to_the_lookup(tmp_path):
    """Above SEARCHABLE_STREETS the street table is kept out of the site search; the lookup
    form (and its street list) still has every street."""
    from macros.render_asd import SEARCHABLE_STREETS, street_table
    from macros.validate import load_site

    n = SEARCHABLE_STREETS // 25 + 1
    workspace.synthetic_project(tmp_path / "project", n)
    site = load_site(tmp_path / "project" / "data")
    assert len(site.asd.streets) > SEARCHABLE_STREETS
    html = str(street_table(site))
    sections = html.count("<h3 ")
    assert sections > 1 and html.count("<div data-pagefind-ignore>") == sections
    small = load_site(Path(__file__).parent.parent / "data")
    assert "data-pagefind-ignore" not in str(street_table(small))


def test_paired_ratio_compares_runs_that_took_turns():
    from bench.report import paired_ratio

    # The machine slowed down in the last two turns: each pair still shows +20 %.
    build = {"runs_s": [1.2, 1.2, 2.4, 2.4, 1.2]}
    frozen = {"runs_s": [1.0, 1.0, 2.0, 2.0, 1.0]}
    assert paired_ratio(build, frozen) == pytest.approx(1.2)
    assert paired_ratio({"runs_s": []}, frozen) is None


@pytest.mark.parametrize("samples, skipped, verdict", [
    ([12.0, 30.0, 49.0], [], "erreicht"),
    ([12.0, 30.0, 61.0], [], "**verfehlt**"),  # the median is fine; one slow answer misses the goal
    ([12.0, 30.0], ["Musterweg 14"], "**verfehlt**"),  # a query without an answer counts too
])
def test_every_query_counts_for_the_latency_goals(samples, skipped, verdict):
    from bench.report import goals

    latency = {"samples_ms": samples, "complete_ms": samples, "skipped": skipped, "cold_ms": 700.0,
               "cold_bytes": 1, "median_ms": sorted(samples)[len(samples) // 2]}
    results = json.loads((Path(__file__).parent.parent / "bench" / "results" / "results.json").read_text())
    results["browser"] = {"n": "800", "asd": latency, "search": latency}
    verdicts = {name: ok for name, _, ok in goals(results) if "50 ms" in name}
    assert set(verdicts.values()) == {verdict} and len(verdicts) == 2
