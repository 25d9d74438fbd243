"""The shape of every data file: the single source of truth for fields and types.

Field names follow schema.org and Open Referral HSDS where they fit, so the open
data can be reused. The JSON Schemas for editors are generated from these models.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt, model_validator
from pydantic_core import PydanticCustomError

from .fieldtypes import (TRANSLATE, ClockTime, Email, HouseNumberText, HttpsUrl, IsoDate, LanguageCode,
                         Line, LongText, Phone, PositiveInt, PostalCode, Slug, VatIdText,
                         YearMonth)

# confirmed: stated in a source. inferred: follows from a source but is not stated,
# to be confirmed. example: a placeholder until the city supplies the real value;
# shown with a mark and refused by the publish build.
Status = Literal["confirmed", "inferred", "example"]
Weekday = Literal["mo", "di", "mi", "do", "fr", "sa", "so"]
Parity = Literal["odd", "even", "all"]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Provenance(Model):
    """Where a fact comes from and how sure it is."""

    source: Line | None = Field(None, description="Quelle, z. B. „Drucksache 2019/0840, Begründung“.",
                                json_schema_extra=TRANSLATE)
    status: Status = Field(description="confirmed, inferred oder example (Beispieldaten).")
    reviewed_on: IsoDate | None = Field(None, description="Wann zuletzt geprüft (JJJJ-MM-TT).")


class Reviewed(Provenance):
    """A fact about the world: someone must confirm it regularly (see ``macros/staff/review.py``)."""

    reviewed_on: IsoDate = Field(description="Wann zuletzt geprüft (JJJJ-MM-TT).")


class Record(Reviewed):
    id: Slug


# --- places -----------------------------------------------------------------

class Address(Model):
    """schema.org PostalAddress."""

    street_address: Line
    postal_code: PostalCode | None = None
    locality: Line = "Bottrop"


class Location(Model):
    """schema.org Place / HSDS location."""

    # Translated: often a description around a name („Stadtteilbüro Batenbrock (Ladenlokal)“).
    name: Line = Field(json_schema_extra=TRANSLATE)
    district: Line | None = Field(None, json_schema_extra=TRANSLATE)
    address: Address | None = None
    description: LongText | None = Field(None, json_schema_extra=TRANSLATE)


# --- organisations ------------------------------------------------------------

class Organisation(Record):
    name: Line
    short_name: Line | None = None
    kind: Literal["city", "city_unit", "operator", "ministry", "partner"]
    part_of: Slug | None = None
    url: HttpsUrl | None = None
    description: LongText | None = None


# --- contacts ------------------------------------------------------------------

class PhoneEntry(Model):
    number: Phone
    label: Line | None = Field(None, json_schema_extra=TRANSLATE)


class Period(Model):
    days: list[Weekday] = Field(min_length=1)
    opens: ClockTime
    closes: ClockTime

    @model_validator(mode="after")
    def _order(self):
        if self.closes <= self.opens:
            raise PydanticCustomError("de_period", "„closes“ muss nach „opens“ liegen.")
        return self


class HoursException(Model):
    """A dated exception such as a holiday closure (schema.org specialOpeningHours)."""

    from_date: IsoDate = Field(alias="from")
    to_date: IsoDate | None = Field(None, alias="to")
    closed: StrictBool = True
    periods: list[Period] = []
    note: Line | None = Field(None, json_schema_extra=TRANSLATE)

    @model_validator(mode="after")
    def _consistent(self):
        if self.to_date and self.to_date < self.from_date:
            raise PydanticCustomError("de_range", "„to“ liegt vor „from“.")
        if self.closed == bool(self.periods):
            raise PydanticCustomError(
                "de_exception",
                "Entweder „closed: true“ oder abweichende Zeiten unter „periods“ angeben.")
        return self


class OpeningHours(Model):
    weekly: list[Period] = Field(min_length=1)
    closed_on_public_holidays: StrictBool = True
    exceptions: list[HoursException] = []
    note: Line | None = Field(None, json_schema_extra=TRANSLATE)


class Publication(Model):
    """Why these contact details may be published (see the editors' guide)."""

    basis: Literal["public_duty", "function_mailbox", "consent"]
    consent_date: IsoDate | None = None
    consent_scope: Line | None = None

    @model_validator(mode="after")
    def _consent_documented(self):
        if self.basis == "consent" and not (self.consent_date and self.consent_scope):
            raise PydanticCustomError(
                "de_consent",
                "Bei „basis: consent“ müssen „consent_date“ und „consent_scope“ angegeben sein.")
        return self


class Contact(Record):
    kind: Literal["function", "person", "team", "service"]
    function: Line = Field(description="Funktion oder Bezeichnung, z. B. „Quartierskümmerin“.",
                           json_schema_extra=TRANSLATE)
    name: Line | None = None
    organisation: Slug
    phones: list[PhoneEntry] = []
    emails: list[Email] = []
    url: HttpsUrl | None = None
    address: Address | None = None
    languages: list[LanguageCode] = []
    hours: OpeningHours | None = None
    description: LongText | None = Field(None, json_schema_extra=TRANSLATE)
    publication: Publication
    publishable: StrictBool

    @model_validator(mode="after")
    def _reachable(self):
        if not (self.phones or self.emails or self.url):
            raise PydanticCustomError("de_channel",
                                      "Der Kontakt braucht mindestens einen Weg: „phones“, „emails“ "
                                      "oder „url“.")
        return self


# --- projects --------------------------------------------------------------------

class OperatorRef(Provenance):
    organisation: Slug


class Partner(Model):
    # Translated: often a kind of partner, not a name („Schulen, Kindertagesstätten …“).
    name: Line = Field(json_schema_extra=TRANSLATE)
    organisation: Slug | None = None
    role: Line = Field(json_schema_extra=TRANSLATE)
    location: Location | None = None


class AgreementState(Provenance):
    state: Literal["drafted", "approved", "signed"]
    approved_on: IsoDate | None = None
    annexes: list[StrictInt] = []
    note: LongText | None = Field(None, json_schema_extra=TRANSLATE)


class Project(Record):
    title: Line
    place_label: Line = Field(description="Kurzer Ortszusatz, der gleichnamige Projekte unterscheidet.")
    summary: LongText = Field(json_schema_extra=TRANSLATE)
    operator: OperatorRef
    location: Location
    since: YearMonth | None = None
    since_text: Line | None = Field(None, json_schema_extra=TRANSLATE)
    audiences: list[Line] = Field([], json_schema_extra=TRANSLATE)
    goals: list[LongText] = Field([], json_schema_extra=TRANSLATE)
    approach: list[LongText] = Field([], json_schema_extra=TRANSLATE)
    modules: list[Literal[1, 2, 3]] = []
    partners: list[Partner] = []
    contacts: list[Slug] = []
    agreement: AgreementState
    related: list[Slug] = []


# --- programme ----------------------------------------------------------------------

class Module(Model):
    number: Literal[1, 2, 3]
    title: Line
    explanation: LongText


class Steering(Provenance):
    decided_on: IsoDate
    decided_by: Line
    lead: Slug
    partners: list[Slug]
    reason: Line


class Programme(Reviewed):
    name: Line
    short_name: Line
    funder: Slug
    published_on: IsoDate
    budget_per_year_eur: StrictInt
    focus: LongText
    modules: list[Module] = Field(min_length=1)
    funding_from: YearMonth
    funding_to: YearMonth
    funded_operators: list[Slug]
    project_count: StrictInt
    steering: Steering
    letter_of_intent: LongText
    strategy: Line
    strategy_text: LongText
    references: list[Line] = []


# --- agreement and decision ---------------------------------------------------------

class Term(Model):
    id: Slug
    text: LongText


class Annex(Provenance):
    number: StrictInt
    file_title: Line = Field(description="Titel wie in der Drucksache aufgeführt.")
    title: Line = Field(json_schema_extra=TRANSLATE)
    explanation: LongText
    legal_refs: list[Line] = []
    operator: Slug | None = None
    available: StrictBool = False


class Agreement(Reviewed):
    title: Line
    purposes: list[LongText] = Field(min_length=1)
    developed: LongText
    terms: list[Term] = Field(min_length=1)
    annexes: list[Annex]


class Consultation(Model):
    body: Line
    date: IsoDate
    role: Literal["Vorberatung", "Kenntnisnahme", "Entscheidung"]


class Decision(Reviewed):
    number: Line
    kind: Line
    public: StrictBool
    date: IsoDate
    subject: Line
    proposal: LongText
    financial_impact: StrictBool
    signed_by: Line
    consultations: list[Consultation] = Field(min_length=1)


# --- ASD ----------------------------------------------------------------------------

class Team(Record):
    # Translated: the example teams carry their mark in the name („(Beispiel)“).
    name: Line = Field(json_schema_extra=TRANSLATE)
    area: Line = Field(json_schema_extra=TRANSLATE)
    contact: Slug
    valid_from: IsoDate | None = None


class StreetRange(Model):
    from_number: HouseNumberText = Field(alias="from")
    to_number: HouseNumberText | None = Field(None, alias="to", description="Leer: bis zum Ende der Straße.")
    parity: Parity = "all"
    team: Slug


class StreetAssignment(Model):
    street: Line
    team: Slug | None = Field(None, description="Die ganze Straße gehört zu diesem Team.")
    ranges: list[StreetRange] = []
    source: Line | None = None
    status: Status | None = None

    @model_validator(mode="after")
    def _one_rule(self):
        if self.team is not None and self.ranges:
            raise PydanticCustomError(
                "de_street_rule",
                "Entweder „team“ (ganze Straße) oder „ranges“ (Hausnummernbereiche) angeben, nicht beides.")
        if self.team is None and not self.ranges:
            raise PydanticCustomError(
                "de_street_rule",
                "Es fehlt „team“ (die ganze Straße gehört einem Team) oder „ranges“ (Hausnummernbereiche).")
        return self


class AsdDirectory(Reviewed):
    as_of: IsoDate
    central_contact: Slug
    teams: list[Team] = Field(min_length=1)
    streets: list[StreetAssignment]


# --- help in an emergency and open data ------------------------------------------------

class EmergencyNumber(Record):
    label: Line = Field(description="Wer antwortet, z. B. „Polizei“.", json_schema_extra=TRANSLATE)
    number: Phone
    when: Line | None = Field(None, description="Erreichbarkeit, z. B. „rund um die Uhr“.",
                              json_schema_extra=TRANSLATE)
    note: Line | None = Field(None, json_schema_extra=TRANSLATE)


class Emergency(Model):
    title: Line = Field(json_schema_extra=TRANSLATE)
    intro: Line = Field(json_schema_extra=TRANSLATE)
    numbers: list[EmergencyNumber] = Field(min_length=1)


class Licence(Provenance):
    name: Line
    short_name: Line
    url: HttpsUrl
    attribution: Line = Field(description="Namensnennung, wie Nutzer sie angeben sollen.")


class OpenData(Model):
    licence: Licence
    description: LongText


# --- glossary -----------------------------------------------------------------------

class GlossaryTerm(Model):
    abbr: Line
    # Translated: the long form explains the abbreviation on every page (its title).
    long: Line = Field(json_schema_extra=TRANSLATE)
    explanation: LongText | None = None
    source: Line | None = None
    status: Status = "confirmed"


class Glossary(Model):
    terms: list[GlossaryTerm] = Field(min_length=1)


class OrganisationList(Model):
    organisations: list[Organisation] = Field(min_length=1)


class ContactList(Model):
    contacts: list[Contact] = Field(min_length=1)


class ProjectList(Model):
    """The shape of the published projects file (data/projects/ holds one file each)."""

    projects: list[Project]


# --- legal pages: Impressum, Datenschutz, Barrierefreiheit ------------------------------

class Party(Provenance):
    """A body or office named on the legal pages (schema.org ContactPoint)."""

    organisation: Slug | None = None
    name: Line | None = None
    function: Line | None = None
    address: Address | None = None
    phones: list[PhoneEntry] = []
    emails: list[Email] = []
    url: HttpsUrl | None = None
    form_url: HttpsUrl | None = Field(None, description="Elektronisches Kontaktformular.")

    @model_validator(mode="after")
    def _named(self):
        if not (self.organisation or self.name or self.function):
            raise PydanticCustomError("de_party",
                                      "Mindestens „organisation“, „name“ oder „function“ angeben.")
        return self


class VatId(Provenance):
    value: VatIdText


class ServerLog(Provenance):
    """What the web server records on every request (Art. 13 DSGVO)."""

    fields: list[Line] = Field(min_length=1)
    purpose: LongText
    legal_basis: Line
    retention_days: PositiveInt


class Imprint(Model):
    publisher: Party
    represented_by: Party
    maintained_by: Party
    content_responsible: Party
    vat_id: VatId | None = None


class Privacy(Model):
    data_protection_officer: Party
    host: Party
    server_log: ServerLog
    supervisory_authority: Party


class Barrier(Provenance):
    """Content that is not accessible yet, for the statement and the easy-language page."""

    id: Slug
    title: Line
    explanation: LongText
    easy: LongText = Field(description="Dieselbe Aussage in Leichter Sprache.")


class SignLanguageVideo(Provenance):
    """The video in German Sign Language that municipalities are expected to offer."""

    available: StrictBool
    url: HttpsUrl | None = None
    duration_minutes: PositiveInt | None = None
    subtitles: StrictBool
    transcript: StrictBool
    topics: list[Line] = Field(min_length=1)

    @model_validator(mode="after")
    def _link_when_available(self):
        if self.available != bool(self.url):
            raise PydanticCustomError("de_video",
                                      "Mit „available: true“ muss „url“ angegeben sein, sonst nicht.")
        return self


class AccessibilityStatement(Provenance):
    conformance: Literal["full", "partial", "none"]
    standards: list[Line] = Field(min_length=1)
    prepared_on: IsoDate
    last_review_on: IsoDate
    method: LongText
    tools: list[Line] = Field(min_length=1)
    barriers: list[Barrier] = []
    feedback: Party
    enforcement: Party
    sign_language_video: SignLanguageVideo

    @model_validator(mode="after")
    def _review_after_preparation(self):
        if self.last_review_on < self.prepared_on:
            raise PydanticCustomError("de_review", "„last_review_on“ liegt vor „prepared_on“.")
        return self


class Legal(Model):
    imprint: Imprint
    privacy: Privacy
    accessibility: AccessibilityStatement


# Which model reads which file; projects/<slug>.yml each hold one Project.
FILES: dict[str, type[Model]] = {
    "programme.yml": Programme,
    "organisations.yml": OrganisationList,
    "contacts.yml": ContactList,
    "agreement.yml": Agreement,
    "decision.yml": Decision,
    "asd.yml": AsdDirectory,
    "glossary.yml": Glossary,
    "emergency.yml": Emergency,
    "opendata.yml": OpenData,
    "legal.yml": Legal,
}
