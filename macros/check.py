"""``python -m macros.check``: validate the data alone, for staff and pre-commit."""

from __future__ import annotations

import sys
from pathlib import Path

from .problems import DataProblems
from .validate import load_site


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    data_dir = Path(args[0]) if args else Path("data")
    try:
        site = load_site(data_dir)
    except DataProblems as exc:
        print(exc, file=sys.stderr)
        return 1
    for warning in site.warnings:
        print(warning.format(), file=sys.stderr)
    print(f"Daten in Ordnung: {len(site.projects)} Projekte, {len(site.contacts)} Kontakte, "
          f"{len(site.asd.teams)} ASD-Teams, {len(site.asd.streets)} Straßen.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
