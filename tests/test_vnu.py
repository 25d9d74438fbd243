"""The Nu Html Checker (npm vnu-jar, pinned in package-lock.json) finds no error in any page."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from helpers import ROOT

VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def run_vnu(files: list[Path]) -> list[dict]:
    if not VNU_JAR.exists():
        pytest.fail("vnu.jar fehlt: `make test` installiert es (npm ci).")
    java = shutil.which("java")
    if java is None:
        pytest.fail("Java fehlt: bitte installieren (apt-get install openjdk-17-jre-headless).")
    # One run over all files: the JVM starts once.
    done = subprocess.run([java, "-jar", str(VNU_JAR), "--errors-only", "--format", "json",
                           *map(str, files)], capture_output=True, text=True, timeout=600)
    return json.loads(done.stderr or done.stdout)["messages"]


def test_every_page_is_valid_html(built_site: Path):
    files = sorted(built_site.rglob("*.html"))
    assert len(files) >= 12
    errors = [f"{Path(m['url'].removeprefix('file:')).relative_to(built_site)}:{m.get('lastLine')}: "
              f"{m['message']}" for m in run_vnu(files)]
    assert not errors, "\n".join(errors)


def test_vnu_reports_an_error_it_should(tmp_path: Path):
    bad = tmp_path / "bad.html"
    bad.write_text('<!doctype html><html lang="de"><title>x</title>'
                   '<input type="checkbox" autocomplete="off"><p>a<br></br></p></html>', encoding="utf-8")
    messages = run_vnu([bad])
    assert any("autocomplete" in m["message"] for m in messages)
    assert any("br" in m["message"] for m in messages)
