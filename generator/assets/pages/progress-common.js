/* mi-course progress pages, the part they share: dashboard.js, mistakes.js, spaced-review.js, practice-sets.js and
 * certificate.js each load this file, their own, the manifest (window.MI_MANIFEST, generator/manifest.py) and the
 * stylesheet learner.css, and only on their page (generator/learner.py writes the tags).
 * A page file registers itself as window.MI_PAGES[<data-page>] = function (P) {...} and calls window.MI_PROGRESS();
 * this file calls it too: whichever comes last starts the page, once, with P (below). On a first load these run
 * before the engine bundle (at the end of the page), so the start waits for DOMContentLoaded; after an instant
 * navigation Material re-inserts the scripts, which may run in any order.
 *
 * They use only the engine's public API (the top of generator/assets/js/core.js): MI.record reads a record,
 * MI.bootIn starts a copy, MI.rand draws, the "mi:save" event says when the learner checked. What is stored, and
 * the progress file, is described in docs/progress-record.md; these pages write lb:<id> (spaced review) and learner.
 */
(function (w, d) {
  var IV = [1, 3, 7, 14, 30];

  /* The helpers one page run shares with its page file. */
  function context(MI, M, lp) {
    var P = {MI: MI, M: M, S: M.s, lp: lp, el: MI.el, lang: M.lang || d.documentElement.lang || "en", R: {}, byId: {}},
      st = MI.store, el = MI.el, src = d.querySelector("script[src*='mi-manifest.']"), rules;
    P.st = st;
    P.root = src ? src.src.replace(/assets\/mi-manifest\.[^\/]*$/, "") : "";
    P.mods = M.modules;
    P.X = M.ex.map(function (r, i) {
      var e = {i: i, id: r[0], kind: r[1], label: r[2], aud: r[4], mod: r[5], key: r[6],
        topics: r[3].map(function (t) { return M.topics[t].id; }), scored: M.unscored.indexOf(r[1]) < 0};
      P.byId[e.id] = e;
      return e;
    });

    P.$ = function (sel) { return lp.querySelector(sel); };
    function pad(n) { return (n < 10 ? "0" : "") + n; }
    P.day = function (t) {
      var x = t == null ? new Date() : new Date(t);
      return x.getFullYear() + "-" + pad(x.getMonth() + 1) + "-" + pad(x.getDate());
    };
    P.addDays = function (t, n) { var x = new Date(t); x.setDate(x.getDate() + n); return P.day(x); };
    P.date = function (t) {
      var x = /^\d{4}-\d\d-\d\d$/.test(t) ? new Date(t + "T12:00:00") : new Date(t);
      return x.toLocaleDateString(P.lang, {year: "numeric", month: "long", day: "numeric"});
    };
    P.pct = function (a, b) { return b ? Math.round(100 * a / b) : 0; };
    // A date a record can carry: from 2020 (before the course existed nothing was answered) to a day from now.
    P.time = function (t) {
      var n = typeof t == "string" && t.length < 40 ? Date.parse(t) : NaN;
      return n >= 1577836800000 && n < Date.now() + 864e5 ? n : 0;
    };
    /* MI.fmt with the numbers written the language's way (1,5 in German; 1 234 in French). */
    P.fmt = function (t, o) {
      var x = {}, k;
      for (k in o) x[k] = typeof o[k] == "number" ? o[k].toLocaleString(P.lang) : o[k];
      return MI.fmt(t, x);
    };
    /* A string with a count: S[name] is a map of the CLDR plural forms the language has (one, other; zero, two,
     * few, many), and Intl.PluralRules picks the form for n; "other" stands in for a form the strings lack.
     * `o`: the string's other placeholders. */
    P.plural = function (name, n, o) {
      var forms = P.S[name], x = {n: n}, k;
      try { rules = rules || new Intl.PluralRules(P.lang); } catch (err) { rules = {select: function () { return "other"; }}; }
      for (k in o) x[k] = o[k];
      return P.fmt(typeof forms == "string" ? forms : forms[rules.select(n)] || forms.other, x);
    };
    P.rec = function (e) { return MI.record(e.id, e.key); };
    P.done = function (r) { return !!r && (typeof r.correct == "boolean" || r.attempts > 0); };
    P.box = function (e) { var b = st.get("lb:" + e.id); return b && typeof b == "object" && b.key === e.key ? b : null; };
    P.read = function () { P.X.forEach(function (e) { P.R[e.id] = P.rec(e); }); };
    P.url = function (m, e) { return P.root + P.mods[m].url + (e ? "#ex-" + e.id : ""); };
    P.link = function (text, href) { var a = el("a", "", text); a.href = href; return a; };
    P.para = function (parent, text, cls) { return parent.appendChild(el("p", cls || "", text)); };
    P.clear = function (n) { n.textContent = ""; return n; };
    P.keys = function (prefix) {
      var out = [], p = MI.ns + prefix, i, k;
      try {
        for (i = 0; i < localStorage.length; i++) {
          k = localStorage.key(i);
          if (k && k.indexOf(p) == 0) out.push(k.slice(p.length));
        }
      } catch (err) { /* storage blocked: nothing to list */ }
      return out;
    };
    P.meta = function (patch) {
      var m = st.get("learner");
      if (!m || typeof m != "object") m = {};
      if (patch) { for (var k in patch) m[k] = patch[k]; st.set("learner", m); }
      return m;
    };
    P.stats = function (list) {
      var s = {n: 0, a: 0, ok: 0, sc: 0};
      list.forEach(function (e) {
        var r = P.R[e.id];
        s.n++;
        if (e.scored) s.sc++;
        if (P.done(r)) { s.a++; if (r.correct === true) s.ok++; }
      });
      return s;
    };
    /* The course's modules as the completion record counts them: the lessons that hold exercises (practice pages
     * are not modules). Each: {i, mod, list: its exercises, s: stats, done: every exercise answered, last: the
     * latest first answer}. Call after P.read(). */
    P.modules = function () {
      return P.mods.map(function (mod, i) {
        var list = P.X.filter(function (e) { return e.mod == i; }), last = "", s;
        if (!mod.lesson || !list.length) return null;
        s = P.stats(list);
        list.forEach(function (e) { var r = P.R[e.id]; if (r && r.first > last) last = r.first; });
        return {i: i, mod: mod, list: list, s: s, done: s.a == s.n, last: last};
      }).filter(Boolean);
    };
    /* Study time: the lessons' minutes (every lesson, with exercises or not), and as words ("1 hour"). */
    P.minutes = function () { return P.mods.reduce(function (t, mod) { return t + (mod.lesson && mod.minutes || 0); }, 0); };
    P.hours = function (minutes) { return P.plural("hours", Math.round(minutes / 6) / 10); };

    /* Spaced review: the answer in a record moves its exercise between the Leitner boxes. */
    P.step = function (e, r) {
      var b = P.box(e), n = r.correct ? Math.min((b ? b.box : 1) + 1, IV.length) : 1;
      b = {box: n, due: P.addDays(r.last, IV[n - 1]), seen: r.last, ok: r.correct, key: e.key};
      st.set("lb:" + e.id, b);
      return b;
    };
    /* Answers given elsewhere (lessons, other tabs) since a box was last moved. */
    P.sync = function () {
      P.X.forEach(function (e) {
        var r = P.rec(e), b;
        if (!r || typeof r.correct != "boolean") return;
        b = P.box(e);
        if (!b || P.time(b.seen) < P.time(r.last)) P.step(e, r);
      });
    };
    /* fn(e, ok, box) after each Check of a course exercise while this page is shown; its box has moved. */
    P.onCheck = function (fn) {
      function heard(ev) {
        var x = ev.detail, e = x && P.byId[x.id];
        if (!lp.isConnected) return d.removeEventListener("mi:save", heard);  // another page now
        if (!e || !x.attempt || !x.rec || x.rec.key !== e.key || typeof x.rec.correct != "boolean") return;
        fn(e, x.rec.correct, P.step(e, x.rec));
      }
      d.addEventListener("mi:save", heard);
    };

    /* A copy of an exercise, shown in place and started by the engine. fresh: empty, none of the saved answer shown;
     * a Check there still replaces the saved record, its first date and attempts kept. */
    P.copy = function (e, slot, fresh, then) {
      function show(html) {
        if (!html || !slot.isConnected) {
          if (!html) P.para(P.clear(slot), P.S.copy_failed, "mi-lp__note");
          return;
        }
        slot.innerHTML = html;
        MI.bootIn(slot, {fresh: fresh});
        if (then) then(slot.querySelector(".mi-ex"));
      }
      var have = w.MIX && w.MIX[e.id], s;
      if (have) return show(have);
      P.para(P.clear(slot), P.S.loading, "mi-lp__note");
      s = d.createElement("script");
      s.src = P.root + "assets/ex/" + e.id + "." + M.files + ".js";
      s.onload = function () { show(w.MIX && w.MIX[e.id]); };
      s.onerror = function () { show(null); };
      d.head.appendChild(s);
    };

    /* One exercise in a list: its label, kind, module, a line of detail, and a place for the copy. */
    P.item = function (list, e, detail) {
      var li = list.appendChild(el("li", "mi-lp__item")), head = li.appendChild(el("p", "mi-lp__head"));
      head.appendChild(el("strong", "", e.label));
      head.appendChild(d.createTextNode(" · " + (M.kinds[e.kind] || e.kind) + " · "));
      head.appendChild(P.link(P.fmt(P.S.open_in, {module: P.mods[e.mod].title}), P.url(e.mod, e)));
      if (detail) P.para(li, detail, "mi-lp__detail");
      li._slot = li.appendChild(el("div", "mi-lp__slot"));
      li._note = li.appendChild(el("p", "mi-lp__note"));
      li._note.setAttribute("role", "status");
      li.e = e;
      return li;
    };
    P.notes = function (box, e, text) {
      MI.$$(".mi-lp__item", box).forEach(function (li) { if (li.e == e) li._note.textContent = text; });
    };
    return P;
  }

  function run() {
    var MI = w.MI, M = w.MI_MANIFEST, lp = d.querySelector(".mi-lp"), page = lp && (w.MI_PAGES || {})[lp.getAttribute("data-page")],
      m = d.querySelector("script[src*='mi-manifest.']");
    if (d.readyState == "loading" || !lp || lp._started || !page || !MI || !MI.bootIn) return;
    if (!M) { if (m) m.addEventListener("load", run); return; }
    lp._started = 1;
    MI.$$("[data-lp-js]", lp).forEach(function (n) { n.hidden = false; });
    MI.$$(".mi-lp__nojs", lp).forEach(function (n) { n.remove(); });
    page(context(MI, M, lp));
  }
  w.MI_PROGRESS = run;
  if (d.readyState == "loading") d.addEventListener("DOMContentLoaded", run);
  else run();
})(window, document);
