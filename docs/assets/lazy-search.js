/* Load the search index when the visitor first uses the search, not with every page.
 *
 * Material requests search/search_index.json (XMLHttpRequest) as soon as a page loads; on a
 * large site that is most of what a phone downloads. This file runs before Material's
 * bundle (it is in <head>) and holds that one request back until the search field gets
 * focus: by click, tap, Tab or the "/" shortcut. Nothing else is changed.
 */
(function () {
  "use strict";
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  var waiting = [];
  var released = false;

  XMLHttpRequest.prototype.open = function (method, url) {
    this.ziqSearchIndex = /\/search\/search_index\.json$/.test(String(url).split(/[?#]/)[0]);
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    if (this.ziqSearchIndex && !released) {
      var request = this, args = arguments;
      waiting.push(function () { send.apply(request, args); });
      return undefined;
    }
    return send.apply(this, arguments);
  };

  function release() {
    if (released) return;
    released = true;
    waiting.splice(0).forEach(function (start) { start(); });
  }

  document.addEventListener("focusin", function (event) {
    var target = event.target;
    if (target && target.matches && target.matches("[data-md-component='search-query']")) release();
  }, true);
})();
