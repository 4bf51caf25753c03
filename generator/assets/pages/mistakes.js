/* mi-course progress page: Review mistakes (progress/mistakes/). With progress-common.js (P): every exercise whose
 * last answer was wrong, newest first; "Retry here" shows the exercise empty, and only a Check there replaces the
 * saved answer. */
(window.MI_PAGES = window.MI_PAGES || {}).mistakes = function (P) {
  var S = P.S, X = P.X, R = P.R, fmt = P.fmt, para = P.para, box_, list, ol;
  P.sync();
  P.read();
  box_ = P.clear(P.$("[data-fill=mistakes]"));
  // The last answer was wrong (or, from before a fresh retry, the learner had started to change a wrong answer).
  list = X.filter(function (e) {
    var r = R[e.id], b = P.box(e);
    return r && (r.correct === false || (r.correct == null && b && b.ok === false));
  }).sort(function (a, b) { return P.time(R[b.id].last) - P.time(R[a.id].last); });
  if (!list.length) return para(box_, X.some(function (e) { return P.done(R[e.id]); }) ? S.no_mistakes : S.nothing_yet);
  para(box_, fmt(S.mistakes_n, {n: list.length}));
  ol = box_.appendChild(P.el("ol", "mi-lp__list"));
  list.forEach(function (e) {
    var li = P.item(ol, e, fmt(S.last_tried, {date: P.date(R[e.id].last)})), b = P.el("button", "mi-btn", S.retry);
    b.type = "button";
    li.insertBefore(b, li._slot);
    b.addEventListener("click", function () {
      b.remove();
      P.copy(e, li._slot, true, function (sec) { if (sec) { sec.tabIndex = -1; sec.focus(); } });
    });
  });
  P.onCheck(function (e, ok) { P.notes(box_, e, ok ? S.fixed : S.still_wrong); });
};
if (window.MI_PROGRESS) window.MI_PROGRESS();
