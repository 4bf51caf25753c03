/* mi-course, offline build only: a page opened from file:// may not start a Web Worker, and Material's search runs in
 * one. This stands in for Worker there: the worker's script runs in a hidden iframe, and messages are passed as
 * events. Material's offline plugin would otherwise load a shim for this from unpkg.com, and the built site asks
 * nothing of any other origin. (Its file name says "iframe-worker" so the plugin knows a shim is present.) */
(function (w) {
  if (w.location.protocol != "file:" || !w.EventTarget) return;
  function FrameWorker(url) {
    var fw = new EventTarget(), f = document.createElement("iframe"), cw, ready;
    f.hidden = true;
    f.setAttribute("aria-hidden", "true");
    document.body.appendChild(f);
    cw = f.contentWindow;
    fw.frame = f;
    fw.onmessage = fw.onerror = null;
    cw.postMessage = function (data) {  // the worker's reply, delivered as a worker's would be: later, as an event
      setTimeout(function () {
        var m = new MessageEvent("message", {data: data});
        fw.dispatchEvent(m);
        if (fw.onmessage) fw.onmessage(m);
      });
    };
    cw.importScripts = function () {
      var urls = [].slice.call(arguments);
      return urls.reduce(function (p, u) {
        return p.then(function () {
          return new Promise(function (ok) {
            var s = cw.document.createElement("script");
            s.src = u;
            s.onload = s.onerror = function () { ok(); };
            cw.document.body.appendChild(s);
          });
        });
      }, Promise.resolve());
    };
    ready = new Promise(function (ok) {
      var s = cw.document.createElement("script");
      s.src = new URL(url, w.location.href).href;
      s.onload = ok;
      s.onerror = function (e) { if (fw.onerror) fw.onerror(e); ok(); };
      cw.document.body.appendChild(s);
    });
    fw.postMessage = function (data) {
      ready.then(function () { cw.dispatchEvent(new MessageEvent("message", {data: data})); });
    };
    fw.terminate = function () { f.remove(); };
    return fw;
  }
  w.Worker = FrameWorker;
})(window);
