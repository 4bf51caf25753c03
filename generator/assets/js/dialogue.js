/* mi-course dialogues: the annotations switch (remembered) and the side-by-side switch of paired dialogues.
   Without this script the annotations are shown and pairs sit side by side on wide screens. */
(function () {
  "use strict";
  var MI = (window.MI = window.MI || {});

  function key(name) { return (MI.ns || "mi:") + "pref:" + name; }
  function pref(name) { try { return window.localStorage.getItem(key(name)); } catch (e) { return null; } }
  function setPref(name, value) { try { window.localStorage.setItem(key(name), value); } catch (e) { /* storage blocked */ } }

  function apply() {
    var on = pref("annotations") !== "off";
    var side = pref("layout") !== "stacked";
    document.querySelectorAll(".mi-dialogue").forEach(function (d) { d.setAttribute("data-annotations", on ? "on" : "off"); });
    document.querySelectorAll('[data-dlg="annotations"]').forEach(function (b) {
      b.setAttribute("aria-pressed", String(on));
      b.textContent = b.getAttribute(on ? "data-on" : "data-off") || b.textContent;  // the label tells what a press does
    });
    document.querySelectorAll(".mi-compare").forEach(function (c) { c.setAttribute("data-layout", side ? "side" : "stacked"); });
    document.querySelectorAll('[data-dlg="layout"]').forEach(function (b) { b.setAttribute("aria-pressed", String(side)); });
  }

  function init() {
    document.querySelectorAll(".mi-dlg__bar[hidden], .mi-compare__bar[hidden]").forEach(function (b) { b.hidden = false; });
    apply();
  }

  if (!MI._dialogueBound) {
    MI._dialogueBound = true;
    document.addEventListener("click", function (e) {
      var b = e.target.closest ? e.target.closest("[data-dlg]") : null;
      if (!b) return;
      var pressed = b.getAttribute("aria-pressed") === "true";
      if (b.getAttribute("data-dlg") === "annotations") setPref("annotations", pressed ? "off" : "on");
      else if (b.getAttribute("data-dlg") === "layout") setPref("layout", pressed ? "stacked" : "side");
      apply();
    });
    window.addEventListener("storage", function (e) { if (e.key && e.key.indexOf(key("")) === 0) apply(); });
    if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(init);
    else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
    else init();
  }
})();
