"""Opening hours in plain German and as schema.org OpeningHoursSpecification."""

from __future__ import annotations

from ..data.models import OpeningHours, Period
from .html import short_date

DAYS = ["mo", "di", "mi", "do", "fr", "sa", "so"]
DAY_NAMES = {"mo": "Montag", "di": "Dienstag", "mi": "Mittwoch", "do": "Donnerstag",
             "fr": "Freitag", "sa": "Samstag", "so": "Sonntag"}
SCHEMA_DAYS = {"mo": "Monday", "di": "Tuesday", "mi": "Wednesday", "do": "Thursday",
               "fr": "Friday", "sa": "Saturday", "so": "Sunday"}


def clock(value: str) -> str:
    """'09:00' -> '9', '08:30' -> '8:30'."""
    hours, minutes = value.split(":")
    return str(int(hours)) if minutes == "00" else f"{int(hours)}:{minutes}"


def span(period: Period) -> str:
    return times_text(period.opens, period.closes)


def times_text(opens: str, closes: str) -> str:
    return f"{clock(opens)} bis {clock(closes)} Uhr"


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
            words.append(f"{DAY_NAMES[run[0]]} bis {DAY_NAMES[run[-1]]}")
        else:
            words.extend(DAY_NAMES[d] for d in run)
    if len(words) == 1:
        return words[0]
    return ", ".join(words[:-1]) + " und " + words[-1]


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
    return [(day_list(days), " und ".join(times_text(o, c) for o, c in times))
            for times, days in groups.items()]


def notes(hours: OpeningHours) -> list[str]:
    out = []
    if hours.closed_on_public_holidays:
        out.append("An Feiertagen in NRW geschlossen.")
    for exc in hours.exceptions:
        when = short_date(exc.from_date)
        if exc.to_date and exc.to_date != exc.from_date:
            when = f"{when} bis {short_date(exc.to_date)}"
        what = "geschlossen" if exc.closed else "geöffnet " + " und ".join(span(p) for p in exc.periods)
        out.append(f"{when}: {what}" + (f" ({exc.note})" if exc.note else "") + ".")
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
