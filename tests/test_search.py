"""The site search: Pagefind indexes the article of each page, and the search box (the theme's)
gets its answers through docs/assets/search-worker.js."""

from __future__ import annotations

import gzip
import json
import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from helpers import ROOT
from macros.build.search_hook import (GROUP_FILTER, GUIDE_BODY, GUIDE_INDEX, GUIDE_SCOPE, SCOPE_PARAMETER,
                                      STAGING, UNUSED, SearchIndexError, build_index)

WORKER = ROOT / "docs" / "assets" / "search-worker.js"
# What residents (and editors, on the guide's pages) ask, and the page that answers: the
# search must put it first. At least 20 of the residents', in the words of the council
# document and of people asking; add one for each question that went wrong.
QUESTIONS = json.loads((ROOT / "tests" / "search_questions.json").read_text(encoding="utf-8"))


def _fragments(site: Path, index: str = "pagefind") -> list[dict]:
    out = []
    for path in (site / index / "fragment").iterdir():
        data = gzip.decompress(path.read_bytes())
        out.append(json.loads(data[data.index(b"{"):]))
    return out


class _Ignored(HTMLParser):
    """Text of each element marked data-pagefind-ignore (the emergency block, the page info)."""

    def __init__(self):
        super().__init__()
        self.blocks: list[list[str]] = []
        self.depth = 0

    def handle_starttag(self, tag, attrs):
        if self.depth:
            self.depth += tag not in VOID
        elif "data-pagefind-ignore" in dict(attrs):
            self.depth = 1
            self.blocks.append([])

    def handle_endtag(self, tag):
        if self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            self.blocks[-1].append(data)


VOID = {"br", "img", "input", "meta", "link", "hr", "wbr", "source"}


def _words(text: str) -> str:
    return " ".join(text.split())


def test_every_page_is_indexed_once_and_only_its_article(built_site):
    # The editors' guide in an index of its own (the search on its pages), every other page in the site's.
    both = _fragments(built_site) + _fragments(built_site, GUIDE_INDEX)
    fragments = {f["url"]: f for f in both if "target" not in f["meta"]}
    assert len(fragments) == len([f for f in both if "target" not in f["meta"]])
    pages = {"/" + p.relative_to(built_site).parent.as_posix() + "/": p for p in built_site.rglob("index.html")}
    assert sorted(fragments) == sorted(u.replace("/./", "/") for u in pages)
    for url, path in pages.items():
        fragment = fragments[url.replace("/./", "/")]
        content = _words(fragment["content"])
        html = path.read_text(encoding="utf-8")
        parser = _Ignored()
        parser.feed(html)
        assert len(parser.blocks) >= 2, url  # the page info and the emergency block at least
        for block in parser.blocks:
            assert _words("".join(block)) not in content, url
        # Skip link and footer are outside the article (in the page's language).
        skip = re.search(r'class="md-skip">\s*([^<]+?)\s*</a>', html)
        assert skip and _words(skip.group(1)) not in content, url
        legal = re.search(r'<nav class="ziq-legal-links".*?</nav>', html, re.S).group(0)
        labels = [label.strip() for label in re.findall(r">([^<>]+)</a>", legal)]
        assert len(labels) == 4 and _words(" ".join(labels[:3])) not in content, url
        assert "¶" not in content and "¶" not in fragment["meta"]["title"]


def _language_of(url: str) -> str:
    """The language of an indexed page or staged record page by its path."""
    parts = [p for p in url.split("/") if p]
    if parts[:1] == [STAGING]:
        return parts[1]
    return parts[0] if parts and (ROOT / "translations" / f"{parts[0]}.po").is_file() else "de"


def test_each_published_contact_is_a_result_of_its_own(built_site):
    from macros.build.search_hook import ENTRIES_PER_PAGE
    from macros.data.validate import load_site

    site = load_site(ROOT / "data")
    # The German pages and records (each language's are built alike: tests/test_languages.py).
    fragments = [f for f in _fragments(built_site) if _language_of(f["url"]) == "de"]
    staged = [f for f in fragments if "target" in f["meta"]]
    assert staged and all(f["meta"]["target"] == "/kontakte/" for f in staged)
    # Shown under the contacts page's own title.
    (contacts_page,) = [f for f in fragments if f["url"] == "/kontakte/" and "target" not in f["meta"]]
    assert all(f["meta"]["title"] == contacts_page["meta"]["title"] for f in staged)
    # The page and its staged pages are one group (the search counts them once), no other page.
    grouped = [f["url"] for f in fragments if f.get("filters", {}).get(GROUP_FILTER)]
    assert sorted(grouped) == sorted(f["url"] for f in [contacts_page, *staged])
    assert all(f["filters"][GROUP_FILTER] == ["/kontakte/"] for f in [contacts_page, *staged])
    entries = [a for f in staged for a in f["anchors"] if a["element"] == "h2"]
    assert len(staged) == -(-len(entries) // ENTRIES_PER_PAGE)
    # Every published contact once, with its anchor on the contacts page, and nothing else.
    assert sorted(a["id"] for a in entries) == sorted(f"kontakt-{cid}" for cid in site.published_contacts)
    page = (built_site / "kontakte" / "index.html").read_text(encoding="utf-8")
    for fragment in staged:
        for anchor in (a for a in fragment["anchors"] if a["element"] == "h2"):
            contact = site.published_contacts[anchor["id"].removeprefix("kontakt-")]
            assert anchor["text"] == (contact.name or contact.function)
            assert f'id="{anchor["id"]}"' in page
        for cid in (a["id"].removeprefix("kontakt-") for a in fragment["anchors"]):
            assert site.organisations[site.contacts[cid].organisation].name in fragment["content"]
    # Staged for the indexer only, never published.
    assert not (built_site / STAGING).exists()
    assert page.count('<section data-pagefind-ignore>') == len(
        {c.organisation for c in site.published_contacts.values()})


def test_opening_days_are_searchable_and_times_are_not(built_site):
    from macros.render.hours import weekly_groups
    from macros.data.validate import load_site

    site = load_site(ROOT / "data")
    groups = [g for c in site.published_contacts.values() if c.hours for g in weekly_groups(c.hours)]
    assert groups  # the real data have opening hours
    fragments = _fragments(built_site)
    indexed = " ".join(_words(f["content"]) for f in fragments)
    for days, times in groups:
        assert times not in indexed, times
    staged = " ".join(_words(f["content"]) for f in fragments if "target" in f["meta"])
    for contact in (c for c in site.published_contacts.values() if c.hours):
        days = ", ".join(d for d, _ in weekly_groups(contact.hours))
        assert f"Öffnungszeiten: {days}" in staged, contact.id
    # The pages still show the times.
    page = (built_site / "kontakte" / "index.html").read_text(encoding="utf-8")
    project_pages = " ".join(p.read_text(encoding="utf-8") for p in (built_site / "projekte").rglob("index.html"))
    for days, times in groups:
        assert f"{days}: <span data-pagefind-ignore>{times}</span>" in page + project_pages, days


def test_the_theme_index_holds_no_pages_and_pagefind_ships_no_unused_ui(built_site):
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["docs"] == [] and index["config"]["lang"] == ["de"]
    for index in ("pagefind", GUIDE_INDEX):
        assert (built_site / index / "pagefind.js").is_file()
        for name in UNUSED:
            assert not (built_site / index / name).exists(), name


def _worker(node: str, call: str, base: str = "https://stadt.example/ziq/", site: Path | None = None,
            query: str = ""):
    """The value of a JavaScript expression (or the promise of one) with the worker loaded as
    `worker`, as if it lived at <base>assets/search-worker.js<query>. With ``site``, a built site
    is served at <base>: the worker loads Pagefind and its index from there."""
    serve = ""
    if site is not None:
        prefix = len(urlsplit(base).path)
        # Node imports no https: module; this loader reads it from the site instead.
        loader = f"""export async function load(url, context, next) {{
          if (!url.startsWith({json.dumps(base)})) return next(url, context);
          const {{ readFileSync }} = await import("node:fs");
          const file = {json.dumps(str(site) + "/")} + new URL(url).pathname.slice({prefix});
          return {{ format: "module", shortCircuit: true, source: readFileSync(file) }};
        }}"""
        serve = f"""
      const fs = require("fs");
      global.fetch = async (url) => new Response(fs.readFileSync(
        {json.dumps(str(site) + "/")} + new URL(String(url), {json.dumps(base)}).pathname.slice({prefix})));
      require("node:module").register("data:text/javascript," + encodeURIComponent({json.dumps(loader)}));"""
    script = f"""{serve}
      global.self = {{location: {{href: {json.dumps(base + "assets/search-worker.js" + query)}}},
                      addEventListener() {{}}, postMessage() {{}}}};
      const worker = require({json.dumps(str(WORKER))});
      Promise.resolve({call}).then((value) => process.stdout.write(JSON.stringify(value)));
    """
    result = subprocess.run([node, "-e", script], capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


def _group(node: str, data: dict, base: str = "https://stadt.example/ziq/") -> list[dict]:
    return _worker(node, f"worker.group({json.dumps(data)}, 7.5, {{kita: true}})", base)


def test_worker_escapes_titles_and_keeps_the_highlighted_excerpt(node):
    items = _group(node, {
        "url": "/ziq/kontakte/", "meta": {"title": "Kita <img src=x onerror=alert(1)> & Co"},
        # Pagefind escapes "<" and ">" in excerpts, not "&".
        "excerpt": "Die <mark>Kita</mark> & mehr &lt;b&gt;", "sub_results": [
            {"url": "/ziq/kontakte/", "title": "Seitenanfang", "excerpt": "x"},
            {"url": "/ziq/kontakte/#kontakte", "title": "Kontakte", "excerpt": "x", "anchor": {"element": "h1"}},
            {"url": "/ziq/kontakte/#kontakt-kita", "title": "<b>Kita</b>", "excerpt": "<mark>Kita</mark>",
             "anchor": {"element": "h3"}},
        ]})
    page, *sections = items
    assert page["title"] == "Kita &lt;img src=x onerror=alert(1)&gt; &amp; Co"
    assert page["text"] == "Die <mark>Kita</mark> &amp; mehr &lt;b&gt;"
    # Paths relative to the site, which here lives under /ziq/.
    assert page["location"] == "kontakte/"
    # The page itself (top and h1) is the group's head, not a section of it.
    assert [s["location"] for s in sections] == ["kontakte/#kontakt-kita"]
    assert sections[0]["title"] == "&lt;b&gt;Kita&lt;/b&gt;"
    assert page["terms"] == {"kita": True} and sections[0]["parent"]["location"] == "kontakte/"


def test_worker_folds_sections_beyond_the_third_under_more(node):
    subs = [{"url": f"/kontakte/#k{i}", "title": f"K{i}", "excerpt": "", "anchor": {"element": "h3"}}
            for i in range(5)]
    items = _group(node, {"url": "/kontakte/", "meta": {"title": "Kontakte"}, "excerpt": "",
                          "sub_results": subs}, base="https://stadt.example/")
    # The theme opens sections scored like the page and folds the rest under "weitere".
    assert [i["score"] for i in items] == [7.5, 7.5, 7.5, 7.5, 3.75, 3.75]


def _staged(ids_and_scores: list[tuple[str, list[float]]], page: int = 0) -> dict:
    """Pagefind's answer for one staged page of the contacts page's entries."""
    return {"url": f"/ziq/_pagefind_records/{page}.html",
            "meta": {"title": "Kontakte", "target": "/ziq/kontakte/"}, "excerpt": "",
            "sub_results": [{"url": f"/ziq/_pagefind_records/{page}.html#{cid}", "title": f"<i>{cid}</i>",
                             "excerpt": f"<mark>{cid}</mark>", "anchor": {"element": "h2", "id": cid},
                             "weighted_locations": [{"weight": 0.5, "balanced_score": s, "location": n}
                                                    for n, s in enumerate(scores)]}
                            for cid, scores in ids_and_scores]}


def test_worker_shows_staged_entries_at_their_place_on_the_page_best_match_first(node):
    data = _staged([("kontakt-a", [1.0]), ("kontakt-b", [1.0, 9.0]), ("kontakt-c", [2.0])])
    page, *entries = _worker(node, f"worker.group({json.dumps(data)}, 4, {{}})")
    # Never the staging file's address, which is not published.
    assert page["location"] == "kontakte/" and page["title"] == "Kontakte"
    assert [e["location"] for e in entries] == ["kontakte/#kontakt-b", "kontakte/#kontakt-c", "kontakte/#kontakt-a"]
    assert entries[0]["title"] == "&lt;i&gt;kontakt-b&lt;/i&gt;" and entries[0]["text"] == "<mark>kontakt-b</mark>"


def test_worker_merges_staged_pages_of_one_page_into_one_group(node):
    first = _staged([(f"kontakt-{i}", [1.0]) for i in range(8)], page=0)
    second = _staged([(f"kontakt-{i}", [1.0]) for i in range(8, 16)], page=1)
    call = (f"worker.merge([worker.group({json.dumps(first)}, 6, {{}}), "
            f"worker.group({{url: '/ziq/wortschatz/', meta: {{title: 'Wortschatz'}}, excerpt: ''}}, 5, {{}}), "
            f"worker.group({json.dumps(second)}, 4, {{}})])")
    groups = _worker(node, call)
    assert [g[0]["location"] for g in groups] == ["kontakte/", "wortschatz/"]
    contacts = groups[0][1:]
    # Ten entries at most, in the order of the answer; three open, the rest folded.
    assert [e["location"] for e in contacts] == [f"kontakte/#kontakt-{i}" for i in range(10)]
    assert [e["score"] for e in contacts] == [6, 6, 6] + [3] * 7


def _found(results: list[list], filters: dict) -> str:
    """A fake Pagefind answer (results as [score, details]) and a fresh answer of the worker's
    for it, as JavaScript statements."""
    return f"""
      const found = {{filters: {json.dumps(filters)},
                      results: {json.dumps(results)}.map(([score, data]) => ({{score, data: async () => data}}))}};
      const answer = {{ticket: 0, found, terms: {{beispiel: true}}, fetched: 0, groups: [],
                       total: worker.groupCount(found)}};"""


def _answers(node: str, results: list[list], filters: dict, batches: int) -> dict:
    """The worker's answer after the first ten results and after each "more"."""
    return _worker(node, f"""(async () => {{ {_found(results, filters)}
      const answers = [];
      for (let i = 0; i < {batches}; i++) {{ await worker.extend(answer); answers.push(worker.items(answer)); }}
      return {{id: worker.id(), answers}};
    }})()""")


def _page(name: str) -> dict:
    return {"url": f"/ziq/{name}/", "meta": {"title": name}, "excerpt": f"<mark>{name}</mark>"}


def test_worker_answers_ten_pages_then_the_next_ten_on_request(node):
    # 22 pages, the contacts page and 3 staged pages of it: 26 results, 23 groups.
    results = [[30 - i, _page(f"seite-{i}")] for i in range(22)]
    results.insert(4, [25.5, _staged([("kontakt-a", [1.0])], page=0)])
    results.insert(12, [20.5, {**_page("kontakte"), "meta": {"title": "Kontakte"}}])
    results.append([1.0, _staged([("kontakt-b", [1.0])], page=1)])
    results.append([0.5, _staged([("kontakt-c", [1.0])], page=2)])
    filters = {"gruppe": {"/ziq/kontakte/": 4, "/ziq/leer/": 0}}
    worked = _answers(node, results, filters, batches=3)
    first, second, third = worked["answers"]

    def heads(answer):
        return [group[0]["location"] for group in answer]

    # Ten groups and the entry for more; the first title carries the counts, hidden.
    assert len(first) == 11 and heads(first)[4] == "kontakte/"
    assert first[0][0]["title"] == ('seite-0<span hidden data-ziq-shown="10" data-ziq-total="23"></span>')
    more = first[-1]
    assert len(more) == 1 and more[0]["title"] == '<span data-ziq-text="search_more">Weitere Treffer anzeigen</span>'
    assert more[0]["location"] == f"?weitere-treffer={worked['id']}-0"
    assert more[0]["text"] == ('<span data-ziq-text="search_rest_other" data-ziq-count="13">'
                               'Noch 13 Seiten passen zur Suche.</span>')
    # The next ten: the contacts page joins the group already shown, so 19 groups.
    assert len(second) == 20 and heads(second)[:10] == [h for h in heads(first)[:10]]
    assert heads(second).count("kontakte/") == 1
    assert 'data-ziq-shown="19" data-ziq-total="23"' in second[0][0]["title"]
    assert second[-1][0]["text"].endswith('data-ziq-count="4">Noch 4 Seiten passen zur Suche.</span>')
    # All results fetched: every group once, no entry for more, no counts (the theme's are right).
    assert len(third) == 23 and len(set(heads(third))) == 23
    assert third[0][0]["title"] == "seite-0"
    contacts = third[heads(third).index("kontakte/")]
    assert [e["location"] for e in contacts[1:]] == ["kontakte/#kontakt-a", "kontakte/#kontakt-b", "kontakte/#kontakt-c"]


def test_worker_answers_a_double_request_for_more_once(node):
    results = [[30 - i, _page(f"seite-{i}")] for i in range(25)]
    twice, then = _worker(node, f"""(async () => {{ {_found(results, {})}
      const heads = () => answer.groups.map((g) => g[0].location);
      await worker.extend(answer);
      await Promise.all([worker.extend(answer), worker.extend(answer)]);
      const twice = heads();
      await worker.extend(answer);
      return [twice, heads()];
    }})()""")
    assert twice == [f"seite-{i}/" for i in range(20)]
    # Nothing skipped: the next request brings the last five.
    assert then == [f"seite-{i}/" for i in range(25)]


def test_worker_offers_no_more_when_ten_pages_are_all(node):
    results = [[10 - i, _page(f"seite-{i}")] for i in range(10)]
    worked = _answers(node, results, {}, batches=1)
    (answer,) = worked["answers"]
    assert len(answer) == 10 and "data-ziq" not in json.dumps(answer)


def test_a_failing_indexer_stops_the_build_and_leaves_no_staged_pages(tmp_path):
    import sys

    records = [{"url": "kontakte/#kontakt-x", "title": "X", "content": "x"}]
    failing = [sys.executable, "-c", "import sys; sys.exit('Index kaputt')"]
    with pytest.raises(SearchIndexError, match="Index kaputt"):
        build_index(tmp_path, records, command=failing)
    assert not (tmp_path / STAGING).exists()


def test_without_mkdocs_the_hook_indexes_in_one_step(tmp_path):
    """Another generator calls on_post_build once; it must build the whole index."""
    import sys

    script = f"""
import sys
sys.modules["mkdocs"] = None  # not installed
sys.path.insert(0, {str(ROOT)!r})
import macros.build.search_hook as hook
config = {{"site_dir": {str(tmp_path)!r}}}
hook.on_post_build(config)
print(type(hook.on_post_build).__name__)
"""
    (tmp_path / "index.html").write_text('<html lang="de"><body data-pagefind-body><p>Wortschatz</p></body></html>',
                                         encoding="utf-8")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["function"]
    assert (tmp_path / "pagefind" / "pagefind-entry.json").is_file()
    assert not (tmp_path / "pagefind" / "pagefind-ui.js").exists()


def _answers_from(node: str, site: Path, queries: list[str], query: str = "") -> dict:
    """For each query the pages of the worker's whole answer, in order (each "more" fetched),
    and the count it gives for them: what a visitor sees, from the built site's index."""
    return _worker(node, f"""(async () => {{
      const out = {{}}, module = await worker.load();
      for (const query of {json.dumps(queries)}) {{
        const found = await worker.find(module, query);
        const answer = {{ticket: 0, found, terms: {{}}, fetched: 0, groups: [],
                         total: worker.groupCount(found)}};
        while (answer.fetched < found.results.length) await worker.extend(answer);
        out[query] = {{pages: answer.groups.map((g) => g[0].location), total: answer.total,
                      first: ((await worker.search(query)) || []).map((g) => g[0].location)[0] || null}};
      }}
      return out;
    }})()""", base="https://stadt.example/", site=site, query=query)


def test_residents_questions_land_on_the_page_that_answers_them(built_site, node):
    questions = dict(QUESTIONS["residents"])
    assert len(questions) >= 20
    answers = _answers_from(node, built_site, list(questions))
    missed = {q: (page, answers[q]["pages"][:3])
              for q, page in questions.items() if answers[q]["first"] != page}
    assert not missed, (f"{len(missed)} von {len(questions)} Fragen landen nicht zuerst "
                        f"auf der Antwort: {missed}")
    for query, answer in answers.items():
        # The editors' guide is never among residents' results, not even far down.
        assert not [p for p in answer["pages"] if p.startswith("redaktion/")], query
        # Every page once, and the count above the list is of them.
        assert answer["first"] == answer["pages"][0]
        assert len(set(answer["pages"])) == len(answer["pages"]) == answer["total"], query


def test_the_guide_is_a_search_of_its_own_on_its_pages(built_site, node):
    questions = dict(QUESTIONS["guide"])
    guide = _answers_from(node, built_site, list(questions), query=f"?{SCOPE_PARAMETER}={GUIDE_SCOPE}")
    for query, page in questions.items():
        assert guide[query]["first"] == page, (query, guide[query]["pages"])
        assert all(p.startswith("redaktion/") for p in guide[query]["pages"]), query
    # Asked elsewhere, the same questions find no page of the guide.
    residents = _answers_from(node, built_site, list(questions))
    assert not [p for a in residents.values() for p in a["pages"] if p.startswith("redaktion/")]
    # The guide's pages are in its index and in no other, and they load the worker for it.
    guide_pages = sorted("/" + p.relative_to(built_site).parent.as_posix() + "/"
                         for p in (built_site / "redaktion").rglob("index.html"))
    assert sorted(f["url"] for f in _fragments(built_site, GUIDE_INDEX)) == guide_pages
    assert not [f["url"] for f in _fragments(built_site) if f["url"].startswith("/redaktion/")]
    for page in ("redaktion/index.html", "index.html", "kontakte/index.html"):
        html = (built_site / page).read_text(encoding="utf-8")
        in_guide = page.startswith("redaktion/")
        assert (f'search-worker.js?{SCOPE_PARAMETER}={GUIDE_SCOPE}"' in html) == in_guide, page
        assert ('placeholder="Anleitung durchsuchen"' in html) == in_guide, page
        assert (f"<article class=\"md-content__inner md-typeset\" {GUIDE_BODY}>" in html) == in_guide, page


def test_a_word_no_page_has_leaves_the_pages_with_the_others_best_first(built_site, node):
    answers = _answers_from(node, built_site, ["Kinder", "Kinder Kuchen", "Müll", "Kuchen",
                                               "Öffnungszeiten Bürgerhaus Samstag"])
    # Pagefind alone takes the longest word a query word starts with, down to one letter: the
    # "K" of „Straßen mit K“ for "Kuchen", so that "Kinder Kuchen" found the ASD page only.
    assert answers["Kinder Kuchen"]["pages"] == answers["Kinder"]["pages"]
    assert len(answers["Kinder"]["pages"]) > 5
    assert answers["Müll"]["pages"] == answers["Kuchen"]["pages"] == []
    assert answers["Öffnungszeiten Bürgerhaus Samstag"]["first"] == \
        "projekte/familien-im-mittelpunkt-buergerhaus-batenbrock/"
    # The theme shows the missing word under each result („Fehlt: kuchen“) and highlights the rest.
    terms = _worker(node, "worker.search('Kinder Kuchen').then((items) => items"
                          ".filter((g) => !g[0].location.startsWith('?')).map((g) => g[0].terms))",
                    base="https://stadt.example/", site=built_site)
    assert terms and all(t == {"kinder": True, "kuchen": False} for t in terms)


def test_worker_splits_compounds_and_drops_little_words(node):
    plans = _worker(node, "['Telefonnummer', 'Öffnungszeiten', 'Sprachförderung', 'Hausnummern',"
                          " 'Quartiersbüro', 'Wortschatz', 'Team', 'Wann hat das Stadtteilbüro geöffnet',"
                          " 'wer ist das',"
                          " '\"Hilfe im Notfall\"'].map((q) => worker.plan(q))")
    parts = [[unit.get("parts") for unit in plan] for plan in plans[:7]]
    assert parts == [[["telefon", "nummer"]], [["offnung", "zeit"]], [["sprach", "forderung"]],
                     [["haus", "nummer"]], [["quartier", "buro"]], [None], [None]]
    # Little words go while others remain; the site's word joins a word of the question.
    assert plans[7] == [{"word": "Stadtteilbüro", "parts": ["stadtteil", "buro"]},
                        {"word": "geöffnet", "same": "Öffnungszeiten"}]
    assert [unit["word"] for unit in plans[8]] == ["wer", "ist", "das"]
    # A quoted query is Pagefind's exact search, as typed.
    assert plans[9] == [{"word": '"Hilfe im Notfall"'}]
