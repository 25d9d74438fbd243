"""Opening hours in plain words of the page's language, and as schema.org
OpeningHoursSpecification."""

from __future__ import annotations

from datetime import time

from babel.dates import format_time, get_day_names
from babel.lists import format_list

from ..data.models import OpeningHours, Period
from .i18n import _, fill, language, locale, short_date

DAYS = ["mo", "di", "mi", "do", "fr", "sa", "so"]  # in Babel's order: Monday is 0
SCHEMA_DAYS = {"mo": "Monday", "di": "Tuesday", "mi": "Wednesday", "do": "Thursday",
               "fr": "Friday", "sa": "Saturday", "so": "Sunday"}


def clock(value: str) -> str:
    """German: '09:00' -> '9', '08:30' -> '8:30' ("Uhr" follows the span); other languages their
    own short time: '9:00 AM', '09:00'. docs/assets/ziq.js writes the times the same way."""
    hours, minutes = value.split(":")
    if language() == "de":
        return str(int(hours)) if minutes == "00" else f"{int(hours)}:{minutes}"
    return format_time(time(int(hours), int(minutes)), "short", locale=locale())


def span(period: Period) -> str:
    return times_text(period.opens, period.closes)


def times_text(opens: str, closes: str) -> str:
    return fill(_("{opens} bis {closes} Uhr"), opens=clock(opens), closes=clock(closes))


def day_name(day: str) -> str:
    return get_day_names("wide", locale=locale())[DAYS.index(day)]


def range_text(first: str, last: str) -> str:
    """Montag bis Freitag, 24.12.2019 bis 26.12.2019."""
    return fill(_("{first} bis {last}"), first=first, last=last)


def day_list(days: list[str]) -> str:
    """Consecutive runs of three or more read 'Montag bis Freitag'."""
    ordered = sorted(set(days), key=DAYS.index)
    runs: list[list[str]] = []
    for day in ordered:
        if runs and DAYS.index(day) == DAYS.index(runs[-1][-1]) + 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    words: list[str] = []
    for run in runs:
        if len(run) >= 3:
            words.append(range_text(day_name(run[0]), day_name(run[-1])))
        else:
            words.extend(day_name(d) for d in run)
    return format_list(words, locale=locale())


def weekly_lines(hours: OpeningHours) -> list[str]:
    """One line per group of days sharing the same times, in week order."""
    return [f"{days}: {times}" for days, times in weekly_groups(hours)]


def weekly_groups(hours: OpeningHours) -> list[tuple[str, str]]:
    """(days, times) of each line of weekly_lines: the site search takes the days, not the times."""
    per_day: dict[str, list[tuple[str, str]]] = {}
    for period in hours.weekly:
        for day in period.days:
            per_day.setdefault(day, []).append((period.opens, period.closes))
    groups: dict[tuple, list[str]] = {}
    for day in DAYS:
        if day in per_day:
            groups.setdefault(tuple(sorted(per_day[day])), []).append(day)
    return [(day_list(days), format_list([times_text(o, c) for o, c in times], locale=locale()))
            for times, days in groups.items()]


def notes(hours: OpeningHours) -> list[str]:
    out = []
    if hours.closed_on_public_holidays:
        out.append(_("An Feiertagen in NRW geschlossen."))
    for exc in hours.exceptions:
        when = short_date(exc.from_date)
        if exc.to_date and exc.to_date != exc.from_date:
            when = range_text(when, short_date(exc.to_date))
        if exc.closed:
            what = _("geschlossen")
        else:
            times = format_list([span(p) for p in exc.periods], locale=locale())
            what = fill(_("geöffnet {times}"), times=times)
        if exc.note:
            out.append(fill(_("{when}: {what} ({note})."), when=when, what=what, note=exc.note))
        else:
            out.append(fill(_("{when}: {what}."), when=when, what=what))
    if hours.note:
        out.append(hours.note)
    return out


def schema_org(hours: OpeningHours) -> dict:
    """openingHoursSpecification and specialOpeningHoursSpecification for JSON-LD."""
    regular = [{"@type": "OpeningHoursSpecification",
                "dayOfWeek": [f"https://schema.org/{SCHEMA_DAYS[d]}" for d in p.days],
                "opens": p.opens, "closes": p.closes} for p in hours.weekly]
    special = []
    for exc in hours.exceptions:
        base = {"@type": "OpeningHoursSpecification", "validFrom": exc.from_date.isoformat(),
                "validThrough": (exc.to_date or exc.from_date).isoformat()}
        if exc.closed:
            special.append({**base, "opens": "00:00", "closes": "00:00"})
        else:
            special.extend({**base, "opens": p.opens, "closes": p.closes} for p in exc.periods)
    out = {"openingHoursSpecification": regular}
    if special:
        out["specialOpeningHoursSpecification"] = special
    return out
