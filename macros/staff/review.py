"""Records that nobody has confirmed for too long (``reviewed_on`` older than N months).

``make check`` shows them as warnings; the publish build refuses them. "Today" is
always passed in, so tests and the weekly CI run decide which day it is.
"""

from __future__ import annotations

import calendar
import os
from datetime import date
from typing import Any, Iterator

from ..data.problems import Problem, field_path
from ..data.yamlsource import Document

TODAY_VARIABLE = "ZIQ_TODAY"


def today_from_env() -> date:
    """The injected day (``ZIQ_TODAY=JJJJ-MM-TT``) or, for staff, the real one.

    Only checks call this; nothing that ends up in a page reads the clock.
    """
    fixed = os.environ.get(TODAY_VARIABLE)
    return date.fromisoformat(fixed) if fixed else date.today()


def add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _reviewed(node: Any, path: tuple = ()) -> Iterator[tuple[tuple, date]]:
    if isinstance(node, dict):
        value = node.get("reviewed_on")
        if isinstance(value, date):
            yield path + ("reviewed_on",), value
        for key, child in node.items():
            yield from _reviewed(child, path + (key,))
    elif isinstance(node, list):
        for index, child in enumerate(node):
            yield from _reviewed(child, path + (index,))


def overdue(documents: dict[str, Document], today: date, months: int) -> list[Problem]:
    problems = []
    for name in sorted(documents):
        doc = documents[name]
        for path, reviewed_on in _reviewed(doc.data):
            due = add_months(reviewed_on, months)
            if due < today:
                problems.append(Problem(
                    doc.path, doc.line_of(path), field_path(path, doc.data),
                    f"Seit mehr als {months} Monaten nicht geprüft (zuletzt am {reviewed_on.isoformat()}, "
                    f"fällig seit {due.isoformat()}). Bitte die Angaben des Eintrags prüfen und "
                    "reviewed_on auf das Datum der Prüfung setzen.",
                    severity="warning"))
    return problems


def main(argv: list[str] | None = None) -> int:
    """``python -m macros.staff.review``: exit 1 when a record is overdue (weekly CI run)."""
    import sys
    from pathlib import Path

    from ..data.problems import DataProblems
    from ..data.siteconfig import load_config, review_months
    from ..data.validate import load_site

    project_dir = Path(argv[0] if argv else (sys.argv[1] if len(sys.argv) > 1 else "."))
    try:
        site = load_site(project_dir / "data")
    except DataProblems as exc:
        print(exc, file=sys.stderr)
        return 1
    months = review_months(load_config(project_dir))
    late = overdue(site.documents, today_from_env(), months)
    for problem in late:
        print(problem.format(), file=sys.stderr)
    print(f"{len(late)} Einträge seit mehr als {months} Monaten nicht geprüft." if late
          else f"Alle Einträge in den letzten {months} Monaten geprüft.")
    return 1 if late else 0


if __name__ == "__main__":
    raise SystemExit(main())
