/* mi-course learner pages: dashboard, review of mistakes, spaced review, practice sets, completion record.
 * Loaded only on those pages (generator/learner.py), with the manifest (window.MI_MANIFEST, generator/manifest.py).
 * On a first load it runs before the engine bundle (which sits at the end of the page), so it starts on
 * DOMContentLoaded; after an instant navigation the engine is there already and it starts once the manifest is.
 *
 * Storage, through the engine's MI.store (keys under MI.ns; every call survives blocked or full storage):
 *   ex:<id>  the engine's progress record (core.js). Read here; written only by import, deleted only by reset.
 *   lb:<id>  spaced review (Leitner): {box: 1 to 5, due: "YYYY-MM-DD", seen: the record's 'last' it reflects,
 *            ok: that answer was right, key: the answer hash}. A right answer moves the exercise up a box, a wrong
 *            one back to box 1; each box has its interval (IV). Answers given on lesson pages are taken in when a
 *            learner page next opens (sync); answers given while this script runs, at once (MI.save is wrapped).
 *   learner  {name, exported: time of the last export, self: time the self-assessment was ticked done}
 * Copies of exercises shown in place come from assets/ex/<id>.<M.files>.js (a script setting window.MIX[id] = its HTML).
 */
(function (w, d) {
  var IV = [1, 3, 7, 14, 30], SET_MAX = 10;

  function main() {
    var MI = w.MI, M = w.MI_MANIFEST, lp = d.querySelector(".mi-lp");
    if (!lp || lp._mi || !M || !MI || !MI.store) return;
    lp._mi = 1;
    var S = M.s, st = MI.store, el = MI.el, fmt = MI.fmt, lang = d.documentElement.lang || "en",
      src = d.querySelector("script[src*='mi-manifest.']"),
      root = src ? src.src.replace(/assets\/mi-manifest\.[^\/]*$/, "") : "",
      mods = M.modules, byId = {}, R = {}, onSave = null,
      X = M.ex.map(function (r, i) {
        var e = {i: i, id: r[0], kind: r[1], label: r[2], aud: r[4], mod: r[5], key: r[6],
          topics: r[3].map(function (t) { return M.topics[t].id; }), scored: M.unscored.indexOf(r[1]) < 0};
        byId[e.id] = e;
        return e;
      });

    function $(sel) { return lp.querySelector(sel); }
    function pad(n) { return (n < 10 ? "0" : "") + n; }
    function day(t) {
      var x = t == null ? new Date() : new Date(t);
      return x.getFullYear() + "-" + pad(x.getMonth() + 1) + "-" + pad(x.getDate());
    }
    function addDays(t, n) { var x = new Date(t); x.setDate(x.getDate() + n); return day(x); }
    function date(t) {
      var x = /^\d{4}-\d\d-\d\d$/.test(t) ? new Date(t + "T12:00:00") : new Date(t);
      return x.toLocaleDateString(lang, {year: "numeric", month: "long", day: "numeric"});
    }
    function pct(a, b) { return b ? Math.round(100 * a / b) : 0; }
    // A date a record can carry: from 2020 (before the course existed nothing was answered) to a day from now.
    function time(t) { var n = typeof t == "string" && t.length < 40 ? Date.parse(t) : NaN; return n >= 1577836800000 && n < Date.now() + 864e5 ? n : 0; }
    // A review date: a real day from 2020 to two years ahead (spaced review never schedules further).
    function due(t) {
      var n = /^\d{4}-\d\d-\d\d$/.test(t) ? Date.parse(t + "T12:00:00Z") : NaN;
      return n >= 1577836800000 && n < Date.now() + 6.3e10 && new Date(n).toISOString().slice(0, 10) === t;
    }
    function rec(e) {
      var r = st.get("ex:" + e.id);
      return r && typeof r == "object" && r.key === e.key ? r : null;
    }
    function done(r) { return !!r && (typeof r.correct == "boolean" || r.attempts > 0); }
    function box(e) { var b = st.get("lb:" + e.id); return b && typeof b == "object" && b.key === e.key ? b : null; }
    function read() { X.forEach(function (e) { R[e.id] = rec(e); }); }
    function url(m, e) { return root + mods[m].url + (e ? "#ex-" + e.id : ""); }
    function link(text, href) { var a = el("a", "", text); a.href = href; return a; }
    function para(parent, text, cls) { return parent.appendChild(el("p", cls || "", text)); }
    function clear(n) { n.textContent = ""; return n; }
    function keys(prefix) {
      var out = [], p = MI.ns + prefix, i, k;
      try {
        for (i = 0; i < localStorage.length; i++) {
          k = localStorage.key(i);
          if (k && k.indexOf(p) == 0) out.push(k.slice(p.length));
        }
      } catch (err) { /* storage blocked: nothing to list */ }
      return out;
    }
    function meta(patch) {
      var m = st.get("learner");
      if (!m || typeof m != "object") m = {};
      if (patch) { for (var k in patch) m[k] = patch[k]; st.set("learner", m); }
      return m;
    }

    /* Spaced review: the answer in a record moves its exercise between the Leitner boxes. */
    function step(e, r) {
      var b = box(e), n = r.correct ? Math.min((b ? b.box : 1) + 1, IV.length) : 1;
      b = {box: n, due: addDays(r.last, IV[n - 1]), seen: r.last, ok: r.correct, key: e.key};
      st.set("lb:" + e.id, b);
      return b;
    }
    function sync() {
      X.forEach(function (e) {
        var r = rec(e), b;
        if (!r || typeof r.correct != "boolean") return;
        b = box(e);
        if (!b || time(b.seen) < time(r.last)) step(e, r);
      });
    }
    if (!MI._lpSave) {
      MI._lpSave = MI.save;
      MI.save = function (x, a, c, attempt) {
        MI._lpSave.apply(MI, arguments);
        if (MI._lpHook) MI._lpHook(x, c, attempt);
      };
    }
    MI._lpHook = function (x, c, attempt) {
      var e = byId[x.id];
      if (!e || !attempt || typeof c != "boolean" || !x.rec || x.rec.key !== e.key) return;
      var b = step(e, x.rec);
      if (onSave) onSave(e, c, b);
    };

    /* A copy of an exercise, shown in place and started by the engine. fresh: start blank (the saved answer is
     * not shown), though a new answer still updates the saved record, its first date and attempts kept. */
    function copy(e, slot, fresh, then) {
      function show(html) {
        if (!html || !slot.isConnected) {
          if (!html) para(clear(slot), S.copy_failed, "mi-lp__note");
          return;
        }
        slot.innerHTML = html;
        var get = st.get, saved = rec(e), sec = slot.querySelector(".mi-ex");
        if (fresh) st.get = function (k) { return k == "ex:" + e.id ? null : get.call(st, k); };
        try { MI.boot(); } finally { st.get = get; }
        if (fresh && saved && sec && sec._mi) sec._mi.rec = saved;
        if (then) then(sec);
      }
      var have = w.MIX && w.MIX[e.id], s;
      if (have) return show(have);
      para(clear(slot), S.loading, "mi-lp__note");
      s = d.createElement("script");
      s.src = root + "assets/ex/" + e.id + "." + M.files + ".js";
      s.onload = function () { show(w.MIX && w.MIX[e.id]); };
      s.onerror = function () { show(null); };
      d.head.appendChild(s);
    }

    /* One exercise in a list: its label, kind, module, a line of detail, and a place for the copy. */
    function item(list, e, detail) {
      var li = list.appendChild(el("li", "mi-lp__item")), head = li.appendChild(el("p", "mi-lp__head"));
      head.appendChild(el("strong", "", e.label));
      head.appendChild(d.createTextNode(" · " + (M.kinds[e.kind] || e.kind) + " · "));
      head.appendChild(link(fmt(S.open_in, {module: mods[e.mod].title}), url(e.mod, e)));
      if (detail) para(li, detail, "mi-lp__detail");
      li._slot = li.appendChild(el("div", "mi-lp__slot"));
      li._note = li.appendChild(el("p", "mi-lp__note"));
      li._note.setAttribute("role", "status");
      return li;
    }

    /* Dashboard ----------------------------------------------------------------------------------------------- */
    function stats(list) {
      var s = {n: 0, a: 0, ok: 0, sc: 0};
      list.forEach(function (e) {
        var r = R[e.id];
        s.n++;
        if (e.scored) s.sc++;
        if (done(r)) { s.a++; if (r.correct === true) s.ok++; }
      });
      return s;
    }
    function nums(s) {
      return fmt(S.answered, {n: s.a, total: s.n, pct: pct(s.a, s.n)}) + " · " +
        (s.sc ? fmt(S.right, {n: s.ok, total: s.sc, pct: pct(s.ok, s.sc)}) : S.not_scored);
    }
    function bars(ul, rows) {
      clear(ul);
      rows.forEach(function (row) {
        var s = row.s, li = ul.appendChild(el("li", "mi-bar"));
        li.appendChild(row.href ? link(row.label, row.href) : el("span", "", row.label));
        li.insertAdjacentHTML("beforeend", '<svg class="mi-bar__svg" viewBox="0 0 100 10" preserveAspectRatio="none" ' +
          'aria-hidden="true" focusable="false"><rect class="mi-bar__bg" width="100" height="4"/><rect class="mi-bar__a" ' +
          'width="' + pct(s.a, s.n) + '" height="4"/><rect class="mi-bar__bg" y="6" width="100" height="4"/>' +
          '<rect class="mi-bar__ok" y="6" width="' + pct(s.ok, s.sc) + '" height="4"/></svg>');
        li.appendChild(el("span", "mi-bar__nums", nums(s)));
      });
    }
    function continueAt() {
      var last = null, k, e;
      X.forEach(function (x) { var r = R[x.id]; if (r && (!last || time(r.last) >= time(R[last.id].last))) last = x; });
      for (k = 0; k < X.length; k++) {
        e = X[((last ? last.i + 1 : 0) + k) % X.length];
        if (!done(R[e.id])) return {last: last, next: e};
      }
      return {last: last};
    }
    function dueNow() {
      var today = day();
      return X.filter(function (e) { var b = box(e); return b && R[e.id] && b.due <= today; });
    }
    function dashboard() {
      read();
      var box_ = clear($(".mi-dash__summary")), all = stats(X), c = continueAt(), due = dueNow().length, p,
        tb = clear($(".mi-dash__kinds tbody")), m = meta(), rem = $(".mi-remind");
      para(box_, fmt(S.summary, {n: all.a, total: all.n, ok: all.ok, sc: all.sc}), "mi-dash__big");
      if (c.last) {
        para(box_, fmt(S.last_activity, {date: date(R[c.last.id].last)}));
        if (c.next) {
          p = para(box_, S.continue_at + " ");
          p.appendChild(link(fmt(S.continue_link, {label: c.next.label, module: mods[c.next.mod].title}), url(c.next.mod, c.next)));
        }
      } else {
        para(box_, S.nothing_yet);
        if (c.next) { p = para(box_, S.start_at + " "); p.appendChild(link(mods[c.next.mod].title, url(c.next.mod, c.next))); }
      }
      p = para(box_, fmt(S.due_today, {n: due}) + " ");
      p.appendChild(link(S.go_review, root + M.pages.spaced));
      bars($(".mi-bars[data-fill=modules]"), mods.map(function (m, i) {
        var list = X.filter(function (e) { return e.mod == i; });
        return list.length && {label: m.title, href: url(i), s: stats(list)};
      }).filter(Boolean));
      bars($(".mi-bars[data-fill=topics]"), M.topics.map(function (t) {
        return {label: t.label, s: stats(X.filter(function (e) { return e.topics.indexOf(t.id) >= 0; }))};
      }));
      Object.keys(M.kinds).forEach(function (k) {
        var s = stats(X.filter(function (e) { return e.kind == k; })), tr;
        if (!s.n) return;
        tr = tb.appendChild(el("tr"));
        tr.appendChild(el("th", "", M.kinds[k])).setAttribute("scope", "row");
        [s.n, s.a, s.sc ? s.ok : "–"].forEach(function (v) { tr.appendChild(el("td", "", String(v))); });
      });
      rem.hidden = !(all.a && (!m.exported || Date.now() - time(m.exported) > 7 * 864e5));
      clear(rem);
      if (!rem.hidden) para(rem, m.exported ? fmt(S.remind_since, {date: date(m.exported)}) : S.remind_never);
    }

    /* Export, import, reset ---------------------------------------------------------------------------------- */
    function exportNow() {
      var out = {format: "mi-course-progress", version: 1, site: MI.ns, course: M.course,
        exported: new Date().toISOString(), records: {}, meta: {}}, a;
      keys("ex:").forEach(function (id) {
        var r = st.get("ex:" + id), b = st.get("lb:" + id);
        if (!r || typeof r != "object") return;
        if (b && typeof b == "object") r.leitner = b;
        out.records[id] = r;
      });
      out.meta = {version: M.version, track: M.track, learner: meta({exported: out.exported}), seed: st.get("seed")};
      if (selftest(st.get("selftest"))) out.selftest = st.get("selftest");
      a = el("a");
      a.href = URL.createObjectURL(new Blob([JSON.stringify(out, null, 1)], {type: "application/json"}));
      a.download = "mi-progress-" + day() + ".json";
      d.body.appendChild(a);
      a.click();
      setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
      say("export", fmt(S.exported, {n: Object.keys(out.records).length, file: a.download}), true);
      dashboard();
    }
    function say(what, text, ok, list) {
      var n = clear($("[data-msg=" + what + "]"));
      n.className = "mi-lp__msg " + (ok ? "mi-lp__msg--ok" : "mi-lp__msg--no");
      para(n, text);
      if (list) {
        var ul = n.appendChild(el("ul"));
        list.slice(0, 5).forEach(function (t) { ul.appendChild(el("li", "", t)); });
        if (list.length > 5) para(n, fmt(S.imp_more, {n: list.length - 5}));
      }
    }
    function why(r) {
      if (!r || typeof r != "object" || Array.isArray(r)) return S.why_object;
      if (r.v !== 1) return S.why_v;
      if (typeof r.key != "string" || !r.key) return S.why_key;
      if (typeof r.kind != "string") return S.why_kind;
      if ([true, false, null].indexOf(r.correct) < 0) return S.why_correct;
      if (!("answer" in r)) return S.why_answer;
      if (typeof r.attempts != "number" || r.attempts < 0) return S.why_attempts;
      if (!time(r.first) || !time(r.last)) return S.why_dates;
      if (JSON.stringify(r).length > 2e4) return S.why_big;
      if (r.leitner != null && (typeof r.leitner != "object" || !(r.leitner.box >= 1 && r.leitner.box <= 9) || !due(r.leitner.due))) {
        return S.why_leitner;
      }
      return "";
    }
    function problems(data) {
      if (!data || typeof data != "object" || Array.isArray(data)) return [S.imp_object];
      if (data.format !== "mi-course-progress") return [S.imp_format];
      if (data.version !== 1) return [fmt(S.imp_version, {v: String(data.version)})];
      if (data.site !== MI.ns && data.course !== M.course) return [fmt(S.imp_course, {course: String(data.course)})];
      if (!data.records || typeof data.records != "object" || Array.isArray(data.records)) return [S.imp_records];
      return Object.keys(data.records).filter(known).map(function (id) {
        var y = why(data.records[id]);
        return y && fmt(S.imp_record, {id: id.slice(0, 60), why: y});
      }).filter(Boolean);
    }
    // The self-test's scores (selftest.js writes them): small whole numbers, form B only after form A.
    function form(f) { return f && typeof f == "object" && f.total > 0 && f.total < 200 && f.score >= 0 && f.score <= f.total; }
    function selftest(x) { return !!x && typeof x == "object" && x.v === 1 && form(x.A) && (x.B == null || form(x.B)); }
    function selftestLine() {
      var x = st.get("selftest"), p = $("[data-fill=selftest]");
      if (!p) return;
      p.textContent = !selftest(x) ? S.st_dash_none : fmt(S.st_dash, {a: x.A.score, ta: x.A.total,
        b: x.B ? x.B.score + " / " + x.B.total + " (" + (x.B.score - x.A.score >= 0 ? "+" : "") + (x.B.score - x.A.score) + ")" : "-"});
    }
    // Records of exercises this course does not have (renamed, removed, or junk) are left out, and the learner is told.
    function known(id) { return X.some(function (e) { return e.id === id; }); }
    function importText(text) {
      var data, bad, had = keys("ex:").length, took = 0, kept = 0, failed = 0, m;
      try { data = JSON.parse(text); } catch (err) { return say("import", S.imp_json + " " + S.imp_nothing, false); }
      bad = problems(data);
      if (bad.length) return say("import", (bad.length == 1 ? bad[0] : S.imp_bad) + " " + S.imp_nothing, false, bad.length > 1 && bad);
      var unknown = Object.keys(data.records).length - Object.keys(data.records).filter(known).length;
      Object.keys(data.records).filter(known).forEach(function (id) {
        var r = data.records[id], lb = r.leitner, mine = st.get("ex:" + id);
        delete r.leitner;
        if (mine && typeof mine == "object" && time(mine.last) >= time(r.last)) {
          if (time(mine.last) > time(r.last)) kept++;
          return;
        }
        if (!st.set("ex:" + id, r)) { failed++; return; }
        took++;
        if (lb) st.set("lb:" + id, lb); else st.del("lb:" + id);
      });
      m = data.meta && typeof data.meta == "object" ? data.meta : {};
      if (m.learner && typeof m.learner == "object") {
        var mine = meta(), patch = {};
        ["name", "self", "exported"].forEach(function (k) {
          if (!mine[k] && typeof m.learner[k] == "string" && m.learner[k].length <= 120) patch[k] = m.learner[k];  // the form's limit
        });
        meta(patch);
      }
      if (!had && typeof m.seed == "number") st.set("seed", m.seed);
      if (selftest(data.selftest) && !selftest(st.get("selftest"))) st.set("selftest", data.selftest);
      say("import", fmt(S.imported, {n: took, kept: kept}) + (failed ? " " + fmt(S.imp_full, {n: failed}) : "") +
          (unknown ? " " + fmt(S.imp_unknown, {n: unknown}) : ""), !failed);
      sync();
      dashboard();
    }
    function resetAsk() {
      var t = $("#mi-reset-what").value, ids = t ? X.filter(function (e) { return e.topics.indexOf(t) >= 0; })
        .map(function (e) { return e.id; }) : keys("ex:"), n = ids.filter(function (id) { return st.get("ex:" + id); }).length,
        box_ = $(".mi-confirm"), what = t ? M.topics.filter(function (x) { return x.id == t; })[0].label : S.reset_all;
      lp._reset = {ids: ids, all: !t};
      clear($("[data-msg=reset]"));
      $(".mi-confirm__text").textContent = fmt(S.reset_confirm, {n: n, what: what});
      box_.hidden = false;
      $("[data-lp=reset-yes]").focus();
    }
    function resetDo(yes) {
      var r = lp._reset;
      $(".mi-confirm").hidden = true;
      if (!yes || !r) return $("[data-lp=reset]").focus();
      r.ids.forEach(function (id) { st.del("ex:" + id); st.del("lb:" + id); });
      if (r.all) { keys("lb:").forEach(function (id) { st.del("lb:" + id); }); st.del("learner"); }
      say("reset", fmt(S.reset_done, {n: r.ids.length}), true);
      $("[data-lp=reset]").focus();
      dashboard();
    }

    /* Review of mistakes: the last answer was wrong (or the learner has started to change a wrong answer). */
    function mistakes() {
      read();
      var box_ = clear($("[data-fill=mistakes]")), list = X.filter(function (e) {
        var r = R[e.id], b = box(e);
        return r && (r.correct === false || (r.correct == null && b && b.ok === false));
      }).sort(function (a, b) { return time(R[b.id].last) - time(R[a.id].last); }), ol;
      if (!list.length) return para(box_, X.some(function (e) { return done(R[e.id]); }) ? S.no_mistakes : S.nothing_yet);
      para(box_, fmt(S.mistakes_n, {n: list.length}));
      ol = box_.appendChild(el("ol", "mi-lp__list"));
      list.forEach(function (e) {
        var li = item(ol, e, fmt(S.last_tried, {date: date(R[e.id].last)})), b = el("button", "mi-btn", S.retry);
        b.type = "button";
        li.insertBefore(b, li._slot);
        b.addEventListener("click", function () {
          b.remove();
          copy(e, li._slot, false, function (sec) { if (sec) { sec.tabIndex = -1; sec.focus(); } });
        });
        li.e = e;
      });
      onSave = function (e, ok) {
        MI.$$(".mi-lp__item", box_).forEach(function (li) {
          if (li.e == e) li._note.textContent = ok ? S.fixed : S.still_wrong;
        });
      };
    }

    /* Spaced review: the exercises due today, a few at a time, shown blank. */
    function spaced() {
      sync();
      read();
      var box_ = clear($("[data-fill=spaced]")), today = day(), counts = [0, 0, 0, 0, 0], later = null, ol,
        due = X.filter(function (e) {
          var b = box(e);
          if (!b || !R[e.id]) return false;
          counts[b.box - 1]++;
          if (b.due > today && (!later || b.due < later)) later = b.due;
          return b.due <= today;
        }).sort(function (a, b) { var x = box(a), y = box(b); return x.due < y.due ? -1 : x.due > y.due ? 1 : x.box - y.box || a.i - b.i; });
      para(box_, counts.map(function (n, i) { return fmt(S.box_count, {box: i + 1, n: n}); }).join(" · "), "mi-lp__boxes");
      if (!due.length) {
        para(box_, counts.some(Boolean) ? fmt(S.none_due, {date: date(later)}) : S.none_yet);
        return;
      }
      para(box_, due.length > SET_MAX ? fmt(S.due_some, {n: SET_MAX, total: due.length}) : fmt(S.due_n, {n: due.length}), "mi-lp__count");
      ol = box_.appendChild(el("ol", "mi-lp__list"));
      due.slice(0, SET_MAX).forEach(function (e) {
        var li = item(ol, e, fmt(S.in_box, {box: box(e).box}));
        li.e = e;
        copy(e, li._slot, true);
      });
      onSave = function (e, ok, b) {
        MI.$$(".mi-lp__item", box_).forEach(function (li) {
          if (li.e == e) li._note.textContent = fmt(ok ? S.moved_up : S.moved_back, {box: b.box, date: date(b.due)});
        });
      };
    }

    /* Practice sets: N exercises drawn from the chosen topics and audience by a seeded shuffle (mulberry32). */
    function rng(a) {
      return function () {
        a = a + 0x6D2B79F5 | 0;
        var t = Math.imul(a ^ a >>> 15, 1 | a);
        t = t + Math.imul(t ^ t >>> 7, 61 | t) ^ t;
        return ((t ^ t >>> 14) >>> 0) / 4294967296;
      };
    }
    function pick(seed, topics, aud, n) {
      var pool = X.filter(function (e) {
          return (!topics.length || e.topics.some(function (t) { return topics.indexOf(t) >= 0; })) &&
            (!aud || !e.aud.length || e.aud.indexOf(aud) >= 0);
        }), r = rng(seed), a = pool.slice(), i, j, t;
      for (i = a.length - 1; i > 0; i--) { j = Math.floor(r() * (i + 1)); t = a[i]; a[i] = a[j]; a[j] = t; }
      return {pool: pool.length, set: a.slice(0, n)};
    }
    function practice() {
      var q = new URLSearchParams(location.search), f = $("form.mi-set"), box_ = clear($("[data-fill=practice]")),
        known = M.topics.map(function (t) { return t.id; }),
        topics = q.getAll("topics").join(",").split(",").filter(function (t) { return known.indexOf(t) >= 0; }),
        aud = M.audiences[q.get("audience")] ? q.get("audience") : "",
        n = Math.min(Math.max(parseInt(q.get("n"), 10) || 10, 1), 50), seed = parseInt(q.get("seed"), 10), got, ol, p, inp;
      MI.$$("input[name=topics]", f).forEach(function (i) { i.checked = topics.indexOf(i.value) >= 0; });
      MI.$$("input[name=audience]", f).forEach(function (i) { i.checked = i.value == aud; });
      f.n.value = n;
      f.addEventListener("submit", function (ev) {
        ev.preventDefault();
        go(parseInt(f.seed.value, 10));
      });
      $("[data-lp=new-seed]").addEventListener("click", function () { go(Math.floor(Math.random() * 1e6)); });
      function go(s) {
        var t = MI.$$("input[name=topics]:checked", f).map(function (i) { return i.value; }),
          a = (f.querySelector("input[name=audience]:checked") || {}).value || "",
          qs = "?seed=" + (s >= 0 ? s : Math.floor(Math.random() * 1e6)) + (t.length ? "&topics=" + t.join(",") : "") +
            "&n=" + Math.min(Math.max(parseInt(f.n.value, 10) || 10, 1), 50) + (a ? "&audience=" + a : "");
        location.assign(location.pathname + qs);
      }
      if (!(seed >= 0)) { f.seed.value = Math.floor(Math.random() * 1e6); return; }
      f.seed.value = seed;
      got = pick(seed, topics, aud, n);
      if (!got.set.length) return para(box_, S.set_empty);
      para(box_, fmt(S.set_n, {seed: seed, n: got.set.length, pool: got.pool}), "mi-lp__count");
      p = para(box_, "", "mi-set__share");
      p.appendChild(el("label", "", S.set_share)).htmlFor = "mi-set-url";
      inp = p.appendChild(el("input"));
      inp.id = "mi-set-url";
      inp.readOnly = true;
      inp.value = location.href;
      ol = box_.appendChild(el("ol", "mi-lp__list"));
      got.set.forEach(function (e) { copy(e, item(ol, e)._slot, true); });
    }

    /* Completion record ------------------------------------------------------------------------------------- */
    function certificate() {
      read();
      var m = meta(), fin = M.final, finEx = X.filter(function (e) { return e.mod == fin; }), cert = clear($(".mi-cert")),
        name = $("#mi-name"), tick = $("#mi-self"), lock = clear($("[data-fill=locked]")), rows = [], total = 0, spent = 0,
        selfAt = "", tb, p;
      if (!lp._named) { lp._named = 1; name.value = m.name || ""; }
      tick.checked = !!m.self;
      tick.closest("p").hidden = fin < 0 || finEx.length > 0;
      finEx.forEach(function (e) { var r = R[e.id]; if (done(r) && r.first > selfAt) selfAt = r.first; });
      var ready = fin < 0 || (finEx.length ? finEx.every(function (e) { return done(R[e.id]); }) : !!m.self);
      if (!finEx.length && m.self) selfAt = m.self;
      $("[data-lp=print]").hidden = cert.hidden = !ready;
      if (!ready) {
        p = para(lock, S.cert_locked + " ");
        p.appendChild(link(mods[fin].title, url(fin)));
        return;
      }
      mods.forEach(function (mod, i) {
        var list = X.filter(function (e) { return e.mod == i; }), s, last = "";
        if (!mod.lesson) return;
        total += mod.minutes || 0;
        if (!list.length || !list.every(function (e) { return done(R[e.id]); })) return;
        list.forEach(function (e) { if (R[e.id].first > last) last = R[e.id].first; });
        s = stats(list);
        spent += mod.minutes || 0;
        rows.push([mod.title, date(last), s.sc ? fmt(S.score, {n: s.ok, total: s.sc, pct: pct(s.ok, s.sc)}) : S.not_scored]);
      });
      para(cert, S.cert_kind, "mi-cert__kind");
      cert.appendChild(el("p", "mi-cert__course", M.course));
      para(cert, fmt(S.cert_version, {version: M.version || "–"}) + (M.trackTitle ? " · " + M.trackTitle : ""));
      p = para(cert, S.cert_name + " ");
      p.appendChild(el("strong", "mi-cert__name", m.name || S.cert_noname));
      if (rows.length) {
        tb = cert.appendChild(el("table", "mi-cert__table"));
        tb.appendChild(el("caption", "", S.cert_modules));
        p = tb.appendChild(el("tr"));
        [S.cert_module, S.cert_date, S.cert_score].forEach(function (h) { p.appendChild(el("th", "", h)).scope = "col"; });
        rows.forEach(function (r) {
          var tr = tb.appendChild(el("tr"));
          r.forEach(function (v) { tr.appendChild(el("td", "", v)); });
        });
      }
      para(cert, fmt(S.cert_count, {n: rows.length, total: mods.filter(function (mod, i) {
        return mod.lesson && X.some(function (e) { return e.mod == i; });
      }).length}));
      para(cert, fmt(S.cert_hours, {h: Math.round(spent / 6) / 10, total: Math.round(total / 6) / 10}));
      if (selfAt) para(cert, fmt(S.cert_self, {date: date(selfAt)}));
      para(cert, S.cert_not, "mi-cert__not");
      para(cert, fmt(S.cert_made, {date: date(new Date().toISOString())}), "mi-cert__made");
    }

    MI.$$("[data-lp-js]", lp).forEach(function (n) { n.hidden = false; });
    MI.$$(".mi-lp__nojs", lp).forEach(function (n) { n.remove(); });
    var page = lp.getAttribute("data-page");
    if (page == "dashboard") {
      selftestLine();
      sync();
      dashboard();
      $("[data-lp=export]").addEventListener("click", exportNow);
      $("#mi-import").addEventListener("change", function () {
        var file = this.files[0], input = this, fr;
        if (!file) return;
        if (file.size > 5e6) return say("import", S.imp_big + " " + S.imp_nothing, false);
        fr = new FileReader();
        fr.onload = function () { importText(String(fr.result)); input.value = ""; };
        fr.onerror = function () { say("import", S.imp_read + " " + S.imp_nothing, false); };
        fr.readAsText(file);
      });
      $("[data-lp=reset]").addEventListener("click", resetAsk);
      $("[data-lp=reset-yes]").addEventListener("click", function () { resetDo(true); });
      $("[data-lp=reset-no]").addEventListener("click", function () { resetDo(false); });
    } else if (page == "mistakes") {
      sync();
      mistakes();
    } else if (page == "spaced") {
      spaced();
    } else if (page == "practice") {
      sync();
      practice();
    } else if (page == "certificate") {
      certificate();
      $("#mi-name").addEventListener("input", function () { meta({name: this.value.slice(0, 120)}); certificate(); });
      $("#mi-self").addEventListener("change", function () { meta({self: this.checked ? new Date().toISOString() : ""}); certificate(); });
      $("[data-lp=print]").addEventListener("click", function () { w.print(); });
    }
  }

  /* After an instant navigation Material re-inserts this page's scripts, and they may run in any order. */
  function start() {
    var m = d.querySelector("script[src*='mi-manifest.']");
    if (!w.MI_MANIFEST && m) m.addEventListener("load", main);
    else main();
  }
  if (d.readyState == "loading") d.addEventListener("DOMContentLoaded", start);
  else start();
})(window, document);
