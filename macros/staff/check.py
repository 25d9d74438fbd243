"""``python -m macros.staff.check``: validate the data alone, for staff and pre-commit."""

from __future__ import annotations

import sys
from pathlib import Path

from ..data.problems import DataProblems
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
    print(f"Daten in Ordnung: {len(site.projects)} Projekte, {len(site.contacts)} Kontakte, "
          f"{len(site.asd.teams)} ASD-Teams, {len(site.asd.streets)} Straßen.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
