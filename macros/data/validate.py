"""Load every data file, validate it against the models and check references.

Plain Python, independent of MkDocs: ``load_site`` is called once per build by
the macros adapter and by ``make check``. Every problem of every file is
collected and raised together, so staff fix them in one round: the checks
between files also run when some file has errors, on its valid records.
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
from .salvage import salvage
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


@dataclass(frozen=True)
class Known:
    """The ids of a list of records as the file has them, whether each record is valid or not."""

    ids: frozenset[str]
    # Every entry's id could be read: an id that is not among them names nothing. When an
    # entry has no readable id, a reference that is not found may mean that entry: no report.
    complete: bool


def known_ids(doc: Document | None, key: str) -> Known:
    items = doc.data.get(key) if doc is not None and isinstance(doc.data, dict) else None
    if not isinstance(items, list):
        return Known(frozenset(), False)
    ids = [item.get("id") if isinstance(item, dict) else None for item in items]
    return Known(frozenset(i for i in ids if isinstance(i, str)), all(isinstance(i, str) for i in ids))


class _Checker:
    """Collects cross-reference problems with the line of the offending field."""

    def __init__(self, documents: dict[str, Document]):
        self.documents = documents
        self.problems: list[Problem] = []

    def add(self, file: str, path: tuple, message: str) -> None:
        doc = self.documents[file]
        self.problems.append(Problem(file, doc.line_of(path), field_path(path, doc.data) or None, message))

    def ref(self, file: str, path: tuple, value: Any, known: Known, none_such: str) -> None:
        """none_such: the German object, e.g. "keinen Kontakt", "kein ASD-Team"."""
        if value is None or value in known.ids or not known.complete:
            return
        names = sorted(known.ids)
        if not names:
            listed = ""
        elif len(names) > 12:
            listed = f" Vorhanden sind unter anderem: {', '.join(names[:12])} …"
        else:
            listed = f" Vorhanden {'ist' if len(names) == 1 else 'sind'}: {', '.join(names)}."
        self.add(file, path, f"Unbekannte Kennung „{value}“: Es gibt {none_such} mit dieser Kennung."
                             + listed)

    def unique(self, file: str, list_path: tuple, among: str) -> None:
        """Ids as written, so that a duplicate is found even in an entry with other errors.

        among: the German phrase, e.g. "unter den Kontakten"."""
        doc = self.documents.get(file)
        items: Any = doc.data if doc is not None else None
        for part in list_path:
            items = items.get(part) if isinstance(items, dict) else None
        if not isinstance(items, list):
            return
        first: dict[str, int] = {}
        for i, item in enumerate(items):
            value = item.get("id") if isinstance(item, dict) else None
            if not isinstance(value, str):
                continue
            if value in first:
                self.add(file, list_path + (i, "id"),
                         f"Die Kennung „{value}“ kommt {among} doppelt vor (zuerst in Zeile "
                         f"{doc.line_of(list_path + (first[value], 'id'))}); jede Kennung darf "
                         "nur einmal vorkommen.")
            first.setdefault(value, i)


def _shown(path: Path, data_dir: Path, label: str) -> str:
    return f"{label}/{path.relative_to(data_dir).as_posix()}"


def _parse(file: Path, shown: str, model: type[models.Model],
           documents: dict[str, Document], problems: list[Problem]):
    """The file's model; when it has errors, what survives of it (see salvage.py) and the
    errors in problems; None when the file cannot be read at all."""
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
        return salvage(model, doc.data)


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
    """Every stage runs on everything it can: a file with errors still lends its valid records
    (and the ids of all its records) to the checks between files, so that one round of
    corrections fixes everything."""
    documents: dict[str, Document] = {}
    problems: list[Problem] = []
    parsed: dict[str, Any] = {}
    for name, model in models.FILES.items():
        file = data_dir / name
        shown = f"{label}/{name}"
        if not file.is_file():
            problems.append(Problem(shown, 1, None, "Die Datei fehlt."))
            parsed[name] = None
            continue
        parsed[name] = _parse(file, shown, model, documents, problems)

    projects: dict[str, models.Project] = {}
    project_files: dict[str, str] = {}
    project_paths = sorted((data_dir / "projects").glob("*.y*ml"))
    if not project_paths:
        problems.append(Problem(f"{label}/projects", 1, None,
                                "Im Ordner projects/ gibt es keine Projektdatei."))
    for file in project_paths:
        shown = _shown(file, data_dir, label)
        if file.suffix != ".yml":
            problems.append(Problem(shown, 1, None,
                                    f"Datendateien enden auf .yml. Bitte in „{file.stem}.yml“ umbenennen."))
            continue
        project = _parse(file, shown, models.Project, documents, problems)
        if project is None:
            continue
        if project.id is not None and project.id != file.stem:
            problems.append(Problem(shown, documents[shown].line_of(("id",)), "id",
                                    f"Die id „{project.id}“ muss dem Dateinamen entsprechen "
                                    f"(„{file.stem}“)."))
        key = project.id or file.stem
        if key in projects:
            problems.append(Problem(shown, documents[shown].line_of(("id",)), "id",
                                    f"Die id „{key}“ hat schon die Projektdatei {project_files[key]}."))
            continue
        projects[key] = project
        project_files[key] = shown

    checker = _Checker(documents)
    _check_references(checker, parsed, projects, project_files,
                      {p.stem for p in project_paths}, label)
    problems += checker.problems
    if problems:
        raise DataProblems(problems, documents)

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


def _records(items: list | None):
    """(position, record) of the valid entries; an entry with errors is None (salvage.py)."""
    return [(i, item) for i, item in enumerate(items or []) if item is not None]


def _check_references(c: _Checker, parsed: dict[str, Any], projects: dict[str, models.Project],
                      project_files: dict[str, str], project_stems: set[str], label: str) -> None:
    """The checks between files. Each runs on the valid records it needs and is skipped only
    where one of them is broken or its file unreadable (parsed value None)."""
    f_org, f_con, f_prog = (f"{label}/organisations.yml", f"{label}/contacts.yml",
                            f"{label}/programme.yml")
    f_asd, f_agr = f"{label}/asd.yml", f"{label}/agreement.yml"
    known_orgs = known_ids(c.documents.get(f_org), "organisations")
    known_contacts = known_ids(c.documents.get(f_con), "contacts")
    known_projects = Known(frozenset(project_stems), True)
    org_list, contact_list = parsed["organisations.yml"], parsed["contacts.yml"]
    # The valid records, for checks that read more of a record than its id.
    orgs = {o.id: o for _, o in _records(org_list.organisations if org_list else None)}

    c.unique(f_org, ("organisations",), "unter den Organisationen")
    for i, org in _records(org_list.organisations if org_list else None):
        c.ref(f_org, ("organisations", i, "part_of"), org.part_of, known_orgs, "keine Organisation")

    c.unique(f_con, ("contacts",), "unter den Kontakten")
    for i, contact in _records(contact_list.contacts if contact_list else None):
        c.ref(f_con, ("contacts", i, "organisation"), contact.organisation, known_orgs, "keine Organisation")
        org = orgs.get(contact.organisation)
        if org is None:
            continue  # unknown (reported just above) or itself broken: nothing to judge by
        city = org.kind in ("city", "city_unit")
        basis = contact.publication.basis
        if basis == "public_duty" and not city:
            c.add(f_con, ("contacts", i, "publication", "basis"),
                  "„public_duty“ gilt nur für Beschäftigte der Stadt mit Außenkontakt. Für Kontakte "
                  "eines Trägers gilt „function_mailbox“ oder „consent“ mit Datum und Umfang der "
                  "Einwilligung.")
        if contact.name and not city and basis != "consent":
            c.add(f_con, ("contacts", i, "name"),
                  "Namen von Beschäftigten eines Trägers dürfen nur mit dokumentierter Einwilligung "
                  "erscheinen („publication: basis: consent“).")

    for pid, project in projects.items():
        f = project_files[pid]
        c.ref(f, ("operator", "organisation"), project.operator.organisation, known_orgs,
              "keine Organisation")
        for i, cid in enumerate(project.contacts):
            c.ref(f, ("contacts", i), cid, known_contacts, "keinen Kontakt")
        for i, rid in enumerate(project.related):
            c.ref(f, ("related", i), rid, known_projects, "keine Projektdatei")
        for i, partner in _records(project.partners):
            c.ref(f, ("partners", i, "organisation"), partner.organisation, known_orgs,
                  "keine Organisation")

    programme = parsed["programme.yml"]
    if programme is not None:
        c.ref(f_prog, ("funder",), programme.funder, known_orgs, "keine Organisation")
        for i, oid in enumerate(programme.funded_operators):
            c.ref(f_prog, ("funded_operators", i), oid, known_orgs, "keine Organisation")
        c.ref(f_prog, ("steering", "lead"), programme.steering.lead, known_orgs, "keine Organisation")
        for i, oid in enumerate(programme.steering.partners):
            c.ref(f_prog, ("steering", "partners", i), oid, known_orgs, "keine Organisation")

    agreement = parsed["agreement.yml"]
    for i, annex in _records(agreement.annexes if agreement else None):
        c.ref(f_agr, ("annexes", i, "operator"), annex.operator, known_orgs, "keine Organisation")

    asd = parsed["asd.yml"]
    if asd is not None:
        _check_asd(c, asd, known_ids(c.documents.get(f_asd), "teams"), known_contacts, f_asd)

    if parsed["legal.yml"] is not None:
        _check_legal(c, parsed["legal.yml"], known_orgs, f"{label}/legal.yml")


def _check_asd(c: _Checker, asd: models.AsdDirectory, teams: Known, contacts: Known, file: str) -> None:
    c.unique(file, ("teams",), "unter den Teams")
    c.ref(file, ("central_contact",), asd.central_contact, contacts, "keinen Kontakt")
    for i, team in _records(asd.teams):
        c.ref(file, ("teams", i, "contact"), team.contact, contacts, "keinen Kontakt")
    seen: dict[str, int] = {}
    for i, street in _records(asd.streets):
        key = normalise_street(street.street)
        if key in seen:
            c.add(file, ("streets", i, "street"),
                  f"Die Straße „{street.street}“ steht doppelt (zuerst in Zeile "
                  f"{c.documents[file].line_of(('streets', seen[key], 'street'))}). Die Bereiche einer "
                  "Straße gehören in einen Eintrag unter „ranges“.")
        seen.setdefault(key, i)
        c.ref(file, ("streets", i, "team"), street.team, teams, "kein ASD-Team")
        for j, rule in enumerate(street.ranges):
            c.ref(file, ("streets", i, "ranges", j, "team"), rule.team, teams, "kein ASD-Team")
        for issue in check_ranges(street):
            c.add(file, ("streets", i, "ranges", issue.index), issue.message)


def _check_legal(c: _Checker, legal: models.Legal, orgs: Known, file: str) -> None:
    for section, parties in legal_parties(legal).items():
        for key, party in parties.items():
            c.ref(file, (section, key, "organisation"), party.organisation, orgs, "keine Organisation")
    c.unique(file, ("accessibility", "barriers"), "unter den Barrieren")


def legal_parties(legal: models.Legal) -> dict[str, dict[str, models.Party]]:
    """Every Party on the legal pages by section and field name."""
    return {section: {key: value for key, value in getattr(legal, section)
                      if isinstance(value, models.Party)}
            for section in ("imprint", "privacy", "accessibility")}
