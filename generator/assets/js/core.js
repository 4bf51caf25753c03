/* mi-course engine, core: storage, shuffling, check / try again / show answer, page score, start-up.
 * generator/assets.py joins this file (first) with one widget file per kind and prefixes window.MI={ns, s}
 * (ns: the site's storage prefix; s: the interface strings of generator/strings/<language>.yaml).
 *
 * Progress: localStorage, one key per exercise, so two open tabs never overwrite each other's work:
 *   MI.ns + "ex:" + <exercise id>  ->  {v:1, key, kind, correct, answer, attempts, first, last}
 * Each field, the answer of each kind, and the other keys (seed, spaced review, the export file) are written down
 * once, in docs/progress-record.md. A record whose key is not the section's data-key (the question changed) is
 * dropped; an edit to feedback only keeps the key, and the progress.
 * Every storage call is wrapped: blocked, full or corrupted storage leaves the exercises working, unsaved.
 *
 * The public API, for the pages that show exercises or progress outside a lesson (generator/assets/pages/):
 *   MI.record(id, key)   the stored record of an exercise if it is valid for that key (the data-key, or the
 *                        manifest's key), else null. Nothing else should read "ex:" keys.
 *   MI.bootIn(root, {fresh})  starts every exercise inside root (a copy put in a page after it loaded). fresh:
 *                        none of the saved answer is shown (empty, no verdicts), and the stored record stays as
 *                        it is until the learner checks: that Check replaces it, its first date and attempts
 *                        carried on. Exercises started so are outside the page score.
 *   MI.rand(id, seed)    a seeded random sequence (mulberry32): from the learner's own seed, mixed with id, when
 *                        seed is left out. MI.shuffle(x, list) shuffles a copy of list by MI.rand(x.id, x.seed).
 *   MI.store.get/set/del(k)  the site's other keys (MI.ns + k), every call wrapped as above.
 *   MI.el(tag, cls, text), MI.$$(sel, root), MI.fmt(text, {name: value})  small DOM and string helpers.
 *   Events on document (CustomEvent):
 *     "mi:save"  after every save; detail x (below), x.rec the record just saved, x.attempt true when the save came
 *                from a Check (or a kind's own attempt). The SCORM adapter reports to the LMS on it.
 *     "mi:boot"  after the page has started (first load and every instant navigation) or MI.bootIn has started a
 *                fragment; detail {root: document or the fragment, fresh}.
 *   Nothing outside this file writes a section's context (e._mi) or replaces MI.save or MI.store.
 *
 * A widget: each kind's folder (generator/kinds/<kind>/widget.js) sets MI.kinds[kind] = {need, init(x), get(x),
 *   set(x, answer), empty(answer), grade(x, answer), change(x, input), input(x, input), reveal(x), move(x, button),
 *   first(x)}, every member optional; the bundle runs each widget file inside function (MI, kind, d) {...}, d the document.
 *   x = {el: the section, id, kind, key, w: the widget, rec: the record or null, done: checked and locked}.
 *   grade shows the marks and returns {ok: true|false, msg}; first gives what Try again focuses (by default the
 *   learner's first chosen input). Kinds with a flow of their own may give only init and call
 *   MI.save(x, answer, correct, attempt) and MI.say(x, text, icon, focus).
 *   What core.js does for every kind, it finds by role, never by a kind's class: inputs, selects, textareas and
 *   [data-move] buttons are locked after Check; .mi-actions and [data-js] elements (hidden without the script) are
 *   shown; a kind listed in MI.unscored (from its folder's SCORED) is left out of the page score.
 */
(function (MI, d) {
  var s = MI.s, ns = MI.ns, seed, asked, skip, runs = 0;
  MI.kinds = MI.kinds || {};

  var store = MI.store = {
    get: function (k) { try { return JSON.parse(localStorage.getItem(ns + k)); } catch (e) { return null; } },
    set: function (k, v) {
      try { localStorage.setItem(ns + k, JSON.stringify(v)); return true; } catch (e) { MI.off = true; return false; }
    },
    del: function (k) { try { localStorage.removeItem(ns + k); } catch (e) { /* blocked: nothing to remove */ } }
  };

  function $$(sel, root) { return Array.prototype.slice.call((root || d).querySelectorAll(sel)); }
  function el(tag, cls, text) {
    var e = d.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }
  function fmt(t, o) { return String(t).replace(/\{(\w+)\}/g, function (m, k) { return k in o ? o[k] : m; }); }
  function fire(name, detail) { d.dispatchEvent(new CustomEvent(name, {detail: detail})); }
  MI.$$ = $$; MI.el = el; MI.fmt = fmt;

  seed = store.get("seed");
  if (typeof seed != "number") {
    seed = Math.floor(Math.random() * 4294967296);
    store.set("seed", seed);
  }

  /* A random sequence per learner and exercise (mulberry32): the same on every visit. n: another seed. */
  MI.rand = function (id, n) {
    var h = (n == null ? seed : n) >>> 0, i;
    for (i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 2654435761);
    return function () {
      h = h + 0x6D2B79F5 | 0;
      var t = Math.imul(h ^ h >>> 15, 1 | h);
      t = t + Math.imul(t ^ t >>> 7, 61 | t) ^ t;
      return ((t ^ t >>> 14) >>> 0) / 4294967296;
    };
  };
  MI.shuffle = function (x, list) {
    var r = MI.rand(x.id, x.seed), a = list.slice(), i, j, t;
    for (i = a.length - 1; i > 0; i--) { j = Math.floor(r() * (i + 1)); t = a[i]; a[i] = a[j]; a[j] = t; }
    return a;
  };
  /* Puts elements in the given order at the end of their parent (a legend, if any, stays first). */
  MI.place = function (nodes) { nodes.forEach(function (n) { n.parentNode.appendChild(n); }); };

  /* Feedback for one option or statement, built from its entry in the answer key (a clone: the key stays whole):
   * the entry is the verdict, the option's text, then the feedback (kinds/_parts.py key_item). */
  MI.fb = function (li, cls, verdict, mine) {
    var f = el("div", "mi-fb " + cls), v = li.firstChild.cloneNode(true), n = li.firstChild.nextSibling;
    if (verdict != null) v.textContent = verdict;
    if (mine) v.appendChild(el("span", "mi-tag", s.your_choice));
    f.appendChild(v);
    while (n = n && n.nextSibling) f.appendChild(n.cloneNode(true));  // the feedback: what follows the option's text
    return f;
  };
  MI.key = function (x, i) { return x.el.querySelector('.mi-answer li[data-opt="' + i + '"]'); };

  /* The widget that kinds with a list of options share: options shuffled per learner; after Check each option shows
   * its verdict and feedback, the chosen ones marked. multi: every right option must be chosen and no other;
   * otherwise the one chosen must be right (or acceptable, where the key marks some so). */
  MI.choice = function (multi, msg) {
    function opts(x) { return $$(".mi-option", x.el); }
    return {
      init: function (x) { MI.place(MI.shuffle(x, opts(x))); },
      get: function (x) {
        return $$(".mi-options input:checked", x.el).map(function (i) { return +i.value; }).sort(function (a, b) { return a - b; });
      },
      set: function (x, a) {
        if (!Array.isArray(a)) throw new Error("answer");
        $$(".mi-options input", x.el).forEach(function (i) { i.checked = a.indexOf(+i.value) >= 0; });
      },
      empty: function (a) { return !a.length; },
      grade: function (x, a) {
        var ok = true, got = "";
        opts(x).forEach(function (o) {
          var li = MI.key(x, o.getAttribute("data-opt")), c = /mi-key--(\w+)/.exec(li.className)[1],
            mine = a.indexOf(+o.getAttribute("data-opt")) >= 0, good = c != "incorrect";
          if (multi ? mine != good : mine && !good) ok = false;
          if (mine) got = c;
          o.appendChild(MI.fb(li, "mi-key--" + c, null, mine));
        });
        return {ok: ok, msg: msg ? msg(ok, got) : ok ? s.correct_msg : s.incorrect_msg};
      }
    };
  };

  MI.say = function (x, text, icon, focus) {
    var st = x.el.querySelector(".mi-status");
    if (!st) return;
    st.textContent = "";
    st.className = "mi-status" + (icon ? " mi-st--" + icon : "");
    if (text) st.appendChild(el("p", "", text));
    if (focus) { st.tabIndex = -1; st.focus(); }
  };

  MI.save = function (x, answer, correct, attempt) {
    if (x.fresh) {  // a fresh copy: the stored record stays until a Check, which then carries it on
      if (!attempt) return;
      x.fresh = 0;
      x.rec = MI.record(x.id, x.key);
    }
    var now = new Date().toISOString(),
      r = x.rec || {v: 1, key: x.key, kind: x.kind, attempts: 0, first: now};
    r.answer = answer; r.correct = correct; r.last = now;
    if (attempt) r.attempts = (+r.attempts || 0) + 1;
    x.rec = r;
    if (store.set("ex:" + x.id, r)) persist();
    x.attempt = !!attempt;
    fire("mi:save", x);
    if (scored(x) || MI.off) score();
  };

  /* Ask once per visit that the browser keep the progress (Safari and others may evict it otherwise). */
  function persist() {
    if (asked) return;
    asked = 1;
    try {
      var st = navigator.storage;
      if (st && st.persist) st.persisted().then(function (p) { return p || st.persist(); }).catch(function () {});
    } catch (e) { /* not offered: nothing to ask */ }
  }

  MI.record = function (id, key) {
    var r = store.get("ex:" + id);
    return r && typeof r == "object" && r.v === 1 && r.key === key && r.answer != null ? r : null;
  };
  function load(x) {
    var r = MI.record(x.id, x.key);
    if (!r) store.del("ex:" + x.id);  // none, another question (its answer changed) or not ours: start fresh
    return r;
  }

  /* Inputs and moves are locked while a checked answer shows its feedback; the answer key's own inputs stay free. */
  function lock(x, on) {
    x.done = on;
    $$("input, select, textarea, [data-move]", x.el).forEach(function (i) {
      if (!i.closest(".mi-answer")) i.disabled = on;
    });
    buttons(x);
  }

  /* One route to the answer. Before Check: Check, or Show answer (which opens the answer block). After Check every
   * option or item carries its verdict and feedback, so the answer block would only repeat them: it is hidden, and
   * Try again is the one button. Show answer also goes once the answer block is open (a kind's model answers, say). */
  function buttons(x) {
    var det = x.el.querySelector(".mi-answer");
    if (det && x.w.grade) det.hidden = !!x.done;
    $$(".mi-actions [data-action]", x.el).forEach(function (b) {
      var a = b.getAttribute("data-action");
      b.hidden = a == "check" ? x.done : a == "try_again" ? !x.done : x.done || !!(det && det.open);
    });
  }

  function unmark(x) {
    $$(".mi-fb", x.el).forEach(function (f) { f.remove(); });
  }

  /* After Check the focus goes to the verdict on the learner's own choice (or, for kinds without one, to the status
   * right under the items), and the page scrolls only as far as needed to show it: no jump past the feedback. */
  function show(x, a) {
    unmark(x);
    var res = x.w.grade(x, a);
    lock(x, true);
    MI.say(x, res.msg, res.ok ? "ok" : "no");
    return res;
  }

  function check(x) {
    var a = x.w.get(x), t;
    if (x.w.empty && x.w.empty(a)) return MI.say(x, x.w.need || s.choose_first, "no");
    MI.save(x, a, show(x, a).ok, true);
    // after the save: the page score may just have appeared above and moved the page
    t = x.el.querySelector(".mi-fb .mi-tag");
    t = t ? t.closest(".mi-fb") : x.el.querySelector(".mi-status");
    t.tabIndex = -1;
    t.focus({preventScroll: true});
    t.scrollIntoView({block: "nearest"});
  }

  function again(x) {
    unmark(x);
    lock(x, false);
    MI.say(x, "");
    var f = x.w.first ? x.w.first(x) : x.el.querySelector("fieldset input:checked, fieldset input, [data-move]");
    if (f) f.focus();
  }

  function reveal(x) {
    var det = x.el.querySelector(".mi-answer");
    if (!det) return;
    det.open = true;
    det.classList.add("mi-shown");
    det.querySelector("summary").focus();
    if (x.w.reveal) x.w.reveal(x);
    buttons(x);
  }

  function restore(x) {
    var r = x.rec, w = x.w;
    w.set(x, r.answer);
    if (w.grade && typeof r.correct == "boolean") show(x, r.answer);
  }

  /* The page score: what the last Check of each scored exercise on this page said. Nothing shows before the first
   * answer; the count says what is scored and what is not; each exercise counts once, under its main (first) topic,
   * so the topic figures add up to the total. */
  function score() {
    var all = $$(".mi-ex").map(function (e) { return e._mi; }).filter(function (x) { return x && !x.apart; }),
      xs = all.filter(function (x) { return scored(x); }), box = d.querySelector(".mi-score"), n = 0, topics = {}, order = [], ul,
      any = xs.some(function (x) { return x.rec && typeof x.rec.correct == "boolean"; });
    if (!any && !MI.off) { if (box) box.remove(); return; }
    if (!box) {
      box = el("div", "mi-score");
      var h = d.querySelector(".md-content__inner h1") || d.querySelector(".mi-ex");
      h.parentNode.insertBefore(box, h.tagName == "H1" ? h.nextSibling : h);
    }
    box.textContent = "";
    xs.forEach(function (x) {
      var ok = !!(x.rec && x.rec.correct === true), names = (x.el.getAttribute("data-topic-names") || "").split("|");
      var t = (x.el.getAttribute("data-topics") || "").split(" ")[0];
      n += ok;
      if (!t) return;
      if (!topics[t]) { topics[t] = {name: names[0] || t, n: 0, total: 0}; order.push(t); }
      topics[t].n += ok; topics[t].total++;
    });
    if (any) {
      box.appendChild(el("p", "mi-score__total", fmt(s.score, {n: n, total: xs.length})));
      if (all.length > xs.length) box.appendChild(el("p", "", fmt(s.unscored, {n: all.length - xs.length})));
    }
    if (any && order.length > 1) {
      box.appendChild(el("p", "", s.score_topics));
      ul = box.appendChild(el("ul"));
      order.forEach(function (t) {
        ul.appendChild(el("li", "", fmt(s.topic_score, {topic: topics[t].name, n: topics[t].n, total: topics[t].total})));
      });
    }
    if (MI.off) box.appendChild(el("p", "mi-off", s.storage_off));
  }
  MI.score = score;

  /* o: {fresh} for a fragment started by MI.bootIn (outside the page score); none for the page's own exercises. */
  function start(e, o) {
    var w = MI.kinds[e.getAttribute("data-kind")], x;
    if (!w || e._mi) return;
    x = e._mi = {el: e, id: e.getAttribute("data-ex"), kind: e.getAttribute("data-kind"), key: e.getAttribute("data-key"), w: w,
      apart: !!o, fresh: !!(o && o.fresh)};
    $$(".mi-actions, [data-js]", e).forEach(function (h) { h.hidden = false; });
    lock(x, false);
    try {
      if (w.init) w.init(x);
      x.rec = x.fresh ? null : load(x);
      if (x.rec) restore(x);
      buttons(x);
    } catch (err) {  // a record this version cannot read: start fresh rather than break the page
      x.rec = null;
      unmark(x);
      lock(x, false);
      MI.say(x, "");
    }
    e.classList.add("mi-on");  // styled and laid out from now on, even off screen (core.css)
  }

  /* Every section before t (or holding it) starts now, so it has its real size (core.css skips the layout of a
   * section not started yet, off screen): a jump to t then lands where t really is. */
  function upTo(t) {
    if (t) $$(".mi-ex").forEach(function (e) { if (e.compareDocumentPosition(t) & 20) start(e); });
  }

  /* The element a #fragment names: the address holds a non-ASCII id percent-encoded (a stray % stays as it is). */
  function named(h) {
    try { h = decodeURIComponent(h); } catch (e) {}
    return d.getElementById(h.slice(1));
  }

  function focusSkip() {
    var t = skip && named(skip);
    if (t) { t.tabIndex = -1; t.focus(); }
  }

  /* Runs on the first load and after every instant navigation; sections already started are left alone. The
   * sections start in slices of a few milliseconds, top first, so a long page never holds the browser up (a section
   * a learner reaches first starts on the spot: ctx); the score and "mi:boot" follow the last slice. Each section's
   * styling and layout, skipped until it starts, is done in its slice (offsetHeight), so the clock counts it too and
   * no later reader of layout pays for them all at once. */
  function boot() {
    var todo = $$(".mi-ex"), run = ++runs, t = named(location.hash);
    upTo(t);
    if (t) t.scrollIntoView();  // instant navigation scrolled to t before the sections above it had their size
    [[".md-progress", s.loading], [".md-search[role=dialog]", s.search_dialog]].forEach(function (n) {  // unnamed in Material
      var e = d.querySelector(n[0]);
      if (e) e.setAttribute("aria-label", n[1]);
    });
    (function slice() {
      if (run != runs) return;  // an instant navigation started another page
      var end = Date.now() + 6, e;
      while (todo.length) {  // at least one a slice, whatever the clock does
        start(e = todo.shift());
        e.offsetHeight;
        if (Date.now() > end) return setTimeout(slice);
      }
      score();
      focusSkip();
      skip = "";
      fire("mi:boot", {root: d, fresh: false});
    })();
  }
  MI.boot = boot;
  MI.bootIn = function (root, o) {
    o = {fresh: !!(o && o.fresh)};
    $$(".mi-ex", root).forEach(function (e) { start(e, o); });
    fire("mi:boot", {root: root, fresh: o.fresh});
  };

  function scored(x) { return (MI.unscored || []).indexOf(x.kind) < 0; }

  function ctx(t) {
    var e = t.closest && t.closest(".mi-ex");
    if (e && !e._mi) start(e);  // reached before its slice of boot
    return e && e._mi;
  }

  d.addEventListener("click", function (ev) {
    var b = ev.target.closest && ev.target.closest("[data-action], [data-move], .mi-answer > summary, .md-skip"), x, a;
    if (!b) return;
    if (b.classList.contains("md-skip")) {  // instant navigation redraws the page and drops the focus: put it back
      skip = b.hash;
      return focusSkip();
    }
    if (b.tagName == "SUMMARY") {  // opened by the learner: printed too (Material opens every details to print)
      b.parentNode.classList.toggle("mi-shown", !b.parentNode.open);
      return;
    }
    x = ctx(b);
    if (!x) return;
    a = b.getAttribute("data-action");
    if (a == "check") check(x);
    else if (a == "try_again") again(x);
    else if (a == "show_answer") reveal(x);
    else if (b.hasAttribute("data-move") && x.w.move && !x.done) x.w.move(x, b);
  });
  // Before the theme handles the link; its instant navigation has made every href absolute (and the target may be on
  // another page: starting sections here then costs a little, and nothing else).
  d.addEventListener("click", function (ev) {
    var a = ev.target.closest && ev.target.closest("a[href*='#']");
    if (a) upTo(named(a.hash));
  }, true);
  d.addEventListener("toggle", function (ev) {  // the answer block opened by hand: Show answer has nothing left to show
    var x = ev.target.classList && ev.target.classList.contains("mi-answer") && ctx(ev.target);
    if (x) buttons(x);
  }, true);  // toggle does not bubble
  d.addEventListener("change", function (ev) {
    var x = ctx(ev.target);
    if (!x) return;
    if (x.w.change) x.w.change(x, ev.target);
    else if (scored(x) && !x.done && !ev.target.closest(".mi-answer")) MI.save(x, x.w.get(x), null, false);
  });
  d.addEventListener("input", function (ev) {
    var x = ctx(ev.target);
    if (x && x.w.input) x.w.input(x, ev.target);
  });

  /* After the widget files have registered (they follow this one in the bundle). */
  Promise.resolve().then(function () {
    if (window.document$ && window.document$.subscribe) window.document$.subscribe(boot);
    else if (d.readyState == "loading") d.addEventListener("DOMContentLoaded", boot);
    else boot();
  });
})(window.MI, document);
