"""The bad-input catalogue: every class of mistake, through the real build.

Each case edits one data file of a project copy, builds it with ``mkdocs build
--strict`` next to an existing site/, and asserts the exit status, the German
message with file, line and field, and that site/ was left exactly as it was.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import pytest

from helpers import mkdocs_build, run_check

MARK = "⟦here⟧"  # where the expected line is, removed before the build


@dataclass
class Case:
    name: str
    file: str
    old: str
    new: str  # contains MARK at the start of the line the error must name
    field: str | None
    words: str
    count: int = 1  # how many times old is replaced (1 = first occurrence)


CASES = [
    Case("duplicate key", "contacts.yml", "    kind: function\n    function: \"Quartierskümmerinnen",
         "    kind: function\n⟦here⟧    kind: person\n    function: \"Quartierskümmerinnen",
         "contacts[1].kind", "steht doppelt"),
    Case("tab", "organisations.yml", "    kind: city\n", "⟦here⟧\tkind: city\n", None, "Tabulatorzeichen"),
    Case("syntax", "decision.yml", 'kind: "Beschlussvorlage"', '⟦here⟧kind: Vorlage: Beschluss', None,
         "YAML-Syntaxfehler"),
    Case("empty file", "glossary.yml", None, "⟦here⟧", None, "Die Datei ist leer"),
    Case("unknown field", "contacts.yml", "    publishable: true\n", "⟦here⟧    publishabel: true\n",
         "contacts[stadtteilbuero-batenbrock].publishabel", "Unbekanntes Feld „publishabel“"),
    Case("wrong type", "projects/wortschatz.yml", 'audiences: ["Kinder", "Jugendliche"]',
         '⟦here⟧audiences: "Kinder und Jugendliche"', "audiences",
         "Hier wird eine Liste erwartet (Einträge mit „- “). Gelesen wurde: Text."),
    Case("invalid e-mail", "contacts.yml", '["wortschatz@example.org"]', '["wortschatz(at)example.org"]',
         "contacts[wortschatz].emails[1]", "Keine gültige E-Mail-Adresse"),
    Case("invalid phone", "contacts.yml", '"+49 30 23125 104"', '"0800 12"',
         "contacts[wortschatz].phones[1].number", "Keine gültige Telefonnummer"),
    Case("http url", "organisations.yml", "    kind: operator\n    description: >-\n      Einer der drei Träger, die Mittel aus dem Programm erhalten haben. Die",
         "    kind: operator\n⟦here⟧    url: \"http://agsb.example.org\"\n    description: >-\n      Einer der drei Träger, die Mittel aus dem Programm erhalten haben. Die",
         "organisations[agsb].url", "https://"),
    Case("javascript url", "organisations.yml", "  - id: mags\n",
         "  - id: mags\n⟦here⟧    url: \"javascript:alert(1)\"\n", "organisations[mags].url", "javascript:"),
    Case("line break in one-line field", "projects/wortschatz.yml",
         'place_label: "Albert-Schweitzer-Grundschule"',
         '⟦here⟧place_label: "Albert-Schweitzer-\\nGrundschule"', "place_label", "in einer Zeile"),
    Case("unknown reference", "projects/wortschatz.yml", "contacts: [wortschatz]",
         "⟦here⟧contacts: [wortschaz]", "contacts[1]",
         "Unbekannte Kennung „wortschaz“: Es gibt keinen Kontakt mit dieser Kennung."),
    Case("duplicate id", "contacts.yml", "  - id: lotsenstelle-prosper-iii\n",
         "⟦here⟧  - id: stadtteilbuero-batenbrock\n", "contacts[stadtteilbuero-batenbrock].id",
         "Die Kennung „stadtteilbuero-batenbrock“ kommt unter den Kontakten doppelt vor (zuerst in Zeile 7)"),
    Case("overlapping ranges", "asd.yml", "      - {from: 101, parity: odd, team: asd-mitte}",
         "⟦here⟧      - {from: 51, parity: odd, team: asd-mitte}", "streets[10].ranges[2]",
         "Der Bereich „ab Nr. 51, ungerade Nummern“ überschneidet sich mit Bereich 1"),
    Case("gap in split street", "asd.yml", "      - {from: 101, parity: odd, team: asd-mitte}",
         "⟦here⟧      - {from: 103, parity: odd, team: asd-mitte}", "streets[10].ranges[2]",
         "Lücke: Die ungerade Hausnummer 101 gehört zu keinem Team."),
    Case("unquoted phone number", "contacts.yml", '"+49 30 23125 104"', "030231251",
         "contacts[wortschatz].phones[1].number", 'ohne Anführungszeichen als Zahl'),
    Case("12:30 read as 750", "contacts.yml", 'opens: "14:00"', "opens: 12:30",
         "contacts[stadtteilbuero-batenbrock].hours.weekly[2].opens", '"12:30"'),
    Case("no read as False", "glossary.yml", '  - abbr: "NRW"', "⟦here⟧  - abbr: no",
         "terms[5].abbr", "als Wahrheitswert (false) gelesen"),
    Case("missing field", "projects/wortschatz.yml", 'place_label: "Albert-Schweitzer-Grundschule"\n', "",
         "place_label", "Pflichtfeld fehlt"),
    Case("invalid status", "decision.yml", "status: confirmed", "⟦here⟧status: bestaetigt", "status",
         "Ungültiger Wert „bestaetigt“. Erlaubt sind: „confirmed“, „inferred“ oder „example“."),
    Case("impossible date", "decision.yml", "date: 2019-10-11", "⟦here⟧date: 2019-02-30", "date",
         "nicht lesbar"),
    Case("id differs from file name", "projects/wortschatz.yml", "id: wortschatz",
         "⟦here⟧id: wortschatz-projekt", "id", "Dateinamen"),
    Case("unknown team", "asd.yml", "    team: asd-sued\n", "⟦here⟧    team: asd-west\n",
         "streets[3].team",
         "Unbekannte Kennung „asd-west“: Es gibt kein ASD-Team mit dieser Kennung."),
    Case("consent without date", "contacts.yml", "    publication:\n      basis: function_mailbox\n",
         "⟦here⟧    publication:\n      basis: consent\n", "contacts[stadtteilbuero-batenbrock].publication",
         "consent_date"),
    Case("operator staff named without consent", "contacts.yml",
         "    function: \"Lotsenstelle Prosper III-Siedlung\"\n",
         "    function: \"Lotsenstelle Prosper III-Siedlung\"\n⟦here⟧    name: \"Erika Beispiel\"\n",
         "contacts[lotsenstelle-prosper-iii].name", "Einwilligung"),
    Case("slug with umlaut", "organisations.yml", "  - id: sozialamt\n", "⟦here⟧  - id: sozialämt\n",
         "organisations[sozialämt].id", "Kleinbuchstaben"),
    Case("invalid time", "contacts.yml", 'closes: "13:00"', '⟦here⟧closes: "13 Uhr"',
         "contacts[lotsenstelle-prosper-iii].hours.weekly[1].closes", "HH:MM"),
    Case("duplicate street", "asd.yml", '  - street: "Erlenweg"', '⟦here⟧  - street: "Eichen-Straße"',
         "streets[7].street",
         "Die Straße „Eichen-Straße“ steht doppelt (zuerst in Zeile"),
    # Every phone field of every file: phonenumbers reads letters as a keypad, so these
    # were published as other, valid numbers ("02041 70093687253").
    Case("phone with a note", "contacts.yml", '"+49 30 23125 104"', '"02041 70-0 (Zentrale)"',
         "contacts[wortschatz].phones[1].number",
         "„(Zentrale)“ gehört nicht in die Telefonnummer. Eine Telefonnummer besteht nur aus Ziffern"),
    Case("phone in words", "contacts.yml", '"+49 30 23125 101"', '"030 nicht bekannt"',
         "contacts[stadtteilbuero-batenbrock].phones[1].number",
         "„nicht bekannt“ gehört nicht in die Telefonnummer"),
    Case("phone with a dot", "contacts.yml", '"+49 30 23125 102"', '"030.23125.102"',
         "contacts[lotsenstelle-prosper-iii].phones[1].number",
         "Das Zeichen „.“ gehört nicht in eine Telefonnummer"),
    Case("legal phone with a note", "legal.yml", '"+49 30 23125 200"', '"+49 30 23125 200 (Zentrale)"',
         "imprint.publisher.phones[1].number", "Ein Zusatz wie „Zentrale“ gehört in das Feld „label“"),
    Case("legal phone in words", "legal.yml", '"+49 30 23125 201"', '"030 nicht bekannt"',
         "privacy.data_protection_officer.phones[1].number",
         "„nicht bekannt“ gehört nicht in die Telefonnummer"),
    Case("emergency number with a note", "emergency.yml", '"116111"', '"116111 (kostenlos)"',
         "numbers[kinder-jugendtelefon].number", "„(kostenlos)“ gehört nicht in die Telefonnummer"),
    Case("period closes before opens", "contacts.yml",
         '        - days: [mo, di, mi, do, fr]\n          opens: "08:30"\n          closes: "12:30"',
         '⟦here⟧        - days: [mo, di, mi, do, fr]\n          opens: "08:30"\n          closes: "08:00"',
         "contacts[asd-zentrale].hours.weekly[1]", "nach „opens“"),
]


def _apply(project: Path, case: Case) -> tuple[str, int]:
    path = project / "data" / case.file
    text = path.read_text(encoding="utf-8")
    if case.old is None:
        new_text = case.new
    else:
        assert case.old in text, f"{case.name}: fixture text not found"
        new_text = text.replace(case.old, case.new, case.count)
    if MARK in new_text:
        line = new_text[: new_text.index(MARK)].count("\n") + 1
    else:  # the error is at the first changed line, or the record that lost a field
        start = text.index(case.old) if case.old else 0
        line = text[:start].count("\n") + 1 if case.new else None
    new_text = new_text.replace(MARK, "")
    if case.name == "tab":
        new_text = new_text.replace("\tkind", "\t  kind")
    path.write_bytes(new_text.encode("utf-8"))
    return f"data/{case.file}", line


def _snapshot(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() + str(p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*"))}


def test_catalogue_is_large_enough():
    assert len(CASES) >= 25


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_input_stops_the_build(project: Path, case: Case):
    file, line = _apply(project, case)
    site = project / "site"
    site.mkdir()
    (site / "index.html").write_text("previous good build", encoding="utf-8")
    before = _snapshot(site)

    result = mkdocs_build(project)

    assert result.returncode == 1, result.output
    assert _snapshot(site) == before, "a failed build must leave site/ untouched"
    errors = [l for l in result.stderr.splitlines() if l.startswith("data/")]
    assert errors, result.output
    matching = [l for l in errors if l.startswith(f"{file}:") and case.words in l]
    assert matching, f"no message for {file} with {case.words!r} in:\n" + "\n".join(errors)
    message = matching[0]
    if line is not None:
        assert message.startswith(f"{file}:{line}:"), message
    if case.field:
        assert f": {case.field}: " in message, message
    assert "Traceback" not in result.output
    assert "Es wurde nichts veröffentlicht" in result.stderr


def test_missing_file_is_named(project: Path):
    (project / "data" / "decision.yml").unlink()
    result = run_check(project)
    assert result.returncode == 1
    assert "data/decision.yml:1: Die Datei fehlt." in result.stderr


def test_all_errors_of_all_files_are_reported_at_once(project: Path):
    _apply(project, CASES[6])  # invalid e-mail in contacts.yml
    _apply(project, CASES[5])  # wrong type in projects/wortschatz.yml
    _apply(project, CASES[2])  # syntax error in decision.yml
    result = run_check(project)
    assert result.returncode == 1
    for file in ("data/contacts.yml:", "data/projects/wortschatz.yml:", "data/decision.yml:"):
        assert any(l.startswith(file) for l in result.stderr.splitlines()), result.stderr
    assert "3 Fehler in 3 Dateien" in result.stderr


def _case(name: str) -> Case:
    return next(c for c in CASES if c.name == name)


def test_problems_of_every_stage_are_reported_at_once(project: Path):
    """A field error in contacts.yml used to hide the checks between files: the overlapping
    range in asd.yml and the broken reference in programme.yml came one round later."""
    expected = [_apply(project, _case("phone with a note")) + (_case("phone with a note"),),
                _apply(project, _case("overlapping ranges")) + (_case("overlapping ranges"),)]
    reference = Case("unknown funder", "programme.yml", "funder: mags", "⟦here⟧funder: magss",
                     "funder", "Unbekannte Kennung „magss“: Es gibt keine Organisation mit dieser Kennung.")
    expected.append(_apply(project, reference) + (reference,))

    for result in (run_check(project), mkdocs_build(project)):
        assert result.returncode == 1, result.output
        errors = [l for l in result.stderr.splitlines() if l.startswith("data/")]
        for file, line, case in expected:
            assert any(l.startswith(f"{file}:{line}: {case.field}: ") and case.words in l for l in errors), \
                f"{case.name} missing from:\n" + "\n".join(errors)
        # projects/wortschatz.yml names the contact whose phone is broken: that id still exists.
        assert not any("„wortschatz“" in l for l in errors), "\n".join(errors)
        assert len(errors) == 3, "\n".join(errors)
        assert "3 Fehler in 3 Dateien" in result.stderr
        assert "Traceback" not in result.output
