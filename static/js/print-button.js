/*
 * 打印本页: every button[data-print] prints the page. A listener here rather than an onclick attribute, because
 * the site's Content-Security-Policy runs no inline script.
 */
(function () {
  "use strict";

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-print]");
    if (button) window.print();
  });
})();
