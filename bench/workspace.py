"""Throw-away copies of the project for the benchmark: real, synthetic, empty.

A copy takes docs/, macros/, overrides/, mkdocs.yml and all of data/ from the
working tree, so the benchmark follows the real site as it changes; only the
projects, the contacts and the ASD teams and streets are swapped for synthetic ones.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import yaml

from . import generate

ROOT = Path(__file__).resolve().parents[1]
PARTS = ["docs", "data", "macros", "overrides", "mkdocs.yml"]
_NAV_PROJECT = re.compile(r"^(\s*-\s+)projekte/([a-z0-9-]+)\.md\s*$")


def copy_project(target: Path, root: Path = ROOT) -> Path:
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    for part in PARTS:
        source = root / part
        if source.is_dir():
            shutil.copytree(source, target / part, ignore=shutil.ignore_patterns("__pycache__"))
        elif source.exists():
            shutil.copy2(source, target / part)
    return target


def _organisations(data_dir: Path) -> dict[str, str]:
    raw = yaml.safe_load((data_dir / "organisations.yml").read_text(encoding="utf-8"))
    return {o["id"]: o["kind"] for o in raw["organisations"]}


def _project_pages(project: Path, data: generate.DataSet) -> None:
    """One page per project, written like the real ones (from the first real page as template)."""
    pages = project / "docs" / "projekte"
    real_ids = [p.stem for p in (project / "data" / "projects").glob("*.yml")]
    real_pages = [pages / f"{pid}.md" for pid in sorted(real_ids) if (pages / f"{pid}.md").exists()]
    if not real_pages:
        raise RuntimeError("Keine echte Projektseite unter docs/projekte/ als Vorlage gefunden.")
    template_id = real_pages[0].stem
    template = real_pages[0].read_text(encoding="utf-8")
    for page in real_pages:
        page.unlink()
    for p in data.projects:
        (pages / f"{p.id}.md").write_text(template.replace(template_id, p.id), encoding="utf-8")
    _nav(project / "mkdocs.yml", {page.stem for page in real_pages}, [p.id for p in data.projects])


def _nav(config: Path, old: set[str], new: list[str]) -> None:
    """Swap the real project pages in the nav for the generated ones, in place."""
    lines, done = [], False
    for line in config.read_text(encoding="utf-8").splitlines():
        match = _NAV_PROJECT.match(line)
        if match and match.group(2) in old:
            if not done:
                lines += [f"{match.group(1)}projekte/{pid}.md" for pid in new]
                done = True
            continue
        lines.append(line)
    config.write_text("\n".join(lines) + "\n", encoding="utf-8")


def synthetic_project(target: Path, n: int, seed: int = 20261125) -> generate.DataSet:
    """A copy of the project whose data are the synthetic set at scale n."""
    copy_project(target)
    data = generate.build(n, _organisations(target / "data"), seed)
    # Data before pages: the page template is found through the real project files.
    _project_pages(target, data)
    generate.write(target / "data", data)
    return data


EMPTY_CONFIG = """site_name: Leer
theme:
  name: material
  language: de
plugins:
  - search
"""


def empty_project(target: Path) -> Path:
    """The floor: a stock Material site with one page, built in the same environment."""
    if target.exists():
        shutil.rmtree(target)
    (target / "docs").mkdir(parents=True)
    (target / "mkdocs.yml").write_text(EMPTY_CONFIG, encoding="utf-8")
    (target / "docs" / "index.md").write_text("# Leer\n\nEine Seite.\n", encoding="utf-8")
    return target
