/* scenario: a branching practice conversation, played node by node. The map of every node (a closed <details>,
 * readable without this script) is the source: each choice's reply, code, feedback and next node, each ending's
 * outcome and debrief. The learner picks a reply, reads its feedback right below it and the client's next line;
 * a meter counts the client's change talk and sustain talk so far; Step back and Restart undo.
 * Record answer: {path: [choice index at each step], endings: {node id: outcome reached}};
 * correct: a good ending has been reached; attempts: endings reached. */
var s = MI.s, el = MI.el, fmt = MI.fmt, $$ = MI.$$;

function graph(x) {
  var g = {start: x.el.querySelector(".mi-scn").getAttribute("data-start"), nodes: {}, endings: 0};
  $$(".mi-scn__node", x.el).forEach(function (li) {
    var end = li.querySelector(".mi-scn__ending");
    g.nodes[li.getAttribute("data-node")] = {
      el: li, talk: li.getAttribute("data-talk"), ending: end, outcome: end && end.getAttribute("data-outcome"),
      choices: $$(".mi-scn__choice", li).map(function (c) {
        return {next: c.getAttribute("data-next"), reply: c.querySelector(".mi-scn__reply"), fb: c.querySelector(".mi-scn__fb")};
      })
    };
    if (end) g.endings++;
  });
  return g;
}

/* The node ids a path of choice indices visits, start first; throws on a path this scenario cannot take. */
function walk(g, path) {
  var id = g.start, ids = [id];
  path.forEach(function (i) {
    var c = g.nodes[id].choices[i];
    if (typeof i != "number" || !c) throw new Error("path");
    id = c.next;
    ids.push(id);
  });
  return ids;
}

function bubble(who, side, html, badge) {
  var li = el("li", "mi-dlg__turn mi-dlg__turn--" + side), b = li.appendChild(el("div", "mi-dlg__bubble")), t;
  b.appendChild(el("p", "mi-dlg__who", who));
  t = b.appendChild(el("div", "mi-dlg__text"));
  t.innerHTML = html;  // built and sanitised by the generator, copied from the map
  if (badge) {
    var ann = li.appendChild(el("div", "mi-dlg__ann")), ul = ann.appendChild(el("ul", "mi-badges"));
    ul.appendChild(el("li", badge.className, badge.textContent));
  }
  return li;
}

function client(n) {
  return bubble(s.client_says, "client", n.el.querySelector("blockquote").innerHTML, n.el.querySelector("figcaption .mi-badge"));
}

function render(x, focus) {
  var g = x.g, ids = walk(g, x.path), log = x.el.querySelector(".mi-scn__log"), now = x.el.querySelector(".mi-scn__now"),
    cur = g.nodes[ids[ids.length - 1]], c = 0, st = 0, target, total, seen = 0, k;
  log.textContent = "";
  now.textContent = "";
  x.path.forEach(function (i, step) {
    var n = g.nodes[ids[step]], ch = n.choices[i], li;
    log.appendChild(client(n));
    li = log.appendChild(bubble(s.scn_you, "practitioner", ch.reply.innerHTML));
    target = li.appendChild(el("div", "mi-scn__feedback " + (/mi-badge--\w+/.exec(ch.fb.querySelector(".mi-badge").className) || [""])[0]));
    target.appendChild(ch.fb.cloneNode(true));
  });
  ids.forEach(function (id) { var t = g.nodes[id].talk; c += t == "change"; st += t == "sustain"; });
  var ul = now.appendChild(el("ol", "mi-scn__current")), cl = ul.appendChild(client(cur));
  cl.tabIndex = -1;
  if (cur.ending) {
    var end = now.appendChild(cur.ending.cloneNode(true));
    end.className = "mi-scn__end mi-scn__end--" + cur.outcome;
    end.tabIndex = -1;
  } else {
    now.appendChild(el("p", "mi-scn__ask", cur.el.querySelector(".mi-scn__ask").textContent));
    var list = now.appendChild(el("ol", "mi-scn__choices-live"));
    cur.choices.forEach(function (ch, i) {
      var b = list.appendChild(el("li")).appendChild(el("button", "mi-scn__pick"));
      b.type = "button";
      b.setAttribute("data-pick", i);
      b.innerHTML = ch.reply.innerHTML;
    });
  }
  total = c + st;
  x.el.querySelector(".mi-meter__label").textContent = fmt(s.scn_meter, {c: c, s: st});
  x.el.querySelector(".mi-meter__change").style.width = (total ? 100 * c / total : 0) + "%";
  x.el.querySelector(".mi-meter__sustain").style.width = (total ? 100 * st / total : 0) + "%";
  x.el.querySelector('[data-scn="back"]').disabled = !x.path.length;
  for (k in x.seen) if (g.nodes[k] && g.nodes[k].ending) seen++;
  x.el.querySelector(".mi-scn__seen").textContent = seen ? fmt(s.scn_endings, {n: seen, total: g.endings}) : "";
  if (focus == "feedback" && target) { target.tabIndex = -1; target.focus(); }
  else if (focus) cl.focus();
  return cur;
}

function save(x, reached) {
  var good = false, k;
  for (k in x.seen) good = good || x.seen[k] == "good";
  MI.save(x, {path: x.path.slice(), endings: x.seen}, good, reached);
}

function act(x, what, pick) {
  var reached = false, ids, last;
  if (what == "pick") {
    x.path.push(pick);
    ids = walk(x.g, x.path);
    last = ids[ids.length - 1];
    if (x.g.nodes[last].ending) { x.seen[last] = x.g.nodes[last].outcome; reached = true; }
  } else if (what == "back") x.path.pop();
  else x.path = [];
  render(x, what == "pick" ? "feedback" : "line");
  save(x, reached);
}

MI.kinds[kind] = {
  init: function (x) {
    x.g = graph(x);
    x.path = [];
    x.seen = {};
    x.el.querySelector(".mi-scn__stage").hidden = false;
    render(x, false);
  },
  get: function (x) { return {path: x.path.slice(), endings: x.seen}; },
  set: function (x, a) {
    var path = a && a.path, seen = {}, k;
    if (!Array.isArray(path)) throw new Error("record");
    walk(x.g, path);
    for (k in (a.endings || {})) if (x.g.nodes[k] && x.g.nodes[k].ending) seen[k] = x.g.nodes[k].outcome;
    x.path = path.slice();
    x.seen = seen;
    render(x, false);
  }
};

if (MI._scnBound) return;  // one listener, however often the bundle runs
MI._scnBound = true;
d.addEventListener("click", function (ev) {
  var b = ev.target.closest && ev.target.closest("[data-scn], .mi-scn__pick"), sec, x;
  if (!b) return;
  sec = b.closest(".mi-ex");
  x = sec && sec._mi;
  if (!x || !x.g) return;
  if (b.hasAttribute("data-pick")) act(x, "pick", +b.getAttribute("data-pick"));
  else act(x, b.getAttribute("data-scn"));
});
