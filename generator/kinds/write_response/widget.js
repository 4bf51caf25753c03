/* write_response: the learner's own reply, then the model answers and a five-level rubric to rate it by.
 * Nothing is graded; the text and the rating are kept in this browser as they are typed and chosen. */
var s = MI.s;
function get(x) {
  var r = x.el.querySelector(".mi-rubric input:checked");
  return {text: x.el.querySelector(".mi-write textarea").value, rating: r ? +r.value : 0};
}
function keep(x) { MI.save(x, get(x), null, false); }
MI.kinds[kind] = {
  get: get,
  set: function (x, a) {
    if (typeof a != "object") throw new Error("answer");
    x.el.querySelector(".mi-write textarea").value = typeof a.text == "string" ? a.text : "";
    MI.$$(".mi-rubric input", x.el).forEach(function (i) { i.checked = +i.value === a.rating; });
    var det = x.el.querySelector(".mi-answer");
    if (a.rating) { det.open = true; det.classList.add("mi-shown"); }
  },
  input: keep,
  change: function (x, t) {
    keep(x);
    if (t.type == "radio") MI.say(x, MI.fmt(s.rated, {n: t.value}), "ok");
  },
  reveal: function (x) {
    MI.save(x, get(x), null, true);
    MI.say(x, s.compare);
  }
};
