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
var pagefind = null;
var latest = 0;
var current = null;  // the latest answer, for "more"

function load() {
  if (!pagefind) {
    pagefind = import(new URL("pagefind/pagefind.js", root).href).then(function (module) {
      return module.options({ basePath: new URL("pagefind/", root).pathname, baseUrl: root.pathname, excerptLength: 24,
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

// Pagefind answers with paths from the server root; the theme expects them relative to the site.
function relative(url) {
  var path = new URL(url, root).pathname;
  return path.indexOf(root.pathname) === 0 ? path.slice(root.pathname.length) + new URL(url, root).hash
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
      return group(data, next[i].score, answer.terms);
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
  return [first].concat(answer.groups.slice(1), [[{
    location: "?" + MORE + "=" + id + "-" + answer.ticket, title: "Weitere Treffer anzeigen",
    text: "Noch " + rest + (rest === 1 ? " Seite passt" : " Seiten passen") + " zur Suche.",
    score: 0, terms: answer.terms
  }]]);
}

function search(query) {
  var ticket = latest;
  var terms = words(query);
  if (!query.trim()) return Promise.resolve([]);
  return load().then(function (module) {
    return module.search(query);
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
                     items: items, id: function () { return id; } };
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
