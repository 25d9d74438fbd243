"""Read a YAML data file into plain Python values plus the line of every value.

PyYAML alone silently keeps the last of two equal keys and forgets where a value
stood; staff need the line of every mistake. So we compose the node tree, build
the values ourselves and remember, for every path, the line and the raw text the
editor wrote. Scalars are still resolved the YAML 1.1 way (an unquoted
``0204170300`` is an int): the models then reject such values with a hint to
quote them, instead of publishing a mangled number.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from .problems import Problem, field_path

PathKey = tuple[str | int, ...]


@dataclass(frozen=True)
class Position:
    """Where a value stands in its file, and how the editor wrote it."""

    line: int
    raw: str | None = None  # the scalar's text as written
    plain: bool = False  # written without quotes (so YAML 1.1 may have converted it)


@dataclass
class Document:
    """One parsed data file: its values and the position of each of them."""

    path: str  # as shown to staff, e.g. data/contacts.yml
    data: Any
    _positions: dict[PathKey, Position] | None = None
    _text: str | None = None  # kept to find positions when first asked for

    @property
    def positions(self) -> dict[PathKey, Position]:
        # Only messages need lines; a clean file is parsed once, fast, without them.
        if self._positions is None:
            self._positions = _read_with_positions(self._text or "", self.path).positions
        return self._positions

    def line_of(self, path: PathKey) -> int:
        """Line of the value at path, or of its nearest enclosing value."""
        probe = tuple(path)
        while probe:
            if probe in self.positions:
                return self.positions[probe].line
            probe = probe[:-1]
        return self.positions.get((), Position(1)).line

    def position_of(self, path: PathKey) -> Position | None:
        return self.positions.get(tuple(path))


class YamlError(Exception):
    """The file cannot be read at all; carries every problem found so far."""

    def __init__(self, problems: list[Problem]):
        super().__init__("\n".join(p.format() for p in problems))
        self.problems = problems


# Known PyYAML problems, in plain German with what to do.
_SYNTAX_HINTS = [
    ("mapping values are not allowed here",
     "Doppelpunkt an unerwarteter Stelle. Enthält der Text einen Doppelpunkt, "
     "setzen Sie ihn in Anführungszeichen."),
    ("could not find expected ':'",
     "Hier fehlt ein Doppelpunkt nach dem Feldnamen, oder ein Text ist nicht richtig "
     "in Anführungszeichen gesetzt."),
    ("did not find expected key",
     "Die Einrückung passt nicht zu den Zeilen davor (Feldnamen einer Ebene müssen genau "
     "untereinander stehen)."),
    ("did not find expected '-' indicator",
     "Die Einrückung passt nicht: Listeneinträge mit '-' müssen genau untereinander stehen."),
    ("expected <block end>",
     "Die Einrückung passt nicht zu den Zeilen davor."),
    ("found unexpected end of stream",
     "Ein Anführungszeichen oder eine Klammer wird nicht geschlossen."),
    ("found undefined alias", "Unbekannter Verweis mit '*'. Verweise werden hier nicht verwendet."),
    ("found unknown escape character",
     "Ungültiges Zeichen nach '\\' in einem Text mit doppelten Anführungszeichen. "
     "Verwenden Sie einfache Anführungszeichen."),
    ("found character '@' that cannot start any token",
     "Ein Wert darf nicht mit '@' beginnen: setzen Sie ihn in Anführungszeichen."),
    ("found character '`' that cannot start any token",
     "Ein Wert darf nicht mit '`' beginnen: setzen Sie ihn in Anführungszeichen."),
    ("found character '%' that cannot start any token",
     "Ein Wert darf nicht mit '%' beginnen: setzen Sie ihn in Anführungszeichen."),
    ("expected alphabetic or numeric character",
     "Ein Wert beginnt mit '*' oder '&': setzen Sie ihn in Anführungszeichen."),
    ("expected a single document",
     "Die Datei enthält mehrere Dokumente ('---'). Erlaubt ist nur eines."),
]


def _syntax_message(exc: yaml.MarkedYAMLError) -> str:
    problem = f"{exc.context or ''} {exc.problem or ''}"
    for needle, german in _SYNTAX_HINTS:
        if needle in problem:
            return f"YAML-Syntaxfehler: {german}"
    return f"YAML-Syntaxfehler: Die Zeile ist kein gültiges YAML ({(exc.problem or '').strip()})."


def walk(node: Any, path: tuple = ()) -> Iterator[tuple[tuple, Any]]:
    """Every value of loaded data with its path of keys and list positions, the root first."""
    yield path, node
    if isinstance(node, dict):
        for key, child in node.items():
            yield from walk(child, path + (key,))
    elif isinstance(node, list):
        for index, child in enumerate(node):
            yield from walk(child, path + (index,))


def read_text(file: Path, shown: str) -> str:
    raw = file.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise YamlError([Problem(shown, line, None,
                                 "Die Datei ist nicht in UTF-8 gespeichert (ungültiges Byte "
                                 f"0x{raw[exc.start]:02x}). Bitte im Editor als UTF-8 speichern.")]) from None
    return text.removeprefix("\ufeff")


def load_document(file: Path, shown: str) -> Document:
    """Parse one data file.

    Raises YamlError when the file cannot be read or parsed, or holds duplicate
    keys; each problem carries the file, the line and a German explanation.
    """
    text = read_text(file, shown)
    tabs = [Problem(shown, number, None,
                    "Tabulatorzeichen sind nicht erlaubt. Bitte mit Leerzeichen einrücken "
                    "(zwei je Ebene).")
            for number, line in enumerate(text.splitlines(), start=1) if "\t" in line]
    if tabs:
        raise YamlError(tabs)
    data = _fast_load(text)
    if data is not None:
        return Document(shown, data, None, text)
    return _read_with_positions(text, shown)


class _SlowPath(Exception):
    pass


_SAFE = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _FastLoader(_SAFE):
    """libyaml straight to values; refuses what needs a message (duplicate or odd keys)."""

    def values(self) -> Any:
        node = self.get_single_node()
        return None if node is None else _values(node, self, {})

    # The parser asks for every scalar's tag. PyYAML's answer builds a new list of candidate
    # patterns per scalar and checks path resolvers the safe loader never has: a third of the
    # loading time. Same answers, from a table made once.
    _implicit = {first: tuple(patterns + _SAFE.yaml_implicit_resolvers.get(None, []))
                 for first, patterns in _SAFE.yaml_implicit_resolvers.items() if first is not None}
    _implicit_wildcard = tuple(_SAFE.yaml_implicit_resolvers.get(None, []))

    def resolve(self, kind, value, implicit):
        if kind is ScalarNode:
            if implicit[0]:
                for tag, pattern in self._implicit.get(value[:1], self._implicit_wildcard):
                    if pattern.match(value):
                        return tag
            return self.DEFAULT_SCALAR_TAG
        return self.DEFAULT_SEQUENCE_TAG if kind is SequenceNode else self.DEFAULT_MAPPING_TAG

    if _SAFE.yaml_path_resolvers:  # the table cannot stand for rules by path: PyYAML's own answer
        del resolve


_STR = "tag:yaml.org,2002:str"
_MERGE = "tag:yaml.org,2002:merge"


def _values(node, loader: _FastLoader, made: dict[int, Any]) -> Any:
    """The node's value, as PyYAML's safe constructor would build it. Written out, because
    PyYAML's own walk (a generator per mapping, bookkeeping per node) took half of the
    loading time of a large data set."""
    if isinstance(node, ScalarNode):
        if node.tag == _STR:
            return node.value
        construct = loader.yaml_constructors.get(node.tag)
        return construct(loader, node) if construct is not None else loader.construct_object(node)
    if id(node) in made:  # an alias: the same value, as PyYAML gives it
        return made[id(node)]
    if isinstance(node, SequenceNode):
        if node.tag != "tag:yaml.org,2002:seq":  # !!omap, !!pairs
            return loader.construct_object(node, deep=True)
        items: list = []
        made[id(node)] = items
        items.extend(_values(item, loader, made) for item in node.value)
        return items
    if not isinstance(node, MappingNode) or node.tag != "tag:yaml.org,2002:map":  # !!set
        return loader.construct_object(node, deep=True)
    result: dict = {}
    made[id(node)] = result
    for key_node, value_node in node.value:
        if not isinstance(key_node, ScalarNode) or key_node.tag == _MERGE or key_node.value in result:
            raise _SlowPath
        result[key_node.value] = _values(value_node, loader, made)
    return result


def _fast_load(text: str) -> Any:
    """The values of a clean file, or None when the careful path must explain something."""
    loader = _FastLoader(text)
    try:
        return loader.values()
    except Exception:  # noqa: BLE001 - any doubt goes to the careful path, which explains it
        return None
    finally:
        loader.dispose()


def _read_with_positions(text: str, shown: str) -> Document:
    try:
        root = _compose(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        raise YamlError([Problem(shown, line, None, _syntax_message(exc))]) from None
    if root is None:
        raise YamlError([Problem(shown, 1, None,
                                 "Die Datei ist leer (sie enthält keine Daten, höchstens Kommentare).")])
    positions: dict[PathKey, Position] = {}
    problems: list[Problem] = []
    data = _build(root, (), positions, shown, problems)
    if problems:
        raise YamlError(problems)
    return Document(shown, data, positions, text)


def _compose(text: str):
    """The node tree, from libyaml when it is there: the pure-Python parser took most of a
    large build (a minute for 20,000 streets). On an error the Python parser runs again,
    because the German hints above match its messages, not libyaml's."""
    fast = getattr(yaml, "CSafeLoader", None)
    if fast is not None:
        try:
            return yaml.compose(text, Loader=fast)
        except yaml.YAMLError:
            pass
    return yaml.compose(text, Loader=yaml.SafeLoader)


_scalars = SafeConstructor()


def _build(node, path: PathKey, positions: dict[PathKey, Position], shown: str,
           problems: list[Problem]) -> Any:
    line = node.start_mark.line + 1
    if isinstance(node, ScalarNode):
        # Plain style is None from the Python parser, "" from libyaml.
        positions[path] = Position(line, node.value, not node.style)
        try:
            return _scalars.construct_object(node, deep=True)
        except (yaml.constructor.ConstructorError, ValueError, OverflowError):
            problems.append(Problem(shown, line, field_path(path),
                                    f"Der Wert „{node.value}“ ist so nicht lesbar (z. B. ein "
                                    "unmögliches Datum). Bitte korrigieren oder in Anführungszeichen "
                                    "setzen."))
            return None
    positions.setdefault(path, Position(line))
    if isinstance(node, SequenceNode):
        return [_build(item, path + (i,), positions, shown, problems)
                for i, item in enumerate(node.value)]
    if isinstance(node, MappingNode):
        result: dict[str, Any] = {}
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            key_line = key_node.start_mark.line + 1
            if not isinstance(key_node, ScalarNode) or key_node.tag == "tag:yaml.org,2002:merge":
                problems.append(Problem(shown, key_line, field_path(path),
                                        "Feldnamen müssen einfacher Text sein ('<<' und "
                                        "zusammengesetzte Schlüssel werden nicht unterstützt)."))
                continue
            key = key_node.value
            if key in result:
                problems.append(Problem(shown, key_line, field_path(path + (key,)),
                                        f"Das Feld „{key}“ steht doppelt (zuerst in Zeile "
                                        f"{first_line[key]}). YAML würde den ersten Wert "
                                        "stillschweigend verwerfen; bitte einen der beiden löschen."))
                continue
            first_line[key] = key_line
            child = path + (key,)
            result[key] = _build(value_node, child, positions, shown, problems)
            # Errors about a field point at its key: that is the line staff look for.
            positions[child] = Position(key_line, positions[child].raw, positions[child].plain)
        return result
    problems.append(Problem(shown, line, field_path(path), "Unbekannte YAML-Struktur."))
    return None
