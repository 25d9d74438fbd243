"""`make publish`: every blocker listed with file, line and field; a clean copy is published."""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from macros.staff.publish import placeholder_host, placeholders_in
from macros.staff.review import add_months, overdue
from macros.data.validate import load_site


def publish(project: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "macros.staff.publish", *args], cwd=project, capture_output=True,
                          text=True, timeout=600, env=env)


def line_of(file: Path, pattern: str, after: str | None = None) -> int:
    """Line number (from 1) of the first line matching pattern, optionally after a line matching `after`."""
    lines = file.read_text(encoding="utf-8").splitlines()
    start = 0
    if after is not None:
        start = next(i for i, line in enumerate(lines) if re.search(after, line)) + 1
    return next(i for i, line in enumerate(lines) if i >= start and re.search(pattern, line)) + 1


def test_publish_refuses_and_lists_each_blocker(project: Path):
    done = publish(project, "--today", "2028-01-01", "--site-dir", str(project / "site"))
    assert done.returncode == 1
    report = done.stderr
    contacts = project / "data" / "contacts.yml"
    example_line = line_of(contacts, r"^\s+status: example", after=r"- id: wortschatz$")
    assert (f"data/contacts.yml:{example_line}: contacts[wortschatz].status: Beispieldaten (status: example)"
            in report)
    email_line = line_of(contacts, r"wortschatz@example\.org")
    assert (f"data/contacts.yml:{email_line}: contacts[wortschatz].emails[1]: Platzhalter "
            "„wortschatz@example.org“" in report)
    site_url_line = line_of(project / "mkdocs.yml", r"^site_url:")
    assert f"mkdocs.yml:{site_url_line}: site_url: Platzhalter „https://zusammen-im-quartier.example/“" in report
    assert f"mkdocs.yml:{line_of(project / 'mkdocs.yml', r'^repo_url:')}: repo_url: Platzhalter" in report
    assert "extra.report_url: Platzhalter „redaktion@zusammen-im-quartier.example“" in report
    review_line = line_of(project / "data" / "decision.yml", r"^reviewed_on:")
    assert (f"data/decision.yml:{review_line}: reviewed_on: Seit mehr als 12 Monaten nicht geprüft "
            "(zuletzt am 2026-11-25, fällig seit 2027-11-25)" in report)
    project_file = project / "data" / "projects" / "stadtteilbuero-batenbrock.yml"
    inferred_line = line_of(project_file, r"^\s+status: inferred", after=r"^agreement:")
    assert (f"data/projects/stadtteilbuero-batenbrock.yml:{inferred_line}: agreement.status: Abgeleitete Angabe"
            in report)
    assert re.search(r"^\d+ Hindernisse in \d+ Dateien: Die Website wird so nicht veröffentlicht\.$", report,
                     re.MULTILINE)
    assert not (project / "site").exists(), "nothing may be built while something blocks"


def test_the_review_period_is_configured_in_mkdocs_yml(project: Path):
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("review_months: 12", "review_months: 24"),
                      encoding="utf-8")
    done = publish(project, "--today", "2028-01-01", "--check-only")
    assert "Monaten nicht geprüft" not in done.stderr
    done = publish(project, "--today", "2028-11-26", "--check-only")
    assert "Seit mehr als 24 Monaten nicht geprüft" in done.stderr


def test_make_check_warns_about_overdue_reviews_but_passes(project: Path):
    import os

    env = {**os.environ, "ZIQ_TODAY": "2028-01-01"}
    done = subprocess.run([sys.executable, "-m", "macros.staff.check"], cwd=project, capture_output=True, text=True,
                          timeout=60, env=env)
    assert done.returncode == 0, done.stderr
    line = line_of(project / "data" / "contacts.yml", r"^\s+reviewed_on:", after=r"- id: wortschatz$")
    assert (f"data/contacts.yml:{line}: contacts[wortschatz].reviewed_on: Warnung: Seit mehr als 12 Monaten "
            "nicht geprüft" in done.stderr)


def test_make_check_shows_overdue_reviews_also_when_the_data_has_errors(project: Path):
    """Review dates need no valid data: a field error elsewhere must not hide them."""
    import os

    contacts = project / "data" / "contacts.yml"
    contacts.write_text(contacts.read_text(encoding="utf-8").replace('"+49 30 23125 104"', '"0800 frei"'),
                        encoding="utf-8")
    env = {**os.environ, "ZIQ_TODAY": "2028-01-01"}
    done = subprocess.run([sys.executable, "-m", "macros.staff.check"], cwd=project, capture_output=True, text=True,
                          timeout=60, env=env)
    assert done.returncode == 1
    lines = done.stderr.splitlines()
    assert any(l.startswith("data/asd.yml:") and "Warnung: Seit mehr als 12 Monaten nicht geprüft" in l
               for l in lines), done.stderr
    assert "contacts[wortschatz].phones[1].number: „frei“ gehört nicht in die Telefonnummer" in lines[-2]
    assert lines[-1] == "1 Fehler in 1 Datei. Es wurde nichts veröffentlicht."


def make_publishable(project: Path) -> None:
    """Replace every stand-in the way the city will: confirmed records, real addresses."""
    for file in (project / "data").rglob("*.yml"):
        text = file.read_text(encoding="utf-8")
        text = re.sub(r"status: (example|inferred)", "status: confirmed", text)
        text = text.replace("@example.org", "@ziq-fixture.de")
        text = re.sub(r"(?<=[\w-])\.example(?=[/\"'?\s]|$)", ".ziq-fixture.de", text, flags=re.M)
        file.write_text(text, encoding="utf-8")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    text = text.replace("https://zusammen-im-quartier.example/", "https://www.ziq-fixture.de/")
    text = text.replace("https://git.zusammen-im-quartier.example/", "https://git.ziq-fixture.de/")
    text = text.replace("redaktion@zusammen-im-quartier.example", "redaktion@ziq-fixture.de")
    # The city lets the unreviewed translations out with their notice, one line per language.
    text = text.replace("publish_unreviewed: false", "publish_unreviewed: true")
    config.write_text(text, encoding="utf-8")


def test_a_publishable_copy_passes_and_is_built(project: Path, tmp_path: Path):
    make_publishable(project)
    site = tmp_path / "published"
    done = publish(project, "--today", "2026-11-25", "--site-dir", str(site))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Keine Hindernisse" in done.stdout
    pages = list(site.rglob("*.html"))
    assert (site / "index.html").is_file() and len(pages) > 10
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert "ziq-badge--example" not in html and "Beispieldaten</span>" not in html, page
    assert "mailto:redaktion@ziq-fixture.de?subject=" in (site / "kontakte" / "index.html").read_text(
        encoding="utf-8")


def test_publish_also_refuses_overdue_reviews_alone(project: Path):
    make_publishable(project)
    done = publish(project, "--today", "2027-11-26", "--check-only")
    assert done.returncode == 1
    blockers = [line for line in done.stderr.splitlines() if re.match(r"^(data/|mkdocs\.yml)", line)]
    assert blockers and all("nicht geprüft" in line for line in blockers), done.stderr


def test_invalid_data_stops_publish_with_the_german_report(project: Path):
    contacts = project / "data" / "contacts.yml"
    contacts.write_text(contacts.read_text(encoding="utf-8").replace("kind: team", "kind: gruppe", 1),
                        encoding="utf-8")
    done = publish(project, "--check-only")
    assert done.returncode == 1
    assert "Ungültiger Wert „gruppe“" in done.stderr and "Traceback" not in done.stderr


@pytest.mark.parametrize("text, found", [
    ("info@example.org", ["info@example.org"]),
    ("mailto:a@zusammen-im-quartier.example?subject=x", ["a@zusammen-im-quartier.example"]),
    ("https://git.zusammen-im-quartier.example/x", ["https://git.zusammen-im-quartier.example/x"]),
    ("https://www.example.com/a", ["https://www.example.com/a"]),
    ("Siehe https://www.bottrop.de/ und info@bottrop.de", []),
    ("https://example.org.evil.de/", []),
])
def test_placeholder_addresses(text, found):
    assert placeholders_in(text) == found


def test_placeholder_hosts():
    assert placeholder_host("example.org") and placeholder_host("x.example") and placeholder_host("a.test")
    assert not placeholder_host("examples.org") and not placeholder_host("bottrop.de")


@pytest.mark.parametrize("start, months, due", [
    (date(2026, 11, 25), 12, date(2027, 11, 25)),
    (date(2024, 2, 29), 12, date(2025, 2, 28)),
    (date(2026, 1, 31), 1, date(2026, 2, 28)),
    (date(2026, 11, 30), 3, date(2027, 2, 28)),
])
def test_add_months(start, months, due):
    assert add_months(start, months) == due


def test_overdue_depends_only_on_the_given_day():
    site = load_site(Path(__file__).resolve().parents[1] / "data")
    newest = max(p for p in _review_dates(site))
    assert overdue(site.documents, add_months(newest, 12), 12) == []
    late = overdue(site.documents, date(2100, 1, 1), 12)
    assert late and all(p.severity == "warning" and p.field.endswith("reviewed_on") for p in late)


def _review_dates(site):
    from macros.staff.review import _reviewed

    for doc in site.documents.values():
        for _, value in _reviewed(doc.data):
            yield value
