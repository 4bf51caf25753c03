/* order: put the items in order with the move up / move down buttons (no dragging); the starting order is shuffled
 * per learner and is never already right. After Check each item says whether it is in the right place. */
var s = MI.s;
function lis(x) { return MI.$$(".mi-order__item", x.el); }
MI.kinds[kind] = {
  init: function (x) {
    var a = MI.shuffle(x, lis(x));
    if (a.every(function (e, i) { return +e.getAttribute("data-item") == i; })) a.push(a.shift());
    MI.place(a);
  },
  get: function (x) { return lis(x).map(function (e) { return +e.getAttribute("data-item"); }); },
  set: function (x, a) {
    var all = lis(x), got = Array.isArray(a) && a.map(function (i) {
      return x.el.querySelector('.mi-order__item[data-item="' + (i | 0) + '"]');
    });
    if (!got || got.length != all.length || got.some(function (e, n) { return !e || got.indexOf(e) != n; })) {
      throw new Error("answer");
    }
    MI.place(got);
  },
  grade: function (x, a) {
    var n = 0;
    lis(x).forEach(function (li, pos) {
      var ok = a[pos] === pos, f = MI.el("div", "mi-fb " + (ok ? "mi-key--correct" : "mi-key--incorrect"));
      n += ok;
      // a misplaced item names its place: with that the answer is on the page, and Try again is the only button left
      f.appendChild(MI.el("p", "mi-key__verdict", ok ? s.right_place : MI.fmt(s.wrong_place, {n: a[pos] + 1})));
      li.appendChild(f);
    });
    return {ok: n == a.length, msg: MI.fmt(s.place_count, {n: n, total: a.length})};
  },
  /* The neighbour moves, not the item: the pressed button keeps its focus, so pressing again moves on. */
  move: function (x, b) {
    var li = b.closest("li"), up = b.getAttribute("data-move") < 0,
      sib = up ? li.previousElementSibling : li.nextElementSibling, all;
    if (!sib) return MI.say(x, up ? s.at_top : s.at_bottom);
    li.parentNode.insertBefore(sib, up ? li.nextSibling : li);
    b.focus();
    all = lis(x);
    MI.say(x, MI.fmt(s.moved, {n: all.indexOf(li) + 1, total: all.length}));
    MI.save(x, this.get(x), null, false);
  }
};
