"""``python -m macros.staff.publish`` (``make publish``): every guard, then the strict build.

The website may only go out when nothing in it is a stand-in: no example or
inferred record, no placeholder address (``.example`` domains, example.org
e-mails, placeholder repository or tracker), no review older than the configured
months. Each blocker is listed with file, line and field, in German; then
nothing is built and the exit status is 1.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from ..data import translations
from ..data.problems import DataProblems, Problem, field_path
from ..data.siteconfig import CONFIG_FILE, extra, load_config, review_months
from ..data.validate import load_site
from ..data.yamlsource import Document, YamlError, walk
from .review import overdue, today_from_env

_STATUS = {
    "example": "Beispieldaten (status: example). Durch die echte Angabe ersetzen und "
               "„status: confirmed“ mit Quelle (source) setzen.",
    "inferred": "Abgeleitete Angabe, noch nicht bestätigt (status: inferred). Von der Stadt bestätigen "
                "lassen, dann „status: confirmed“ mit Quelle (source) setzen.",
}
_EMAIL = re.compile(r"[\w.+-]+@([\w-]+(?:\.[\w-]+)+)")
_URL = re.compile(r"https?://[^\s\"'<>)]+")
_PLACEHOLDER_DOMAINS = ("example", "invalid", "test", "localhost", "example.com", "example.org",
                        "example.net")


def placeholder_host(host: str) -> bool:
    host = host.lower().rstrip(".")
    return any(host == d or host.endswith("." + d) for d in _PLACEHOLDER_DOMAINS)


def placeholders_in(text: str) -> list[str]:
    """E-mail addresses and web addresses in the text whose domain is reserved for examples."""
    found = [m.group(0) for m in _EMAIL.finditer(text) if placeholder_host(m.group(1))]
    for match in _URL.finditer(text):
        host = urlsplit(match.group(0)).hostname or ""
        if placeholder_host(host):
            found.append(match.group(0))
    return found


def _at(doc: Document, path: tuple, message: str) -> Problem:
    return Problem(doc.path, doc.line_of(path), field_path(path, doc.data) or None, message)


def data_blockers(documents: dict[str, Document]) -> list[Problem]:
    problems = []
    for name in sorted(documents):
        doc = documents[name]
        for path, value in walk(doc.data):
            if path and path[-1] == "status" and value in _STATUS:
                problems.append(_at(doc, path, _STATUS[value]))
            elif isinstance(value, str):
                for found in placeholders_in(value):
                    problems.append(_at(doc, path, f"Platzhalter „{found}“: durch die echte Adresse "
                                                   "ersetzen (Domains wie example.org oder .example "
                                                   "sind nur für Beispiele)."))
    return problems


_CONFIG_KEYS = {
    ("site_url",): "die Adresse der Website",
    ("repo_url",): "die Adresse des Repositorys (für „Seite bearbeiten“)",
    ("extra", "report_url"): "die Adresse für „Fehler melden“ (mailto: oder Formular des Trackers)",
}


def config_blockers(config: Document) -> list[Problem]:
    problems = []
    data = config.data if isinstance(config.data, dict) else {}
    for path, what in _CONFIG_KEYS.items():
        value = extra(config).get(path[1]) if path[0] == "extra" else data.get(path[0])
        field = ".".join(path)
        if not isinstance(value, str) or not value.strip():
            problems.append(Problem(config.path, config.line_of(path), field,
                                    f"Fehlt: {what}. Bitte in {CONFIG_FILE} eintragen."))
            continue
        for found in placeholders_in(value):
            problems.append(Problem(config.path, config.line_of(path), field,
                                    f"Platzhalter „{found}“ als {what}. Bitte die echte Adresse "
                                    f"eintragen, sobald die Stadt sie nennt."))
    return problems


def blockers(project_dir: Path, today: date) -> list[Problem]:
    """Everything that stops publication; raises DataProblems when the data has errors."""
    project_dir = Path(project_dir)
    site = load_site(project_dir / "data")
    try:
        config = load_config(project_dir)
    except YamlError as exc:
        raise DataProblems(exc.problems) from None
    found = data_blockers(site.documents) + config_blockers(config)
    found += [Problem(p.file, p.line, p.field, p.message)
              for p in overdue(site.documents, today, review_months(config))]
    found += translation_blockers(project_dir, config)
    return sorted(found)


def translation_blockers(project_dir: Path, config: Document) -> list[Problem]:
    """Unreviewed translations, as example data: each language's line may let them out with
    their notice (publish_unreviewed). Broken language lines and catalogues block too."""
    languages, problems = translations.languages(config.data, config.line_of, config.path)
    return problems + translations.unreviewed(project_dir, languages)


def build(project_dir: Path, site_dir: Path) -> int:
    """The strict build into a fresh folder, swapped in only when it passed."""
    fresh = site_dir.with_name(site_dir.name + ".new")
    shutil.rmtree(fresh, ignore_errors=True)
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(fresh)],
                          cwd=project_dir)
    if done.returncode != 0:
        shutil.rmtree(fresh, ignore_errors=True)
        return done.returncode
    marked = sorted(str(p.relative_to(fresh)) for p in fresh.rglob("*.html")
                    if "ziq-badge--example" in p.read_text(encoding="utf-8")
                    or "ziq-badge--inferred" in p.read_text(encoding="utf-8"))
    if marked:
        # The data guards above should make this impossible; a page must never go out with a mark.
        print("Diese Seiten zeigen noch Beispieldaten oder abgeleitete Angaben: " + ", ".join(marked),
              file=sys.stderr)
        shutil.rmtree(fresh, ignore_errors=True)
        return 1
    shutil.rmtree(site_dir, ignore_errors=True)
    fresh.rename(site_dir)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m macros.staff.publish",
                                     description="Prüft, ob die Website veröffentlicht werden darf, und baut sie.")
    parser.add_argument("--project-dir", type=Path, default=Path("."))
    parser.add_argument("--site-dir", type=Path, default=None,
                        help="Zielordner (Standard: site im Projektordner)")
    parser.add_argument("--today", type=date.fromisoformat, default=None,
                        help="Stichtag für die Prüfdaten, JJJJ-MM-TT (Standard: heute)")
    parser.add_argument("--check-only", action="store_true", help="nur prüfen, nicht bauen")
    args = parser.parse_args(argv)
    project_dir = args.project_dir.resolve()
    try:
        found = blockers(project_dir, args.today or today_from_env())
    except DataProblems as exc:
        print(exc, file=sys.stderr)
        return 1
    if found:
        for problem in found:
            print(problem.format(), file=sys.stderr)
        files = len({p.file for p in found})
        print(f"{len(found)} Hindernis{'se' if len(found) != 1 else ''} in {files} "
              f"Datei{'en' if files != 1 else ''}: Die Website wird so nicht veröffentlicht.",
              file=sys.stderr)
        return 1
    print("Keine Hindernisse: keine Beispieldaten, keine Platzhalter, alle Prüfdaten aktuell, "
          "keine ungeprüften Übersetzungen (außer mit Hinweis freigegebenen).")
    if args.check_only:
        return 0
    status = build(project_dir, (args.site_dir or project_dir / "site").resolve())
    if status == 0:
        print("Website für die Veröffentlichung gebaut.")
    return status


if __name__ == "__main__":
    sys.exit(main())
