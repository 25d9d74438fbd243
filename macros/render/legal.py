"""The facts of the legal pages (Impressum, Datenschutz, Barrierefreiheit, Leichte Sprache) as HTML.

The legal wording stays in the pages; what can change (addresses, dates, the list
of barriers) comes from ``data/legal.yml`` through here, escaped, with its status mark.
"""

from __future__ import annotations

from ..data.models import Party
from ..data.validate import SiteData, legal_parties
from .contacts import phone_parts
from .html import Markup, dl_row, escape, german_date, join, long_text, status_badge, tag

CONFORMANCE = {
    "full": "vollständig vereinbar",
    "partial": "teilweise vereinbar",
    "none": "nicht vereinbar",
}

# Easy German: one idea a sentence, no passive.
EASY_CONFORMANCE = {
    "full": ["Die Internet-Seite ist barriere-frei."],
    "partial": ["Die Internet-Seite ist noch nicht ganz barriere-frei.",
                "Manche Teile haben noch Barrieren."],
    "none": ["Die Internet-Seite ist noch nicht barriere-frei.",
             "Viele Teile haben noch Barrieren."],
}

def find_party(site: SiteData, path: str) -> Party:
    """``imprint.publisher`` and the like; anything else is a mistake in a page."""
    section, _, key = path.partition(".")
    found = legal_parties(site.legal).get(section, {}).get(key)
    if found is None:
        raise KeyError(f"legal_party: unbekannte Angabe „{path}“")
    return found


def source_line(source: str | None) -> Markup:
    return tag("p", f"Quelle: {source}", class_="ziq-source") if source else Markup("")


def _link_line(label: str, text: str, href: str) -> Markup:
    return join([f"{label}: ", tag("a", text, href=href)])


def party_lines(site: SiteData, party: Party) -> list[Markup]:
    lines: list[Markup] = []
    if party.organisation:
        lines.append(tag("strong", site.organisations[party.organisation].name))
    for text in (party.name, party.function):
        if text:
            lines.append(escape(text))
    if party.address:
        lines.append(escape(party.address.street_address))
        lines.append(escape(" ".join(x for x in (party.address.postal_code, party.address.locality) if x)))
    for phone in party.phones:
        shown, target = phone_parts(phone.number)
        line = _link_line("Telefon", shown, f"tel:{target}")
        lines.append(line + (f" ({phone.label})" if phone.label else ""))
    for email in party.emails:
        lines.append(_link_line("E-Mail", email, f"mailto:{email}"))
    if party.form_url:
        lines.append(_link_line("Kontaktformular", party.form_url, party.form_url))
    if party.url:
        lines.append(_link_line("Internet", party.url, party.url))
    return lines


def party(site: SiteData, party: Party) -> Markup:
    """A postal block: who, where, how to reach; with its status mark and source."""
    badge = status_badge(party.status)
    lines = party_lines(site, party)
    if badge:
        lines[0] = join([lines[0], " ", badge])
    block = tag("address", join(lines, Markup("<br>")), class_="ziq-party")
    return tag("div", block + source_line(party.source), class_="ziq-party-block")


def vat_id(site: SiteData) -> Markup:
    vat = site.legal.imprint.vat_id
    if vat is None:
        return Markup("")
    text = join(["Umsatzsteuer-Identifikationsnummer nach § 27a Umsatzsteuergesetz: ",
                 tag("span", vat.value, class_="ziq-nowrap"), " ", status_badge(vat.status)])
    return tag("p", text) + source_line(vat.source)


def days(count: int) -> str:
    return "1 Tag" if count == 1 else f"{count} Tagen"


def server_log(site: SiteData) -> Markup:
    log = site.legal.privacy.server_log
    rows = [
        dl_row("Was gespeichert wird", tag("ul", join(tag("li", f) for f in log.fields))),
        dl_row("Zweck", long_text(log.purpose, inline=True)),
        dl_row("Rechtsgrundlage", log.legal_basis),
        dl_row("Speicherdauer", join([f"Löschung nach {days(log.retention_days)}", " ",
                                      status_badge(log.status)])),
    ]
    return tag("dl", join(rows), class_="ziq-facts") + source_line(log.source)


def conformance(site: SiteData) -> Markup:
    a = site.legal.accessibility
    sentence = join(["Diese Website ist mit den unten genannten Anforderungen ",
                     tag("strong", CONFORMANCE[a.conformance]), "."])
    standards = tag("ul", join(tag("li", s) for s in a.standards))
    return tag("p", sentence) + standards


def barriers(site: SiteData, level: int = 3) -> Markup:
    blocks = []
    for barrier in site.legal.accessibility.barriers:
        heading = tag(f"h{level}", join([barrier.title, " ", status_badge(barrier.status)]),
                      id=f"barriere-{barrier.id}")
        blocks.append(heading + long_text(barrier.explanation))
    if not blocks:
        return tag("p", "Es sind keine Inhalte bekannt, die nicht barrierefrei sind.")
    return join(blocks)


def statement_dates(site: SiteData) -> Markup:
    a = site.legal.accessibility
    text = join(["Diese Erklärung wurde am ", tag("time", german_date(a.prepared_on),
                                                   datetime=a.prepared_on.isoformat()),
                 " erstellt und zuletzt am ", tag("time", german_date(a.last_review_on),
                                                   datetime=a.last_review_on.isoformat()),
                 " überprüft. ", status_badge(a.status)])
    return tag("p", text) + source_line(a.source)


def method(site: SiteData) -> Markup:
    a = site.legal.accessibility
    return long_text(a.method) + tag("ul", join(tag("li", t) for t in a.tools))


def sign_language_video(site: SiteData) -> Markup:
    """The video, or while it is missing, what it must offer, marked as missing."""
    video = site.legal.accessibility.sign_language_video
    title = "Video in Deutscher Gebärdensprache"
    if video.available:
        body = tag("p", tag("a", title, href=video.url))
    else:
        missing = tag("span", "fehlt noch", class_="ziq-badge ziq-badge--missing",
                      title="Dieses Angebot gibt es noch nicht.")
        body = tag("p", join([tag("strong", title), " ", missing]))
    rows = []
    if video.duration_minutes:
        rows.append(dl_row("Länge", f"höchstens {video.duration_minutes} Minuten"))
    rows += [
        dl_row("Untertitel", "ja" if video.subtitles else "nein"),
        dl_row("Text zum Nachlesen (Transkript)", "ja" if video.transcript else "nein"),
        dl_row("Inhalt", tag("ul", join(tag("li", t) for t in video.topics))),
    ]
    planned = tag("p", join(["Vorgaben für das Video: ", status_badge(video.status)]))
    return tag("div", join([body, planned, tag("dl", join(rows), class_="ziq-facts"),
                            source_line(video.source)]),
               class_="ziq-video", role="group", aria_label=title)


# --- easy German ----------------------------------------------------------------------

def easy_lines(text: str) -> Markup:
    """Easy German puts every sentence on its own line; keep the editor's line breaks."""
    return join(tag("p", line.strip()) for line in text.splitlines() if line.strip())


def easy_conformance(site: SiteData) -> Markup:
    return join(tag("p", s) for s in EASY_CONFORMANCE[site.legal.accessibility.conformance])


def easy_barriers(site: SiteData) -> Markup:
    items = [tag("li", join([easy_lines(b.easy), status_badge(b.status)]))
             for b in site.legal.accessibility.barriers]
    return tag("ul", join(items), class_="ziq-easy-list") if items else Markup("")


def easy_feedback(site: SiteData) -> Markup:
    feedback = site.legal.accessibility.feedback
    lines = []
    if feedback.form_url:
        lines.append(tag("p", join(["Hier ist das Kontakt-Formular: ",
                                    tag("a", "Kontakt-Formular öffnen", href=feedback.form_url), " ",
                                    status_badge(feedback.status)])))
    for email in feedback.emails:
        lines.append(tag("p", join(["Sie können auch eine E-Mail schreiben: ",
                                    tag("a", email, href=f"mailto:{email}")])))
    return tag("div", join(lines), class_="ziq-easy-contact")


def easy_enforcement(site: SiteData) -> Markup:
    office = site.legal.accessibility.enforcement
    lines = [tag("p", join(["Die Stelle heißt: ", tag("strong", office.name or office.function or "")]))]
    for email in office.emails:
        lines.append(tag("p", join(["Die E-Mail-Adresse ist: ", tag("a", email, href=f"mailto:{email}")])))
    if office.url:
        lines.append(tag("p", join(["Die Internet-Seite ist: ", tag("a", office.url, href=office.url)])))
    return tag("div", join(lines), class_="ziq-easy-contact")
