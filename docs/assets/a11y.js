// Material opens the menu and the search with <label for="__drawer|__search"> in the header.
// A keyboard cannot reach a label, and a label may not take the role of a button: put a real
// <button> with a name and a state in its place (the label stays where there is no script).
// Opening the menu moves the focus into it and Escape closes it again; opening the search
// moves the cursor into its field.
(function () {
  "use strict";
  // The buttons' names in the page's language (macros/render/script_texts.py), German without.
  var names = { "__drawer": "Navigation", "__search": "Suche" };
  var texts = document.getElementById("ziq-texts");
  try {
    var own = texts ? JSON.parse(texts.textContent) : {};
    if (typeof own.menu_button === "string") names.__drawer = own.menu_button;
    if (typeof own.search_button === "string") names.__search = own.search_button;
  } catch (error) { /* the German names stay */ }

  function replace(label) {
    var input = document.getElementById(label.htmlFor);
    if (!input) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = label.className;
    button.setAttribute("data-ziq-for", label.htmlFor);
    button.setAttribute("aria-label", names[label.htmlFor]);
    button.setAttribute("aria-controls", label.htmlFor === "__drawer" ? "__ziq-drawer" : "__ziq-search");
    while (label.firstChild) button.appendChild(label.firstChild);
    var sync = function () { button.setAttribute("aria-expanded", String(input.checked)); };
    sync();
    input.addEventListener("change", sync);
    button.addEventListener("click", function () {
      input.click();
      // Into the opened menu, so that the next Tab does not land behind it.
      if (label.htmlFor === "__drawer" && input.checked && drawerPanel) {
        var first = Array.prototype.find.call(drawerPanel.querySelectorAll("a[href]"),
          function (link) { return link.getClientRects().length > 0; });
        if (first) first.focus();
      }
    });
    label.replaceWith(button);
  }

  var drawerPanel = document.querySelector(".md-sidebar--primary");
  if (drawerPanel) drawerPanel.id = "__ziq-drawer";
  var searchPanel = document.querySelector(".md-search");
  if (searchPanel) searchPanel.id = "__ziq-search";
  document.querySelectorAll('.md-header label.md-header__button[for="__drawer"], ' +
                            '.md-header label.md-header__button[for="__search"]').forEach(replace);

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
    var button = document.querySelector('[data-ziq-for="__drawer"]');
    if (button) button.focus();
  });
})();
