"""The texts the browser scripts show (docs/assets/ziq.js, a11y.js, search-worker.js), in the
page's language.

The page carries them as JSON in ``<script type="application/json" id="ziq-texts">``; each
script keeps the German as its fallback, so a page without the element reads as before
(tests/test_i18n_render.py keeps both German versions equal). ``{name}`` marks a value the
script fills in. Names of days and months, and times, come from the browser's ``Intl`` in the
page's language.
"""

from __future__ import annotations

from .html import script_json
from .i18n import _


def script_texts() -> dict[str, str]:
    return {
        # opening hours (ziq.js): {time} "18 Uhr", "6:00 PM"; {day} "Montag"; {date} "4. Januar"
        "open_until": _("Jetzt geöffnet, bis {time}."),
        "opens_today": _("Jetzt geschlossen. Öffnet heute um {time}."),
        "opens_tomorrow": _("Jetzt geschlossen. Öffnet morgen um {time}."),
        "opens_on_day": _("Jetzt geschlossen. Öffnet am {day} um {time}."),
        "opens_on_date": _("Jetzt geschlossen. Öffnet am {date} um {time}."),
        "closed": _("Jetzt geschlossen."),
        # the ASD lookup's answer (ziq.js)
        "example_badge": _("Beispieldaten"),
        "phone": _("Telefon: {number}"),
        "email": _("E-Mail: {address}"),
        "save_vcard": _("Als Kontakt speichern (vCard)"),
        "responsible": _("Zuständig: {team}"),
        "whole_street": _("{street}: die ganze Straße gehört zu diesem Team."),
        "rule": _("{street} {number}: Regel „{rule}“."),
        "rule_exception": _("{street} {number}: Regel „{rule}“ (Ausnahme für einzelne Hausnummern)."),
        "more_about": _("Mehr zu {team}"),
        "not_a_number": _("„{number}“ ist keine Hausnummer. Bitte nur Zahl und Buchstabe, "
                          "z. B. 12 oder 12a."),
        "split_street": _("{street} ist geteilt: Bitte geben Sie Ihre Hausnummer ein."),
        "unknown_street": _("Die Straße „{street}“ ist nicht im Verzeichnis."),
        "no_team": _("Für {street} {number} ist kein Team eingetragen."),
        "ask_central": _("Bitte prüfen Sie die Schreibweise oder wenden Sie sich an die zentrale Stelle:"),
        # a range of house numbers (the same words as render/asd.rule_text)
        "rule_from": _("ab Nr. {start}"),
        "rule_range": _("Nr. {start} bis {end}"),
        "rule_odd": _("{range}, ungerade Nummern"),
        "rule_even": _("{range}, gerade Nummern"),
        "as_of": _("Stand des Verzeichnisses: {date}."),
        "as_of_source": _("Stand des Verzeichnisses: {date}. Quelle: {source}."),
        "enter_street": _("Bitte geben Sie eine Straße ein."),
        # the search (ziq.js fills in what search-worker.js marks)
        "search_count": _("{shown} von {total} Suchergebnissen"),
        "search_more": _("Weitere Treffer anzeigen"),
        "search_rest_one": _("Noch {count} Seite passt zur Suche."),
        "search_rest_other": _("Noch {count} Seiten passen zur Suche."),
        # the header's buttons (a11y.js)
        "menu_button": _("Navigation"),
        "search_button": _("Suche"),
    }


def script_texts_json() -> str:
    """For ``<script type="application/json" id="ziq-texts">``: no translation can end the element."""
    return script_json(script_texts())
