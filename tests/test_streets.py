import pytest

from macros.data.models import StreetAssignment
from macros.data.streets import check_ranges, find_team, normalise_street, parse_house_number


def street(*ranges, team=None):
    return StreetAssignment.model_validate(
        {"street": "Teststraße", "team": team,
         "ranges": [dict(zip(("from", "to", "parity", "team"), r)) for r in ranges] if ranges else []})


SPLIT = street(("1", "99", "odd", "a"), ("101", None, "odd", "b"), ("2", None, "even", "c"),
               ("12a", "12f", "all", "d"))


@pytest.mark.parametrize("number, team", [
    ("1", "a"), ("99", "a"), ("99b", "a"), ("101", "b"), ("2001", "b"), ("2", "c"), ("12", "c"),
    ("12a", "d"), ("12 F", "d"), ("12g", "c"), ("14", "c"),
])
def test_every_house_number_finds_its_team(number, team):
    assert find_team(SPLIT, number).team == team


def test_split_street_asks_for_a_number_and_explains_the_rule():
    assert find_team(SPLIT, None).needs_number
    answer = find_team(SPLIT, "57")
    assert answer.rule == "Nr. 1 bis 99, ungerade Nummern"
    assert find_team(street(team="x"), None).rule == "ganze Straße"


def test_a_valid_split_street_has_no_issues():
    assert check_ranges(SPLIT) == []


def test_overlap_with_parity():
    issues = check_ranges(street(("1", None, "odd", "a"), ("2", None, "even", "b"), ("5", "9", "all", "c")))
    assert [i.index for i in issues] == [2, 2]
    # odd and even ranges over the same numbers do not overlap
    assert check_ranges(street(("1", None, "odd", "a"), ("2", None, "even", "b"))) == []


def test_gaps_are_named_with_their_numbers():
    issues = check_ranges(street(("1", "9", "all", "a"), ("15", None, "all", "b")))
    messages = [i.message for i in issues]
    assert any("ungeraden Hausnummern 11 bis 13" in m for m in messages)
    assert any("geraden Hausnummern 10 bis 14" in m for m in messages)
    trailing = check_ranges(street(("1", "9", "all", "a")))
    assert any("ab 11" in i.message for i in trailing)


def test_overlapping_suffix_exceptions():
    issues = check_ranges(street(("1", None, "all", "a"), ("12a", "12c", "all", "b"), ("12c", "12d", "all", "c")))
    assert len(issues) == 1 and "überschneidet" in issues[0].message


@pytest.mark.parametrize("spelling", ["Horster Straße", "horster str.", "Horster Str", "HORSTER STRASSE",
                                      "Horsterstraße", "Horster-Straße"])
def test_street_spellings_share_one_key(spelling):
    assert normalise_street(spelling) == "horsterstrasse"


def test_umlauts_and_transliterations_match():
    assert normalise_street("Müllerweg") == normalise_street("Muellerweg")


@pytest.mark.parametrize("text, key", [("12", (12, "")), ("12a", (12, "a")), (" 7 B ", (7, "b")),
                                       ("0", None), ("x", None), ("12-14", None)])
def test_house_numbers(text, key):
    assert parse_house_number(text) == key
