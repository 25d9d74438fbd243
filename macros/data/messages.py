"""Turn pydantic's validation errors into German problems with file, line and field."""

from __future__ import annotations

import datetime
import re
import types
import typing

from pydantic import BaseModel, ValidationError

from .problems import Problem, field_path
from .yamlsource import Document, Position

_TYPE_NAMES = {
    bool: "Wahrheitswert",
    int: "Zahl",
    float: "Zahl",
    str: "Text",
    datetime.date: "Datum",
    datetime.datetime: "Zeitpunkt",
    list: "Liste",
    dict: "Gruppe von Feldern",
    type(None): "leerer Wert",
}


def _read_as(value) -> str:
    return _TYPE_NAMES.get(type(value), "Wert einer anderen Art")


def _shown(value) -> str:
    """A value as YAML would write it, not as Python does (false, not False)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    return str(value)


def _quote_hint(pos: Position | None, value) -> str:
    """Explain a YAML 1.1 surprise: an unquoted value that YAML turned into something else."""
    if pos is None or not pos.plain or pos.raw is None or isinstance(value, str):
        return ""
    return (f" YAML hat den Wert {pos.raw} ohne Anführungszeichen als {_read_as(value)} "
            f"({_shown(value)}) gelesen. Bitte in Anführungszeichen schreiben: \"{pos.raw}\".")


def _choices(expected: str) -> str:
    """pydantic's "'a', 'b' or 'c'" (English) as „a“, „b“ oder „c“."""
    values = [quoted or bare for quoted, bare in re.findall(r"'([^']*)'|([^\s,']+)", expected)
              if (quoted or bare) != "or"]
    if len(values) < 2:
        return ", ".join(f"„{v}“" for v in values)
    return ", ".join(f"„{v}“" for v in values[:-1]) + f" oder „{values[-1]}“"


def _unwrap(annotation):
    """The model class inside list[...], X | None, Annotated[...] (or None)."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (list, typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            found = _unwrap(arg)
            if found is not None:
                return found
        return None
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    return None


def _model_at(model: type[BaseModel], loc: tuple) -> type[BaseModel] | None:
    current: type[BaseModel] | None = model
    for part in loc:
        if current is None:
            return None
        if isinstance(part, int):
            continue
        field = next((f for name, f in current.model_fields.items()
                      if name == part or f.alias == part), None)
        if field is None:
            return None
        current = _unwrap(field.annotation)
    return current


def _field_names(model: type[BaseModel] | None) -> str:
    if model is None:
        return ""
    names = [f.alias or name for name, f in model.model_fields.items()]
    return ", ".join(names)


def _message(err: dict, model: type[BaseModel], doc: Document, loc: tuple) -> str:
    kind = err["type"]
    value = err.get("input")
    pos = doc.position_of(loc)
    if kind.startswith("de_"):
        return err["msg"]
    if kind == "missing":
        return "Pflichtfeld fehlt."
    if kind == "extra_forbidden":
        allowed = _field_names(_model_at(model, loc[:-1]))
        return (f"Unbekanntes Feld „{loc[-1]}“ (Tippfehler?). Erlaubt sind: {allowed}.")
    if kind in ("string_type", "str_type"):
        return "Hier wird Text erwartet." + (_quote_hint(pos, value) or
                                             f" Gelesen wurde: {_read_as(value)}.")
    if kind == "bool_type":
        return "Hier wird true oder false erwartet." + _quote_hint(pos, value)
    if kind in ("int_type", "int_parsing"):
        return f"Hier wird eine ganze Zahl erwartet. Gelesen wurde: {_read_as(value)}."
    if kind == "list_type":
        return f"Hier wird eine Liste erwartet (Einträge mit „- “). Gelesen wurde: {_read_as(value)}."
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return (f"Hier wird eine Gruppe von Feldern erwartet (eingerückt darunter). Gelesen wurde: "
                f"{_read_as(value)}.")
    if kind in ("literal_error", "enum"):
        expected = _choices(str(err.get("ctx", {}).get("expected", "")))
        return f"Ungültiger Wert „{_shown(value)}“. Erlaubt sind: {expected}." + _quote_hint(pos, value)
    if kind == "too_short":
        return "Die Liste darf nicht leer sein."
    if kind in ("date_type", "date_parsing", "date_from_datetime_inexact"):
        return "Daten werden als JJJJ-MM-TT geschrieben, z. B. 2019-11-26."
    # Kinds the models do not produce today; the German words stay, the kind helps a developer.
    return f"Der Wert passt nicht zu diesem Feld (Prüfung „{kind}“)."


def translate(exc: ValidationError, model: type[BaseModel], doc: Document,
              base: tuple = ()) -> list[Problem]:
    problems = []
    for err in exc.errors():
        # Model validators report at the model; their loc has no trailing field.
        loc = base + tuple(err["loc"])
        message = _message(err, model, doc, tuple(err["loc"]))
        problems.append(Problem(doc.path, doc.line_of(loc), field_path(loc, doc.data) or None,
                                message))
    return problems
