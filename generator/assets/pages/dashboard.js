/* mi-course progress page: the dashboard (progress/). With progress-common.js (P: the shared helpers): the learner's
 * figures, where to go on, the export reminder; export, import and reset of the progress (docs/progress-record.md). */
(window.MI_PAGES = window.MI_PAGES || {}).dashboard = function (P) {
  var MI = P.MI, M = P.M, S = P.S, st = P.st, el = P.el, fmt = P.fmt, X = P.X, R = P.R, mods = P.mods, lp = P.lp,
    $ = P.$, para = P.para, clear = P.clear, link = P.link, pct = P.pct, date = P.date, time = P.time, meta = P.meta,
    keys = P.keys, d = document;

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
      if (!P.done(R[e.id])) return {last: last, next: e};
    }
    return {last: last};
  }
  function dueNow() {
    var today = P.day();
    return X.filter(function (e) { var b = P.box(e); return b && R[e.id] && b.due <= today; });
  }
  /* Where to go on: the next exercise not yet answered after the one answered last, named by its module, its
   * position there and its kind (the first words of an exercise say little out of context). */
  function nextLink(e) {
    var list = X.filter(function (x) { return x.mod == e.mod; });
    return link(fmt(S.continue_link, {module: mods[e.mod].title, n: list.indexOf(e) + 1, total: list.length,
      kind: M.kinds[e.kind] || e.kind}), P.url(e.mod, e));
  }
  function dashboard() {
    P.read();
    var box_ = clear($(".mi-dash__summary")), all = P.stats(X), c = continueAt(), due = dueNow().length, p,
      tb = clear($(".mi-dash__kinds tbody")), m = meta(), rem = $(".mi-remind"), ms = P.modules(), spent = 0;
    if (c.last && c.next) {
      p = para(box_, S.continue_at + " ", "mi-dash__big");
      p.appendChild(nextLink(c.next));
    } else if (!c.last) {
      p = para(box_, S.start_at + " ", "mi-dash__big");
      if (c.next) p.appendChild(link(mods[c.next.mod].title, P.url(c.next.mod, c.next)));
    }
    p = para(box_, fmt(S.due_today, {n: due}) + " ");
    p.appendChild(link(S.go_review, P.root + M.pages.spaced));
    para(box_, fmt(S.summary, {n: all.a, total: all.n, ok: all.ok, sc: all.sc}));
    ms.forEach(function (x) { if (x.done) spent += x.mod.minutes || 0; });
    para(box_, fmt(S.modules_done, {n: ms.filter(function (x) { return x.done; }).length, total: ms.length,
      h: P.hours(spent), all: P.hours(P.minutes())}));
    para(box_, c.last ? fmt(S.last_activity, {date: date(R[c.last.id].last)}) : S.nothing_yet);
    function row(x) { return {label: x.mod.title, href: P.url(x.i), s: x.s}; }
    bars($(".mi-bars[data-fill=started]"), ms.filter(function (x) { return x.s.a && !x.done; }).map(row));
    bars($(".mi-bars[data-fill=modules]"), ms.map(row));
    bars($(".mi-bars[data-fill=topics]"), M.topics.map(function (t) {
      return {label: t.label, s: P.stats(X.filter(function (e) { return e.topics.indexOf(t.id) >= 0; }))};
    }));
    Object.keys(M.kinds).forEach(function (k) {
      var s = P.stats(X.filter(function (e) { return e.kind == k; })), tr;
      if (!s.n) return;
      tr = tb.appendChild(el("tr"));
      tr.appendChild(el("th", "", M.kinds[k])).setAttribute("scope", "row");
      [s.n, s.a, s.sc ? s.ok : "–"].forEach(function (v) { tr.appendChild(el("td", "", String(v))); });
    });
    rem.hidden = !(all.a && (!m.exported || Date.now() - time(m.exported) > 7 * 864e5));
    clear(rem);
    if (!rem.hidden) para(rem, m.exported ? fmt(S.remind_since, {date: date(m.exported)}) : S.remind_never);
  }

  // A review date: a real day from 2020 to two years ahead (spaced review never schedules further).
  function due(t) {
    var n = /^\d{4}-\d\d-\d\d$/.test(t) ? Date.parse(t + "T12:00:00Z") : NaN;
    return n >= 1577836800000 && n < Date.now() + 6.3e10 && new Date(n).toISOString().slice(0, 10) === t;
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
    a.download = "mi-progress-" + P.day() + ".json";
    d.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
    say("export", fmt(S.exported, {n: Object.keys(out.records).length, file: a.download}), true);
    dashboard();
  }
  function say(what, text, ok, list) {
    var n = clear($("[data-msg=" + what + "]")), det = n.closest("details");
    if (det) det.open = true;  // a message is never left folded away
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
        (unknown ? " " + P.plural("imp_unknown", unknown) : ""), !failed);
    P.sync();
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

  selftestLine();
  P.sync();
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
};
if (window.MI_PROGRESS) window.MI_PROGRESS();
