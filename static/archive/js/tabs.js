/*
 * Text tabs on the document page: progressive enhancement of server-rendered links.
 *
 * Without this script every tab is a plain link to "?text=<language>-<kind>" and the server renders
 * that text. With it, the links become ARIA tabs (WAI-ARIA Authoring Practices, "Tabs with Automatic
 * Activation"): arrow keys, Home and End move between them, the panel switches in place and the
 * address bar follows, so the URL still names the text being read. A link to a note inside a hidden
 * panel ("#note-ru-original-3") opens that panel first.
 */
(function () {
  "use strict";

  function setUp(container) {
    var list = container.querySelector("ul");
    var tabs = Array.prototype.slice.call(container.querySelectorAll("a[data-panel]"));
    var panels = tabs.map(function (tab) { return document.getElementById(tab.getAttribute("data-panel")); });
    if (!list || tabs.length < 2 || panels.indexOf(null) !== -1) {
      return null;
    }
    list.setAttribute("role", "tablist");
    list.setAttribute("aria-label", container.getAttribute("aria-label") || "");
    tabs.forEach(function (tab, index) {
      tab.parentNode.setAttribute("role", "presentation");
      tab.setAttribute("role", "tab");
      tab.setAttribute("aria-controls", panels[index].id);
      panels[index].setAttribute("role", "tabpanel");
      panels[index].setAttribute("tabindex", "0");
    });

    function select(index, moveFocus) {
      tabs.forEach(function (tab, position) {
        var chosen = position === index;
        tab.setAttribute("aria-selected", chosen ? "true" : "false");
        tab.setAttribute("tabindex", chosen ? "0" : "-1");
        if (chosen) {
          tab.setAttribute("aria-current", "page");
        } else {
          tab.removeAttribute("aria-current");
        }
        panels[position].hidden = !chosen;
      });
      if (moveFocus) {
        tabs[index].focus();
      }
    }

    function open(index, moveFocus) {
      select(index, moveFocus);
      if (window.history && window.history.replaceState) {
        window.history.replaceState(null, "", tabs[index].href);
      }
    }

    var initial = tabs.findIndex(function (tab) { return tab.getAttribute("aria-current") === "page"; });
    select(initial === -1 ? 0 : initial, false);

    tabs.forEach(function (tab, index) {
      tab.addEventListener("click", function (event) {
        if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) {
          return; // opening the text in a new tab or window stays a plain link
        }
        event.preventDefault();
        open(index, true);
      });
      tab.addEventListener("keydown", function (event) {
        var last = tabs.length - 1;
        var target = {
          ArrowRight: index === last ? 0 : index + 1,
          ArrowLeft: index === 0 ? last : index - 1,
          Home: 0,
          End: last
        }[event.key];
        if (target !== undefined) {
          event.preventDefault();
          open(target, true);
        }
      });
    });

    return function revealTarget() {
      var id = decodeURIComponent(window.location.hash.slice(1));
      var target = id && document.getElementById(id);
      if (!target) {
        return;
      }
      var index = panels.findIndex(function (panel) { return panel.contains(target); });
      if (index !== -1 && panels[index].hidden) {
        select(index, false);
        target.scrollIntoView();
      }
    };
  }

  var revealers = Array.prototype.slice.call(document.querySelectorAll("[data-tabs]"))
    .map(setUp)
    .filter(Boolean);
  function revealAll() { revealers.forEach(function (reveal) { reveal(); }); }
  window.addEventListener("hashchange", revealAll);
  revealAll();
})();
