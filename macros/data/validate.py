"""Load every data file, validate it against the models and check references.

Plain Python, independent of MkDocs: ``load_site`` is called once per build by
the macros adapter and by ``make check``. Every problem of every file is
collected and raised together, so staff fix them in one round.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from . import models
from .messages import translate
from .problems import DataProblems, Problem, field_path
from .streets import check_ranges, normalise_street
from .yamlsource import Document, YamlError, load_document


@dataclass(frozen=True)
class SiteData:
    programme: models.Programme
    organisations: dict[str, models.Organisation]
    contacts: dict[str, models.Contact]
    projects: dict[str, models.Project]
    agreement: models.Agreement
    decision: models.Decision
    asd: models.AsdDirectory
    glossary: models.Glossary
    emergency: models.Emergency
    opendata: models.OpenData
    legal: models.Legal
    documents: dict[str, Document] = field(repr=False)
    warnings: tuple[Problem, ...] = ()

    @property
    def published_contacts(self) -> dict[str, models.Contact]:
        return {k: c for k, c in self.contacts.items() if c.publishable}

    def teams(self) -> dict[str, models.Team]:
        return {t.id: t for t in self.asd.teams}


class _Checker:
    """Collects cross-reference problems with the line of the offending field."""

    def __init__(self, documents: dict[str, Document]):
        self.documents = documents
        self.problems: list[Problem] = []

    def add(self, file: str, path: tuple, message: str) -> None:
        doc = self.documents[file]
        self.problems.append(Problem(file, doc.line_of(path), field_path(path, doc.data) or None, message))

    def ref(self, file: str, path: tuple, value: Any, known: dict | set, what: str) -> None:
        if value is not None and value not in known:
            sample = ", ".join(sorted(known)[:12])
            self.add(file, path, f"Unbekannte Kennung „{value}“: es gibt keine {what} mit dieser id. "
                                 f"Vorhanden: {sample}{' …' if len(known) > 12 else ''}.")

    def unique(self, file: str, items: list, list_path: tuple, what: str) -> None:
        seen: dict[str, int] = {}
        for i, item in enumerate(items):
            if item.id in seen:
                self.add(file, list_path + (i, "id"),
                         f"Die id „{item.id}“ kommt doppelt vor ({what}); ids müssen eindeutig sein.")
            seen.setdefault(item.id, i)


def _shown(path: Path, data_dir: Path, label: str) -> str:
    return f"{label}/{path.relative_to(data_dir).as_posix()}"


def _parse(file: Path, shown: str, model: type[models.Model],
           documents: dict[str, Document], problems: list[Problem]):
    try:
        doc = load_document(file, shown)
    except YamlError as exc:
        problems.extend(exc.problems)
        return None
    except OSError as exc:
        problems.append(Problem(shown, 1, None, f"Die Datei kann nicht gelesen werden ({exc.strerror})."))
        return None
    documents[shown] = doc
    if not isinstance(doc.data, dict):
        problems.append(Problem(shown, 1, None,
                                "Die Datei muss aus Feldern bestehen („name: Wert“), nicht aus einer "
                                "Liste oder einem einzelnen Wert."))
        return None
    try:
        return model.model_validate(doc.data)
    except ValidationError as exc:
        problems.extend(translate(exc, model, doc))
        return None


@contextmanager
def _without_cycle_collection():
    """Reading and validating create hundreds of thousands of objects that all stay alive, and
    each of Python's full collections walked all of them again: more than half of `make check`
    at 8,000 contacts went there (bench/README.md). What is built here has no reference cycles
    to collect, so the collector waits until the data are loaded."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def load_site(data_dir: Path, label: str = "data") -> SiteData:
    """Read and check all data; raise DataProblems listing every error."""
    with _without_cycle_collection():
        return _load_site(Path(data_dir), label)


def _load_site(data_dir: Path, label: str) -> SiteData:
    documents: dict[str, Document] = {}
    problems: list[Problem] = []
    parsed: dict[str, Any] = {}
    for name, model in models.FILES.items():
        file = data_dir / name
        shown = f"{label}/{name}"
        if not file.is_file():
            problems.append(Problem(shown, 1, None, "Die Datei fehlt."))
            continue
        parsed[name] = _parse(file, shown, model, documents, problems)

    projects: dict[str, models.Project] = {}
    project_files: dict[str, str] = {}
    project_paths = sorted((data_dir / "projects").glob("*.y*ml"))
    if not project_paths:
        problems.append(Problem(f"{label}/projects", 1, None, "Es gibt keine Projektdatei."))
    for file in project_paths:
        shown = _shown(file, data_dir, label)
        if file.suffix != ".yml":
            problems.append(Problem(shown, 1, None, "Datendateien enden auf .yml."))
            continue
        project = _parse(file, shown, models.Project, documents, problems)
        if project is None:
            continue
        if project.id != file.stem:
            problems.append(Problem(shown, documents[shown].line_of(("id",)), "id",
                                    f"Die id „{project.id}“ muss dem Dateinamen entsprechen "
                                    f"(„{file.stem}“)."))
        if project.id in projects:
            problems.append(Problem(shown, 1, "id", f"Die id „{project.id}“ kommt doppelt vor."))
        projects[project.id] = project
        project_files[project.id] = shown

    if problems or any(v is None for v in parsed.values()):
        raise DataProblems(problems)

    checker = _Checker(documents)
    _check_references(checker, parsed, projects, project_files, label)
    if checker.problems:
        raise DataProblems(checker.problems)

    return SiteData(
        programme=parsed["programme.yml"],
        organisations={o.id: o for o in parsed["organisations.yml"].organisations},
        contacts={c.id: c for c in parsed["contacts.yml"].contacts},
        projects=dict(sorted(projects.items(), key=lambda kv: (kv[1].since or "9999", kv[0]))),
        agreement=parsed["agreement.yml"],
        decision=parsed["decision.yml"],
        asd=parsed["asd.yml"],
        glossary=parsed["glossary.yml"],
        emergency=parsed["emergency.yml"],
        opendata=parsed["opendata.yml"],
        legal=parsed["legal.yml"],
        documents=documents,
    )


def _check_references(c: _Checker, parsed: dict[str, Any], projects: dict[str, models.Project],
                      project_files: dict[str, str], label: str) -> None:
    f_org, f_con, f_prog = (f"{label}/organisations.yml", f"{label}/contacts.yml",
                            f"{label}/programme.yml")
    f_asd, f_agr = f"{label}/asd.yml", f"{label}/agreement.yml"
    organisations = parsed["organisations.yml"].organisations
    contacts = parsed["contacts.yml"].contacts
    orgs = {o.id: o for o in organisations}
    cons = {x.id: x for x in contacts}

    c.unique(f_org, organisations, ("organisations",), "Organisationen")
    for i, org in enumerate(organisations):
        c.ref(f_org, ("organisations", i, "part_of"), org.part_of, orgs, "Organisation")

    c.unique(f_con, contacts, ("contacts",), "Kontakte")
    for i, contact in enumerate(contacts):
        c.ref(f_con, ("contacts", i, "organisation"), contact.organisation, orgs, "Organisation")
        org = orgs.get(contact.organisation)
        city = org is not None and org.kind in ("city", "city_unit")
        basis = contact.publication.basis
        if basis == "public_duty" and org is not None and not city:
            c.add(f_con, ("contacts", i, "publication", "basis"),
                  "„public_duty“ gilt nur für Beschäftigte der Stadt mit Außenkontakt. Für Träger: "
                  "„function_mailbox“ oder „consent“ mit Datum und Umfang.")
        if contact.name and not city and basis != "consent":
            c.add(f_con, ("contacts", i, "name"),
                  "Namen von Beschäftigten eines Trägers dürfen nur mit dokumentierter Einwilligung "
                  "erscheinen („publication: basis: consent“).")

    for pid, project in projects.items():
        f = project_files[pid]
        c.ref(f, ("operator", "organisation"), project.operator.organisation, orgs, "Organisation")
        for i, cid in enumerate(project.contacts):
            c.ref(f, ("contacts", i), cid, cons, "Kontakt")
        for i, rid in enumerate(project.related):
            c.ref(f, ("related", i), rid, projects, "Projektdatei")
        for i, partner in enumerate(project.partners):
            c.ref(f, ("partners", i, "organisation"), partner.organisation, orgs, "Organisation")

    programme = parsed["programme.yml"]
    c.ref(f_prog, ("funder",), programme.funder, orgs, "Organisation")
    for i, oid in enumerate(programme.funded_operators):
        c.ref(f_prog, ("funded_operators", i), oid, orgs, "Organisation")
    c.ref(f_prog, ("steering", "lead"), programme.steering.lead, orgs, "Organisation")
    for i, oid in enumerate(programme.steering.partners):
        c.ref(f_prog, ("steering", "partners", i), oid, orgs, "Organisation")

    for i, annex in enumerate(parsed["agreement.yml"].annexes):
        c.ref(f_agr, ("annexes", i, "operator"), annex.operator, orgs, "Organisation")

    asd = parsed["asd.yml"]
    teams = {t.id: t for t in asd.teams}
    c.unique(f_asd, asd.teams, ("teams",), "Teams")
    c.ref(f_asd, ("central_contact",), asd.central_contact, cons, "Kontakt")
    for i, team in enumerate(asd.teams):
        c.ref(f_asd, ("teams", i, "contact"), team.contact, cons, "Kontakt")
    seen: dict[str, int] = {}
    for i, street in enumerate(asd.streets):
        key = normalise_street(street.street)
        if key in seen:
            c.add(f_asd, ("streets", i, "street"),
                  f"Die Straße „{street.street}“ steht doppelt (auch Eintrag {seen[key] + 1}); "
                  "Bereiche einer Straße gehören in einen Eintrag unter „ranges“.")
        seen.setdefault(key, i)
        c.ref(f_asd, ("streets", i, "team"), street.team, teams, "ASD-Team")
        for j, rule in enumerate(street.ranges):
            c.ref(f_asd, ("streets", i, "ranges", j, "team"), rule.team, teams, "ASD-Team")
        for issue in check_ranges(street):
            c.add(f_asd, ("streets", i, "ranges", issue.index), issue.message)

    _check_legal(c, parsed["legal.yml"], orgs, f"{label}/legal.yml")


def _check_legal(c: _Checker, legal: models.Legal, orgs: dict, file: str) -> None:
    for section, parties in legal_parties(legal).items():
        for key, party in parties.items():
            c.ref(file, (section, key, "organisation"), party.organisation, orgs, "Organisation")
    c.unique(file, legal.accessibility.barriers, ("accessibility", "barriers"), "Barrieren")


def legal_parties(legal: models.Legal) -> dict[str, dict[str, models.Party]]:
    """Every Party on the legal pages by section and field name."""
    return {section: {key: value for key, value in getattr(legal, section)
                      if isinstance(value, models.Party)}
            for section in ("imprint", "privacy", "accessibility")}
