// Material opens the menu and the search with <label for="__drawer|__search"> in the header.
// A keyboard cannot reach a label and a screen reader does not announce it as a button:
// make them focusable buttons with a name and a state, and let Escape close the menu.
(function () {
  "use strict";
  var names = { __drawer: "Navigation", __search: "Suche" };

  function wire(label) {
    var input = document.getElementById(label.htmlFor);
    if (!input || label.dataset.ziqButton) return;
    label.dataset.ziqButton = "1";
    label.setAttribute("role", "button");
    label.setAttribute("tabindex", "0");
    label.setAttribute("aria-label", names[label.htmlFor]);
    var sync = function () { label.setAttribute("aria-expanded", String(input.checked)); };
    sync();
    input.addEventListener("change", sync);
    label.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " ") {
        // Material's own handler clicks a focused label on Enter too: one toggle only.
        event.preventDefault();
        event.stopPropagation();
        input.click();
      }
    });
  }

  var selector = ".md-header__button[for=\"__drawer\"], .md-header__button[for=\"__search\"]";
  document.querySelectorAll(selector).forEach(wire);

  // Opening the search must put the cursor into its field, or a keyboard user is left
  // on a button behind the search layer.
  var search = document.getElementById("__search");
  var query = document.querySelector(".md-search__input");
  if (search && query) {
    search.addEventListener("change", function () {
      if (search.checked && document.activeElement !== query) query.focus();
    });
  }

  var drawer = document.getElementById("__drawer");
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" || !drawer || !drawer.checked) return;
    drawer.click();
    var button = document.querySelector('.md-header label[for="__drawer"]');
    if (button) button.focus();
  });
})();
