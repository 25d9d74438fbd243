"""Turn pydantic's validation errors into German problems with file, line and field."""

from __future__ import annotations

import datetime
import types
import typing

from pydantic import BaseModel, ValidationError

from .problems import Problem, field_path
from .yamlsource import Document, Position

_TYPE_NAMES = {
    bool: "Wahrheitswert (ja/nein)",
    int: "Zahl",
    float: "Zahl",
    datetime.date: "Datum",
    datetime.datetime: "Zeitpunkt",
    list: "Liste",
    dict: "Gruppe von Feldern",
    type(None): "leerer Wert",
}


def _read_as(value) -> str:
    return _TYPE_NAMES.get(type(value), type(value).__name__)


def _quote_hint(pos: Position | None, value) -> str:
    """Explain a YAML 1.1 surprise: an unquoted value that YAML turned into something else."""
    if pos is None or not pos.plain or pos.raw is None or isinstance(value, str):
        return ""
    return (f" YAML hat den Wert {pos.raw} ohne Anführungszeichen als {_read_as(value)} "
            f"({value!r}) gelesen. Bitte in Anführungszeichen schreiben: \"{pos.raw}\".")


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
        return "Hier wird eine ganze Zahl erwartet."
    if kind == "list_type":
        return f"Hier wird eine Liste erwartet (Einträge mit „- “), gelesen wurde: {_read_as(value)}."
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return (f"Hier wird eine Gruppe von Feldern erwartet (eingerückt darunter), gelesen wurde: "
                f"{_read_as(value)}.")
    if kind in ("literal_error", "enum"):
        expected = err.get("ctx", {}).get("expected", "")
        return f"Ungültiger Wert „{value}“. Erlaubt sind: {expected}." + _quote_hint(pos, value)
    if kind == "too_short":
        return "Die Liste darf nicht leer sein."
    if kind in ("date_type", "date_parsing", "date_from_datetime_inexact"):
        return "Daten werden als JJJJ-MM-TT geschrieben, z. B. 2019-11-26."
    return f"Ungültiger Wert ({err['msg']})."


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
