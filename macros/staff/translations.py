"""``python -m macros.staff.translations`` (``make translations``): the catalogues in step with
the German.

Writes translations/messages.pot (every label of the macros and the page script, found by
Babel in ``_()``/``N_()`` calls below macros/, and every translatable data text) and brings each
language's catalogue up to date: new texts are added untranslated; a text whose German changed
keeps its old translation marked ``fuzzy`` (not shown until a translator confirms it); a text
that is gone is kept as obsolete (``#~``) for the translators' memory. A new language's
catalogue starts empty and ``unreviewed``. Then it lists what ``make check`` lists.
"""

from __future__ import annotations

import io
import sys
from datetime import datetime, timezone
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

from ..data.problems import DataProblems, report
from ..data.siteconfig import load_config
from ..data.translations import (TEMPLATE, TRANSLATIONS_DIR, catalogue_path, check, data_texts,
                                 languages)
from ..data.validate import load_site

KEYWORDS = {"_": None, "N_": None}
# A fixed date: the template changes only when a text does, so its diff shows what changed.
_STAMP = datetime(2026, 1, 1, tzinfo=timezone.utc)
HEADER = ("# Zusammen im Quartier – Bottrop: {what}.\n"
          "# Übersetzen mit Poedit, Weblate oder einem Texteditor; Anleitung: docs/redaktion/sprachen.md\n"
          "# status: unreviewed")


def template(project_dir: Path, site) -> Catalog:
    """Every German text the site shows that a translation can replace."""
    catalog = Catalog(project="Zusammen im Quartier", charset="utf-8", creation_date=_STAMP,
                      revision_date=_STAMP, fuzzy=False)
    macros = project_dir / "macros"
    for filename, line, message, comments, context in extract_from_dir(
            str(macros), method_map=[("**.py", "python")], keywords=KEYWORDS,
            comment_tags=("Translators:",), strip_comment_tags=True):
        if isinstance(message, str) and message:
            catalog.add(message, locations=[(f"macros/{filename}", line)],
                        auto_comments=comments, context=context)
    for text in data_texts(site):
        document = site.documents.get(text.file)
        line = document.line_of(text.path) if document is not None else 1
        catalog.add(text.text, locations=[(text.file, line)], context=text.context)
    return catalog


def _write(catalog: Catalog, path: Path) -> bool:
    out = io.BytesIO()
    write_po(out, catalog, width=100, sort_output=False, include_previous=True)
    data = out.getvalue()
    if path.is_file() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return True


def _update(catalog: Catalog, pot: Catalog) -> None:
    """Babel's update, with one change: an old translation is offered (fuzzy) only to the text
    that stands where it stood (same msgctxt). Babel's own guess by similar wording offered the
    translation of one project's goal to another project's summary."""
    before = {m.context: m for m in catalog if m.id and m.context}
    catalog.update(pot, no_fuzzy_matching=True, update_header_comment=False)
    for message in catalog:
        old = before.get(message.context) if message.context else None
        if old is None or message.string or old.id == message.id or not old.string:
            continue
        message.string = old.string
        message.flags.add("fuzzy")
        message.previous_id = [old.id]
        catalog.obsolete.pop((old.id, old.context), None)


def update(project_dir: Path, pot: Catalog, code: str) -> bool:
    path = catalogue_path(project_dir, code)
    if path.is_file():
        with path.open("rb") as handle:
            catalog = read_po(handle, locale=code)
    else:
        catalog = Catalog(locale=code, project="Zusammen im Quartier", creation_date=_STAMP,
                          revision_date=_STAMP, fuzzy=False)
        catalog.header_comment = HEADER.format(what=f"Katalog {code}")
    _update(catalog, pot)
    catalog.revision_date = _STAMP
    catalog.creation_date = _STAMP
    return _write(catalog, path)


def main(argv: list[str] | None = None) -> int:
    project_dir = Path(argv[0]) if argv else Path(".")
    try:
        site = load_site(project_dir / "data")
    except DataProblems as exc:
        print(exc, file=sys.stderr)
        return 1
    config = load_config(project_dir)
    found, problems = languages(config.data, lambda path: config.line_of(path))
    if problems:
        print(report(problems), file=sys.stderr)
        return 1
    pot = template(project_dir, site)
    pot.header_comment = HEADER.format(what="Vorlage aller Texte (nicht von Hand bearbeiten)")
    changed = [f"{TRANSLATIONS_DIR}/{TEMPLATE}"] if _write(pot, project_dir / TRANSLATIONS_DIR / TEMPLATE) else []
    for language in found:
        if update(project_dir, pot, language.code):
            changed.append(f"{TRANSLATIONS_DIR}/{language.code}.po")
    print("Aktualisiert: " + ", ".join(changed) if changed else "Kataloge sind aktuell.")
    print(f"{len(pot)} Texte: {sum(1 for m in pot if not m.context)} Beschriftungen, "
          f"{sum(1 for m in pot if m.context)} Datentexte.")
    # What is still to do (outdated entries, a missing start page) is shown; the catalogues
    # are written either way.
    remaining = check(project_dir, site, found)
    if remaining:
        print("\n".join(p.format() for p in remaining), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
