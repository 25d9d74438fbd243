/* Search worker: Material's search box, answered by Pagefind.
 *
 * Material's own worker builds a lunr index in the browser from one JSON file holding every
 * page; at a few hundred projects that file is megabytes and building the index takes seconds
 * on a phone. Pagefind (macros/build/search_hook.py runs it after the build) splits the index into
 * small chunks and loads only the ones a query needs.
 *
 * Material talks to its worker with four messages (integrations/search/worker/message in the
 * theme's source): SETUP (index data, ignored here: the theme's index holds no pages) -> READY,
 * QUERY (the typed text) -> RESULT ({items: [[page, section, ...], ...]}). The theme puts
 * `title` and `text` into the page as HTML, so titles are escaped here; Pagefind's excerpts are
 * escaped text with <mark> around the hits, except for "&" (see excerptHtml).
 *
 * An answer holds the first ten pages; each needs a request for its details. When more pages
 * match, the answer ends in an entry "Weitere Treffer anzeigen", and the first page's title
 * carries the counts for the theme's line above the list. docs/assets/ziq.js shows that count
 * and, on a click of the entry, asks this worker for the next ten over a BroadcastChannel.
 */
"use strict";

var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
var PAGES = 10;     // pages per answer: the theme draws ten at once (two to four fit the screen)
var SECTIONS = 3;   // sections shown open per page; the rest go under "weitere"
var ENTRIES = 10;   // entries of a long page shown per answer
var GROUP_FILTER = "gruppe";  // macros/build/search_hook.py: a page and its staged pages share a value
var MORE = "weitere-treffer";  // query parameter of the "more" entry's link; read by ziq.js
var CHANNEL = "ziq-search";
// Every open tab has a worker of its own on the one channel: a request names the worker.
var id = Math.random().toString(36).slice(2);

// The site's root: this file is <root>/assets/search-worker.js.
var root = new URL("../", self.location.href);
// The editors' guide is a search of its own, with an index of its own (macros/build/search_hook.py):
// its pages load this worker with ?bereich=redaktion (overrides/base.html) and search only the
// guide; no other page's search holds it, so a resident's question never lands on how the site
// is edited.
var bundle = new URL(new URL(self.location.href).searchParams.get("bereich") === "redaktion"
                     ? "pagefind-redaktion/" : "pagefind/", root);
// Every language's pages are in the one index, which Pagefind splits by the pages' <html lang>:
// a translated page loads this worker with ?sprache=<code> (overrides/base.html) and searches its
// language; its site is <root>/<code>/ (macros/build/languages.py).
var language = new URL(self.location.href).searchParams.get("sprache") || "de";
var home = language === "de" ? root : new URL(language + "/", root);
// Pagefind picks the index by the page's <html lang>, which a worker cannot see (its option is
// overwritten by that lookup, pagefind.js 1.5.2): the worker answers the lookup itself.
self.document = { querySelector: function () {
  return { getAttribute: function () { return language; } };
} };
var pagefind = null;
var latest = 0;
var current = null;  // the latest answer, for "more"

function load() {
  if (!pagefind) {
    pagefind = import(new URL("pagefind.js", bundle).href).then(function (module) {
      return module.options({ basePath: bundle.pathname, baseUrl: root.pathname, excerptLength: 24,
        // Length does not count against a page: a project page must rank above its one-line
        // contact entry when both carry the name.
        ranking: { pageLength: 0 } })
        .then(function () { return module.init(); })
        // Loads the filters, so that each search counts its results per group.
        .then(function () { return module.filters(); })
        .then(function () { return module; });
    });
  }
  return pagefind;
}

function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, function (c) {
    return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
  });
}

// Pagefind escapes "<" and ">" of the page's text in an excerpt, but not "&": a name written
// "&amp;" showed as "&". Every "&" but those of Pagefind's own "&lt;" and "&gt;" is the text's.
function excerptHtml(excerpt) {
  return String(excerpt || "").replace(/&(?!lt;|gt;)/g, "&amp;");
}

// The page's text as Pagefind counts its words (an anchor's location is a word's number), or
// null for text that Pagefind splits otherwise (languages written without spaces).
function textWords(data) {
  if (typeof data.content !== "string" || String(data.raw_content || "").indexOf("\u200B") !== -1) return null;
  return data.content.split(/[\r\n\s]+/g);
}

// Pagefind decodes the entities of a heading's text twice ("&amp;amp;" becomes "&", a name
// written "&lt;b&gt;" becomes "<b>"), the page's text once: a section's title is read from the
// page's text where its heading starts, as many words as the heading has.
function sectionTitle(sub, words) {
  var anchor = sub.anchor;
  if (!words || !anchor || typeof anchor.location !== "number" || typeof anchor.text !== "string") return sub.title;
  var count = anchor.text.split(/[\r\n\s]+/g).filter(Boolean).length;
  var title = words.slice(anchor.location, anchor.location + count).join(" ");
  // Pagefind ends a heading's text with a full stop ("Kontakt."); the heading has none.
  if (/\.$/.test(title) && !/\.$/.test(anchor.text.trim())) title = title.slice(0, -1);
  return title || sub.title;
}

// How the worker reads a query, so that the page that answers it comes first.
//
// Pagefind finds a page only when it has every word of the query, each word as the start of a
// word on the page; when no word on any page starts with a query word, it takes the longest
// word the query word starts with, down to a single letter ("Müll" finds the "M" of „Straßen mit
// M“). It splits words on the page at hyphens only, never German compounds. So the worker:
// - leaves out little words (STOP) while others remain: "Wann hat das Stadtteilbüro geöffnet";
// - adds the site's word for a few words of questions (SAME): "geöffnet" -> "Öffnungszeiten";
// - splits a word that ends in a base word of residents' questions (COMPOUND, with a plural
//   ending, after a part of four letters at least, on the word without accents as Pagefind
//   compares them; a linking "s" after a longer part goes): "Telefonnummer" is "telefon" +
//   "nummer", "Öffnungszeiten" is "offnung" + "zeit", "Sprachförderung" finds the "Förderung von
//   Sprach- und Medienkompetenz" of the Wortschatz project;
// - counts a query word as unknown when it only found a word of fewer than four letters that it
//   starts with ("anrufen" -> "An"), and answers with the pages that have the other words.
var STOP = ("der die das den dem des ein eine einen einem einer eines und oder fur mit von vom im in am " +
            "an zu zur zum bei beim auf aus ist sind hat haben gibt es ich mein meine meinen meiner mir " +
            "mich wir uns sie ihr wer wie wo wann was welche welcher welches welchen kann konnen man " +
            "bitte").split(" ");
var SAME = {
  geoffnet: "Öffnungszeiten", offen: "Öffnungszeiten", sprechzeiten: "Öffnungszeiten",
  sprechstunde: "Öffnungszeiten", sprechstunden: "Öffnungszeiten",
  anrufen: "Telefon", telefonieren: "Telefon", rufnummer: "Telefon", anschrift: "Adresse",
  erreiche: "Kontakt", erreichen: "Kontakt", erreichbar: "Kontakt"
};
var COMPOUND = new RegExp("^(.{4,}?)(nummer|zeit|forderung|hilfe|schutz|beratung|betreuung|angebot|" +
                          "stelle|buro|kurs|gruppe|treff|zentrum|zentren|arbeit|team|dienst|telefon|" +
                          "partner|adresse|daten|straße|strasse)(?:n|en|e|s|in|innen)?$");
var SHORT = 4;  // a word found through fewer letters than this is not found

// Lower case, without accents and punctuation: the form in which Pagefind compares words.
function bare(word) {
  return word.toLowerCase().normalize("NFD").replace(/[\p{M}\p{P}]/gu, "");
}

// The words of a query: each with the site's word for it and, if a compound, its two parts.
// A quoted query is Pagefind's exact search and stays as typed.
function plan(query) {
  if (query.indexOf('"') !== -1) return [{ word: query.trim() }];
  var words = query.split(/\s+/).filter(function (word) { return bare(word); });
  var kept = words.filter(function (word) { return STOP.indexOf(bare(word)) === -1; });
  return (kept.length ? kept : words).map(function (word) {
    var unit = { word: word }, match = bare(word).match(COMPOUND);
    if (SAME.hasOwnProperty(bare(word))) unit.same = SAME[bare(word)];
    if (match) {
      var head = match[1].length > 5 && match[1].slice(-1) === "s" ? match[1].slice(0, -1) : match[1];
      unit.parts = [head, match[2]];
    }
    return unit;
  });
}

// Pagefind's searches for one word of the query: a plain word, the site's word for it, and for a
// compound the whole word exactly (no guessing at its start) and each part.
function terms(unit) {
  var out = unit.parts ? ['"' + unit.word + '"'] : [unit.word];
  if (unit.same) out.push(unit.same);
  return unit.parts ? out.concat(unit.parts) : out;
}

// True when Pagefind found the term only through a word of fewer than four letters that the
// term starts with (its marked words in the best match's excerpt).
function fallsShort(term, data) {
  var wanted = bare(term), marks = (data.excerpt || "").match(/<mark>[^<]*<\/mark>/g) || [];
  return marks.length > 0 && marks.every(function (mark) {
    var found = bare(mark.slice(6, -7));
    return found.length < SHORT && found.length < wanted.length && wanted.indexOf(found) === 0;
  });
}

// Pagefind's results for one word, or none when it was not found (fallsShort). A word that some
// page has as it is (Pagefind's exact search, the same chunk of the index) needs no check; for
// another, the best match's details load here, as they would for the answer.
function searchTerm(module, term) {
  return module.search(term).then(function (found) {
    if (!found.results.length || term.charAt(0) === '"' || bare(term).length < SHORT) return found;
    return module.search('"' + term + '"').then(function (exact) {
      if (exact.results.length) return found;
      return found.results[0].data().then(function (data) {
        return fallsShort(term, data) ? Object.assign({}, found, { results: [] }) : found;
      });
    });
  });
}

// Pagefind's id of each page in a group (a page and its staged pages) -> the group: the count of
// an answer put together from several searches needs it; one filter-only search per group, once.
var members = null;

function groupMembers(module) {
  if (!members) {
    members = module.filters().then(function (filters) {
      return Promise.all(Object.keys(filters[GROUP_FILTER] || {}).map(function (value) {
        var only = {};
        only[GROUP_FILTER] = value;
        return module.search(null, { filters: only }).then(function (found) {
          return found.results.map(function (result) { return [result.id, value]; });
        });
      }));
    }).then(function (lists) {
      var map = {};
      lists.forEach(function (list) { list.forEach(function (pair) { map[pair[0]] = pair[1]; }); });
      return map;
    });
  }
  return members;
}

// The answer put together from a search for each word (terms): a page scores 1 for each word of
// the query it has (by the word, the site's word for it, the whole compound or both its parts;
// one part scores 1/2). When pages have every word, the answer is those; otherwise every page
// with any word, the most words first. Ties go by the sum of Pagefind's scores. Shaped like
// Pagefind's answer for the rest of the worker.
function combine(module, units) {
  var all = [];
  units.forEach(function (unit) {
    terms(unit).forEach(function (term) { if (all.indexOf(term) === -1) all.push(term); });
  });
  return Promise.all(all.map(function (term) { return searchTerm(module, term); })
                        .concat([groupMembers(module)])).then(function (answers) {
    var groups = answers.pop(), hits = {}, pages = {};
    all.forEach(function (term, i) {
      hits[term] = {};
      answers[i].results.forEach(function (result) { hits[term][result.id] = result; });
    });
    units.forEach(function (unit) {
      var found = terms(unit).map(function (term) { return hits[term]; });
      var ids = {};
      found.forEach(function (results) { Object.keys(results).forEach(function (id) { ids[id] = true; }); });
      Object.keys(ids).forEach(function (id) {
        var has = found.map(function (results) { return results[id]; });
        var whole = has.slice(0, has.length - (unit.parts ? 2 : 0)).some(Boolean);
        var page = pages[id] || (pages[id] = { id: id, score: 0, words: 0, best: 0, data: null, found: [] });
        page.words += whole || (unit.parts && has[has.length - 2] && has[has.length - 1]) ? 1 : 0.5;
        page.found.push(unit);
        has.forEach(function (result) {
          if (!result) return;
          page.score += result.score;
          // The excerpt around the word that matched best.
          if (result.score > page.best) {
            page.best = result.score;
            page.data = result.data;
          }
        });
      });
    });
    var list = Object.keys(pages).map(function (id) {
      // The theme lists a word a page lacks under "Fehlt" and leaves it out of the highlighting.
      var page = pages[id];
      page.missing = {};
      units.forEach(function (unit) {
        if (page.found.indexOf(unit) !== -1) return;
        Object.keys(words(unit.word)).forEach(function (word) { page.missing[word] = false; });
      });
      return page;
    });
    if (list.some(function (page) { return page.words === units.length; })) {
      list = list.filter(function (page) { return page.words === units.length; });
    }
    list.sort(function (a, b) { return b.words - a.words || b.score - a.score; });
    var counts = {}, filtered = {};
    list.forEach(function (page) {
      if (groups[page.id]) counts[groups[page.id]] = (counts[groups[page.id]] || 0) + 1;
    });
    filtered[GROUP_FILTER] = counts;
    return { results: list, filters: filtered };
  });
}

// The answer: for one plain word Pagefind's own, otherwise put together from
// a search for each word (combine). That is the pages Pagefind would find for all the words, in
// the same order (its score of a page is the sum over the words), but a word it does not know
// no longer empties or misleads the answer. The index chunks the searches need load once and stay.
function find(module, query) {
  var units = plan(query);
  if (units.length === 1 && !units[0].parts && !units[0].same) return searchTerm(module, units[0].word);
  return combine(module, units);
}

// Pagefind answers with paths from the server root; the theme expects them relative to the
// site of the page's language.
function relative(url) {
  var path = new URL(url, root).pathname;
  return path.indexOf(home.pathname) === 0 ? path.slice(home.pathname.length) + new URL(url, root).hash
                                           : url;
}

function words(query) {
  var terms = {};
  query.toLowerCase().split(/[\s\-]+/).forEach(function (word) { if (word) terms[word] = true; });
  return terms;
}

function group(data, score, terms) {
  if (data.meta.target) return entries(data, score, terms);
  var page = {
    location: relative(data.url), title: escapeHtml(data.meta.title || data.url),
    text: excerptHtml(data.excerpt), score: score, terms: terms
  };
  var words = textWords(data);
  var sections = (data.sub_results || [])
    .filter(function (sub) {  // the page itself is the group's head, not one of its sections
      return sub.url !== data.url && sub.url.indexOf("#") !== -1 && !(sub.anchor && sub.anchor.element === "h1");
    })
    .map(function (sub) {
      return { location: relative(sub.url), title: escapeHtml(sectionTitle(sub, words)), text: excerptHtml(sub.excerpt),
               terms: terms };
    });
  return [page].concat(fold(page, sections));
}

// The theme folds sections scored below the page's score under "weitere Treffer".
function fold(page, sections) {
  return sections.map(function (section, i) {
    section.score = i < SECTIONS ? page.score : page.score / 2;
    section.parent = page;
    return section;
  });
}

// Entries of a long page (each contact of the contacts page) have results of their own: the
// search hook stages them a few to a page, each entry a section. Shown like the page's sections,
// the best matches first.
function entries(data, score, terms) {
  var target = relative(data.meta.target);
  var page = { location: target, title: escapeHtml(data.meta.title || ""), text: "", score: score, terms: terms };
  var words = textWords(data);
  var hits = (data.sub_results || [])
    .filter(function (sub) { return sub.url.indexOf("#") !== -1; })
    .map(function (sub, i) { return { sub: sub, weight: matchWeight(sub), order: i }; })
    .sort(function (a, b) { return b.weight - a.weight || a.order - b.order; })
    .slice(0, ENTRIES);
  return [page].concat(fold(page, hits.map(function (hit) {
    return { location: target.split("#")[0] + "#" + hit.sub.url.split("#")[1],
             title: escapeHtml(sectionTitle(hit.sub, words)), text: excerptHtml(hit.sub.excerpt), terms: terms };
  })));
}

// How well one section matches: Pagefind's score of each matched word in it, rare words
// counting more ("1234" in "Anlaufstelle 1234").
function matchWeight(sub) {
  return (sub.weighted_locations || []).reduce(function (sum, hit) {
    return sum + (hit.balanced_score || hit.weight || 0);
  }, 0);
}

// Staged pages of the same page come back as results of their own: one group per page.
function merge(groups) {
  var heads = {}, out = [];
  groups.forEach(function (items) {
    var head = items[0], first = heads[head.location];
    if (!first) {
      heads[head.location] = items;
      out.push(items);
      return;
    }
    var sections = first.slice(1).concat(items.slice(1)).slice(0, ENTRIES);
    first.length = 1;
    Array.prototype.push.apply(first, fold(first[0], sections));
  });
  return out;
}

// How many groups the whole answer has: the staged pages of a page and the page itself are one.
function groupCount(found) {
  var counts = (found.filters && found.filters[GROUP_FILTER]) || {};
  return Object.keys(counts).reduce(function (n, key) {
    return counts[key] > 0 ? n - (counts[key] - 1) : n;
  }, found.results.length);
}

// The next ten results' details, merged into the groups shown so far. A second request while
// one is on its way (a double click) gets the same ten, not the ten after them.
function extend(answer) {
  if (answer.pending) return answer.pending;
  var next = answer.found.results.slice(answer.fetched, answer.fetched + PAGES);
  answer.pending = Promise.all(next.map(function (result) { return result.data(); })).then(function (pages) {
    answer.pending = null;
    if (answer.ticket !== latest) return null;
    answer.fetched += next.length;
    answer.groups = merge(answer.groups.concat(pages.map(function (data, i) {
      return group(data, next[i].score, Object.assign({}, answer.terms, next[i].missing));
    })));
    return answer;
  }, function (error) {
    answer.pending = null;
    throw error;
  });
  return answer.pending;
}

function items(answer) {
  var shown = answer.groups.length, rest = answer.total - shown;
  if (!shown || rest <= 0 || answer.fetched >= answer.found.results.length) return answer.groups;
  var head = answer.groups[0][0];
  var counted = Object.assign({}, head, {
    title: head.title + '<span hidden data-ziq-shown="' + shown + '" data-ziq-total="' + answer.total + '"></span>'
  });
  var first = [counted].concat(answer.groups[0].slice(1).map(function (section) {
    return Object.assign({}, section, { parent: counted });
  }));
  // In German, and marked for docs/assets/ziq.js, which puts them into the page's language.
  return [first].concat(answer.groups.slice(1), [[{
    location: "?" + MORE + "=" + id + "-" + answer.ticket,
    title: '<span data-ziq-text="search_more">Weitere Treffer anzeigen</span>',
    text: '<span data-ziq-text="search_rest_' + (rest === 1 ? 'one' : 'other') + '" data-ziq-count="' + rest +
          '">Noch ' + rest + (rest === 1 ? " Seite passt" : " Seiten passen") + " zur Suche.</span>",
    score: 0, terms: answer.terms
  }]]);
}

function search(query) {
  var ticket = latest;
  var terms = words(query);
  if (!query.trim()) return Promise.resolve([]);
  return load().then(function (module) {
    return find(module, query);
  }).then(function (found) {
    if (ticket !== latest || !found) return null;  // a newer query is already on its way
    return extend({ ticket: ticket, found: found, terms: terms, fetched: 0, groups: [], total: groupCount(found) });
  }).then(function (answer) {
    if (!answer) return null;
    current = answer;
    return items(answer);
  });
}

function more(token) {
  var answer = current;
  if (!answer || token !== id + "-" + answer.ticket || answer.ticket !== latest) return;
  extend(answer).then(function (extended) {
    if (extended) self.postMessage({ type: RESULT, data: { items: items(extended) } });
  }, function (error) {
    console.warn("Weitere Treffer fehlgeschlagen:", error);
  });
}

// Node loads this file for the unit tests (tests/test_search.py).
if (typeof module !== "undefined") {
  module.exports = { group: group, merge: merge, relative: relative, groupCount: groupCount, extend: extend,
                     items: items, id: function () { return id; }, plan: plan, search: search, load: load,
                     find: find };
}

// One query at a time, and only the newest waiting one: typing sends a query per keystroke,
// and a queue of stale prefixes ("A", "An", "Anl", ...) would hold back the answer to the
// last one by seconds on a large site.
var running = false, waiting = null;

function answer(query) {
  running = true;
  search(query).then(function (items) {
    if (items) self.postMessage({ type: RESULT, data: { items: items } });
  }, function (error) {
    console.warn("Suche fehlgeschlagen:", error);
    self.postMessage({ type: RESULT, data: { items: [] } });
  }).then(function () {
    running = false;
    if (waiting !== null) {
      var next = waiting;
      waiting = null;
      answer(next);
    }
  });
}

// Not under Node (the tests), where an open channel would keep the process running.
if (typeof BroadcastChannel !== "undefined" && typeof module === "undefined") {
  new BroadcastChannel(CHANNEL).addEventListener("message", function (event) {
    if (event.data && typeof event.data.more === "string") more(event.data.more);
  });
}

self.addEventListener("message", function (event) {
  var message = event.data;
  if (message.type === SETUP) {
    self.postMessage({ type: READY });
  } else if (message.type === QUERY) {
    latest++;  // any answer still being prepared is now stale
    if (running) waiting = message.data;
    else answer(message.data);
  }
});
