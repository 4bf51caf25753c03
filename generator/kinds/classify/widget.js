/* classify: each statement is a radio group of categories (keyboard and touch alike, nothing to drag).
 * After Check each statement says whether it was sorted right, names its category and gives the feedback. */
var s = MI.s;
function items(x) { return MI.$$(".mi-classify__item", x.el); }
MI.kinds[kind] = {
  need: s.classify_first,
  init: function (x) { MI.place(MI.shuffle(x, items(x))); },
  get: function (x) {
    var a = items(x).map(function () { return null; });
    items(x).forEach(function (f) {
      var c = f.querySelector("input:checked");
      a[+f.getAttribute("data-item")] = c ? c.value : null;
    });
    return a;
  },
  set: function (x, a) {
    if (!Array.isArray(a) || a.length != items(x).length) throw new Error("answer");
    items(x).forEach(function (f) {
      var v = a[+f.getAttribute("data-item")];
      MI.$$("input", f).forEach(function (i) { i.checked = i.value === v; });
    });
  },
  empty: function (a) { return a.indexOf(null) >= 0; },
  grade: function (x, a) {
    var n = 0;
    items(x).forEach(function (f) {
      var i = +f.getAttribute("data-item"), li = MI.key(x, i), ok = a[i] === li.getAttribute("data-cat"),
        label = li.querySelector(".mi-key__verdict").textContent;
      n += ok;
      f.appendChild(MI.fb(li, ok ? "mi-key--correct" : "mi-key--incorrect",
        ok ? s.correct + ": " + label : s.incorrect + ". " + MI.fmt(s.answer_is, {c: label})));
    });
    return {ok: n == a.length, msg: MI.fmt(s.right_count, {n: n, total: a.length})};
  }
};
