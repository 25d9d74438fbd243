"""A problem found in the data, reported to staff as ``file:line: field: message``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    field: str | None
    message: str
    # "error" stops every build; "warning" is shown, and only the publish build refuses it.
    severity: str = "error"

    def format(self) -> str:
        where = f"{self.file}:{self.line}:"
        label = "" if self.severity == "error" else "Warnung: "
        if self.field:
            return f"{where} {self.field}: {label}{self.message}"
        return f"{where} {label}{self.message}"


class DataProblems(Exception):
    """Raised when the data cannot be published; carries every problem at once."""

    def __init__(self, problems: Iterable[Problem], documents: dict | None = None):
        self.problems = sorted(problems)
        # The files that could be read (path -> yamlsource.Document), for checks of the
        # staff commands that do not need valid data, such as overdue reviews.
        self.documents = documents or {}
        super().__init__(report(self.problems))


def report(problems: list[Problem]) -> str:
    errors = [p for p in problems if p.severity == "error"]
    lines = [p.format() for p in problems]
    if errors:
        files = len({p.file for p in errors})
        lines.append(f"{len(errors)} Fehler in {files} Datei{'en' if files != 1 else ''}. "
                     "Es wurde nichts veröffentlicht.")
    return "\n".join(lines)


def field_path(path: Iterable[Any], data: Any = None) -> str:
    """``('contacts', 2, 'phones', 0)`` -> ``contacts[awo-buero].phones[1]``.

    List entries are named by their ``id`` when they have one (stable while
    editing), otherwise by their position counted from 1, as staff count.
    """
    out = ""
    node = data
    for part in path:
        if isinstance(part, int):
            item = node[part] if isinstance(node, list) and part < len(node) else None
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                out += f"[{item['id']}]"
            else:
                out += f"[{part + 1}]"
            node = item
        else:
            out += f".{part}" if out else str(part)
            node = node.get(part) if isinstance(node, dict) else None
    return out
