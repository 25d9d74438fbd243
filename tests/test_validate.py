"""Phone numbers are what they look like."""

from __future__ import annotations

import re
from typing import Any, Iterator

import pytest
import yaml

from helpers import ROOT
from macros.data import fieldtypes, models
from macros.data.messages import _model_at
from macros.render.contacts import phone_parts


def _walk(node: Any, path: tuple = ()) -> Iterator[tuple[tuple, Any]]:
    yield path, node
    if isinstance(node, dict):
        for key, child in node.items():
            yield from _walk(child, path + (key,))
    elif isinstance(node, list):
        for index, child in enumerate(node):
            yield from _walk(child, path + (index,))


# --- phone numbers -----------------------------------------------------------------------

def _is_phone_field(model: type, path: tuple) -> bool:
    owner = _model_at(model, path[:-1])
    field = next((f for n, f in owner.model_fields.items() if path[-1] in (n, f.alias)), None)
    return field is not None and any(getattr(m, "func", None) is fieldtypes._phone for m in field.metadata)


# Text that begins like a phone number: "+49 …", "0800 …", "02041 70-0" (postal codes,
# years, "2019/0840" and "DE000000000" do not).
_LOOKS_LIKE_A_NUMBER = re.compile(r"(?<![\w/.-])(?:\+\d|0\d)[\d /()-]{5,}\d")


def test_every_phone_number_in_the_data_sits_in_a_phone_field():
    """One field type checks every phone number: a number typed into another field would be
    published unchecked."""
    checked = 0
    for file in sorted((ROOT / "data").rglob("*.yml")):
        name = file.relative_to(ROOT / "data").as_posix()
        model = models.Project if name.startswith("projects/") else models.FILES[name]
        for path, value in _walk(yaml.safe_load(file.read_text(encoding="utf-8"))):
            if isinstance(value, str) and _LOOKS_LIKE_A_NUMBER.search(value):
                assert _is_phone_field(model, path), f"{name} {path}: {value}"
                checked += 1
    assert checked >= 10
    # The short numbers do not look like one, and are phone fields all the same.
    assert _is_phone_field(models.Emergency, ("numbers", 0, "number"))


@pytest.mark.parametrize("number", ["02041 70-0", "(02041) 70-0", "+49 (0)2041 70-0", "02041/70-0",
                                    "+49 2041 70-0", "110", "116 111", "0800 111 0 550"])
def test_what_phone_numbers_are_written_with_is_accepted(number):
    assert fieldtypes.phone_problem(number) is None
    models.PhoneEntry(number=number)


@pytest.mark.parametrize("number, words", [
    ("02041 70-0 (Zentrale)", "„(Zentrale)“ gehört nicht in die Telefonnummer"),
    ("030 nicht bekannt", "„nicht bekannt“ gehört nicht in die Telefonnummer"),
    ("0800 FLOWERS", "„FLOWERS“ gehört nicht"),
    ("02041 70–0", "Das Zeichen „–“"),
    ("030 23125 101 + 102", "Das „+“ steht nur am Anfang"),
    ("(0204) (1) 70-0", "Klammern stehen nur um die Vorwahl"),
    ("(Zentrale) 02041 70-0", "„(Zentrale)“ gehört nicht"),
])
def test_anything_else_in_a_phone_number_is_refused_in_german(number, words):
    assert words in fieldtypes.phone_problem(number)
    with pytest.raises(ValueError, match=re.escape(words)):
        models.PhoneEntry(number=number)


def test_the_renderer_refuses_a_number_written_with_words():
    """phonenumbers reads letters as a keypad; the renderer must not turn a note into digits
    even if a caller skipped the validation."""
    assert phone_parts("+49 30 23125 104") == ("030 23125104", "+493023125104")
    with pytest.raises(ValueError, match="Zentrale"):
        phone_parts("02041 70-0 (Zentrale)")
