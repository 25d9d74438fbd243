"""The languages besides German, their catalogues, and the state of every translation.

German is the source. Each language is one line under ``extra.languages`` in mkdocs.yml and
one catalogue, ``translations/<code>.po`` (gettext, as Poedit and Weblate read it), holding
the macros' labels, the texts of the page script and the data's texts; pages are translated as
Markdown below ``docs/<code>/`` (macros/build/languages.py builds them). Plain Python: no MkDocs.

How a change of the German reaches the translations:

* A data text is keyed by where it stands (``msgctxt "data/contacts.yml:contacts[x].function"``)
  and by its German wording (``msgid``). Once the German changes, the entry no longer matches:
  the page shows the German text, and ``make check`` names the entry as outdated. gettext's
  ``fuzzy`` flag (set by ``make translations`` or a translator's tool) has the same effect.
* A translated page stores a fingerprint of its German original in its front matter
  (``translation.source``). When the German page changes, the translation stays online under a
  notice that it may be outdated, and ``make check`` names it.
* Every translation starts ``unreviewed`` (the page's ``translation.status``; the catalogue's
  first comment line ``# status: unreviewed``). Unreviewed pages say so at their top; ``make
  publish`` refuses them unless the language's line says ``publish_unreviewed: true``.
"""

from __future__ import annotations

import hashlib
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

import yaml
from babel import Locale, UnknownLocaleError
from babel.messages.pofile import read_po
from pydantic import BaseModel

from .fieldtypes import TRANSLATE  # noqa: F401  (models mark their texts for readers with it)
from .problems import Problem, field_path

SOURCE_LANGUAGE = "de"
TRANSLATIONS_DIR = "translations"
TEMPLATE = "messages.pot"
STATUSES = ("unreviewed", "reviewed")
_CODE = re.compile(r"^[a-z]{2,3}$")
_STATUS_LINE = re.compile(r"^#\s*status:\s*(\S+)", re.MULTILINE)

# SiteData attribute -> data file; the records of a dict attribute stand in a list under the key.
_SOURCES = {
    "programme": ("programme.yml", None),
    "organisations": ("organisations.yml", "organisations"),
    "contacts": ("contacts.yml", "contacts"),
    "agreement": ("agreement.yml", None),
    "decision": ("decision.yml", None),
    "asd": ("asd.yml", None),
    "glossary": ("glossary.yml", None),
    "emergency": ("emergency.yml", None),
    "opendata": ("opendata.yml", None),
    "legal": ("legal.yml", None),
}


@dataclass(frozen=True)
class Language:
    code: str
    name: str
    publish_unreviewed: bool = False
    line: int = 1

    @property
    def direction(self) -> str:
        return text_direction(self.code)


def text_direction(code: str) -> str:
    try:
        return "rtl" if Locale.parse(code).text_direction == "rtl" else "ltr"
    except (ValueError, UnknownLocaleError):
        return "ltr"


def languages(config_data: Any, line_of=lambda path: 1, shown: str = "mkdocs.yml"
              ) -> tuple[list[Language], list[Problem]]:
    """The languages of ``extra.languages`` (a list of ``{code, name, publish_unreviewed}``)."""
    extra = config_data.get("extra") if isinstance(config_data, dict) else None
    entries = (extra or {}).get("languages") if isinstance(extra, dict) else None
    found: list[Language] = []
    problems: list[Problem] = []
    for index, entry in enumerate(entries or []):
        path = ("extra", "languages", index)
        where = f"extra.languages[{index + 1}]"
        line = line_of(path)
        if not isinstance(entry, dict) or not isinstance(entry.get("code"), str) \
                or not isinstance(entry.get("name"), str) or not entry["name"].strip():
            problems.append(Problem(shown, line, where, "Jede Sprache braucht „code“ (z. B. tr) "
                                    "und „name“ (ihr Name in der Sprache selbst, z. B. Türkçe)."))
            continue
        code = entry["code"]
        unknown = set(entry) - {"code", "name", "publish_unreviewed"}
        if unknown:
            problems.append(Problem(shown, line, where, f"Unbekanntes Feld „{sorted(unknown)[0]}“. "
                                    "Erlaubt: code, name, publish_unreviewed."))
        if not _CODE.match(code) or code == SOURCE_LANGUAGE:
            problems.append(Problem(shown, line, where, f"„{code}“ ist kein Sprachcode für eine "
                                    "Übersetzung: zwei oder drei Kleinbuchstaben nach ISO 639 "
                                    "(en, tr, ar, uk, fa …), nicht de."))
            continue
        if any(language.code == code for language in found):
            problems.append(Problem(shown, line, where, f"Die Sprache „{code}“ steht zweimal da."))
            continue
        publish = entry.get("publish_unreviewed", False)
        if not isinstance(publish, bool):
            problems.append(Problem(shown, line, where, "„publish_unreviewed“ ist true oder false."))
            publish = False
        found.append(Language(code, entry["name"].strip(), publish, line))
    return found, problems


# --- catalogues ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Entry:
    context: str | None
    source: str        # the German the translation was made from
    text: str          # the translation
    fuzzy: bool
    line: int


@dataclass
class Catalogue:
    """One language's catalogue, ready for lookups: only current, not fuzzy, entries count."""

    code: str
    path: str                       # as shown to staff, e.g. translations/tr.po
    entries: list[Entry] = field(default_factory=list)
    status: str = "unreviewed"
    status_line: int = 1
    # The language's translated pages (below docs/<code>/, e.g. "projekte/wortschatz.md"): a link
    # to any other page leads to the German one.
    pages: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        usable = [e for e in self.entries if e.text and not e.fuzzy]
        self._labels = {e.source: e.text for e in usable if e.context is None}
        self._texts = {(e.context, e.source): e.text for e in usable if e.context is not None}

    @property
    def direction(self) -> str:
        return text_direction(self.code)

    @property
    def reviewed(self) -> bool:
        return self.status == "reviewed"

    def label(self, german: str) -> str:
        return self._labels.get(german, german)

    def text(self, context: str, german: str) -> str | None:
        return self._texts.get((context, german))


def catalogue_path(project_dir: Path, code: str) -> Path:
    return Path(project_dir) / TRANSLATIONS_DIR / f"{code}.po"


def load_catalogue(project_dir: Path, code: str) -> tuple[Catalogue, list[Problem]]:
    """The catalogue of one language; a missing or unreadable one is empty and reported."""
    file = catalogue_path(project_dir, code)
    shown = f"{TRANSLATIONS_DIR}/{code}.po"
    if not file.is_file():
        return Catalogue(code, shown), [Problem(shown, 1, None, "Der Katalog fehlt. Mit „make "
                                                "translations“ anlegen (aus translations/messages.pot).")]
    raw = file.read_bytes()
    try:
        parsed = read_po(io.BytesIO(raw), locale=None, abort_invalid=True)
    except Exception as exc:  # Babel raises PoFileError, but also ValueError on bad escapes
        line = getattr(exc, "lineno", 1) or 1
        return Catalogue(code, shown), [Problem(shown, line, None,
                                                f"Der Katalog lässt sich nicht lesen: {exc}")]
    entries = [Entry(m.context, m.id, m.string, m.fuzzy, m.lineno or 1)
               for m in parsed if m.id and isinstance(m.id, str) and isinstance(m.string, str)]
    text = raw.decode("utf-8", errors="replace")
    match = _STATUS_LINE.search(text.split("\nmsgid", 1)[0])
    problems: list[Problem] = []
    status, status_line = "unreviewed", 1
    if match:
        status_line = text[:match.start()].count("\n") + 1
        status = match.group(1)
        if status not in STATUSES:
            problems.append(Problem(shown, status_line, "status", f"„{status}“ gibt es nicht: "
                                    "unreviewed (noch nicht geprüft) oder reviewed (geprüft)."))
            status = "unreviewed"
    folder = Path(project_dir) / "docs" / code
    pages = frozenset(p.relative_to(folder).as_posix() for p in folder.rglob("*.md")) if folder.is_dir() else frozenset()
    return Catalogue(code, shown, entries, status, status_line, pages), problems


# --- the data's texts ------------------------------------------------------------------------

@dataclass(frozen=True)
class DataText:
    file: str          # e.g. data/contacts.yml
    path: tuple        # keys and list positions inside the file
    context: str       # msgctxt: file and field, e.g. data/contacts.yml:contacts[x].function
    text: str


def _translatable(info) -> bool:
    extra = info.json_schema_extra
    return isinstance(extra, dict) and extra.get("translate") is True


def _model_texts(model: BaseModel, path: tuple) -> Iterator[tuple[tuple, str]]:
    for name, info in type(model).model_fields.items():
        value = getattr(model, name)
        key = info.alias or name
        if _translatable(info):
            if isinstance(value, str):
                yield path + (key,), value
            elif isinstance(value, list):
                for index, item in enumerate(value):
                    if isinstance(item, str):
                        yield path + (key, index), item
        elif isinstance(value, BaseModel):
            yield from _model_texts(value, path + (key,))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from _model_texts(item, path + (key, index))


def _roots(site, label: str) -> Iterator[tuple[str, tuple, BaseModel]]:
    """(file, path, model) of every record of the site, in file order."""
    for attribute, (name, key) in _SOURCES.items():
        value = getattr(site, attribute)
        if key is None:
            yield f"{label}/{name}", (), value
        else:
            for index, record in enumerate(value.values()):
                yield f"{label}/{name}", (key, index), record
    for project_id, project in site.projects.items():
        yield f"{label}/projects/{project_id}.yml", (), project


def data_texts(site, label: str = "data") -> list[DataText]:
    """Every translatable text of the data, with the context that keys its translation."""
    out = []
    for file, root, model in _roots(site, label):
        document = site.documents.get(file)
        data = document.data if document is not None else None
        for path, text in _model_texts(model, root):
            if text.strip():
                out.append(DataText(file, path, f"{file}:{field_path(path, data)}", text))
    return out


def _replaced(model: BaseModel, path: tuple, translated: dict[tuple, str]) -> BaseModel:
    update: dict[str, Any] = {}
    for name, info in type(model).model_fields.items():
        value = getattr(model, name)
        key = info.alias or name
        if _translatable(info):
            if isinstance(value, str) and path + (key,) in translated:
                update[name] = translated[path + (key,)]
            elif isinstance(value, list) and any(path + (key, i) in translated for i in range(len(value))):
                update[name] = [translated.get(path + (key, i), item) for i, item in enumerate(value)]
        elif isinstance(value, BaseModel):
            new = _replaced(value, path + (key,), translated)
            if new is not value:
                update[name] = new
        elif isinstance(value, list) and value and isinstance(value[0], BaseModel):
            new_items = [_replaced(item, path + (key, i), translated) for i, item in enumerate(value)]
            if any(a is not b for a, b in zip(new_items, value)):
                update[name] = new_items
    return model.model_copy(update=update) if update else model


def translate(site, catalogue: Catalogue | None, label: str = "data"):
    """The site with every data text in the catalogue's language where a current translation
    exists; everything else (names, numbers, untranslated or outdated texts) as it is."""
    if catalogue is None:
        return site
    by_file: dict[str, dict[tuple, str]] = {}
    for item in data_texts(site, label):
        text = catalogue.text(item.context, item.text)
        if text is not None:
            by_file.setdefault(item.file, {})[item.path] = text
    if not by_file:
        return site
    changes: dict[str, Any] = {}
    for attribute, (name, key) in _SOURCES.items():
        translated = by_file.get(f"{label}/{name}")
        if not translated:
            continue
        value = getattr(site, attribute)
        if key is None:
            changes[attribute] = _replaced(value, (), translated)
        else:
            changes[attribute] = {rid: _replaced(record, (key, index), translated)
                                  for index, (rid, record) in enumerate(value.items())}
    projects = {pid: _replaced(p, (), by_file.get(f"{label}/projects/{pid}.yml", {}))
                for pid, p in site.projects.items()}
    from dataclasses import replace
    return replace(site, projects=projects, **changes)


# --- translated pages ------------------------------------------------------------------------

def fingerprint(text: str) -> str:
    """What a translated page stores of its German original: changes with every edit."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


@dataclass(frozen=True)
class PageTranslation:
    code: str
    path: str            # as shown, e.g. docs/tr/kontakte.md
    original: str        # e.g. docs/kontakte.md
    source: str | None   # the stored fingerprint
    status: str
    line: int            # of the fingerprint (or of the front matter) for messages
    current: str | None  # the German page's fingerprint now; None: no German page

    @property
    def outdated(self) -> bool:
        return self.current is not None and self.source != self.current

    @property
    def reviewed(self) -> bool:
        return self.status == "reviewed"


def front_matter(text: str) -> tuple[dict, int]:
    """The page's YAML front matter and the number of its first line after the opening ---."""
    if not text.startswith("---"):
        return {}, 1
    end = text.find("\n---", 3)
    if end < 0:
        return {}, 1
    try:
        data = yaml.safe_load(text[3:end])
    except yaml.YAMLError:
        return {}, 1
    return (data if isinstance(data, dict) else {}), 2


def page_translation(docs_dir: Path, code: str, relative: str, shown_docs: str = "docs"
                     ) -> PageTranslation:
    """The state of one translated page, ``relative`` to its language's folder."""
    page = Path(docs_dir) / code / relative
    text = page.read_text(encoding="utf-8")
    meta, first = front_matter(text)
    info = meta.get("translation") if isinstance(meta.get("translation"), dict) else {}
    line = first
    for number, row in enumerate(text.splitlines(), start=1):
        if row.strip().startswith("source:"):
            line = number
            break
    original = Path(docs_dir) / relative
    current = fingerprint(original.read_text(encoding="utf-8")) if original.is_file() else None
    source = info.get("source")
    return PageTranslation(code, f"{shown_docs}/{code}/{relative}", f"{shown_docs}/{relative}",
                           str(source) if source is not None else None,
                           str(info.get("status", "unreviewed")), line, current)


def translated_pages(docs_dir: Path, code: str, shown_docs: str = "docs") -> list[PageTranslation]:
    folder = Path(docs_dir) / code
    return [page_translation(docs_dir, code, p.relative_to(folder).as_posix(), shown_docs)
            for p in sorted(folder.rglob("*.md"))] if folder.is_dir() else []


# --- what `make check` says ------------------------------------------------------------------

def check(project_dir: Path, site, found: list[Language], docs: str = "docs",
          label: str = "data") -> list[Problem]:
    """Outdated, fuzzy and orphaned translations, as warnings; unreadable catalogues and pages
    without a German original, as errors. Each names file, line and language."""
    project_dir = Path(project_dir)
    texts = data_texts(site, label) if site is not None else []
    current = {t.context: t for t in texts}
    problems: list[Problem] = []
    for language in found:
        catalogue, trouble = load_catalogue(project_dir, language.code)
        problems += trouble
        tag = f"({language.code})"
        for entry in catalogue.entries:
            if entry.context is not None and entry.context in current and entry.text:
                now = current[entry.context]
                if entry.source != now.text:
                    problems.append(Problem(
                        catalogue.path, entry.line, entry.context,
                        f"{tag} Veraltet: der deutsche Text hat sich geändert; bis die Übersetzung "
                        f"angepasst ist, zeigt die Seite den deutschen. Jetzt: „{_short(now.text)}“. "
                        "„make translations“ übernimmt den neuen Text (als fuzzy markiert).",
                        "warning"))
                    continue
            if entry.fuzzy and entry.text:
                problems.append(Problem(
                    catalogue.path, entry.line, entry.context or _short(entry.source),
                    f"{tag} Als ungenau (fuzzy) markiert: wird nicht gezeigt. Übersetzung prüfen, "
                    "dann die Zeile „#, fuzzy“ löschen.", "warning"))
        if not (project_dir / docs / language.code / "index.md").is_file():
            problems.append(Problem("mkdocs.yml", language.line, f"extra.languages ({language.code})",
                                    f"{tag} Es fehlt die Startseite {docs}/{language.code}/index.md: "
                                    "ohne sie wird die Sprache nicht gebaut."))
        for page in translated_pages(project_dir / docs, language.code, docs):
            if page.current is None:
                problems.append(Problem(page.path, 1, None,
                                        f"{tag} Zu dieser Übersetzung gibt es keine deutsche Seite "
                                        f"{page.original}. Die Übersetzung folgt immer einer deutschen Seite."))
            elif page.outdated:
                problems.append(Problem(
                    page.path, page.line, "translation.source",
                    f"{tag} Veraltet: {page.original} hat sich geändert, seit diese Übersetzung "
                    "entstand. Die Seite zeigt bis dahin einen Hinweis. Nach dem Anpassen hier "
                    f"„source: {page.current}“ eintragen.", "warning"))
            if page.status not in STATUSES:
                problems.append(Problem(page.path, page.line, "translation.status",
                                        f"{tag} „{page.status}“ gibt es nicht: unreviewed oder reviewed."))
    return problems


def unreviewed(project_dir: Path, found: list[Language], docs: str = "docs") -> list[Problem]:
    """What ``make publish`` refuses: unreviewed translations of languages whose line does not
    allow publishing them with the notice."""
    problems = []
    for language in found:
        if language.publish_unreviewed:
            continue
        hint = (f"Prüfen lassen und dann auf „reviewed“ setzen – oder in mkdocs.yml bei "
                f"„{language.code}“ „publish_unreviewed: true“ eintragen: dann geht sie mit dem Hinweis online.")
        catalogue, _ = load_catalogue(project_dir, language.code)
        if catalogue.entries and not catalogue.reviewed:
            problems.append(Problem(catalogue.path, catalogue.status_line, "status",
                                    f"({language.code}) Der Katalog ist noch nicht geprüft (unreviewed). {hint}"))
        for page in translated_pages(Path(project_dir) / docs, language.code, docs):
            if not page.reviewed:
                problems.append(Problem(page.path, page.line, "translation.status",
                                        f"({language.code}) Übersetzung noch nicht geprüft (unreviewed). {hint}"))
    return problems


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
