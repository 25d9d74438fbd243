"""A synthetic, valid data set at scale N: N projects, 10·N contacts, 25·N streets.

Every record is built through the real models (``macros.data.models``), so whatever is
written here passed the same validation as the real data. Names, phones and
addresses are obviously fictitious: "Projekt 17", "Beispielstraße 123", numbers
from the range 030 23125 xxx that the Bundesnetzagentur keeps free for fiction,
e-mails at example.org, and every record has ``status: example``.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import yaml

from macros.data import models

REVIEWED = date(2026, 11, 25)
STREET_STEMS = ["Beispielstraße", "Musterweg", "Testallee", "Probegasse", "Platzhalterring"]
LANGUAGES = ["de", "tr", "ar", "en", "pl", "ru", "uk"]
SOURCE = "Synthetische Benchmark-Daten"


@dataclass
class DataSet:
    """What was generated, for the benchmark's queries and the smoke test."""

    projects: list[models.Project] = field(default_factory=list)
    contacts: list[models.Contact] = field(default_factory=list)
    teams: list[models.Team] = field(default_factory=list)
    streets: list[models.StreetAssignment] = field(default_factory=list)


def _phone(i: int) -> str:
    return f"+49 30 23125 {i % 1000:03d}"


def _contact(i: int, rng: random.Random, organisations: list[str], kind: str = "function",
             function: str | None = None, organisation: str | None = None) -> models.Contact:
    hours = None
    if rng.random() < 0.7:
        first, second = rng.sample(["mo", "di", "mi", "do", "fr"], 2)
        hours = {
            "weekly": [{"days": [first, second], "opens": "09:00", "closes": "12:00"},
                       {"days": [second], "opens": "14:00", "closes": f"1{rng.randint(5, 8)}:00"}],
            "closed_on_public_holidays": True,
            "exceptions": ([{"from": date(2026, 12, 24), "to": date(2027, 1, 1), "closed": True,
                             "note": "Weihnachtspause"}] if rng.random() < 0.3 else []),
        }
    data = {
        "id": f"kontakt-{i}",
        "kind": kind,
        "function": function or f"Beispiel-Anlaufstelle {i}",
        "organisation": organisation or organisations[i % len(organisations)],
        "phones": [{"number": _phone(i), "label": "Zentrale" if i % 3 == 0 else None}],
        "emails": [f"kontakt-{i}@example.org"],
        "address": ({"street_address": f"{STREET_STEMS[i % len(STREET_STEMS)]} {i % 97 + 1}",
                     "locality": "Bottrop"} if i % 2 == 0 else None),
        "languages": sorted({"de", rng.choice(LANGUAGES)}),
        "hours": hours,
        "publication": {"basis": "function_mailbox"},
        "publishable": i % 10 != 9,  # some contacts stay internal, as real ones may
        "source": SOURCE,
        "status": "example",
        "reviewed_on": REVIEWED,
    }
    return models.Contact.model_validate(data)


def _project(i: int, rng: random.Random, operators: list[str], contact_ids: list[str]) -> models.Project:
    data = {
        "id": f"projekt-{i}",
        "title": f"Projekt {i}",
        "place_label": f"Beispielort {i}",
        "summary": (f"Projekt {i} ist ein erfundenes Beispielprojekt für den Leistungstest. Es bietet "
                    "Kindern, Jugendlichen und Familien im Beispielquartier Beratung, Treffpunkte und "
                    "Begleitung an."),
        "operator": {"organisation": operators[i % len(operators)], "status": "example", "source": SOURCE},
        "location": {"name": f"Beispielhaus {i}", "district": f"Beispielquartier {i % 7 + 1}",
                     "address": {"street_address": f"Musterweg {i % 97 + 1}", "locality": "Bottrop"}},
        "since": f"20{rng.randint(19, 25)}-{rng.randint(1, 12):02d}",
        "audiences": rng.sample(["Kinder", "Jugendliche", "Familien", "Eltern", "Senioren"], 2),
        "goals": [f"Beispielziel {k} von Projekt {i}: Angebote im Quartier bekannt machen und "
                  "Zugänge ohne Hürden schaffen." for k in range(1, rng.randint(3, 5))],
        "approach": [f"Projekt {i} arbeitet mit offenen Sprechstunden und Hausbesuchen (Beispiel)."],
        "modules": sorted(rng.sample([1, 2, 3], rng.randint(1, 2))),
        "partners": [{"name": f"Beispielpartner {i}-{k}", "role": "Zusammenarbeit im Quartier (Beispiel)"}
                     for k in range(1, 3)],
        "contacts": contact_ids,
        "agreement": {"state": "approved", "approved_on": date(2019, 11, 26), "source": SOURCE,
                      "status": "example"},
        "source": SOURCE,
        "status": "example",
        "reviewed_on": REVIEWED,
    }
    return models.Project.model_validate(data)


def _street(i: int, rng: random.Random, teams: list[str]) -> models.StreetAssignment:
    """A fifth of all streets are split: by parity, by number, or with letter exceptions."""
    name = f"{STREET_STEMS[i % len(STREET_STEMS)]} {i + 1}"
    a, b, c = rng.sample(teams, 3)
    kind = i % 20
    if kind < 15:
        return models.StreetAssignment.model_validate({"street": name, "team": a})
    ranges = {
        15: [{"from": 1, "parity": "odd", "team": a}, {"from": 2, "parity": "even", "team": b}],
        16: [{"from": 1, "to": 49, "team": a}, {"from": 50, "team": b}],
        17: [{"from": 1, "to": 99, "parity": "odd", "team": a}, {"from": 101, "parity": "odd", "team": b},
             {"from": 2, "parity": "even", "team": c}, {"from": "12a", "to": "12f", "team": a}],
        18: [{"from": 1, "to": 49, "team": a}, {"from": 50, "team": b}, {"from": "7a", "to": "7c", "team": c}],
        19: [{"from": 1, "parity": "odd", "team": b}, {"from": 2, "parity": "even", "team": c}],
    }[kind]
    return models.StreetAssignment.model_validate({"street": name, "ranges": ranges})


def build(n: int, organisations: dict[str, str], seed: int = 20261125) -> DataSet:
    """The data set at scale n; organisations maps the real ids to their kind."""
    rng = random.Random(seed * 1_000_003 + n)
    org_ids = sorted(organisations)
    operators = sorted(o for o, kind in organisations.items() if kind in ("operator", "city_unit")) or org_ids
    asd_org = "asd" if "asd" in organisations else org_ids[0]
    out = DataSet()
    team_count = 3 + n // 10
    for t in range(1, team_count + 1):
        out.contacts.append(_contact(len(out.contacts) + 1, rng, org_ids, kind="team",
                                     function=f"ASD-Beispielteam {t}", organisation=asd_org))
        out.teams.append(models.Team.model_validate({
            "id": f"team-{t}", "name": f"ASD-Beispielteam {t}", "area": f"Beispielgebiet {t}",
            "contact": out.contacts[-1].id, "valid_from": date(2026, 1, 1), "status": "example",
            "source": SOURCE, "reviewed_on": REVIEWED}))
    while len(out.contacts) < 10 * n:
        out.contacts.append(_contact(len(out.contacts) + 1, rng, org_ids))
    # Three contacts per project, taken from the general ones (not the team contacts).
    pool = [c.id for c in out.contacts[team_count:]]
    for i in range(1, n + 1):
        ids = [pool[(3 * i + k) % len(pool)] for k in range(3)] if pool else []
        out.projects.append(_project(i, rng, operators, ids))
    team_ids = [t.id for t in out.teams]
    out.streets = [_street(i, rng, team_ids) for i in range(25 * n)]
    return out


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):
    def ignore_aliases(self, data):
        return True  # staff never write anchors; the data should look like theirs


def _dump(model: models.Model, schema: str) -> str:
    data = model.model_dump(mode="python", by_alias=True, exclude_none=True, exclude_defaults=True)
    header = f"# yaml-language-server: $schema={schema}\n# {SOURCE}: erfunden, nur für den Leistungstest.\n"
    return header + yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=110)


def write(data_dir: Path, data: DataSet) -> None:
    """Replace projects/, contacts.yml and the ASD teams and streets in data_dir."""
    for old in (data_dir / "projects").glob("*.yml"):
        old.unlink()
    for project in data.projects:
        (data_dir / "projects" / f"{project.id}.yml").write_text(
            _dump(project, "../../schemas/project.schema.json"), encoding="utf-8")
    contacts = models.ContactList(contacts=data.contacts)
    (data_dir / "contacts.yml").write_text(_dump(contacts, "../schemas/contacts.schema.json"), encoding="utf-8")
    asd_file = data_dir / "asd.yml"
    asd = models.AsdDirectory.model_validate(yaml.safe_load(asd_file.read_text(encoding="utf-8")))
    asd = asd.model_copy(update={"teams": data.teams, "streets": data.streets,
                                 "central_contact": data.teams[0].contact})
    asd_file.write_text(_dump(asd, "../schemas/asd.schema.json"), encoding="utf-8")
