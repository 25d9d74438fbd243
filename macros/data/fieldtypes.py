"""Field types of the data files, each with a German message when a value does not fit.

Strings are strict: YAML 1.1 turns an unquoted ``0204 …`` into a number, ``12:30``
into 750 and ``no`` into False, and a lax string type would publish the result.
"""

from __future__ import annotations

import functools
import re
from datetime import date
from typing import Annotated

import phonenumbers
from email_validator import EmailNotValidError, validate_email
from phonenumbers import shortnumberinfo
from pydantic import AfterValidator, BeforeValidator, Field, StrictInt, StrictStr
from pydantic_core import PydanticCustomError


def _fail(kind: str, message: str, **context) -> PydanticCustomError:
    return PydanticCustomError(kind, message, context)


def _one_line(value: str) -> str:
    if "\n" in value or "\r" in value:
        raise _fail("de_line_break",
                    "Dieses Feld muss in einer Zeile stehen (kein Zeilenumbruch; für längere "
                    "Texte ist ein anderes Feld vorgesehen).")
    if not value.strip():
        raise _fail("de_empty", "Das Feld ist leer. Bitte ausfüllen oder die Zeile löschen.")
    if value != value.strip():
        raise _fail("de_spaces", "Der Text beginnt oder endet mit Leerzeichen; bitte entfernen.")
    return value


def _long_text(value: str) -> str:
    if not value.strip():
        raise _fail("de_empty", "Das Feld ist leer. Bitte ausfüllen oder die Zeile löschen.")
    return value.strip()


# A spreadsheet program reads a cell that starts with one of these as a formula: a name
# "=HYPERLINK(…)" in the open data's CSV files would run when someone opens them. Refused here,
# so that the CSV, like every other place, carries each text exactly as written.
_FORMULA_START = ("=", "+", "-", "@")


def _plain_line(value: str) -> str:
    _one_line(value)
    if value.startswith(_FORMULA_START):
        raise _fail("de_formula_start",
                    "Der Text beginnt mit „{start}“. Tabellenprogramme lesen eine so beginnende Zelle "
                    "der offenen Daten (CSV) als Formel. Bitte mit einem Wort oder einer Zahl beginnen.",
                    start=value[0])
    return value


# A single line of plain text (names, titles, labels).
Line = Annotated[StrictStr, AfterValidator(_plain_line)]
# Longer text; the only kind of field in which Markdown is allowed.
LongText = Annotated[StrictStr, AfterValidator(_long_text)]

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def _slug(value: str) -> str:
    if not _SLUG.match(value):
        raise _fail("de_slug",
                    "Eine Kennung (id) besteht nur aus Kleinbuchstaben a–z, Ziffern und einzelnen "
                    "Bindestrichen, ohne Umlaute, z. B. „stadtteilbuero-batenbrock“.")
    return value


Slug = Annotated[StrictStr, AfterValidator(_slug)]


def _https_url(value: str) -> str:
    _one_line(value)
    if not re.match(r"^https://[^\s/$.?#][^\s]*$", value):
        raise _fail("de_url",
                    "Adressen im Netz müssen mit https:// beginnen (andere Schemata wie http:, "
                    "javascript: oder data: sind nicht erlaubt).")
    return value


HttpsUrl = Annotated[StrictStr, AfterValidator(_https_url)]


def _link(value: str) -> str:
    """Links in data: web (https), mail or phone; nothing that can run code."""
    _one_line(value)
    if value.startswith("mailto:"):
        return value
    if value.startswith("tel:"):
        _phone(value.removeprefix("tel:"))
        return value
    return _https_url(value)


Link = Annotated[StrictStr, AfterValidator(_link)]


def _email(value: str) -> str:
    _one_line(value)
    try:
        return validate_email(value, check_deliverability=False).normalized
    except EmailNotValidError:
        raise _fail("de_email",
                    "Keine gültige E-Mail-Adresse (Form: name@beispiel.de, ohne Leerzeichen).") from None


Email = Annotated[StrictStr, AfterValidator(_email)]

# What phone numbers are written with: digits, spaces, "/" and "-", a leading "+" and one area
# code in parentheses ("(02041) 70-0", "+49 (0)2041 70-0"). phonenumbers reads letters as a
# phone keypad, so "02041 70-0 (Zentrale)" would parse as a valid, different number.
_PHONE_PATTERN = r"\+?[0-9 /-]*(?:\([0-9 ]+\)[0-9 /-]*)?"
_PHONE = re.compile(_PHONE_PATTERN)
_PHONE_ALLOWED = ("Eine Telefonnummer besteht nur aus Ziffern, Leerzeichen, „/“ und „-“, "
                  "einem „+“ am Anfang und einer Vorwahl in Klammern, z. B. „02041 70-0“, "
                  "„(02041) 70-0“ oder „+49 2041 70-0“.")
_PHONE_EXAMPLE = "„02041 70-0“ oder „+49 2041 70-0“"


def _words_with_letters(value: str) -> str:
    """The part of a number that is words: a bracketed note, or the words from first to last."""
    bracketed = re.search(r"\([^()]*[^0-9\s()+/-][^()]*\)", value)
    if bracketed:
        return bracketed.group(0)
    words = [m for m in re.finditer(r"\S+", value) if any(ch.isalpha() for ch in m.group(0))]
    return value[words[0].start():words[-1].end()]


def phone_problem(value: str) -> str | None:
    """Why the text is not written like a phone number (German), or None when it is.

    Checked before phonenumbers ever sees the text; the renderer asks the same question."""
    if _PHONE.fullmatch(value):
        return None
    if any(ch.isalpha() for ch in value):
        return (f"„{_words_with_letters(value)}“ gehört nicht in die Telefonnummer. "
                f"{_PHONE_ALLOWED} Ein Zusatz wie „Zentrale“ gehört in das Feld „label“; "
                "ist die Nummer nicht bekannt, lassen Sie den Eintrag weg.")
    odd = sorted({ch for ch in value if ch not in "0123456789 +/-()"})
    if odd:
        shown = ", ".join(f"„{ch}“" for ch in odd)
        return (f"Das Zeichen {shown} gehört nicht in eine Telefonnummer. {_PHONE_ALLOWED}"
                if len(odd) == 1 else
                f"Die Zeichen {shown} gehören nicht in eine Telefonnummer. {_PHONE_ALLOWED}")
    if "+" in value[1:]:
        return "Das „+“ steht nur am Anfang, vor der Ländervorwahl, z. B. „+49 2041 70-0“."
    return ("Klammern stehen nur um die Vorwahl und enthalten nur Ziffern, z. B. „(02041) 70-0“ "
            "oder „+49 (0)2041 70-0“.")


def _phone(value: str) -> str:
    _one_line(value)
    problem = phone_problem(value)
    if problem:
        raise _fail("de_phone", problem)
    try:
        number = phonenumbers.parse(value, "DE")
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not (phonenumbers.is_valid_number(number)
                              or shortnumberinfo.is_valid_short_number(number)):
        raise _fail("de_phone",
                    f"Keine gültige Telefonnummer. Schreiben Sie sie mit Vorwahl, z. B. {_PHONE_EXAMPLE}.")
    return value


# The pattern is for editors (JSON Schema); the validator above gives the German reasons.
Phone = Annotated[StrictStr, AfterValidator(_phone),
                  Field(description="Telefonnummer mit Vorwahl, nur Ziffern, Leerzeichen, „/“, „-“, "
                                    "„+“ am Anfang und eine Vorwahl in Klammern; Zusätze wie "
                                    "„Zentrale“ in „label“.",
                        json_schema_extra={"pattern": f"^{_PHONE_PATTERN}$"})]

_TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$|^24:00$")


def _time(value: str) -> str:
    if not _TIME.match(value):
        raise _fail("de_time", "Uhrzeiten werden als „HH:MM“ geschrieben, z. B. \"09:00\".")
    return value


ClockTime = Annotated[StrictStr, AfterValidator(_time)]


def _reject_text_date(value):
    # Unquoted 2019-10-11 is a date for YAML; a quoted one is text. Accept both, but
    # nothing that pydantic would otherwise coerce (numbers, datetimes).
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise _fail("de_date", "Daten werden als JJJJ-MM-TT geschrieben, z. B. 2019-11-26.") from None
    if isinstance(value, date) and not hasattr(value, "hour"):
        return value
    raise _fail("de_date", "Daten werden als JJJJ-MM-TT geschrieben, z. B. 2019-11-26.")


IsoDate = Annotated[date, BeforeValidator(_reject_text_date)]

_YEAR_MONTH = re.compile(r"^\d{4}(-(0[1-9]|1[0-2]))?$")


def _year_month(value: str) -> str:
    if not _YEAR_MONTH.match(value):
        raise _fail("de_year_month",
                    "Zeitangaben ohne Tag werden als \"JJJJ\" oder \"JJJJ-MM\" geschrieben, "
                    "z. B. \"2019-07\".")
    return value


def _year_as_text(value):
    # An unquoted 2018 is a number for YAML; for a year alone that is harmless.
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


YearMonth = Annotated[StrictStr, BeforeValidator(_year_as_text), AfterValidator(_year_month)]

_HOUSE_NUMBER = re.compile(r"^[1-9]\d{0,4}[a-z]?$")


def _house_number(value: str) -> str:
    value = value.strip().lower().replace(" ", "")
    if not _HOUSE_NUMBER.match(value):
        raise _fail("de_house_number",
                    "Hausnummern sind eine Zahl ab 1, höchstens mit einem Buchstaben dahinter, "
                    "z. B. 12 oder \"12a\".")
    return value


HouseNumberText = Annotated[StrictStr, BeforeValidator(_year_as_text), AfterValidator(_house_number)]

_LANGUAGE = re.compile(r"^[a-z]{2,3}$")


@functools.lru_cache(maxsize=None)  # a handful of codes, on thousands of contacts
def _known_language(value: str) -> bool:
    from babel import Locale, UnknownLocaleError

    try:
        if _LANGUAGE.match(value):
            Locale.parse(value)
            return True
    except (ValueError, UnknownLocaleError):
        pass
    return False


def _language(value: str) -> str:
    if _known_language(value):
        return value
    raise _fail("de_language",
                "Sprachen werden als zweibuchstabiger Code nach ISO 639-1 angegeben, z. B. de, tr, ar, en.")


LanguageCode = Annotated[StrictStr, AfterValidator(_language)]

NonEmptyList = Field(min_length=1)


def _postal_code(value: str) -> str:
    if not re.match(r"^\d{5}$", value):
        raise _fail("de_postal_code", "Postleitzahlen haben fünf Ziffern, in Anführungszeichen: \"46236\".")
    return value


PostalCode = Annotated[StrictStr, AfterValidator(_postal_code)]


def _vat_id(value: str) -> str:
    if not re.match(r"^DE\d{9}$", value):
        raise _fail("de_vat_id", "Eine deutsche Umsatzsteuer-Identifikationsnummer ist „DE“ und neun Ziffern, "
                                 "ohne Leerzeichen: \"DE123456789\".")
    return value


VatIdText = Annotated[StrictStr, AfterValidator(_vat_id)]


def _positive(value: int) -> int:
    if value < 1:
        raise _fail("de_positive", "Hier wird eine ganze Zahl ab 1 erwartet.")
    return value


PositiveInt = Annotated[StrictInt, AfterValidator(_positive)]


# A field that holds words for readers (not a name, number or address): its text goes into the
# catalogues and is shown translated on the pages of other languages (data/translations.py).
# Used as Field(json_schema_extra=TRANSLATE); the editors' JSON Schema carries it too.
TRANSLATE = {"translate": True}
