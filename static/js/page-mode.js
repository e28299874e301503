/*
 * Runs in <head>, before the page is drawn (loaded synchronously, not deferred): marks that scripts run (the
 * menu button and the 长者模式 switch replace their no-script fallbacks) and applies 长者模式 when this device
 * chose it, so the page is never drawn first in the standard size. The choice lives in this browser only: the
 * HTML is the same for every visitor, as the full-page cache requires.
 */
(function () {
  "use strict";

  var root = document.documentElement;
  root.classList.add("js");
  try {
    if (window.localStorage.getItem("zhengce.senior-mode") === "on") root.classList.add("senior-mode");
  } catch (error) {
    // Storage refused (private browsing, disabled cookies): the standard mode, the switch still works per page.
  }
})();
