"""What survives of a data file that failed validation, for the checks that do not need its
broken parts.

A field error in one contact must not hide an overlapping street range in asd.yml, nor a
broken reference in a project file: the checks between files run on what is valid. The unit
is the record, an entry of a list: an entry with any error is left out, as None in its place,
so that positions still name the right lines. A field outside a list that cannot be read
becomes None (an empty list for a list, the group with its readable parts for a group of
fields), so the checks can walk the same shape as for a valid file.

Nothing here is validated twice or published: ``load_site`` raises as soon as any problem was
found, and the result of ``salvage`` never reaches a page.
"""

from __future__ import annotations

import functools
import types
import typing
from typing import Annotated, Any

from pydantic import BaseModel, TypeAdapter, ValidationError
from pydantic.fields import FieldInfo


def salvage(model: type[BaseModel], data: Any) -> BaseModel:
    """An instance of model with every readable part of data and None for the rest."""
    raw = data if isinstance(data, dict) else {}
    values = {}
    for name, field in model.model_fields.items():
        key = field.alias or name
        if key in raw:
            values[name] = _field_value(model, name, raw[key])
        elif field.is_required():
            values[name] = _empty(field.annotation)
        else:
            values[name] = field.get_default(call_default_factory=True)
    return model.model_construct(**values)


def _field_value(model: type[BaseModel], name: str, value: Any) -> Any:
    try:
        return _field_adapter(model, name).validate_python(value)
    except ValidationError:
        pass
    annotation = model.model_fields[name].annotation
    nested = _model_in(annotation)
    if nested is not None:
        return salvage(nested, value)
    item = _list_item(annotation)
    if item is not None:
        if not isinstance(value, list):
            return []
        adapter = _adapter(item)
        return [_valid_or_none(adapter, entry) for entry in value]
    return None


def _valid_or_none(adapter: TypeAdapter, value: Any) -> Any:
    try:
        return adapter.validate_python(value)
    except ValidationError:
        return None


def _empty(annotation: Any) -> Any:
    nested = _model_in(annotation)
    if nested is not None:
        return salvage(nested, {})
    return [] if _list_item(annotation) is not None else None


def _without_none(annotation: Any) -> Any:
    """X for X | None; the annotation itself otherwise."""
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(args) == 1:
            return args[0]
    return annotation


def _model_in(annotation: Any) -> type[BaseModel] | None:
    inner = _without_none(annotation)
    return inner if isinstance(inner, type) and issubclass(inner, BaseModel) else None


def _list_item(annotation: Any) -> Any:
    inner = _without_none(annotation)
    return typing.get_args(inner)[0] if typing.get_origin(inner) is list else None


@functools.lru_cache(maxsize=None)
def _field_adapter(model: type[BaseModel], name: str) -> TypeAdapter:
    field: FieldInfo = model.model_fields[name]
    # The field's own constraints (strict, validators, min_length) travel in its metadata.
    annotation = Annotated[(field.annotation, *field.metadata)] if field.metadata else field.annotation
    return TypeAdapter(annotation)


@functools.lru_cache(maxsize=None)
def _adapter(annotation: Any) -> TypeAdapter:
    return TypeAdapter(annotation)
