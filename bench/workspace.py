"""Throw-away copies of the project for the benchmark: real, synthetic, frozen, empty.

A copy takes docs/, macros/, overrides/, mkdocs.yml and all of data/ from the
working tree, so the benchmark follows the real site as it changes; only the
projects, the contacts and the ASD teams and streets are swapped for synthetic ones.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import yaml

from macros import FROZEN_FILES

from . import generate

ROOT = Path(__file__).resolve().parents[1]
PARTS = ["docs", "data", "macros", "overrides", "mkdocs.yml"]
_NAV_PROJECT = re.compile(r"^(\s*-\s+)projekte/([a-z0-9-]+)\.md\s*$")
_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)


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


def frozen_project(source: Path, frozen_markdown: Path, target: Path) -> Path:
    """A copy of source whose pages and files are the macros' output, and whose config has no
    macros plugin."""
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__", "site*"))
    # The generated files (vCards, open data) become static files of the copy.
    files = frozen_markdown / FROZEN_FILES
    if files.is_dir():
        shutil.copytree(files, target / "docs", dirs_exist_ok=True)
    for rendered in frozen_markdown.rglob("*.md"):
        rel = rendered.relative_to(frozen_markdown)
        page = target / "docs" / rel
        original = page.read_text(encoding="utf-8")
        front = _FRONT_MATTER.match(original)
        page.write_text((front.group(0) if front else "") + rendered.read_text(encoding="utf-8"),
                        encoding="utf-8")
    config = target / "mkdocs.yml"
    config.write_text(_without_macros(config.read_text(encoding="utf-8")), encoding="utf-8")
    return target


# The frozen copy with mkdocs-macros back on, but without a macro and without rendering a page:
# what the plugin costs before any of the site's macros run (its imports, its git commands).
_PLUGIN_ONLY = """  - macros:
      module_name: bench_no_macros
      render_by_default: false
"""


def plugin_only_project(frozen: Path, target: Path) -> Path:
    """A copy of the frozen project whose config loads mkdocs-macros with an empty module."""
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(frozen, target, ignore=shutil.ignore_patterns("__pycache__", "site*"))
    config = target / "mkdocs.yml"
    lines = config.read_text(encoding="utf-8").splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if line.rstrip() == "plugins:") + 1
    config.write_text("".join(lines[:at]) + _PLUGIN_ONLY + "".join(lines[at:]), encoding="utf-8")
    (target / "bench_no_macros.py").write_text("def define_env(env):\n    pass\n", encoding="utf-8")
    return target


def _without_macros(text: str) -> str:
    """Drop the `- macros:` entry (and its indented options) from the plugins list."""
    out, skip_indent = [], None
    for line in text.splitlines():
        indent = len(line) - len(line.lstrip())
        if skip_indent is not None:
            if line.strip() and indent <= skip_indent:
                skip_indent = None
            else:
                continue
        if line.strip() in ("- macros:", "- macros"):
            skip_indent = indent
            continue
        out.append(line)
    return "\n".join(out) + "\n"


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
