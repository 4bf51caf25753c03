/* mi-course progress page: Spaced review (progress/spaced-review/). With progress-common.js (P): the exercises due
 * today in the Leitner boxes (lb:<id>, docs/progress-record.md), a few at a time, shown empty. */
(window.MI_PAGES = window.MI_PAGES || {}).spaced = function (P) {
  var S = P.S, X = P.X, R = P.R, fmt = P.fmt, para = P.para, date = P.date, SET_MAX = 10,
    box_, today = P.day(), counts = [0, 0, 0, 0, 0], later = null, ol, due;
  P.sync();
  P.read();
  box_ = P.clear(P.$("[data-fill=spaced]"));
  due = X.filter(function (e) {
    var b = P.box(e);
    if (!b || !R[e.id]) return false;
    counts[b.box - 1]++;
    if (b.due > today && (!later || b.due < later)) later = b.due;
    return b.due <= today;
  }).sort(function (a, b) { var x = P.box(a), y = P.box(b); return x.due < y.due ? -1 : x.due > y.due ? 1 : x.box - y.box || a.i - b.i; });
  para(box_, counts.map(function (n, i) { return fmt(S.box_count, {box: i + 1, n: n}); }).join(" · "), "mi-lp__boxes");
  if (!due.length) {
    para(box_, counts.some(Boolean) ? fmt(S.none_due, {date: date(later)}) : S.none_yet);
    return;
  }
  para(box_, due.length > SET_MAX ? fmt(S.due_some, {n: SET_MAX, total: due.length}) : fmt(S.due_n, {n: due.length}), "mi-lp__count");
  ol = box_.appendChild(P.el("ol", "mi-lp__list"));
  due.slice(0, SET_MAX).forEach(function (e) {
    P.copy(e, P.item(ol, e, fmt(S.in_box, {box: P.box(e).box}))._slot, true);
  });
  P.onCheck(function (e, ok, b) { P.notes(box_, e, fmt(ok ? S.moved_up : S.moved_back, {box: b.box, date: date(b.due)})); });
};
if (window.MI_PROGRESS) window.MI_PROGRESS();
