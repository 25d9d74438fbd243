"""`mkdocs serve` (make serve) shows edits of docs/, data/ and macros/ and survives an invalid edit."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from bench.preview import interruptible
from helpers import BIN

# Generous upper bounds for a loaded machine; they only end a hung test, they assert nothing.
GIVE_UP_AFTER = 120.0


def free_port() -> int:
    # mkdocs serve prints the port it was given, so port 0 cannot be used directly.
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def wait_for(condition, what: str, log: Path | None = None):
    deadline = time.monotonic() + GIVE_UP_AFTER
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.1)
    pytest.fail(f"gave up waiting for {what}" + (f"\n{log.read_text(encoding='utf-8')[-3000:]}" if log else ""))


@pytest.fixture
def served(project: Path, tmp_path: Path):
    port = free_port()
    log = tmp_path / "serve.log"
    # mkdocs serve builds into a temporary directory; its own one here, to see it cleaned up.
    temp = tmp_path / "temp"
    temp.mkdir()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1", "TMPDIR": str(temp)}
    with log.open("w") as out, interruptible():
        process = subprocess.Popen([str(BIN / "mkdocs"), "serve", "--dev-addr", f"127.0.0.1:{port}", "--livereload"],
                                   cwd=project, env=env, stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}/"
    try:
        wait_for(lambda: fetch(base), "the first build")
        yield project, base, log
    finally:
        # Ctrl+C, as an editor stops `make serve`: mkdocs removes its build directory only then
        # (on SIGTERM each run left 4 MB in /tmp).
        process.send_signal(signal.SIGINT)
        process.wait(timeout=30)
    assert [p.name for p in temp.iterdir()] == [], "mkdocs serve left its build directory behind"


def edit(file: Path, old: str, new: str) -> None:
    text = file.read_text(encoding="utf-8")
    assert old in text
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_edits_of_docs_data_and_macros_reach_the_preview(served):
    project, base, log = served
    contacts_page = base + "kontakte/"
    edit(project / "docs" / "kontakte.md", "Hier finden Sie alle Ansprechstellen.",
         "Hier finden Sie alle Ansprechstellen (Vorschau-Test-Seite).")
    wait_for(lambda: "Vorschau-Test-Seite" in (fetch(contacts_page) or ""), "the docs edit")

    edit(project / "data" / "contacts.yml", "Projekt „Wortschatz“ der Lebendigen Bibliothek", "Vorschau-Test-Daten")
    page = wait_for(lambda: (fetch(contacts_page) or "") if "Vorschau-Test-Daten" in (fetch(contacts_page) or "")
                    else None, "the data edit")
    assert "Projekt „Wortschatz“ der Lebendigen Bibliothek" not in page  # no stale data anywhere on the page

    edit(project / "macros" / "render" / "pageinfo.py", '"Fehler melden"), href', '"Fehler melden (Vorschau-Test-Code)"), href')
    wait_for(lambda: "Vorschau-Test-Code" in (fetch(contacts_page) or ""), "the macros edit", log)


def reload_epoch(base: str) -> int:
    """What the page's live-reload script asks: the number of the newest good build (answers at once
    for an old one; a browser is only told to reload when it grows)."""
    return int(fetch(base + "livereload/0/0"))


def test_an_invalid_edit_is_reported_and_the_last_good_preview_stays(served):
    project, base, log = served
    contacts_page = base + "kontakte/"
    assert "ziq-contact" in (fetch(contacts_page) or "")
    good_epoch = reload_epoch(base)
    edit(project / "data" / "contacts.yml", "kind: team", "kind: gruppe")
    wait_for(lambda: "An error happened during the rebuild" in log.read_text(encoding="utf-8"), "the failed rebuild",
             log)
    report = log.read_text(encoding="utf-8")
    assert "data/contacts.yml:" in report and "Ungültiger Wert „gruppe“" in report
    assert "Traceback" not in report
    # Browsers are not told to reload: the open preview keeps showing the last good build.
    assert reload_epoch(base) == good_epoch
    edit(project / "data" / "contacts.yml", "kind: gruppe", "kind: team")
    edit(project / "data" / "contacts.yml", "Projekt „Wortschatz“ der Lebendigen Bibliothek", "Wieder-gültig-Test")
    wait_for(lambda: "Wieder-gültig-Test" in (fetch(contacts_page) or ""), "the preview after the fix")


def test_the_preview_has_no_policy_that_would_stop_its_reload(served):
    """The published pages carry their Content-Security-Policy; the preview's may not: the reload
    script mkdocs serve puts into each page is inline and new on every request, so a policy
    would block it and the preview would no longer follow the edits."""
    _project, base, _log = served
    page = fetch(base + "kontakte/") or ""
    assert "livereload(" in page
    assert 'http-equiv="Content-Security-Policy"' not in page
