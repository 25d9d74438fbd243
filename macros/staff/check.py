"""``python -m macros.staff.check``: validate the data alone, for staff and pre-commit."""

from __future__ import annotations

import sys
from pathlib import Path

from ..data import translations
from ..data.problems import DataProblems, report
from ..data.siteconfig import CONFIG_FILE, load_config, review_months
from ..data.validate import load_site
from ..data.yamlsource import YamlError
from .review import overdue, today_from_env


def review_warnings(documents, project_dir: Path):
    try:
        config = load_config(project_dir) if (project_dir / CONFIG_FILE).is_file() else None
    except YamlError:
        config = None  # the build reports a broken mkdocs.yml; here only the default matters
    return overdue(documents, today_from_env(), review_months(config))


def translation_problems(project_dir: Path, site) -> list:
    """Each language's line in mkdocs.yml, its catalogue and pages: outdated or fuzzy
    translations are warnings (file, line, language), broken ones errors."""
    if not (project_dir / CONFIG_FILE).is_file():
        return []
    try:
        config = load_config(project_dir)
    except YamlError as exc:
        return list(exc.problems)
    languages, problems = translations.languages(config.data, config.line_of, config.path)
    return problems + translations.check(project_dir, site, languages)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    data_dir = Path(args[0]) if args else Path("data")
    try:
        site = load_site(data_dir)
    except DataProblems as exc:
        # Review dates need no valid data: staff see them in the same round, above the errors
        # (the end of the output is what a terminal shows).
        for warning in review_warnings(exc.documents, data_dir.parent):
            print(warning.format(), file=sys.stderr)
        print(exc, file=sys.stderr)
        return 1
    for warning in [*site.warnings, *review_warnings(site.documents, data_dir.parent)]:
        print(warning.format(), file=sys.stderr)
    found = translation_problems(data_dir.parent, site)
    for problem in found:
        print(problem.format(), file=sys.stderr)
    if any(p.severity == "error" for p in found):
        print(report([p for p in found if p.severity == "error"]), file=sys.stderr)
        return 1
    print(f"Daten in Ordnung: {len(site.projects)} Projekte, {len(site.contacts)} Kontakte, "
          f"{len(site.asd.teams)} ASD-Teams, {len(site.asd.streets)} Straßen.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
