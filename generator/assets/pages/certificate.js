/* mi-course progress page: the completion record (progress/certificate/). With progress-common.js (P): once the
 * final lesson is done, the modules completed (P.modules: every exercise answered) with dates and scores, to print. */
(window.MI_PAGES = window.MI_PAGES || {}).certificate = function (P) {
  var M = P.M, S = P.S, X = P.X, R = P.R, el = P.el, fmt = P.fmt, para = P.para, date = P.date, $ = P.$, lp = P.lp,
    mods = P.mods;

  function certificate() {
    P.read();
    var m = P.meta(), fin = M.final, finEx = X.filter(function (e) { return e.mod == fin; }), cert = P.clear($(".mi-cert")),
      name = $("#mi-name"), tick = $("#mi-self"), lock = P.clear($("[data-fill=locked]")), rows = [], spent = 0,
      selfAt = "", all = P.modules(), tb, p;
    if (!lp._named) { lp._named = 1; name.value = m.name || ""; }
    tick.checked = !!m.self;
    tick.closest("p").hidden = fin < 0 || finEx.length > 0;
    finEx.forEach(function (e) { var r = R[e.id]; if (P.done(r) && r.first > selfAt) selfAt = r.first; });
    var ready = fin < 0 || (finEx.length ? finEx.every(function (e) { return P.done(R[e.id]); }) : !!m.self);
    if (!finEx.length && m.self) selfAt = m.self;
    $("[data-lp=print]").hidden = cert.hidden = !ready;
    if (!ready) {
      p = para(lock, S.cert_locked + " ");
      p.appendChild(P.link(mods[fin].title, P.url(fin)));
      return;
    }
    all.forEach(function (x) {
      if (!x.done) return;
      spent += x.mod.minutes || 0;
      rows.push([x.mod.title, date(x.last), x.s.sc ? fmt(S.score, {n: x.s.ok, total: x.s.sc, pct: P.pct(x.s.ok, x.s.sc)}) : S.not_scored]);
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
    para(cert, fmt(S.cert_count, {n: rows.length, total: all.length}));
    para(cert, fmt(S.cert_hours, {h: P.hours(spent), total: P.hours(P.minutes())}));
    if (selfAt) para(cert, fmt(S.cert_self, {date: date(selfAt)}));
    para(cert, S.cert_not, "mi-cert__not");
    para(cert, fmt(S.cert_made, {date: date(new Date().toISOString())}), "mi-cert__made");
  }

  certificate();
  $("#mi-name").addEventListener("input", function () { P.meta({name: this.value.slice(0, 120)}); certificate(); });
  $("#mi-self").addEventListener("change", function () { P.meta({self: this.checked ? new Date().toISOString() : ""}); certificate(); });
  $("[data-lp=print]").addEventListener("click", function () { window.print(); });
};
if (window.MI_PROGRESS) window.MI_PROGRESS();
