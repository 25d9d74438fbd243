/* Zusammen im Quartier: live opening hours, the ASD street lookup and "more results" in search.
 *
 * Runs only in the browser, sends nothing anywhere (the search's request for more results goes
 * to its own worker, in the same tab) and stores nothing. Without
 * JavaScript the pages show the plain opening hours and the full street table.
 * Data strings reach the page only through textContent, never as HTML.
 * The street logic mirrors macros/data/streets.py; tests run both on the same cases.
 * Its texts are the page's (macros/render/script_texts.py); nothing here assumes left or right.
 */
(function () {
  "use strict";

  // --- texts in the page's language ----------------------------------------------------------

  // As macros/render/script_texts.py has them (tests/test_i18n_render.py keeps both the same):
  // what a page without its own texts shows.
  var GERMAN = {
    "open_until": "Jetzt geöffnet, bis {time}.",
    "opens_today": "Jetzt geschlossen. Öffnet heute um {time}.",
    "opens_tomorrow": "Jetzt geschlossen. Öffnet morgen um {time}.",
    "opens_on_day": "Jetzt geschlossen. Öffnet am {day} um {time}.",
    "opens_on_date": "Jetzt geschlossen. Öffnet am {date} um {time}.",
    "closed": "Jetzt geschlossen.",
    "example_badge": "Beispieldaten",
    "phone": "Telefon: {number}",
    "email": "E-Mail: {address}",
    "save_vcard": "Als Kontakt speichern (vCard)",
    "responsible": "Zuständig: {team}",
    "whole_street": "{street}: die ganze Straße gehört zu diesem Team.",
    "rule": "{street} {number}: Regel „{rule}“.",
    "rule_exception": "{street} {number}: Regel „{rule}“ (Ausnahme für einzelne Hausnummern).",
    "more_about": "Mehr zu {team}",
    "not_a_number": "„{number}“ ist keine Hausnummer. Bitte nur Zahl und Buchstabe, z. B. 12 oder 12a.",
    "split_street": "{street} ist geteilt: Bitte geben Sie Ihre Hausnummer ein.",
    "unknown_street": "Die Straße „{street}“ ist nicht im Verzeichnis.",
    "no_team": "Für {street} {number} ist kein Team eingetragen.",
    "ask_central": "Bitte prüfen Sie die Schreibweise oder wenden Sie sich an die zentrale Stelle:",
    "rule_from": "ab Nr. {start}",
    "rule_range": "Nr. {start} bis {end}",
    "rule_odd": "{range}, ungerade Nummern",
    "rule_even": "{range}, gerade Nummern",
    "as_of": "Stand des Verzeichnisses: {date}.",
    "as_of_source": "Stand des Verzeichnisses: {date}. Quelle: {source}.",
    "enter_street": "Bitte geben Sie eine Straße ein.",
    "search_count": "{shown} von {total} Suchergebnissen",
    "search_more": "Weitere Treffer anzeigen",
    "search_rest_one": "Noch {count} Seite passt zur Suche.",
    "search_rest_other": "Noch {count} Seiten passen zur Suche."
  };
  var TEXTS = pageTexts();
  var LANGUAGE = document.documentElement.lang || "de";

  function pageTexts() {
    var node = document.getElementById("ziq-texts"), own = {}, texts = {};
    try { own = node ? JSON.parse(node.textContent) : {}; } catch (error) { own = {}; }
    Object.keys(GERMAN).forEach(function (key) {
      texts[key] = typeof own[key] === "string" ? own[key] : GERMAN[key];
    });
    return texts;
  }

  function given(values, name) {
    return Boolean(values) && Object.prototype.hasOwnProperty.call(values, name) &&
      values[name] !== undefined && values[name] !== null;
  }

  // text("unknown_street", {street: "Am Brunnen"}); a brace without a value stays as written.
  function text(key, values) {
    return TEXTS[key].replace(/\{(\w+)\}/g, function (whole, name) {
      return given(values, name) ? String(values[name]) : whole;
    });
  }

  // The same sentence as an element. Each value is isolated (a node as given, text in <bdi>): a
  // street or a house number keeps its own direction inside a right-to-left sentence.
  function sentence(name, key, values, attrs) {
    var node = el(name, "", attrs);
    TEXTS[key].split(/(\{\w+\})/).forEach(function (piece, i) {
      var field = piece.slice(1, -1);
      if (i % 2 && given(values, field)) {
        node.appendChild(values[field] instanceof Node ? values[field] : el("bdi", String(values[field])));
      } else if (piece) {
        node.appendChild(document.createTextNode(piece));
      }
    });
    return node;
  }

  // Times, days and dates as the page's language writes them, with the digits 0-9 that the
  // pages themselves print (Babel's, in Arabic too). Days are UTC dates (utcDate below).
  function dateFormat(options) {
    var all = Object.assign({ timeZone: "UTC", numberingSystem: "latn" }, options);
    return new Intl.DateTimeFormat(LANGUAGE, all);
  }

  // --- streets and house numbers ---------------------------------------------------

  function normaliseStreet(name) {
    var text = String(name).trim().toLowerCase()
      .replace(/ß/g, "ss").replace(/ä/g, "ae").replace(/ö/g, "oe").replace(/ü/g, "ue");
    text = text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
    text = text.replace(/str\.?(?=$|[\s-])/g, "strasse");
    return text.replace(/[^a-z0-9]/g, "");
  }

  function parseHouseNumber(text) {
    var match = /^\s*(\d+)\s*([a-zA-Z]?)\s*$/.exec(String(text));
    if (!match || parseInt(match[1], 10) === 0) return null;
    return [parseInt(match[1], 10), match[2].toLowerCase()];
  }

  function compare(a, b) {
    if (a[0] !== b[0]) return a[0] < b[0] ? -1 : 1;
    return a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0;
  }

  function parityOk(parity, number) {
    return parity === "all" || (number % 2 === 1) === (parity === "odd");
  }

  function contains(range, key) {
    var upper = range[1];
    return compare(range[0], key) <= 0 && (upper === null || compare(key, upper) <= 0) &&
      parityOk(range[2], key[0]);
  }

  // "Fichtenstraße 12a" typed into the street field: the number is split off.
  function splitAddress(text) {
    var match = /^(.*\D)[\s,]+(\d+\s*[a-zA-Z]?)\s*$/.exec(String(text).trim());
    return match ? [match[1].trim(), match[2]] : [String(text).trim(), ""];
  }

  function index(data) {
    if (!data._byKey) {
      data._byKey = {};
      data.streets.forEach(function (entry) { data._byKey[normaliseStreet(entry[0])] = entry; });
      data._keys = Object.keys(data._byKey).sort();
    }
    return data._byKey;
  }

  /* The answer for a street and an optional house number:
   * {state: found | need-number | no-rule | unknown, street, team, rule, exception} */
  function lookup(data, streetText, numberText) {
    // The whole input first: some street names end in a number ("Straße 13").
    var parts = [String(streetText).trim(), ""];
    var entry = index(data)[normaliseStreet(parts[0])];
    if (!entry) {
      parts = splitAddress(streetText);
      entry = index(data)[normaliseStreet(parts[0])];
    }
    var number = String(numberText || "").trim() || parts[1];
    if (!entry) return { state: "unknown", query: parts[0] };
    var street = entry[0];
    if (typeof entry[1] === "number") {
      return { state: "found", street: street, team: data.teams[entry[1]], rule: "ganze Straße" };
    }
    if (!number) return { state: "need-number", street: street, ranges: entry[1] };
    var key = parseHouseNumber(number);
    if (!key) return { state: "need-number", street: street, ranges: entry[1], invalid: number };
    var preferences = [1, 0];
    for (var p = 0; p < preferences.length; p++) {
      for (var i = 0; i < entry[1].length; i++) {
        var range = entry[1][i];
        if (range[4] === preferences[p] && contains(range, key)) {
          return { state: "found", street: street, number: number, team: data.teams[range[3]],
                   rule: range[5], exception: range[4] === 1 };
        }
      }
    }
    return { state: "no-rule", street: street, number: number };
  }

  function suggest(data, text, limit) {
    var found = matching(data, normaliseStreet(text), limit || 8);
    return found.length ? found : matching(data, normaliseStreet(splitAddress(text)[0]), limit || 8);
  }

  function matching(data, key, limit) {
    if (key.length < 2) return [];
    var byKey = index(data), starts = [], inside = [];
    for (var i = 0; i < data._keys.length && starts.length < limit; i++) {
      var k = data._keys[i], at = k.indexOf(key);
      if (at === 0) starts.push(byKey[k][0]);
      else if (at > 0 && inside.length < limit) inside.push(byKey[k][0]);
    }
    return starts.concat(inside).slice(0, limit);
  }

  // --- opening hours (Europe/Berlin, NRW public holidays) ---------------------------------

  var DAY_CODES = ["so", "mo", "di", "mi", "do", "fr", "sa"];

  function utcDate(y, m, d) { return new Date(Date.UTC(y, m - 1, d)); }
  function iso(date) { return date.toISOString().slice(0, 10); }
  function addDays(date, n) { return new Date(date.getTime() + n * 86400000); }

  function easterSunday(year) {  // anonymous Gregorian algorithm
    var a = year % 19, b = Math.floor(year / 100), c = year % 100, d = Math.floor(b / 4), e = b % 4;
    var f = Math.floor((b + 8) / 25), g = Math.floor((b - f + 1) / 3);
    var h = (19 * a + b - d - g + 15) % 30, i = Math.floor(c / 4), k = c % 4;
    var l = (32 + 2 * e + 2 * i - h - k) % 7, m = Math.floor((a + 11 * h + 22 * l) / 451);
    var month = Math.floor((h + l - 7 * m + 114) / 31), day = ((h + l - 7 * m + 114) % 31) + 1;
    return utcDate(year, month, day);
  }

  var holidayCache = {};
  function holidaysNRW(year) {
    if (!holidayCache[year]) {
      var easter = easterSunday(year);
      var days = [utcDate(year, 1, 1), addDays(easter, -2), addDays(easter, 1), utcDate(year, 5, 1),
                  addDays(easter, 39), addDays(easter, 50), addDays(easter, 60), utcDate(year, 10, 3),
                  utcDate(year, 11, 1), utcDate(year, 12, 25), utcDate(year, 12, 26)];
      holidayCache[year] = days.map(iso).sort();
    }
    return holidayCache[year];
  }

  function berlinNow(now) {
    var parts = {};
    new Intl.DateTimeFormat("en-GB", {
      timeZone: "Europe/Berlin", year: "numeric", month: "2-digit", day: "2-digit",
      hour: "2-digit", minute: "2-digit", hourCycle: "h23"
    }).formatToParts(now).forEach(function (p) { parts[p.type] = p.value; });
    return { date: utcDate(+parts.year, +parts.month, +parts.day),
             minutes: +parts.hour * 60 + +parts.minute };
  }

  function minutesOf(clock) { var p = clock.split(":"); return +p[0] * 60 + +p[1]; }
  function clockText(clock) {
    var p = clock.split(":");
    // German as the pages write it ("9 Uhr", "14:30 Uhr"); other languages their short time, as
    // Babel writes it on the page (macros/render/hours.py): "9:00 AM", "09:00".
    if (LANGUAGE.split("-")[0] === "de") return (p[1] === "00" ? String(+p[0]) : +p[0] + ":" + p[1]) + " Uhr";
    return dateFormat({ timeStyle: "short" }).format(Date.UTC(2000, 0, 1, +p[0], +p[1]));
  }

  // The periods of one day, after holidays and dated exceptions.
  function periodsOn(hours, date) {
    var day = iso(date);
    var exceptions = hours.exceptions || [];
    for (var i = 0; i < exceptions.length; i++) {
      var exc = exceptions[i];
      if (exc.from <= day && day <= (exc.to || exc.from)) return exc.closed ? [] : exc.periods;
    }
    if (hours.closed_on_public_holidays !== false &&
        holidaysNRW(date.getUTCFullYear()).indexOf(day) >= 0) return [];
    var code = DAY_CODES[date.getUTCDay()];
    return hours.weekly.filter(function (p) { return p.days.indexOf(code) >= 0; })
      .sort(function (a, b) { return minutesOf(a.opens) - minutesOf(b.opens); });
  }

  function openingStatus(hours, now) {
    var here = berlinNow(now || new Date());
    var today = periodsOn(hours, here.date);
    for (var i = 0; i < today.length; i++) {
      if (minutesOf(today[i].opens) <= here.minutes && here.minutes < minutesOf(today[i].closes)) {
        return { open: true, text: text("open_until", { time: clockText(today[i].closes) }) };
      }
    }
    for (var offset = 0; offset <= 60; offset++) {
      var date = addDays(here.date, offset);
      var periods = offset === 0 ? today : periodsOn(hours, date);
      for (var j = 0; j < periods.length; j++) {
        if (offset === 0 && minutesOf(periods[j].opens) <= here.minutes) continue;
        var key = offset === 0 ? "opens_today" : offset === 1 ? "opens_tomorrow"
          : offset < 7 ? "opens_on_day" : "opens_on_date";
        return { open: false, text: text(key, {
          time: clockText(periods[j].opens),
          day: dateFormat({ weekday: "long" }).format(date),
          date: dateFormat({ day: "numeric", month: "long" }).format(date) }) };
      }
    }
    return { open: false, text: text("closed") };
  }

  function showOpeningHours(now) {
    var nodes = document.querySelectorAll(".ziq-open-now[data-hours]");
    Array.prototype.forEach.call(nodes, function (node) {
      var status = openingStatus(JSON.parse(node.getAttribute("data-hours")), now);
      node.textContent = status.text;
      node.className = "ziq-open-now " + (status.open ? "ziq-open-now--open" : "ziq-open-now--closed");
      node.hidden = false;
    });
  }

  // --- the lookup form -------------------------------------------------------------------

  function el(name, text, attrs) {
    var node = document.createElement(name);
    if (text) node.textContent = text;
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    return node;
  }

  function badge(status) {
    if (status !== "example") return null;
    return el("span", text("example_badge"), { "class": "ziq-badge ziq-badge--example" });
  }

  function contactList(contact, root) {
    var list = el("ul", "", { "class": "ziq-answer__channels" });
    contact.phones.forEach(function (phone) {
      var link = el("a", phone[0], { href: "tel:" + phone[1], dir: "ltr" });
      list.appendChild(sentence("li", "phone", { number: link }));
    });
    contact.emails.forEach(function (email) {
      var link = el("a", email, { href: "mailto:" + email, dir: "ltr" });
      list.appendChild(sentence("li", "email", { address: link }));
    });
    var save = el("li");
    save.appendChild(el("a", text("save_vcard"), { href: root + contact.vcard, download: "" }));
    list.appendChild(save);
    return list;
  }

  // The list's date in the page's language; the German text of the list where it has no date.
  function asOf(data) {
    if (!data.as_of) return data.as_of_text;
    var p = data.as_of.split("-");
    return dateFormat({ day: "numeric", month: "long", year: "numeric" }).format(utcDate(+p[0], +p[1], +p[2]));
  }

  function render(answer, data, root) {
    var box = document.getElementById("ziq-answer");
    box.textContent = "";
    box.setAttribute("data-state", answer.state);
    box.removeAttribute("data-team");
    var head = el("p", "", { "class": "ziq-answer__title" });
    var body = [];
    if (answer.state === "found") {
      box.setAttribute("data-team", answer.team.id);
      head.appendChild(sentence("strong", "responsible", { team: answer.team.name }));
      var why = answer.rule === "ganze Straße" ? "whole_street" : answer.exception ? "rule_exception" : "rule";
      body.push(sentence("p", why, { street: answer.street, number: answer.number, rule: answer.rule }));
      if (answer.team.contact) body.push(contactList(answer.team.contact, root));
      var more = el("p");
      more.appendChild(sentence("a", "more_about", { team: answer.team.name }, { href: "#team-" + answer.team.id }));
      body.push(more);
    } else if (answer.state === "need-number") {
      head.appendChild(answer.invalid ? sentence("strong", "not_a_number", { number: answer.invalid })
        : sentence("strong", "split_street", { street: answer.street }));
      var ranges = el("ul");
      answer.ranges.forEach(function (r) {
        ranges.appendChild(el("li", r[5] + ": " + data.teams[r[3]].name));
      });
      body.push(ranges);
    } else {
      head.appendChild(answer.state === "unknown" ? sentence("strong", "unknown_street", { street: answer.query })
        : sentence("strong", "no_team", { street: answer.street, number: answer.number }));
      body.push(el("p", text("ask_central")));
      if (data.central) {
        body.push(el("p", data.central.title));
        body.push(contactList(data.central, root));
      }
    }
    var mark = badge(answer.state === "found" ? answer.team.status : data.status);
    if (mark) { head.appendChild(document.createTextNode(" ")); head.appendChild(mark); }
    body.unshift(head);
    body.push(sentence("p", data.source ? "as_of_source" : "as_of", { date: asOf(data), source: data.source },
                       { "class": "ziq-source" }));
    body.forEach(function (node) { box.appendChild(node); });
  }

  // The street list is one file for every language, with its words in German; a translated
  // page hands over its own (teams, the central contact, the source) on the form, and the
  // ranges are worded from their house numbers (macros/render/asd.py, rule_text).
  function withPageTexts(data, form) {
    var own = form.getAttribute("data-texts");
    if (!own) return data;
    var texts = JSON.parse(own);
    Object.keys(texts).forEach(function (key) { data[key] = texts[key]; });
    data.streets.forEach(function (entry) {
      if (typeof entry[1] === "number") return;
      entry[1].forEach(function (range) { range[5] = ruleText(range[6], range[2]); });
    });
    return data;
  }

  function ruleText(numbers, parity) {
    var words = numbers[1] === null ? text("rule_from", { start: numbers[0] })
                                    : text("rule_range", { start: numbers[0], end: numbers[1] });
    if (parity === "odd") return text("rule_odd", { range: words });
    if (parity === "even") return text("rule_even", { range: words });
    return words;
  }

  function initLookup() {
    var form = document.getElementById("ziq-lookup");
    if (!form) return;
    var street = document.getElementById("ziq-street");
    var number = document.getElementById("ziq-number");
    var list = document.getElementById("ziq-street-list");
    var root = form.getAttribute("data-root");
    var data = null, loading = null, active = -1, options = [];

    function load() {
      if (!loading) {
        loading = fetch(form.getAttribute("data-src"), { credentials: "same-origin" })
          .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
          .then(function (d) { data = withPageTexts(d, form); return data; });
      }
      return loading;
    }

    function close() {
      list.hidden = true;
      list.textContent = "";
      street.setAttribute("aria-expanded", "false");
      street.removeAttribute("aria-activedescendant");
      active = -1;
      options = [];
    }

    function highlight(i) {
      options.forEach(function (node, j) { node.setAttribute("aria-selected", j === i ? "true" : "false"); });
      active = i;
      if (i >= 0) street.setAttribute("aria-activedescendant", options[i].id);
      else street.removeAttribute("aria-activedescendant");
    }

    function choose(name) {
      street.value = name;
      close();
      var answer = lookup(data, name, number.value);
      render(answer, data, root);
      if (answer.state === "need-number") number.focus();
    }

    function update(final) {
      var answer = lookup(data, street.value, number.value);
      if (final || answer.state !== "unknown") return render(answer, data, root);
      var box = document.getElementById("ziq-answer");  // typing on: drop an answer that no longer fits
      box.textContent = "";
      box.removeAttribute("data-state");
      box.removeAttribute("data-team");
    }

    function showSuggestions() {
      close();
      var names = suggest(data, street.value);
      var exact = names.length === 1 && lookup(data, street.value, "").street === names[0];
      if (!names.length || exact) return;
      names.forEach(function (name, i) {
        var option = el("li", name, { role: "option", id: "ziq-opt-" + i, "aria-selected": "false" });
        option.addEventListener("mousedown", function (event) { event.preventDefault(); choose(name); });
        list.appendChild(option);
        options.push(option);
      });
      list.hidden = false;
      street.setAttribute("aria-expanded", "true");
    }

    street.addEventListener("focus", load);
    street.addEventListener("input", function () {
      load().then(function () { showSuggestions(); update(false); });
    });
    number.addEventListener("input", function () {
      load().then(function () { if (street.value.trim()) update(false); });
    });
    street.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown" && options.length) {
        event.preventDefault(); highlight((active + 1) % options.length);
      } else if (event.key === "ArrowUp" && options.length) {
        event.preventDefault(); highlight(active <= 0 ? options.length - 1 : active - 1);
      } else if (event.key === "Enter" && active >= 0) {
        event.preventDefault(); choose(options[active].textContent);
      } else if (event.key === "Escape") {
        close();
      }
    });
    street.addEventListener("blur", function () { setTimeout(close, 150); });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      close();
      if (!street.value.trim()) {
        var box = document.getElementById("ziq-answer");
        box.setAttribute("data-state", "empty");
        box.textContent = text("enter_street");
        street.focus();
        return;
      }
      load().then(function () { update(true); });
    });

    form.hidden = false;
    // The form works now: the page's hint that the search needs JavaScript would be wrong.
    Array.prototype.forEach.call(document.querySelectorAll(".ziq-nojs"), function (hint) { hint.hidden = true; });
    var params = new URLSearchParams(window.location.search);
    if (params.get("strasse")) {
      street.value = params.get("strasse");
      number.value = params.get("nr") || "";
      load().then(function () { update(true); });
    }
  }

  // --- search: the count and "Weitere Treffer anzeigen" --------------------------------
  // docs/assets/search-worker.js answers with ten pages at a time. When more match, the first
  // title carries the counts and the last entry links to ?weitere-treffer=<token>; a click on it
  // asks the worker for the next ten instead of leaving the page. The worker has no page to
  // read the texts from: it marks its own (data-ziq-text), and they are put into the page's
  // language here.

  var MORE = "weitere-treffer";

  function initSearchMore() {
    var list = document.querySelector(".md-search-result__list");
    var meta = document.querySelector(".md-search-result__meta");
    if (!list || !meta || typeof BroadcastChannel === "undefined") return;
    var channel = new BroadcastChannel("ziq-search");
    var focusAt = null;  // after "more": the place of the first new result

    document.addEventListener("click", function (event) {
      var link = event.target.closest && event.target.closest(".md-search-result__link");
      var token = link && new URL(link.href).searchParams.get(MORE);
      if (!token) return;
      event.preventDefault();
      event.stopPropagation();  // the theme would close the search and follow the link
      if (link.getAttribute("aria-busy")) return;  // asked already
      var item = link.closest(".md-search-result__item");
      focusAt = Array.prototype.indexOf.call(list.children, item);
      link.setAttribute("aria-busy", "true");
      channel.postMessage({ more: token });
    }, true);
    document.addEventListener("input", function (event) {
      if (event.target.matches && event.target.matches(".md-search__input")) focusAt = null;
    }, true);

    new MutationObserver(function () {
      var counts = list.querySelector("[data-ziq-total]");
      if (counts) {
        var said = text("search_count", { shown: counts.getAttribute("data-ziq-shown"),
                                          total: counts.getAttribute("data-ziq-total") });
        if (meta.textContent !== said) meta.textContent = said;
      }
      Array.prototype.forEach.call(list.querySelectorAll("[data-ziq-text]"), function (node) {
        var own = text(node.getAttribute("data-ziq-text"), { count: node.getAttribute("data-ziq-count") });
        if (node.textContent !== own) node.textContent = own;
      });
      if (focusAt === null || (list.children[focusAt] && list.children[focusAt].querySelector("[aria-busy]"))) return;
      var next = list.children[focusAt];
      if (!next) {
        // The theme draws results after the tenth only once the list is scrolled to its end.
        var scroller = list.closest(".md-search__scrollwrap");
        if (scroller) scroller.scrollTop = scroller.scrollHeight;
        return;
      }
      focusAt = null;
      var target = next.querySelector(".md-search-result__link");
      if (target) target.focus();
    }).observe(list, { childList: true });
  }

  window.ZIQ = { normaliseStreet: normaliseStreet, parseHouseNumber: parseHouseNumber, lookup: lookup,
                 suggest: suggest, holidaysNRW: holidaysNRW, openingStatus: openingStatus,
                 showOpeningHours: showOpeningHours };

  showOpeningHours();
  initLookup();
  initSearchMore();
})();
