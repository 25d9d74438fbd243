from pathlib import Path

import pytest

from macros.yamlsource import YamlError, load_document


def write(tmp_path: Path, text: str | bytes) -> Path:
    file = tmp_path / "x.yml"
    file.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return file


def load(tmp_path, text):
    return load_document(write(tmp_path, text), "data/x.yml")


def test_positions_point_at_keys_and_items(tmp_path):
    doc = load(tmp_path, "a: 1\nlist:\n  - id: x\n    phone: \"0201\"\n  - id: y\n")
    assert doc.line_of(("a",)) == 1
    assert doc.line_of(("list", 0, "phone")) == 4
    assert doc.line_of(("list", 1)) == 5
    # a missing field is reported at its enclosing record
    assert doc.line_of(("list", 1, "missing")) == 5


def test_duplicate_keys_are_all_reported(tmp_path):
    with pytest.raises(YamlError) as info:
        load(tmp_path, "a: 1\nb: 2\na: 3\nc:\n  d: 1\n  d: 2\n")
    lines = [(p.line, p.field) for p in info.value.problems]
    assert lines == [(3, "a"), (6, "c.d")]
    assert "zuerst in Zeile 1" in info.value.problems[0].message


def test_unquoted_values_keep_what_the_editor_wrote(tmp_path):
    doc = load(tmp_path, "phone: 0204170300\ntime: 12:30\nflag: no\nquoted: '0204'\n")
    assert doc.data["time"] == 750  # YAML 1.1; the models reject it with a hint
    assert doc.position_of(("time",)).raw == "12:30"
    assert doc.position_of(("time",)).plain
    assert not doc.position_of(("quoted",)).plain


@pytest.mark.parametrize("text, line, words", [
    ("a: 1\n\tb: 2\n", 2, "Tabulatorzeichen"),
    ("", 1, "leer"),
    ("# nur ein Kommentar\n", 1, "leer"),
    ("a: b: c\n", 1, "Doppelpunkt"),
    ("a:\n  - x\n b: 2\n", 3, "Einrückung"),
    ("a: \"offen\n", 2, "Anführungszeichen"),
    ("a: 1\n---\nb: 2\n", 2, "mehrere Dokumente"),
])
def test_unreadable_files_get_a_german_message(tmp_path, text, line, words):
    with pytest.raises(YamlError) as info:
        load(tmp_path, text)
    problem = info.value.problems[0]
    assert problem.file == "data/x.yml"
    assert problem.line == line
    assert words in problem.message


def test_wrong_encoding_names_the_line(tmp_path):
    with pytest.raises(YamlError) as info:
        load(tmp_path, "a: 1\nb: Stra\xdfe\n".encode("latin-1"))
    problem = info.value.problems[0]
    assert problem.line == 2 and "UTF-8" in problem.message
