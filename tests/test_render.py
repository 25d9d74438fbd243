"""Renderers are pure functions from validated data to HTML; data always stays text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from helpers import ROOT, mkdocs_build
from macros.render import contacts as render_contacts, documents as render_documents, projects as render_projects
from macros.render.hours import day_list, weekly_lines
from macros.render.html import long_text
from macros.data.models import OpeningHours
from macros.data.validate import load_site
from macros.render.macro_table import format_fact, relative_root, resolve

HOSTILE = [
    "<script>alert('x')</script>",
    "{{ 7*7 }} {% raw %}",
    "[klick](javascript:alert(1))",
    "a | b | c",
    "Çağlar Öztürk – İstanbul",
    "محمد العربي",
    "Ünal & Söhne <b>fett</b>",
    "x" * 3000,
]


@pytest.fixture(scope="module")
def site():
    return load_site(ROOT / "data")


def test_long_text_keeps_markup_as_text():
    html = long_text("<img src=x onerror=alert(1)> [a](javascript:x) [b](https://ok.example)")
    assert "<img" not in html and "&lt;img" in html
    assert 'href="javascript' not in html
    assert '<a href="https://ok.example">b</a>' in html


def test_opening_hours_in_plain_german():
    hours = OpeningHours.model_validate({"weekly": [
        {"days": ["mo", "do"], "opens": "09:00", "closes": "12:00"},
        {"days": ["di", "mi", "do", "fr"], "opens": "14:00", "closes": "16:30"}]})
    assert weekly_lines(hours) == ["Montag: 9 bis 12 Uhr", "Dienstag, Mittwoch und Freitag: 14 bis 16:30 Uhr",
                                   "Donnerstag: 9 bis 12 Uhr und 14 bis 16:30 Uhr"]
    assert day_list(["mo", "di", "mi", "do", "fr"]) == "Montag bis Freitag"
    assert day_list(["mo", "do"]) == "Montag und Donnerstag"


def test_phone_in_german_notation_with_e164_link(site):
    html = render_contacts.channels(site.contacts["wortschatz"])
    assert '<a href="tel:+493023125104" dir="ltr">030 23125104</a>' in html


def test_unpublishable_contact_is_left_out(site):
    hidden = site.contacts["wortschatz"].model_copy(update={"publishable": False})
    site.contacts["wortschatz"] = hidden
    try:
        html = render_contacts.contact_cards(site, ["wortschatz"], "../")
        assert "23125104" not in html and "wortschatz@" not in html
    finally:
        site.contacts["wortschatz"] = hidden.model_copy(update={"publishable": True})


def test_project_page_names_its_facts(site):
    html = render_projects.project_page(site, "wortschatz")
    for fact in ("Lebendige Bibliothek", "Albert-Schweitzer-Grundschule", "Prosperstraße 95, 46236 Bottrop"):
        assert fact in html


def test_consultation_table_marks_the_decision(site):
    html = render_documents.consultation_table(site)
    assert html.count("<tr") == 10
    assert '<tr class="ziq-final"><th scope="row">Rat der Stadt</th>' in html


@pytest.mark.parametrize("value", HOSTILE)
def test_fact_is_literal_markdown_text(value):
    import markdown

    html = markdown.markdown(format_fact(value))
    assert "<script" not in html and "<b>" not in html and "<a " not in html


def test_fact_paths(site):
    assert format_fact(resolve(site, "programme.published_on")) == "11. Juni 2018"
    assert format_fact(resolve(site, "programme.budget_per_year_eur")) == "8.000.000"
    with pytest.raises(KeyError):
        resolve(site, "programme.__class__")


@pytest.mark.parametrize("url, prefix", [("", ""), ("kontakte/", "../"), ("projekte/wortschatz/", "../../")])
def test_relative_root(url, prefix):
    assert relative_root(url) == prefix


def test_hostile_but_valid_data_renders_as_text(project: Path):
    """Through the whole build: markup, template syntax and scripts in data stay text."""
    contacts = project / "data" / "contacts.yml"
    text = contacts.read_text(encoding="utf-8")
    hostile_function = "<script>alert(1)</script> {{ 7*7 }} a|b [x](javascript:alert(1)) Çağlar محمد"
    text = text.replace('function: "Projekt „Wortschatz“ der Lebendigen Bibliothek"',
                        f"function: '{hostile_function}'")
    contacts.write_text(text, encoding="utf-8")
    project_file = project / "data" / "projects" / "wortschatz.yml"
    text = project_file.read_text(encoding="utf-8").replace(
        'place_label: "Albert-Schweitzer-Grundschule"',
        "place_label: '<img src=x onerror=alert(1)> {% if true %}jinja{% endif %} " + "lang" * 500 + "'")
    project_file.write_text(text, encoding="utf-8")

    result = mkdocs_build(project)
    assert result.returncode == 0, result.output
    contacts_page = (project / "site" / "kontakte" / "index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt; {{ 7*7 }} a|b [x](javascript:alert(1)) Çağlar محمد" in contacts_page
    assert "<script>alert(1)" not in contacts_page
    assert 'href="javascript' not in contacts_page
    page = (project / "site" / "index.html").read_text(encoding="utf-8")  # the project cards
    assert "&lt;img src=x onerror=alert(1)&gt; {% if true %}jinja{% endif %}" in page
    assert "<img src=x" not in page
    assert "lang" * 500 in page


def test_every_field_is_explained_for_editors():
    from macros.render import fieldguide

    names = set()
    for model in fieldguide.all_models().values():
        fieldguide.field_names(model, names)
    assert names - set(fieldguide.FIELDS) == set(), "fields without a German explanation"
    assert set(fieldguide.FIELDS) - names == set(), "explanations of fields that no longer exist"


def test_committed_json_schemas_match_the_models():
    from macros.build.schemas import generate

    generated = generate()
    committed = {p.name: p.read_text(encoding="utf-8") for p in (ROOT / "schemas").glob("*.json")}
    assert committed == generated, "run `make schemas` and commit the result"
    for data_file in (ROOT / "data").rglob("*.yml"):
        first = data_file.read_text(encoding="utf-8").splitlines()[0]
        target = first.removeprefix("# yaml-language-server: $schema=")
        assert target != first, f"{data_file} names no schema"
        assert (data_file.parent / target).resolve().is_file(), f"{data_file}: {target}"


def test_start_page_cards_are_limited_with_a_link_to_all(site):
    html = render_projects.project_cards(site, "", limit=2)
    assert html.count('class="ziq-card"') == 2
    assert f'<a href="projekte/">Alle {len(site.projects)} Projekte</a>' in html
    assert "Alle" not in render_projects.project_cards(site, "", limit=len(site.projects))
