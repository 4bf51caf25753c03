/* mi-course SCORM 1.2 adapter. It runs only in the SCORM package's launch page (scorm.html), which frames the course
 * and keeps one LMS session for the whole visit. generator/export/scorm.py prefixes window.MI_SCORM =
 * {completion: share of exercises answered for "completed", start: the first page, s: strings}; the page loads the
 * learner pages' manifest first (window.MI_MANIFEST: ns, unscored kinds, ex: [[id, kind, label, topics, audience,
 * module, key], ...], see generator/manifest.py).
 *
 * Reported to the LMS after every save (the engine's "mi:save" event, heard in every page of the frame):
 *   cmi.core.lesson_status  "completed" once the share of exercises answered (checked at least once, or for an
 *                           unscored kind, opened) reaches MI_SCORM.completion; "incomplete" before
 *   cmi.core.score.raw      0 to 100: the share of scored exercises whose last Check was right (min 0, max 100)
 *   cmi.core.session_time   time since the launch page opened
 *   cmi.core.lesson_location  the page in the frame, to reopen it on the next visit
 *   cmi.core.exit           "suspend", so the LMS keeps the resume data
 *   cmi.suspend_data        the learner's records, compact (at most 4,096 characters, SCORM 1.2's limit):
 *     "0" + JSON, or "1" + base64 of the same JSON compressed (deflate) when the plain one is too long, of
 *     [1, T: seconds since 1970 when it was made, seed: the option-shuffling seed, checks, flags, answers], one
 *     entry per exercise in manifest order in each of the last three (columns compress better than rows):
 *       checks   2 characters from the first 12 bits of the exercise's key, ".." where there is no record
 *       flags    1 base-36 character: 12 * (correct true 0, false 1, null 2) + attempts (11: 11 or more); "."
 *       answers  the record's answer, 0 where there is none
 *     Kept: every answer, right or wrong, attempts, the shuffling seed. Dropped: any text of more than 32
 *     characters in an answer (what a learner wrote stays in the browser that wrote it; the rating is kept), the
 *     spaced-review boxes, the exact times (a restored record carries T). Should the whole still not fit, the
 *     records answered longest ago are left out until it does.
 * On launch the LMS's copy is merged into this browser's storage before the course loads: per exercise, a record
 * this browser saved after T wins; otherwise the LMS's copy wins (a record whose key no longer matches the
 * exercise, because its answer changed, is dropped, as the engine drops it); a record only this browser has stays.
 * Without an LMS the course runs as on the site and nothing is sent anywhere.
 */
(function (w, d) {
  var cfg = w.MI_SCORM, man = w.MI_MANIFEST, ns = man.ns, ex = man.ex, MAX = 4096, LONG = 32, CORRECT = [true, false, null],
    B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_",
    frame = d.getElementById("mi-scorm-frame"), opened = Date.now(), api = find(), live = false, finished = false;

  /* SCORM 1.2's discovery: API on this window or a parent (at most 10 up), then on the opener's chain. */
  function scan(win) {
    for (var n = 0; win && n < 10; n++) {
      try { if (win.API && win.API.LMSInitialize) return win.API; } catch (e) { return null; }  // another origin
      if (win.parent == win) break;
      win = win.parent;
    }
    return null;
  }
  function find() { return scan(w) || (w.opener ? scan(w.opener) : null); }

  function get(k) { try { return String(api.LMSGetValue(k) || ""); } catch (e) { return ""; } }
  function set(k, v) { try { api.LMSSetValue(k, v); } catch (e) { /* a value this LMS refuses: the rest still goes */ } }

  function read(k) { try { return JSON.parse(localStorage.getItem(ns + k)); } catch (e) { return null; } }
  function write(k, v) { try { localStorage.setItem(ns + k, JSON.stringify(v)); } catch (e) { /* blocked or full */ } }

  /* This browser's records for the manifest's exercises, null where there is none or its key is stale. */
  function records() {
    return ex.map(function (e) {
      var r = read("ex:" + e[0]);
      return r && typeof r == "object" && r.key === e[6] && r.answer != null ? r : null;
    });
  }

  function short(a) {
    if (typeof a == "string") return a.length > LONG ? "" : a;
    if (Array.isArray(a)) return a.map(short);
    if (a && typeof a == "object") {
      var o = {}, k;
      for (k in a) o[k] = short(a[k]);
      return o;
    }
    return a;
  }

  function check(key) { var n = parseInt(key.slice(0, 3), 16) || 0; return B64.charAt(n >> 6) + B64.charAt(n & 63); }

  function snapshot(rs) {
    var seed = read("seed"), checks = "", flags = "";
    rs.forEach(function (r) {
      checks += r ? check(r.key) : "..";
      flags += r ? (12 * CORRECT.indexOf(typeof r.correct == "boolean" ? r.correct : null)
        + Math.min(11, +r.attempts || 0)).toString(36) : ".";
    });
    return [1, Math.floor(Date.now() / 1000), typeof seed == "number" ? seed : null, checks, flags,
      rs.map(function (r) { return r ? short(r.answer) : 0; })];
  }

  function b64(bytes) {
    var s = "", i;
    for (i = 0; i < bytes.length; i += 8192) s += String.fromCharCode.apply(null, bytes.subarray(i, i + 8192));
    return btoa(s);
  }
  function pipe(data, stream) {
    return new Response(new Blob([data]).stream().pipeThrough(stream)).arrayBuffer();
  }

  /* The suspend data for these records; calls back at once when the plain form fits, after compressing otherwise. */
  function encode(rs, done) {
    var json = JSON.stringify(snapshot(rs)), oldest, i;
    if (json.length < MAX) return done("0" + json);
    if (!w.CompressionStream) return done(null);  // an old browser: keep what the LMS holds
    pipe(json, new CompressionStream("deflate-raw")).then(function (buf) {
      var packed = "1" + b64(new Uint8Array(buf));
      if (packed.length <= MAX) return done(packed);
      for (oldest = -1, i = 0; i < rs.length; i++) {  // leave out the record answered longest ago, then try again
        if (rs[i] && (oldest < 0 || String(rs[i].last) < String(rs[oldest].last))) oldest = i;
      }
      if (oldest < 0) return done(null);
      rs = rs.slice();
      rs[oldest] = null;
      encode(rs, done);
    }).catch(function () { done(null); });
  }

  function decode(text, done) {
    try {
      if (text.charAt(0) == "0") return done(JSON.parse(text.slice(1)));
      if (text.charAt(0) != "1" || !w.DecompressionStream) return done(null);
      var raw = atob(text.slice(1)), bytes = new Uint8Array(raw.length), i;
      for (i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
      pipe(bytes, new DecompressionStream("deflate-raw")).then(function (buf) {
        done(JSON.parse(new TextDecoder().decode(buf)));
      }).catch(function () { done(null); });
    } catch (e) { done(null); }  // damaged or foreign data: start from this browser's records
  }

  /* The LMS's records into this browser's storage, before the course reads them. */
  function merge(snap) {
    if (!Array.isArray(snap) || snap[0] !== 1 || typeof snap[3] != "string" || typeof snap[4] != "string"
      || !Array.isArray(snap[5])) return;
    var made = new Date(snap[1] * 1000).toISOString(), at = {};
    ex.forEach(function (e, j) { (at[check(e[6])] = at[check(e[6])] || []).push(j); });
    if (typeof snap[2] == "number") write("seed", snap[2]);
    snap[5].forEach(function (answer, i) {
      var c = snap[3].substr(2 * i, 2), f = parseInt(snap[4].charAt(i), 36), to, e, mine;
      if (answer == null || answer === 0 || c == ".." || isNaN(f)) return;
      /* The same position when the exercise is unchanged; else the nearest exercise with that check (exercises were
       * added or removed since); none: its answer changed, and its progress restarts. */
      to = ex[i] && check(ex[i][6]) == c ? i : (at[c] || []).reduce(function (best, j) {
        return best < 0 || Math.abs(j - i) < Math.abs(best - i) ? j : best;
      }, -1);
      e = ex[to];
      if (!e) return;
      mine = read("ex:" + e[0]);
      if (mine && mine.key === e[6] && String(mine.last) > made) return;  // changed here since the LMS's copy
      write("ex:" + e[0], {v: 1, key: e[6], kind: e[1], correct: CORRECT[Math.floor(f / 12)], answer: answer,
        attempts: f % 12, first: mine && mine.key === e[6] && mine.first || made, last: made,
        leitner: mine && mine.leitner && mine.leitner.key === e[6] ? mine.leitner : undefined});
    });
  }

  function span(ms) {
    var t = Math.floor(ms / 10), h = Math.min(9999, Math.floor(t / 360000));
    function two(n) { return (n < 10 ? "0" : "") + n; }
    return two(h) + ":" + two(Math.floor(t / 6000) % 60) + ":" + two(Math.floor(t / 100) % 60) + "." + two(t % 100);
  }

  /* Everything the LMS is told; `last`: the learner is leaving, so the session ends too. */
  function report(last) {
    if (!live || finished) return;
    var rs = records(), answered = 0, scored = 0, right = 0;
    rs.forEach(function (r, i) {
      var sc = man.unscored.indexOf(ex[i][1]) < 0;
      scored += sc;
      if (r && (typeof r.correct == "boolean" || r.attempts > 0)) answered++;
      if (r && sc && r.correct === true) right++;
    });
    set("cmi.core.score.min", "0");
    set("cmi.core.score.max", "100");
    set("cmi.core.score.raw", String(scored ? Math.round(100 * right / scored) : 0));
    set("cmi.core.lesson_status", ex.length && answered / ex.length >= cfg.completion - 1e-9 ? "completed" : "incomplete");
    set("cmi.core.session_time", span(Date.now() - opened));
    set("cmi.core.exit", "suspend");
    encode(rs, function (text) {  // at once when the plain form fits; a compressed one may come too late on leaving
      if (finished) return;
      if (text != null) set("cmi.suspend_data", text);
      try { api.LMSCommit(""); } catch (e) { /* the next save tries again */ }
    });
    if (last) {
      finished = true;
      try { api.LMSCommit(""); api.LMSFinish(""); } catch (e) { /* the LMS went away first */ }
    }
  }

  /* The page in the frame, relative to this one, for lesson_location (and where a resumed visit reopens). */
  function here() {
    try {
      var base = w.location.href.replace(/[?#].*$/, "").replace(/[^\/]*$/, ""), at = frame.contentWindow.location.href.replace(/#.*$/, "");
      return at.indexOf(base) === 0 ? at.slice(base.length) : "";
    } catch (e) { return ""; }
  }
  function safe(path) { return /^[\w\-.\/%?=&,]{1,255}$/.test(path) && path.indexOf("..") < 0 && path.indexOf("//") < 0; }

  frame.addEventListener("load", function () {
    var at = here();
    if (live && at && safe(at)) set("cmi.core.lesson_location", at);
    try { frame.contentDocument.addEventListener("mi:save", function () { report(false); }); } catch (e) { /* not ours */ }
  });
  w.addEventListener("pagehide", function () { report(true); });

  function open(path) { frame.src = path && safe(path) ? path : cfg.start; }

  if (!api || String(api.LMSInitialize("")) != "true") {
    api = null;
    d.getElementById("mi-scorm-note").textContent = cfg.s.no_lms;
    return open("");
  }
  live = true;
  var resume = get("cmi.core.entry") == "resume" ? get("cmi.core.lesson_location") : "";
  decode(get("cmi.suspend_data"), function (snap) {
    merge(snap);
    report(false);  // the merged records go back at once: the LMS holds the newest of both
    open(resume);
  });
})(window, document);
