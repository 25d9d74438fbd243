"""German explanations of every field name, for the editors' guide.

A field that is added to a model without an explanation here fails a test, so
the guide can never fall behind the data.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from ..data import models
from ..data.messages import _unwrap
from ..data.yamlsource import Document
from .html import Markup, escape, join, scroll_box, status_badge, tag

FIELDS: dict[str, str] = {
    "attribution": "Wie Nutzerinnen und Nutzer der Daten die Quelle nennen sollen.",
    "licence": "Die Lizenz der offenen Daten (Name, Kurzname, Link, Namensnennung).",
    "when": "Wann und wie erreichbar, z. B. „rund um die Uhr, kostenlos“.",
    "numbers": "Die Notrufnummern und Hilfetelefone, in der gezeigten Reihenfolge.",
    "intro": "Ein einleitender Satz.",
    "abbr": "Die Abkürzung, wie sie im Text steht, z. B. ASD.",
    "accessibility": "Erklärung zur Barrierefreiheit: Stand, Barrieren, Daten, Rückmeldung, Durchsetzung.",
    "address": "Postanschrift mit street_address, postal_code und locality.",
    "agreement": "Stand der Kooperationsvereinbarung dieses Projekts.",
    "annexes": "Anlagen der Drucksache (Nummer, Titel, Erklärung) bzw. die Nummern der Anlagen, die zu einem Projekt gehören.",
    "approach": "Wie das Projekt arbeitet, ein Punkt je Eintrag.",
    "approved_on": "Datum des Ratsbeschlusses (JJJJ-MM-TT).",
    "area": "Das Gebiet, für das ein ASD-Team zuständig ist.",
    "as_of": "Stand der Straßenliste (JJJJ-MM-TT).",
    "audiences": "Zielgruppen, z. B. Kinder, Jugendliche, Familien.",
    "available": "true, wenn das Dokument bzw. das Video vorliegt; sonst false.",
    "barriers": "Inhalte, die noch nicht barrierefrei sind: id, title, explanation, easy (ein Eintrag je Barriere).",
    "basis": "Grundlage der Veröffentlichung: public_duty (städtische Beschäftigte mit Außenkontakt), function_mailbox (nur Funktionspostfach) oder consent (Einwilligung).",
    "body": "Name des Gremiums, z. B. Jugendhilfeausschuss.",
    "budget_per_year_eur": "Landesmittel pro Jahr in Euro, als ganze Zahl.",
    "central_contact": "id des Kontakts, der antwortet, wenn eine Straße nicht gefunden wird.",
    "closed": "true: an diesen Tagen geschlossen.",
    "closed_on_public_holidays": "true: an gesetzlichen Feiertagen in NRW geschlossen.",
    "closes": "Ende der Öffnungszeit, \"HH:MM\".",
    "conformance": "Stand der Vereinbarkeit: full (vollständig), partial (teilweise) oder none (nicht).",
    "consent_date": "Datum der Einwilligung (bei basis: consent).",
    "consent_scope": "Umfang der Einwilligung, z. B. „Name und Diensttelefon auf der Website“.",
    "consultations": "Beratungsfolge: Gremium, Sitzungsdatum, Rolle.",
    "contact": "id des Kontakts in contacts.yml.",
    "contacts": "Liste der Kontakte bzw. ids von Kontakten aus contacts.yml.",
    "content_responsible": "Verantwortlich für die redaktionellen Inhalte nach § 18 Abs. 2 MStV (Name und Anschrift).",
    "data_protection_officer": "Behördliche Datenschutzbeauftragte bzw. behördlicher Datenschutzbeauftragter der Stadt.",
    "date": "Datum (JJJJ-MM-TT).",
    "days": "Wochentage: mo, di, mi, do, fr, sa, so.",
    "decided_by": "Wer entschieden hat, z. B. Verwaltungsvorstand.",
    "decided_on": "Datum der Entscheidung (JJJJ-MM-TT).",
    "description": "Beschreibung in ganzen Sätzen (Markdown erlaubt).",
    "developed": "Wie die Vereinbarungen entstanden sind.",
    "district": "Stadtteil oder Gebiet.",
    "duration_minutes": "Geplante Länge des Videos in Minuten (höchstens).",
    "easy": "Dieselbe Aussage in Leichter Sprache: kurze Sätze, ein Satz je Zeile.",
    "emails": "E-Mail-Adressen, am besten Funktionspostfächer.",
    "enforcement": "Stelle für das Durchsetzungsverfahren (Ombudsstelle für barrierefreie IT NRW).",
    "exceptions": "Abweichungen an bestimmten Tagen, z. B. Ferien: from, to, closed, note.",
    "explanation": "Erklärung in einfachen Worten (Markdown erlaubt).",
    "feedback": "Wie Barrieren gemeldet werden: form_url (elektronisches Kontaktformular), emails.",
    "fields": "Was der Webserver bei jedem Abruf speichert, ein Eintrag je Angabe.",
    "file_title": "Titel der Anlage genau wie in der Drucksache.",
    "financial_impact": "true, wenn die Vorlage finanzielle Auswirkungen hat.",
    "focus": "Worum es im Programm vor allem geht.",
    "form_url": "Adresse des elektronischen Kontaktformulars, beginnt mit https://.",
    "from": "Erste Hausnummer des Bereichs bzw. erster Tag einer Ausnahme.",
    "function": "Funktion oder Bezeichnung der Stelle, z. B. „Quartierskümmerinnen im Stadtteilbüro Batenbrock“.",
    "funded_operators": "ids der geförderten Träger.",
    "funder": "id der Organisation, die das Programm finanziert.",
    "funding_from": "Beginn der Bewilligungen, \"JJJJ-MM\".",
    "funding_to": "Ende der Bewilligungen, \"JJJJ-MM\".",
    "goals": "Ziele, ein Ziel je Eintrag (Markdown erlaubt).",
    "host": "Wer den Webserver im Auftrag der Stadt betreibt (Auftragsverarbeiter).",
    "hours": "Öffnungszeiten: weekly, closed_on_public_holidays, exceptions, note.",
    "id": "Kennung: Kleinbuchstaben, Ziffern, Bindestriche; bleibt gleich, auch wenn sich der Name ändert. Andere Dateien verweisen damit auf den Eintrag.",
    "imprint": "Angaben für das Impressum nach § 5 DDG und § 18 MStV.",
    "kind": "Art des Eintrags, z. B. city, city_unit, operator, ministry, partner (Organisation) oder function, person, team, service (Kontakt).",
    "label": "Kurze Beschreibung der Nummer, z. B. „Büro“.",
    "languages": "Gesprochene Sprachen als Code nach ISO 639-1: de, tr, ar, en …",
    "last_review_on": "Datum der letzten Überprüfung der Erklärung (JJJJ-MM-TT); mindestens einmal im Jahr.",
    "lead": "id der federführenden Stelle.",
    "legal_basis": "Rechtsgrundlage der Verarbeitung, z. B. „Art. 6 Abs. 1 lit. e DSGVO in Verbindung mit § 3 DSG NRW“.",
    "legal_refs": "Rechtsgrundlagen, z. B. „§ 8a SGB VIII“.",
    "letter_of_intent": "Was die Absichtserklärung der Stadt enthält.",
    "locality": "Ort, in der Regel Bottrop.",
    "location": "Ort des Projekts: name, district, address.",
    "long": "Die ausgeschriebene Form der Abkürzung.",
    "maintained_by": "Die Stelle der Stadt, die die Website betreut.",
    "method": "Wie die Barrierefreiheit geprüft wurde (Markdown erlaubt).",
    "modules": "Bausteine des Programms (1, 2, 3) bzw. ihre Titel und Erklärungen.",
    "name": "Name. Bei Personen nur mit Grundlage public_duty (Stadt) oder consent.",
    "note": "Hinweis in einer Zeile bzw. Anmerkung.",
    "number": "Nummer: Telefonnummer mit Vorwahl, Nummer der Anlage oder des Bausteins, Nummer der Drucksache.",
    "opens": "Beginn der Öffnungszeit, \"HH:MM\".",
    "operator": "Träger des Projekts: organisation (id), status, source.",
    "organisation": "id der Organisation aus organisations.yml.",
    "organisations": "Liste aller Organisationen.",
    "parity": "Welche Hausnummern: odd (ungerade), even (gerade) oder all (alle).",
    "part_of": "id der übergeordneten Organisation.",
    "partners": "Kooperationspartner (name, role, organisation) bzw. ids beteiligter Ämter.",
    "periods": "Öffnungszeiten: days, opens, closes.",
    "phones": "Telefonnummern mit number und label.",
    "place_label": "Kurzer Ortszusatz, der gleichnamige Projekte unterscheidet.",
    "postal_code": "Postleitzahl, fünf Ziffern in Anführungszeichen. Nur eintragen, wenn sie belegt ist.",
    "prepared_on": "Datum, an dem die Erklärung erstellt wurde (JJJJ-MM-TT).",
    "privacy": "Angaben für die Datenschutzerklärung nach Art. 13 DSGVO.",
    "project_count": "Zahl der geförderten Projekte in Bottrop.",
    "proposal": "Der Beschlussvorschlag im Wortlaut.",
    "public": "true, wenn die Vorlage öffentlich ist.",
    "publication": "Warum die Angaben veröffentlicht werden dürfen: basis, consent_date, consent_scope.",
    "publishable": "true: erscheint auf der Website. false: wird nirgends veröffentlicht.",
    "published_on": "Datum der Veröffentlichung (JJJJ-MM-TT).",
    "publisher": "Herausgeberin der Website (Diensteanbieter nach § 5 DDG, Verantwortliche nach DSGVO).",
    "purpose": "Wozu die Daten verarbeitet werden.",
    "purposes": "Wozu die Vereinbarungen dienen, ein Zweck je Eintrag.",
    "ranges": "Hausnummernbereiche einer geteilten Straße: from, to, parity, team.",
    "reason": "Begründung in einer Zeile.",
    "references": "Weitere Quellen, z. B. Dateinamen des Förderaufrufs.",
    "related": "ids von Projekten mit demselben Titel an einem anderen Ort.",
    "represented_by": "Wer die Stadt gesetzlich vertritt (Funktion und Name).",
    "retention_days": "Nach wie vielen Tagen die Daten gelöscht werden, als ganze Zahl.",
    "reviewed_on": "Wann der Eintrag zuletzt geprüft wurde (JJJJ-MM-TT).",
    "role": "Rolle: bei Gremien Vorberatung, Kenntnisnahme oder Entscheidung; bei Partnern ein kurzer Satz.",
    "server_log": "Protokolldaten des Webservers: fields, purpose, legal_basis, retention_days.",
    "short_name": "Abkürzung, z. B. AWO.",
    "sign_language_video": "Video in Deutscher Gebärdensprache: available, url und die Vorgaben (Länge, Untertitel, Transkript, Inhalte).",
    "signed_by": "Wer die Vorlage unterzeichnet hat.",
    "since": "Seit wann, \"JJJJ\" oder \"JJJJ-MM\".",
    "since_text": "Genauere Angabe in Worten, z. B. „Ende 2018“.",
    "source": "Quelle der Angabe, z. B. „Drucksache 2019/0840, Begründung“.",
    "standards": "Anforderungen, an denen die Website gemessen wird, z. B. BITVNRW, WCAG 2.1 AA, EN 301 549.",
    "state": "Stand: drafted (Entwurf), approved (beschlossen) oder signed (unterzeichnet).",
    "status": "confirmed (belegt), inferred (abgeleitet, zu bestätigen) oder example (Beispieldaten).",
    "steering": "Steuerung in der Stadtverwaltung: decided_on, decided_by, lead, partners, reason.",
    "strategy": "Name der Gesamtstrategie.",
    "strategy_text": "Wie das Programm in die Gesamtstrategie passt.",
    "street": "Straßenname, ausgeschrieben (…straße).",
    "street_address": "Straße und Hausnummer.",
    "streets": "Straßenverzeichnis: je Straße team (ganze Straße) oder ranges.",
    "subject": "Betreff.",
    "subtitles": "true, wenn das Video Untertitel hat bzw. haben muss.",
    "summary": "Zwei, drei Sätze: was das Projekt ist (Markdown erlaubt).",
    "supervisory_authority": "Zuständige Datenschutz-Aufsichtsbehörde (Art. 77 DSGVO).",
    "team": "id des zuständigen ASD-Teams.",
    "teams": "Die ASD-Teams: id, name, area, contact, valid_from.",
    "terms": "Pflichten der Träger: id und text.",
    "text": "Der Text (Markdown erlaubt).",
    "title": "Titel.",
    "to": "Letzte Hausnummer des Bereichs (leer: bis zum Ende der Straße) bzw. letzter Tag einer Ausnahme.",
    "tools": "Verwendete Prüfwerkzeuge, ein Eintrag je Werkzeug.",
    "topics": "Inhalte des Videos, ein Eintrag je Thema.",
    "transcript": "true, wenn es zum Video einen Text zum Nachlesen gibt bzw. geben muss.",
    "url": "Internetadresse, beginnt mit https://.",
    "valid_from": "Zuständig ab (JJJJ-MM-TT).",
    "value": "Der Wert, z. B. die Umsatzsteuer-Identifikationsnummer „DE“ und neun Ziffern.",
    "vat_id": "Umsatzsteuer-Identifikationsnummer der Stadt, nur wenn vorhanden.",
    "weekly": "Regelmäßige Öffnungszeiten: days, opens, closes.",
}

FILE_TITLES = {
    "programme.yml": "Das Programm",
    "organisations.yml": "Organisationen",
    "contacts.yml": "Kontakte",
    "agreement.yml": "Kooperationsvereinbarung",
    "decision.yml": "Ratsbeschluss",
    "asd.yml": "ASD-Teams und Straßen",
    "glossary.yml": "Glossar",
    "emergency.yml": "Hilfe im Notfall",
    "opendata.yml": "Offene Daten und Lizenz",
    "legal.yml": "Impressum, Datenschutz und Barrierefreiheit",
    "projects/<id>.yml": "Ein Projekt",
}


def all_models() -> dict[str, type[models.Model]]:
    return {**models.FILES, "projects/<id>.yml": models.Project}


def field_names(model: type[models.Model], seen: set | None = None) -> set[str]:
    seen = set() if seen is None else seen
    for name, info in model.model_fields.items():
        seen.add(info.alias or name)
        sub = _unwrap(info.annotation)
        if sub is not None:
            field_names(sub, seen)
    return seen


# Values for the fields that the current data never fills, so every row shows one.
FALLBACK_EXAMPLES: dict[str, str] = {
    "consent_date": "2026-11-25",
    "consent_scope": '"Funktion und Diensttelefon auf der Website"',
    "name": '"Vorname Nachname"',
    "available": "false",
    "modules": "[1]",
    "url": '"https://…"',
    "periods": "(Liste von Einträgen, Felder siehe darunter)",
    "description": '"Ein oder mehrere ganze Sätze."',
}

_LONGEST = 60


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, date)):
        return str(value) if not isinstance(value, date) else value.isoformat()
    if value is None:
        return "(leer)"
    text = " ".join(str(value).split())
    return f'"{text}"'


def _shown(value: Any) -> str:
    """How an editor writes the value, shortened to one line."""
    if isinstance(value, dict):
        return "(Gruppe von Feldern, siehe darunter)"
    if isinstance(value, list):
        if value and isinstance(value[0], dict):
            return "(Liste von Einträgen, Felder siehe darunter)"
        text = "[" + ", ".join(_scalar(v).strip('"') if isinstance(v, str) and " " not in v else _scalar(v)
                               for v in value[:4]) + (", …]" if len(value) > 4 else "]")
    else:
        text = _scalar(value)
    return text if len(text) <= _LONGEST else text[:_LONGEST - 1].rstrip() + "…"


EXAMPLE_ENTRIES = 200  # of each list, searched for examples


@dataclass(frozen=True)
class Sample:
    value: Any
    status: str | None  # of the record it comes from: example values keep their mark


def _collect(node: Any, prefix: str, found: dict[str, Sample], status: str | None = None) -> None:
    if isinstance(node, dict):
        if "publishable" in node and node["publishable"] is not True:
            return  # a record that may not be published gives no examples either
        own = node.get("status")
        status = own if isinstance(own, str) else status
        for key, child in node.items():
            path = f"{prefix}.{key}" if prefix else str(key)
            found.setdefault(path, Sample(child, status))
            _collect(child, path, found, status)
    elif isinstance(node, list):
        # The first entries show every field in practice; walking all 20,000 streets of a city
        # for examples cost most of a second per build.
        for child in node[:EXAMPLE_ENTRIES]:
            _collect(child, prefix, found, status)


def examples(documents: dict[str, Document]) -> dict[str, dict[str, Sample]]:
    """For each file of all_models(): field path (without list positions) -> first value in the data."""
    out: dict[str, dict[str, Any]] = {}
    for name in sorted(documents):
        relative = name.split("/", 1)[1]
        file = "projects/<id>.yml" if relative.startswith("projects/") else relative
        _collect(documents[name].data, "", out.setdefault(file, {}))
    return out


def sample_for(found: dict[str, dict[str, Sample]], file: str, path: str) -> Sample | None:
    """The value in this file at this path, else the same field elsewhere in the data, else a fallback."""
    if path in found.get(file, {}):
        return found[file][path]
    key = path.rsplit(".", 1)[-1]

    def same_field(values: dict[str, Sample]) -> Sample | None:
        return next((v for p, v in values.items() if p == key or p.endswith("." + key)), None)

    sample = same_field(found.get(file, {}))
    if sample is not None:
        return sample
    if key in FALLBACK_EXAMPLES:
        return None
    for other in sorted(set(found) - {file}):
        sample = same_field(found[other])
        if sample is not None:
            return sample
    return None


def example_for(found: dict[str, dict[str, Sample]], file: str, path: str) -> str:
    sample = sample_for(found, file, path)
    if sample is None:
        return FALLBACK_EXAMPLES.get(path.rsplit(".", 1)[-1], "")
    return _shown(sample.value)


def _example_cell(found: dict[str, dict[str, Sample]], file: str, path: str) -> Markup:
    sample = sample_for(found, file, path)
    shown = tag("code", example_for(found, file, path))
    if sample is None or sample.status not in ("example", "inferred") or path.endswith("status"):
        return shown
    return join([shown, " ", status_badge(sample.status)])


def _table(model: type[models.Model], found: dict[str, dict[str, Sample]], file: str,
           prefix: str = "") -> list[Markup]:
    rows = []
    for name, info in model.model_fields.items():
        key = info.alias or name
        rows.append(tag("tr", join([
            # A long path ("privacy.supervisory_authority.address.postal_code") may wrap at its dots.
            tag("th", tag("code", join((prefix + key).split("."), Markup(".<wbr>"))), scope="row"),
            tag("td", "ja" if info.is_required() else "nein", data_label="Pflicht"),
            tag("td", FIELDS[key]),
            tag("td", _example_cell(found, file, prefix + key), data_label="Beispiel")])))
        sub = _unwrap(info.annotation)
        if sub is not None:
            rows += _table(sub, found, file, prefix + key + ".")
    return rows


def field_reference(level: int = 3, documents: dict[str, Document] | None = None) -> Markup:
    blocks = []
    found = examples(documents or {})
    for file, model in all_models().items():
        head = tag("thead", tag("tr", join(tag("th", h, scope="col")
                                           for h in ("Feld", "Pflicht", "Bedeutung", "Beispiel"))))
        # The heading above names the file; the caption names the table for screen readers.
        table = tag("table", join([tag("caption", f"Felder in data/{file}", class_="ziq-visually-hidden"), head,
                                   tag("tbody", join(_table(model, found, file)))]),
                    class_="ziq-table ziq-table--stack")
        blocks.append(tag(f"h{level}", join([FILE_TITLES[file], " (", tag("code", f"data/{file}"), ")"]),
                          id=f"datei-{file.split('.')[0].replace('/<id>', '')}"))
        blocks.append(scroll_box(table, f"Felder in data/{file} (seitlich verschiebbar)"))
    return join(blocks)


def template_example(code: str, block: bool = False) -> Markup:
    """Show page syntax such as a macro call to editors without it being run.

    The braces are written as character references, so the page's HTML never holds
    literal template syntax (the build tests treat that as a rendering failure).
    """
    text = str(escape(code)).replace("{", "&#123;").replace("}", "&#125;")
    inner = Markup(f"<code>{text}</code>")
    return Markup(f'<pre class="ziq-example">{inner}</pre>') if block else inner
