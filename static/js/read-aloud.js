/*
 * 朗读: reads the page's main text (the elements marked data-read-aloud-text, in page order) aloud with the
 * browser's own speech synthesis; nothing is sent anywhere. One button starts, pauses and resumes (its label
 * says what it will do), another stops; the paragraph being read is highlighted. The controls (templates/
 * includes/page_tools.html, which carries their words) stay hidden where the browser has no speechSynthesis.
 */
(function () {
  "use strict";

  var BLOCKS = "h1, h2, h3, h4, h5, h6, p, li, dt, dd, th, td, figcaption, blockquote";
  var SKIP = "[data-read-aloud-skip], .visually-hidden, [hidden], [aria-hidden='true'], script, style";
  var MAX_CHUNK = 150; // long utterances are cut short by some engines: a paragraph is read sentence by sentence

  function textOf(element) {
    var copy = element.cloneNode(true);
    Array.prototype.forEach.call(copy.querySelectorAll(SKIP), function (skipped) {
      skipped.remove();
    });
    return copy.textContent.replace(/\s+/g, " ").trim();
  }

  function sentences(text) {
    if (text.length <= MAX_CHUNK) return [text];
    return text.match(/[^。！？；!?;]+[。！？；!?;]*/g) || [text];
  }

  /* The text to read, as [{element, text}], each block once (the outermost block holds nested ones). */
  function collect() {
    var chunks = [];
    Array.prototype.forEach.call(document.querySelectorAll("[data-read-aloud-text]"), function (region) {
      var blocks = region.matches(BLOCKS) ? [region] : region.querySelectorAll(BLOCKS);
      Array.prototype.forEach.call(blocks, function (block) {
        var outer = block.parentElement && block.parentElement.closest(BLOCKS);
        if (block !== region && outer && region.contains(outer)) return;
        if (block.closest(SKIP)) return;
        sentences(textOf(block)).forEach(function (text) {
          if (text) chunks.push({ element: block, text: text });
        });
      });
    });
    return chunks;
  }

  function chineseVoice() {
    var voices = window.speechSynthesis.getVoices() || [];
    var best = null;
    voices.forEach(function (voice) {
      var lang = (voice.lang || "").replace("_", "-").toLowerCase();
      if (lang === "zh-cn" && (!best || best.lang.replace("_", "-").toLowerCase() !== "zh-cn")) best = voice;
      else if (!best && lang.indexOf("zh") === 0) best = voice;
    });
    return best;
  }

  function setUp(controls) {
    var speech = window.speechSynthesis;
    var toggle = controls.querySelector("[data-read-aloud-toggle]");
    var stop = controls.querySelector("[data-read-aloud-stop]");
    var status = controls.querySelector("[data-read-aloud-status]");
    var label = controls.dataset;
    var state = "idle";
    var session = 0;
    var chunks = [];
    var index = 0;
    var current = null;

    function highlight(element) {
      if (current) current.classList.remove("read-aloud-current");
      current = element;
      if (current) {
        current.classList.add("read-aloud-current");
        current.scrollIntoView({ block: "nearest" });
      }
    }

    function setState(next, message) {
      state = next;
      toggle.textContent = next === "speaking" ? label.labelPause : next === "paused" ? label.labelResume : label.labelStart;
      stop.hidden = next === "idle";
      controls.classList.toggle("read-aloud--active", next !== "idle");
      if (message !== undefined) status.textContent = message;
    }

    function finish(message) {
      session += 1;
      highlight(null);
      setState("idle", message);
    }

    function speakNext(mine) {
      if (mine !== session) return;
      if (index >= chunks.length) {
        finish(label.statusDone);
        return;
      }
      var chunk = chunks[index];
      var utterance = new window.SpeechSynthesisUtterance(chunk.text);
      var voice = chineseVoice();
      utterance.lang = voice ? voice.lang : "zh-CN";
      if (voice) utterance.voice = voice;
      utterance.rate = 0.9;
      utterance.onstart = function () {
        if (mine === session) highlight(chunk.element);
      };
      utterance.onend = function () {
        if (mine !== session) return;
        index += 1;
        speakNext(mine);
      };
      utterance.onerror = function (event) {
        // Stopping or leaving the page interrupts the utterance: not a failure to report.
        if (mine !== session || event.error === "interrupted" || event.error === "canceled") return;
        speech.cancel();
        finish(label.statusFailed);
      };
      speech.speak(utterance);
    }

    function start() {
      chunks = collect();
      if (!chunks.length) {
        status.textContent = label.statusEmpty;
        return;
      }
      speech.cancel(); // anything left queued from another page or tab
      if (speech.paused) speech.resume(); // Chromium keeps a paused engine paused for what is queued next
      session += 1;
      index = 0;
      setState("speaking", label.statusSpeaking);
      speakNext(session);
    }

    toggle.addEventListener("click", function () {
      if (state === "idle") {
        start();
      } else if (state === "speaking") {
        speech.pause();
        setState("paused", label.statusPaused);
      } else {
        speech.resume();
        setState("speaking", label.statusSpeaking);
      }
    });
    stop.addEventListener("click", function () {
      speech.cancel();
      finish(label.statusStopped);
      toggle.focus(); // the stop button has just been hidden
    });
    window.addEventListener("pagehide", function () {
      if (state !== "idle") speech.cancel();
    });
    controls.hidden = false;
  }

  function init() {
    if (!("speechSynthesis" in window) || !window.speechSynthesis || typeof window.SpeechSynthesisUtterance !== "function") return;
    Array.prototype.forEach.call(document.querySelectorAll("[data-read-aloud]"), setUp);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
