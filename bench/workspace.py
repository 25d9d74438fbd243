"""Throw-away copies of the project for the benchmark: real, synthetic, empty.

A copy takes docs/ (with the languages' pages below docs/<code>/), translations/,
macros/, overrides/, mkdocs.yml and all of data/ from the working tree, so the
benchmark follows the real site as it changes; only the projects, the contacts and
the ASD teams and streets are swapped for synthetic ones.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import yaml
from mkdocs.utils import yaml_load

from macros.build.languages import configured

from . import generate

ROOT = Path(__file__).resolve().parents[1]
# translations/: a language's build reads its catalogue, and the German build stops without one.
PARTS = ["docs", "data", "translations", "macros", "overrides", "mkdocs.yml"]
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


def language_codes(project: Path) -> list[str]:
    """The languages of the copy's mkdocs.yml, in their configured order."""
    config = yaml_load((project / "mkdocs.yml").read_bytes())
    return [entry["code"] for entry in configured(config)]


def built_languages(project: Path) -> list[str]:
    """The languages a build of the copy makes without ZIQ_SPRACHEN: those with a start page
    (as macros/build/languages.py decides)."""
    return [code for code in language_codes(project) if (project / "docs" / code / "index.md").is_file()]


def _replace_pages(pages: Path, real_ids: list[str], new_ids: list[str]) -> list[str]:
    """In one folder, the pages of the real projects give way to one page per new project,
    written like the first real one; the ids of the pages replaced."""
    real_pages = [pages / f"{pid}.md" for pid in sorted(real_ids) if (pages / f"{pid}.md").exists()]
    if not real_pages:
        return []
    template_id = real_pages[0].stem
    template = real_pages[0].read_text(encoding="utf-8")
    for page in real_pages:
        page.unlink()
    for pid in new_ids:
        (pages / f"{pid}.md").write_text(template.replace(template_id, pid), encoding="utf-8")
    return [page.stem for page in real_pages]


def _project_pages(project: Path, data: generate.DataSet) -> None:
    """One page per project, written like the real ones (from the first real page as template),
    in German and in every language that has project pages: a language's page of a real project
    would call its macro for a project the synthetic data no longer have."""
    real_ids = [p.stem for p in (project / "data" / "projects").glob("*.yml")]
    new_ids = [p.id for p in data.projects]
    replaced = _replace_pages(project / "docs" / "projekte", real_ids, new_ids)
    if not replaced:
        raise RuntimeError("Keine echte Projektseite unter docs/projekte/ als Vorlage gefunden.")
    _nav(project / "mkdocs.yml", set(replaced), new_ids)
    # Every configured language, built or not: `make check` and the German build check the
    # pages of each (a page needs its German original).
    for code in language_codes(project):
        _replace_pages(project / "docs" / code / "projekte", real_ids, new_ids)


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


def synthetic_project(target: Path, n: int, seed: int = 20261125, root: Path = ROOT) -> generate.DataSet:
    """A copy of the project whose data are the synthetic set at scale n."""
    copy_project(target, root)
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
