"""load_site: every stage runs on what it can; phone numbers are what they look like."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from helpers import ROOT
from macros.data import fieldtypes, models
from macros.data.messages import _model_at
from macros.data.problems import DataProblems
from macros.data.validate import load_site
from macros.data.yamlsource import walk
from macros.render.contacts import phone_parts

# Two problems that need only valid parts of asd.yml, programme.yml and organisations.yml.
OVERLAP = ("asd.yml", "      - {from: 101, parity: odd, team: asd-mitte}",
           "      - {from: 51, parity: odd, team: asd-mitte}")
FUNDER = ("programme.yml", "funder: mags", "funder: magss")
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def _replace(data: Any, path: tuple, value: Any) -> Any:
    if not path:
        return value
    copy = dict(data) if isinstance(data, dict) else list(data)
    copy[path[0]] = _replace(data[path[0]], path[1:], value)
    return copy


def _breakages() -> list[tuple[str, tuple]]:
    """Every field and entry down to the third level of every file, each to be given a value
    of the wrong kind: the entries of lists, groups inside groups, single values."""
    found = []
    for file in sorted((ROOT / "data").rglob("*.yml")):
        name = file.relative_to(ROOT / "data").as_posix()
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
        found += [(name, path) for path, _ in walk(data)
                  if 1 <= len(path) <= 3 and all(p == 0 for p in path if isinstance(p, int))]
    return found


BREAKAGES = _breakages()


@pytest.fixture(scope="module")
def data_copy(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("stages") / "data"
    shutil.copytree(ROOT / "data", folder)
    for name, old, new in (OVERLAP, FUNDER):
        path = folder / name
        path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    return folder


def test_the_catalogue_of_breakages_reaches_every_file():
    assert {name for name, _ in BREAKAGES} >= {*models.FILES, "projects/wortschatz.yml"}
    assert len(BREAKAGES) > 300


def test_a_broken_record_anywhere_leaves_the_checks_that_do_not_need_it(data_copy: Path):
    """A wrong kind of value in any field or entry of any file is reported with its file; the
    overlap in asd.yml and the unknown funder in programme.yml are still found, unless the
    breakage is in a record they need."""
    stumbled = []
    for name, path in BREAKAGES:
        file = data_copy / name
        original = file.read_text(encoding="utf-8")
        data = yaml.load(original, Loader=_LOADER)
        current = data
        for part in path:
            current = current[part]
        wrong = "?" if isinstance(current, (dict, list)) else ["?"]
        file.write_text(yaml.dump(_replace(data, path, wrong), Dumper=_DUMPER, allow_unicode=True),
                        encoding="utf-8")
        try:
            load_site(data_copy)
        except DataProblems as exc:
            messages = [p.format() for p in exc.problems]
        except Exception as exc:  # noqa: BLE001 - the point: no other exception, ever
            stumbled.append(f"{name} {path}: {exc!r}")
            continue
        else:
            stumbled.append(f"{name} {path}: no problem reported")
            continue
        finally:
            file.write_text(original, encoding="utf-8")
        where = f"data/{name}:"
        if not any(m.startswith(where) for m in messages):
            stumbled.append(f"{name} {path}: nothing reported for the file")
        if name != "asd.yml" or path[:1] != ("streets",):
            if not any("streets[10].ranges[2]: Der Bereich" in m for m in messages):
                stumbled.append(f"{name} {path}: the overlap in asd.yml was not reported")
        if name not in ("programme.yml", "organisations.yml") or (name == "programme.yml" and path != ("funder",)):
            if not any("funder: Unbekannte Kennung „magss“" in m for m in messages):
                stumbled.append(f"{name} {path}: the unknown funder was not reported")
    assert stumbled == []


def test_a_reference_to_a_broken_record_is_not_called_unknown(data_copy: Path):
    contacts = data_copy / "contacts.yml"
    original = contacts.read_text(encoding="utf-8")
    contacts.write_text(original.replace('"+49 30 23125 104"', '"02041 70-0 (Zentrale)"'), encoding="utf-8")
    try:
        with pytest.raises(DataProblems) as info:
            load_site(data_copy)
    finally:
        contacts.write_text(original, encoding="utf-8")
    messages = [p.format() for p in info.value.problems]
    assert not any("„wortschatz“" in m for m in messages), messages
    assert any(m.startswith("data/contacts.yml:87: contacts[wortschatz].phones[1].number:") for m in messages)


def test_a_record_without_a_readable_id_silences_only_references_that_may_mean_it(data_copy: Path):
    """Contacts with an id YAML reads as a number: a project's reference that is not found may
    name that contact, so it is not reported; the check of organisations still runs."""
    contacts = data_copy / "contacts.yml"
    original = contacts.read_text(encoding="utf-8")
    contacts.write_text(original.replace("  - id: wortschatz\n", "  - id: 4711\n"), encoding="utf-8")
    project = data_copy / "projects" / "wortschatz.yml"
    project_text = project.read_text(encoding="utf-8")
    project.write_text(project_text.replace("operator:\n  organisation: ", "operator:\n  organisation: x"),
                       encoding="utf-8")
    try:
        with pytest.raises(DataProblems) as info:
            load_site(data_copy)
    finally:
        contacts.write_text(original, encoding="utf-8")
        project.write_text(project_text, encoding="utf-8")
    messages = [p.format() for p in info.value.problems]
    assert any(m.startswith("data/contacts.yml:") and "Hier wird Text erwartet" in m for m in messages)
    assert not any("Unbekannte Kennung „wortschatz“" in m for m in messages), messages
    assert any(m.startswith("data/projects/wortschatz.yml:") and "operator.organisation: Unbekannte Kennung"
               in m for m in messages), messages


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
        for path, value in walk(yaml.safe_load(file.read_text(encoding="utf-8"))):
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
