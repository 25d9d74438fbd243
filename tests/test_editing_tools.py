"""yamllint and the pre-commit hooks: pinned, configured, passing on the current data."""

from __future__ import annotations

import subprocess
from pathlib import Path

import yaml

from helpers import BIN, ROOT


def yamllint(*paths: str | Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(BIN / "yamllint"), "--strict", "-c", str(ROOT / ".yamllint.yaml"), *map(str, paths)],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)


def test_yamllint_passes_on_the_data():
    done = yamllint("data")
    assert done.returncode == 0, done.stdout


def test_yamllint_catches_yaml_pitfalls(tmp_path: Path):
    bad = tmp_path / "bad.yml"
    bad.write_text("# yaml-language-server: $schema=x\npublic: yes\nnumber: 0204170300\nnumber: \"1\"\n",
                   encoding="utf-8")
    done = yamllint(bad)
    assert done.returncode != 0
    assert "(truthy)" in done.stdout and "(octal-values)" in done.stdout and "(key-duplicates)" in done.stdout


def test_pre_commit_runs_yamllint_and_make_check():
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}
    assert hooks["make-check"]["entry"] == "make --no-print-directory check"
    assert hooks["yamllint"]["entry"] == "make --no-print-directory lint"
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "yamllint --strict -c .yamllint.yaml data" in makefile
    done = subprocess.run([str(BIN / "pre-commit"), "validate-config", ".pre-commit-config.yaml"], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr


def test_editing_tools_are_pinned():
    pins = (ROOT / "requirements.in").read_text(encoding="utf-8").splitlines()
    frozen = (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines()
    for name in ("pre-commit", "yamllint"):
        pin = next(line for line in pins if line.startswith(name + "=="))
        assert pin.replace("-", "_") in [line.replace("-", "_") for line in frozen]
