"""The shape of macros/: four parts whose imports run one way, and no circle inside a part."""

from __future__ import annotations

import ast
from pathlib import Path

from helpers import ROOT

PACKAGE = ROOT / "macros"
# A part may import from the parts before it in this order, never from one after it.
ORDER = ["data", "render", "build", "staff"]


def _module(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")


def _imports(path: Path) -> set[str]:
    """The macros modules a file imports, by full name."""
    here = _module(path).split(".")
    if path.name != "__init__.py":
        here = here[:-1]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = here[: len(here) - node.level + 1] if node.level else []
            target = ".".join([*base, *(node.module.split(".") if node.module else [])])
            names = [f"{target}.{alias.name}" for alias in node.names]
            found.update(n for n in names if (PACKAGE / Path(*n.split(".")[1:])).with_suffix(".py").exists()
                         or (PACKAGE / Path(*n.split(".")[1:])).is_dir())
            if not any(n in found for n in names):
                found.add(target)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {name for name in found if name == "macros" or name.startswith("macros.")}


def _graph() -> dict[str, set[str]]:
    return {_module(p): _imports(p) for p in PACKAGE.rglob("*.py") if p.parent != PACKAGE}


def _part(module: str) -> str:
    return module.split(".")[1]


def test_every_module_sits_in_one_of_the_four_parts():
    loose = [p.name for p in PACKAGE.glob("*.py") if p.name != "__init__.py"]
    assert loose == []
    assert sorted(p.name for p in PACKAGE.iterdir() if p.is_dir() and p.name != "__pycache__") == sorted(ORDER)


def test_imports_run_one_way():
    wrong = [f"{module} imports {target}" for module, targets in _graph().items() for target in targets
             if target.count(".") >= 1 and ORDER.index(_part(target)) > ORDER.index(_part(module))]
    assert wrong == []


def test_no_part_imports_the_adapter():
    assert [m for m, targets in _graph().items() if "macros" in targets] == []


def test_no_circle_of_imports():
    graph = _graph()

    def visit(module: str, path: list[str]) -> list[str] | None:
        if module in path:
            return path[path.index(module):] + [module]
        for target in sorted(graph.get(module, ())):
            circle = visit(target, path + [module])
            if circle:
                return circle
        return None

    circles = [c for c in (visit(m, []) for m in graph) if c]
    assert circles == []


# Issue 18 allowed two hooks (the search index, the template cache); issue 20 added the third,
# the other languages' builds, which need MkDocs' file, page-context and build events.
HOOKS = {"macros/build/languages.py", "macros/build/search_hook.py", "macros/build/template_cache.py"}


def test_mkdocs_keeps_only_the_three_hooks_with_a_job():
    import yaml

    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    hooks = yaml.safe_load(text[text.index("hooks:"):text.index("\nplugins:")])["hooks"]
    assert set(hooks) <= HOOKS and all((ROOT / hook).is_file() for hook in hooks)
