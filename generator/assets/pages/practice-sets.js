/* mi-course progress page: Practice sets (progress/practice-sets/). With progress-common.js (P): N exercises drawn
 * from the chosen topics and audience by the engine's seeded generator (MI.rand with the set's number), so the
 * same address gives every learner the same set; shown empty. */
(window.MI_PAGES = window.MI_PAGES || {}).practice = function (P) {
  var MI = P.MI, M = P.M, S = P.S, X = P.X, el = P.el, fmt = P.fmt, para = P.para, $ = P.$,
    q = new URLSearchParams(location.search), f = $("form.mi-set"), box_ = P.clear($("[data-fill=practice]")),
    known = M.topics.map(function (t) { return t.id; }),
    topics = q.getAll("topics").join(",").split(",").filter(function (t) { return known.indexOf(t) >= 0; }),
    aud = M.audiences[q.get("audience")] ? q.get("audience") : "",
    n = Math.min(Math.max(parseInt(q.get("n"), 10) || 10, 1), 50), seed = parseInt(q.get("seed"), 10), got, ol, p, inp;

  function pick(seed, topics, aud, n) {
    var pool = X.filter(function (e) {
      return (!topics.length || e.topics.some(function (t) { return topics.indexOf(t) >= 0; })) &&
        (!aud || !e.aud.length || e.aud.indexOf(aud) >= 0);
    });
    return {pool: pool.length, set: MI.shuffle({id: "", seed: seed}, pool).slice(0, n)};
  }
  function go(s) {
    var t = MI.$$("input[name=topics]:checked", f).map(function (i) { return i.value; }),
      a = (f.querySelector("input[name=audience]:checked") || {}).value || "",
      qs = "?seed=" + (s >= 0 ? s : Math.floor(Math.random() * 1e6)) + (t.length ? "&topics=" + t.join(",") : "") +
        "&n=" + Math.min(Math.max(parseInt(f.n.value, 10) || 10, 1), 50) + (a ? "&audience=" + a : "");
    location.assign(location.pathname + qs);
  }

  P.sync();
  MI.$$("input[name=topics]", f).forEach(function (i) { i.checked = topics.indexOf(i.value) >= 0; });
  MI.$$("input[name=audience]", f).forEach(function (i) { i.checked = i.value == aud; });
  f.n.value = n;
  f.addEventListener("submit", function (ev) {
    ev.preventDefault();
    go(parseInt(f.seed.value, 10));
  });
  $("[data-lp=new-seed]").addEventListener("click", function () { go(Math.floor(Math.random() * 1e6)); });
  if (!(seed >= 0)) { f.seed.value = Math.floor(Math.random() * 1e6); return; }
  f.seed.value = seed;
  got = pick(seed, topics, aud, n);
  if (!got.set.length) return para(box_, S.set_empty);
  para(box_, P.plural("set_n", got.set.length, {seed: String(seed), pool: got.pool}), "mi-lp__count");
  p = para(box_, "", "mi-set__share");
  p.appendChild(el("label", "", S.set_share)).htmlFor = "mi-set-url";
  inp = p.appendChild(el("input"));
  inp.id = "mi-set-url";
  inp.readOnly = true;
  inp.value = location.href;
  ol = box_.appendChild(el("ol", "mi-lp__list"));
  got.set.forEach(function (e) { P.copy(e, P.item(ol, e)._slot, true); });
  P.onCheck(function () {});  // a Check here moves the exercise's spaced-review box, as anywhere else
};
if (window.MI_PROGRESS) window.MI_PROGRESS();
