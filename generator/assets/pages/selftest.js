/* mi-course self-test page (progress/self-test): loads only there. Two forms; one submission each.
 * Kept in storage as MI.ns + "selftest" -> {v: 1, A: {score, total, answers: {id: option index}, at}, B: {...}}
 * (B only after A). The progress file carries the same object as "selftest"; the class report reads it. */
(function (w, d) {
  function main() {
    var MI = w.MI, root = d.querySelector(".mi-st[data-page=selftest]");
    if (!MI || !root || root.getAttribute("data-ready")) return;  // instant navigation runs the page's scripts again
    root.setAttribute("data-ready", "1");
    var S = JSON.parse(root.getAttribute("data-s")), st = MI.store, status = root.querySelector(".mi-st__status");

    function forms() { return Array.prototype.slice.call(root.querySelectorAll(".mi-st__form")); }
    function items(f) { return Array.prototype.slice.call(f.querySelectorAll(".mi-st__item")); }
    function chosen(item) { var c = item.querySelector("input:checked"); return c ? Number(c.value) : -1; }
    function say(text) { status.textContent = text; }
    function load() {
      var x = st.get("selftest");
      return x && typeof x == "object" && x.v === 1 ? x : {v: 1};
    }
    function sign(n) { return n > 0 ? "+" + n : String(n); }

    function show() {
      var x = load(), a = x.A, b = x.B;
      forms().forEach(function (f) {
        var form = f.getAttribute("data-form");
        f.hidden = !(form == "A" ? !a : a && !b);
        if (x[form]) {
          items(f).forEach(function (item) {  // the learner's own answers, kept on the page after a reload
            var mine = x[form].answers[item.getAttribute("data-st")], input = item.querySelector("input[value='" + mine + "']");
            if (input) input.checked = true;
          });
        }
      });
      if (a && b) {
        say(MI.fmt(S.st_done_B, {a: a.score, ta: a.total, b: b.score, tb: b.total, change: sign(b.score - a.score)}));
        forms().forEach(function (f) {
          f.hidden = false;
          items(f).forEach(function (item) {
            var box = item.querySelector(".mi-st__answer"), mine = chosen(item), opt = box.querySelector("[data-opt='" + mine + "']");
            item.querySelectorAll("input").forEach(function (i) { i.disabled = true; });
            box.querySelector(".mi-st__mine").textContent = MI.fmt(S.st_mine, {answer: opt ? opt.querySelector(".mi-st__opt").textContent : "-"});
            box.hidden = false;
          });
          f.querySelector("[type=submit]").hidden = true;
        });
      } else if (a) {
        say(MI.fmt(S.st_done_A, {n: a.score, total: a.total}));
      } else {
        say("");
      }
      root.querySelector("[data-st=reset]").hidden = !a;
    }

    root.addEventListener("submit", function (e) {
      var f = e.target, form = f.getAttribute("data-form"), x = load(), open = 0, score = 0, answers = {};
      e.preventDefault();
      items(f).forEach(function (item) {
        var mine = chosen(item);
        if (mine < 0) open++;
        if (mine == Number(item.getAttribute("data-right"))) score++;
        answers[item.getAttribute("data-st")] = mine;
      });
      if (open) return say(MI.fmt(S.st_unanswered, {n: open}));
      x[form] = {score: score, total: items(f).length, answers: answers, at: new Date().toISOString()};
      st.set("selftest", x);
      show();
      status.focus();
    });
    root.querySelector("[data-st=reset]").addEventListener("click", function () {
      st.del("selftest");
      forms().forEach(function (f) {
        f.reset();
        f.querySelectorAll("input").forEach(function (i) { i.disabled = false; });
        f.querySelectorAll(".mi-st__answer").forEach(function (b) { b.hidden = true; });
        f.querySelector("[type=submit]").hidden = false;
      });
      show();
    });
    status.tabIndex = -1;
    root.querySelector("[data-lp-js]").hidden = false;
    root.querySelector(".mi-lp__nojs").hidden = true;
    show();
  }
  // On a first load this script runs before the engine's (which defines MI); after an instant navigation, after it.
  if (d.readyState == "loading") d.addEventListener("DOMContentLoaded", main);
  else main();
})(window, document);
