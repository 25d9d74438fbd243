from pathlib import Path

import pytest

from helpers import ROOT
from macros.data.yamlsource import YamlError, load_document


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


TRICKY = [
    "a: 2001-12-14\nb: 0o17\nc: 0x1f\nd: 1_000\ne: .inf\nf: ~\ng: yes\nh: 12:30\ni: '0204'\n"
    "j: !!binary aGk=\nk: 1.5e3\nl: \"\"\nm:\nn: 2001-12-14t21:59:43.10-05:00\no: +12\np: -0\n",
    "- &a {x: 1, y: [1, 2]}\n- *a\n- !!str 12\n- !!int '7'\n",
    "a: &x\n  - *x\n",
    "a: !!omap\n  - b: 1\n  - c: 2\nb: !!set {x, y}\nc: !!pairs [a: 1]\n",
    "text: |\n  Zeile 1\n  Zeile 2\nfolded: >\n  a\n  b\n",
]


@pytest.mark.parametrize("text", TRICKY + [f.read_text(encoding="utf-8") for f in sorted((ROOT / "data").rglob("*.yml"))])
def test_fast_path_builds_what_pyyaml_builds(text):
    """The fast path (libyaml, our own walk and scalar table) gives exactly PyYAML's values
    (apart from keys, below)."""
    import yaml

    from macros.data.yamlsource import _fast_load

    expected = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    assert repr(_fast_load(text)) == repr(expected)


@pytest.mark.parametrize("text", ["a: 1\na: 2\n", "<<: {a: 1}\nb: 2\n", "? [a]\n: 1\n", "a: !unbekannt x\n"])
def test_fast_path_leaves_what_needs_a_message_to_the_careful_one(text):
    from macros.data.yamlsource import _fast_load

    assert _fast_load(text) is None


def test_field_names_stay_as_written_on_both_paths():
    from macros.data.yamlsource import _fast_load, _read_with_positions

    text = "1: eins\ntrue: wahr\nnull: nichts\n'q': zitiert\n"
    expected = {"1": "eins", "true": "wahr", "null": "nichts", "q": "zitiert"}
    assert _fast_load(text) == expected
    assert _read_with_positions(text, "data/x.yml").data == expected
