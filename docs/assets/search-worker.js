/* Search worker: Material's search box, answered by Pagefind.
 *
 * Material's own worker builds a lunr index in the browser from one JSON file holding every
 * page; at a few hundred projects that file is megabytes and building the index takes seconds
 * on a phone. Pagefind (macros/search_hook.py runs it after the build) splits the index into
 * small chunks and loads only the ones a query needs.
 *
 * Material talks to its worker with four messages (integrations/search/worker/message in the
 * theme's source): SETUP (index data, ignored here: the theme's index holds no pages) -> READY,
 * QUERY (the typed text) -> RESULT ({items: [[page, section, ...], ...]}). The theme puts
 * `title` and `text` into the page as HTML, so titles are escaped here; Pagefind's excerpts are
 * already escaped text with <mark> around the hits.
 */
"use strict";

var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
var PAGES = 10;     // pages per answer: the theme shows ten before scrolling
var SECTIONS = 3;   // sections shown open per page; the rest go under "weitere"
var ENTRIES = 10;   // entries of a long page shown per answer

// The site's root: this file is <root>/assets/search-worker.js.
var root = new URL("../", self.location.href);
var pagefind = null;
var latest = 0;

function load() {
  if (!pagefind) {
    pagefind = import(new URL("pagefind/pagefind.js", root).href).then(function (module) {
      return module.options({ basePath: new URL("pagefind/", root).pathname, baseUrl: root.pathname, excerptLength: 24,
        // Length does not count against a page: a project page must rank above its one-line
        // contact entry when both carry the name.
        ranking: { pageLength: 0 } })
        .then(function () { return module.init(); })
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
    text: data.excerpt, score: score, terms: terms
  };
  var sections = (data.sub_results || [])
    .filter(function (sub) {  // the page itself is the group's head, not one of its sections
      return sub.url !== data.url && sub.url.indexOf("#") !== -1 && !(sub.anchor && sub.anchor.element === "h1");
    })
    .map(function (sub) {
      return { location: relative(sub.url), title: escapeHtml(sub.title), text: sub.excerpt, terms: terms };
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
  var hits = (data.sub_results || [])
    .filter(function (sub) { return sub.url.indexOf("#") !== -1; })
    .map(function (sub, i) { return { sub: sub, weight: matchWeight(sub), order: i }; })
    .sort(function (a, b) { return b.weight - a.weight || a.order - b.order; })
    .slice(0, ENTRIES);
  return [page].concat(fold(page, hits.map(function (hit) {
    return { location: target.split("#")[0] + "#" + hit.sub.url.split("#")[1], title: escapeHtml(hit.sub.title),
             text: hit.sub.excerpt, terms: terms };
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

function search(query) {
  var ticket = latest;
  var terms = words(query);
  if (!query.trim()) return Promise.resolve([]);
  return load().then(function (module) {
    return module.search(query);
  }).then(function (found) {
    if (ticket !== latest || !found) return null;  // a newer query is already on its way
    var top = found.results.slice(0, PAGES);
    return Promise.all(top.map(function (result) { return result.data(); })).then(function (pages) {
      if (ticket !== latest) return null;
      return merge(pages.map(function (data, i) { return group(data, top[i].score, terms); }));
    });
  });
}

// Node loads this file for the unit tests (tests/test_search.py).
if (typeof module !== "undefined") module.exports = { group: group, merge: merge, relative: relative };

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
