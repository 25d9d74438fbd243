"""Street assignments of the ASD teams: house numbers, ranges, checks and lookup.

A street belongs to one team as a whole, or is split into house-number ranges
with parity (odd, even, all). A range whose bounds carry letters on the same
number (``12a``–``12f``) is an exception: it takes precedence over the number
ranges around it. Within each kind, ranges must not overlap, and the number
ranges of a split street must cover every house number, so that every address
maps to exactly one team.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .models import StreetAssignment, StreetRange

_LAST = "~"  # sorts after every letter: "to: 50" includes 50a, 50b, ...
INFINITY = (10**9, _LAST)

HouseKey = tuple[int, str]


def parse_house_number(text: str) -> HouseKey | None:
    match = re.fullmatch(r"\s*(\d+)\s*([a-zA-Z]?)\s*", str(text))
    if not match or int(match.group(1)) == 0:
        return None
    return int(match.group(1)), match.group(2).lower()


def normalise_street(name: str) -> str:
    """The key under which a street is found, whatever the spelling.

    "Horster Str.", "horster straße" and "Horsterstrasse" share one key.
    """
    text = name.strip().lower()
    text = text.replace("ß", "ss").replace("ä", "ae").replace("ö", "oe").replace("ü", "ue")
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = re.sub(r"str\.?(?=$|[\s-])", "strasse", text)
    text = re.sub(r"[^a-z0-9]", "", text)
    return text


@dataclass(frozen=True)
class Bounds:
    lower: HouseKey
    upper: HouseKey
    parity: str
    team: str
    exception: bool
    rule: StreetRange

    def contains(self, key: HouseKey) -> bool:
        return self.lower <= key <= self.upper and _parity_ok(self.parity, key[0])


def _parity_ok(parity: str, number: int) -> bool:
    return parity == "all" or (number % 2 == 1) == (parity == "odd")


def bounds_of(rule: StreetRange) -> Bounds:
    lower = parse_house_number(rule.from_number)
    if rule.to_number is None:
        upper = INFINITY
    else:
        number, letter = parse_house_number(rule.to_number)
        upper = (number, letter or _LAST)
    exception = bool(lower[1]) and rule.to_number is not None and upper[0] == lower[0] and upper[1] != _LAST
    return Bounds(lower, upper, rule.parity, rule.team, exception, rule)


def describe(rule: StreetRange) -> str:
    """German wording of a range, e.g. "Nr. 1 bis 99, ungerade"."""
    parity = {"odd": ", ungerade Nummern", "even": ", gerade Nummern", "all": ""}[rule.parity]
    if rule.to_number is None:
        return f"ab Nr. {rule.from_number}{parity}"
    return f"Nr. {rule.from_number} bis {rule.to_number}{parity}"


def overlaps(a: Bounds, b: Bounds) -> bool:
    lo, hi = max(a.lower, b.lower), min(a.upper, b.upper)
    if lo > hi:
        return False
    if "all" in (a.parity, b.parity):
        parity = b.parity if a.parity == "all" else a.parity
    elif a.parity != b.parity:
        return False
    else:
        parity = a.parity
    if parity == "all":
        return True
    return any(_parity_ok(parity, n) for n in (lo[0], lo[0] + 1) if n <= hi[0])


def _after(upper: HouseKey) -> HouseKey:
    if upper[1] == _LAST:
        return (upper[0] + 1, "")
    return (upper[0], chr(ord(upper[1]) + 1))


def _before(start: HouseKey) -> str:
    number, letter = start
    if not letter:
        return str(number - 2)
    return str(number) if letter == "a" else f"{number}{chr(ord(letter) - 1)}"


def _first_of(parity_class: str, key: HouseKey) -> HouseKey:
    number, letter = key
    if not _parity_ok(parity_class, number):
        return (number + 1, "")
    return key


@dataclass(frozen=True)
class RangeIssue:
    index: int  # which range (0-based) the issue is reported at
    message: str


def check_ranges(assignment: StreetAssignment) -> list[RangeIssue]:
    """Overlaps among ranges of the same kind, and gaps in the number ranges."""
    issues: list[RangeIssue] = []
    bounds = [bounds_of(rule) for rule in assignment.ranges]
    for i, a in enumerate(bounds):
        if a.lower > a.upper:
            issues.append(RangeIssue(i, "„from“ liegt hinter „to“."))
        for j in range(i):
            b = bounds[j]
            if a.exception == b.exception and overlaps(a, b):
                issues.append(RangeIssue(
                    i, f"Der Bereich „{describe(a.rule)}“ überschneidet sich mit Bereich {j + 1} "
                       f"(„{describe(b.rule)}“). Jede Hausnummer darf nur zu einem Team gehören."))
    if issues or not bounds:
        return issues
    for parity_class in ("odd", "even"):
        covering = sorted(((i, b) for i, b in enumerate(bounds)
                           if not b.exception and b.parity in ("all", parity_class)),
                          key=lambda ib: ib[1].lower)
        cursor = _first_of(parity_class, (1, ""))
        kind = "ungerade" if parity_class == "odd" else "gerade"
        last = len(bounds) - 1
        for index, b in covering:
            last = index
            start = _first_of(parity_class, b.lower)
            if start > cursor:
                first, last_missing = f"{cursor[0]}{cursor[1]}", _before(start)
                issues.append(RangeIssue(
                    index,
                    f"Lücke: Die {kind} Hausnummer {first} gehört zu keinem Team." if first == last_missing
                    else f"Lücke: Die {kind}n Hausnummern {first} bis {last_missing} gehören zu keinem Team."))
            if b.upper == INFINITY:
                cursor = INFINITY
                break
            cursor = max(cursor, _first_of(parity_class, _after(b.upper)))
        if cursor != INFINITY:
            issues.append(RangeIssue(
                last,
                f"Lücke: Die {kind}n Hausnummern ab {cursor[0]}{cursor[1]} gehören zu keinem Team "
                "(den letzten Bereich ohne „to“ angeben, dann gilt er bis zum Ende der Straße)."))
    return issues


@dataclass(frozen=True)
class Answer:
    street: StreetAssignment
    team: str | None
    rule: str  # why, in German
    needs_number: bool = False


def find_team(assignment: StreetAssignment, house_number: str | None) -> Answer:
    if assignment.team:
        return Answer(assignment, assignment.team, "ganze Straße")
    if not house_number:
        return Answer(assignment, None, "Die Straße ist geteilt: bitte Hausnummer angeben.", True)
    key = parse_house_number(house_number)
    if key is None:
        return Answer(assignment, None, "Das ist keine Hausnummer.", True)
    bounds = [bounds_of(rule) for rule in assignment.ranges]
    for prefer_exception in (True, False):
        for b in bounds:
            if b.exception == prefer_exception and b.contains(key):
                return Answer(assignment, b.team, describe(b.rule))
    return Answer(assignment, None, "Für diese Hausnummer ist kein Team eingetragen.")


def split_address(text: str) -> tuple[str, str]:
    """'Fichtenstraße 12a' typed as the street: the house number is split off."""
    match = re.fullmatch(r"(.*\D)[\s,]+(\d+\s*[a-zA-Z]?)\s*", text.strip())
    return (match.group(1).strip(), match.group(2)) if match else (text.strip(), "")


def lookup(streets: list[StreetAssignment], street_text: str, number_text: str = "") -> Answer | None:
    """What the browser lookup answers; None when the street is not in the list."""
    by_key = {normalise_street(a.street): a for a in streets}
    # The whole input first: some street names end in a number ("Straße 13").
    for name, typed_number in ((street_text.strip(), ""), split_address(street_text)):
        assignment = by_key.get(normalise_street(name))
        if assignment is not None:
            return find_team(assignment, number_text.strip() or typed_number)
    return None
