/*
 * Title suggestions for every search box (input[type=search][name=q]): the ARIA 1.2 combobox pattern with a
 * listbox popup. Up/Down choose a title, Enter opens it, Escape closes the list; with no title chosen, Enter
 * submits the search as usual. Titles are inserted as text only.
 */
(function () {
  "use strict";

  var ENDPOINT = "/api/search/suggest/";
  var DELAY = 150;
  var MAX_LENGTH = 30;
  var counter = 0;

  function safeUrl(value) {
    try {
      var url = new URL(value, window.location.href);
      var allowed = ["http:", "https:", window.location.protocol];
      return allowed.indexOf(url.protocol) >= 0 && url.protocol !== "javascript:" ? url.href : null;
    } catch (error) {
      return null;
    }
  }

  function setUp(input) {
    var id = "search-suggest-" + ++counter;
    var host = input.form || input.parentNode;
    var list = document.createElement("ul");
    var status = document.createElement("span");
    var items = [];
    var active = -1;
    var timer = null;
    var controller = null;

    list.id = id;
    list.className = "search-suggest";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", "标题建议");
    list.hidden = true;
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    host.classList.add("search-suggest-host");
    host.appendChild(list);
    host.appendChild(status);

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", id);
    input.setAttribute("autocomplete", "off");

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function choose(index) {
      var options = list.children;
      if (active >= 0 && options[active]) options[active].setAttribute("aria-selected", "false");
      active = index;
      if (active >= 0 && options[active]) {
        options[active].setAttribute("aria-selected", "true");
        input.setAttribute("aria-activedescendant", options[active].id);
        options[active].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function open(index) {
      var url = items[index] && safeUrl(items[index].url);
      if (url) window.location.assign(url);
    }

    function show(results) {
      items = results.filter(function (item) {
        return item && typeof item.title === "string" && safeUrl(item.url);
      });
      list.textContent = "";
      active = -1;
      input.removeAttribute("aria-activedescendant");
      items.forEach(function (item, index) {
        var option = document.createElement("li");
        option.id = id + "-" + index;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.textContent = item.title;
        // Keep the focus in the box, so that the click lands on the option rather than closing the list.
        option.addEventListener("mousedown", function (event) {
          event.preventDefault();
        });
        option.addEventListener("click", function () {
          open(index);
        });
        list.appendChild(option);
      });
      if (items.length) {
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
        status.textContent = items.length + " 条标题建议，可用上下方向键选择，回车键打开";
      } else {
        close();
        status.textContent = "";
      }
    }

    function fetchSuggestions() {
      var query = input.value.trim().slice(0, MAX_LENGTH);
      if (!query) {
        if (controller) controller.abort();
        show([]);
        return;
      }
      // A slower answer to an earlier prefix must not replace the list for what is typed now.
      if (controller) controller.abort();
      controller = typeof AbortController === "function" ? new AbortController() : null;
      fetch(ENDPOINT + "?q=" + encodeURIComponent(query), {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
        signal: controller ? controller.signal : undefined,
      })
        .then(function (response) {
          if (!response.ok) throw new Error(response.status);
          return response.json();
        })
        .then(function (data) {
          if (document.activeElement === input) show((data && data.results) || []);
        })
        .catch(function () {
          // Suggestions are a convenience: when they fail the search box simply works without them.
        });
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(fetchSuggestions, DELAY);
    });

    input.addEventListener("keydown", function (event) {
      var count = list.children.length;
      if (event.key === "ArrowDown" || event.key === "Down") {
        if (!count) return;
        event.preventDefault();
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
        choose(active + 1 < count ? active + 1 : 0);
      } else if (event.key === "ArrowUp" || event.key === "Up") {
        if (!count) return;
        event.preventDefault();
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
        choose(active > 0 ? active - 1 : count - 1);
      } else if (event.key === "Enter") {
        if (!list.hidden && active >= 0) {
          event.preventDefault();
          open(active);
        }
      } else if (event.key === "Escape" || event.key === "Esc") {
        if (!list.hidden) {
          // Only close the list: the browser's own Escape (clearing the box) waits for a second press.
          event.preventDefault();
          close();
        }
      }
    });

    input.addEventListener("blur", function () {
      close();
    });
  }

  function init() {
    var inputs = document.querySelectorAll('input[type="search"][name="q"]');
    if (!inputs.length || !window.fetch) return;
    Array.prototype.forEach.call(inputs, setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
