/*
 * The header's two buttons.
 * 菜单: on a phone the navigation is folded behind it (aria-expanded says whether it is open; Escape closes it
 * and gives the focus back to the button). Without scripts the button is not shown and a link to #site-nav
 * opens the navigation through :target instead (site.css).
 * 长者模式: large type, high contrast, a simpler layout (site.css, html.senior-mode). The choice is remembered in
 * this browser's localStorage and applied before paint by page-mode.js; nothing of it reaches the server.
 */
(function () {
  "use strict";

  var KEY = "zhengce.senior-mode";
  var root = document.documentElement;

  function setUpMenu(button) {
    var nav = document.getElementById(button.getAttribute("aria-controls"));
    if (!nav) return;

    function setOpen(open) {
      button.setAttribute("aria-expanded", open ? "true" : "false");
      nav.classList.toggle("site-nav--open", open);
    }

    button.addEventListener("click", function () {
      setOpen(button.getAttribute("aria-expanded") !== "true");
    });
    [button, nav].forEach(function (element) {
      element.addEventListener("keydown", function (event) {
        if ((event.key === "Escape" || event.key === "Esc") && button.getAttribute("aria-expanded") === "true") {
          setOpen(false);
          button.focus();
        }
      });
    });
  }

  function setUpSeniorMode(switches) {
    function apply(on) {
      root.classList.toggle("senior-mode", on);
      Array.prototype.forEach.call(switches, function (button) {
        button.setAttribute("aria-pressed", on ? "true" : "false");
      });
    }

    function remember(on) {
      try {
        if (on) window.localStorage.setItem(KEY, "on");
        else window.localStorage.removeItem(KEY);
      } catch (error) {
        // Not remembered where storage is refused; this page still switches.
      }
    }

    apply(root.classList.contains("senior-mode"));
    Array.prototype.forEach.call(switches, function (button) {
      button.addEventListener("click", function () {
        var on = button.getAttribute("aria-pressed") !== "true";
        apply(on);
        remember(on);
      });
    });
    // Switched in another tab of this browser: follow it here too.
    window.addEventListener("storage", function (event) {
      if (event.key === KEY) apply(event.newValue === "on");
    });
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-menu-button]"), setUpMenu);
    setUpSeniorMode(document.querySelectorAll("[data-senior-mode-switch]"));
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
