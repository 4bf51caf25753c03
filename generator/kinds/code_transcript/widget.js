/* code_transcript: the learner ticks the MITI behaviour codes of each practitioner turn (checkboxes: Tab and Space);
 * Check shows, under each turn, whether the coding agrees with the expert's and the expert's reason, the overall
 * agreement, and the summary figures from the learner's coding beside the expert's (MITI 4.2.1 thresholds).
 * Record answer: [[base codes ticked, sorted] per coded turn]; correct: every turn agrees. */
var s = MI.s, el = MI.el, fmt = MI.fmt, $$ = MI.$$;

function turns(x) { return $$(".mi-ct__turns > li[data-turn]", x.el); }
function keyItem(x, li) { return x.el.querySelector('.mi-answer li[data-turn="' + li.getAttribute("data-turn") + '"]'); }
function label(li, code) {
  var i = li.querySelector('input[value="' + code + '"]');
  return i ? i.parentNode.textContent.trim() : code;
}
/* The words of the results (verdicts, levels), written into the exercise by the generator. */
function words(x) { return JSON.parse(x.el.querySelector(".mi-ct__figs").getAttribute("data-words")); }
function pct(v, w) { return v == null ? w.na : Math.round(v * 100) + "%"; }
function ratio(v, w) { return v == null ? w.na : v.toFixed(2).replace(/0+$/, "").replace(/\.$/, "") + ":1"; }
/* t: [fair, good, fewest utterances for a verdict]; as figures.py: reflections and no question is good. */
function level(v, t, n) { return v == null ? "" : n < t[2] ? "few" : v >= t[1] - 1e-9 ? "good" : v >= t[0] - 1e-9 ? "fair" : "below"; }

/* The learner's figures, in a copy of the comparison table the generator wrote (the expert's column is filled). */
function figures(x, a, w) {
  var tpl = x.el.querySelector(".mi-ct__figs"), n = {}, total = 0, box, lim, v, R, Q;
  if (!tpl) return;
  box = tpl.cloneNode(true);
  lim = JSON.parse(tpl.getAttribute("data-limits"));
  a.forEach(function (list) { list.forEach(function (c) { n[c] = (n[c] || 0) + 1; total++; }); });
  function c(k) { return n[k] || 0; }
  R = c("simple_reflection") + c("complex_reflection");
  Q = c("question");
  v = {
    rq: [ratio(Q ? R / Q : null, w), level(Q ? R / Q : R ? 9 : null, lim.rq, R + Q)],
    pct_cr: [pct(R ? c("complex_reflection") / R : null, w), level(R ? c("complex_reflection") / R : null, lim.pct_cr, R)],
    adherent: [String(c("seeking_collaboration") + c("affirm") + c("emphasizing_autonomy"))],
    non_adherent: [String(c("confront") + c("persuade"))],
    n_total: [String(total)]
  };
  box.hidden = false;
  box.className += " mi-fb";
  $$("[id]", box).forEach(function (e) { e.removeAttribute("id"); });
  $$('td[data-col="learner"]', box).forEach(function (td) {
    var f = td.getAttribute("data-fig"), val = v[f] || [String(c(f.replace(/^n_/, "")))];
    td.textContent = "";
    td.appendChild(el("span", "mi-figs__value", val[0]));
    if (val[1]) {
      td.appendChild(d.createTextNode(" "));
      td.appendChild(el("span", "mi-level mi-level--" + val[1], w[val[1]]));
    }
  });
  tpl.parentNode.insertBefore(box, tpl.nextSibling);
}

MI.kinds[kind] = {
  need: s.ct_need,
  get: function (x) {
    return turns(x).map(function (li) {
      return $$(".mi-ct__pick input:checked", li).map(function (i) { return i.value; }).sort();
    });
  },
  set: function (x, a) {
    var ts = turns(x);
    if (!Array.isArray(a) || a.length != ts.length) throw new Error("record");
    ts.forEach(function (li, i) {
      $$(".mi-ct__pick input", li).forEach(function (inp) { inp.checked = (a[i] || []).indexOf(inp.value) >= 0; });
    });
  },
  empty: function (a) { return !a.some(function (c) { return c.length; }); },
  grade: function (x, a) {
    var agree = 0, ts = turns(x), w = words(x);
    ts.forEach(function (li, i) {
      var k = keyItem(x, li), exp = (k.getAttribute("data-codes") || "").split(" ").filter(Boolean), mine = a[i] || [],
        same = mine.length == exp.length && mine.every(function (c) { return exp.indexOf(c) >= 0; }),
        some = mine.some(function (c) { return exp.indexOf(c) >= 0; }),
        verdict = same ? "agree" : !mine.length ? "not_coded" : some ? "partial" : "disagree",
        box = el("div", "mi-fb mi-ct__result mi-ct__result--" + (verdict == "not_coded" ? "disagree" : verdict)),
        note = k.querySelector(".mi-key__fb");
      agree += same;
      box.appendChild(el("p", "mi-ct__verdict", w[verdict]));
      box.appendChild(el("p", "", fmt(w.yours, {codes: mine.length ? mine.map(function (c) { return label(li, c); }).join(", ") : w.none})));
      box.appendChild(el("p", "", fmt(w.expert, {
        codes: $$(".mi-badge", k).map(function (b) { return b.textContent; }).join(", ")
      })));
      if (note && note.textContent.trim()) box.appendChild(note.cloneNode(true));
      li.appendChild(box);
    });
    figures(x, a, w);
    return {ok: agree == ts.length, msg: fmt(w.overall, {n: agree, total: ts.length, pct: pct(ts.length ? agree / ts.length : null, w)})};
  }
};
