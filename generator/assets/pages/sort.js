/* Sort buttons for the tables of dialogue figures (the overview and the corpus pages; only they load this file).
 * A column of numbers ("1.5:1 · good", "45%") sorts by its number, with "n/a" and "not coded" last; other columns
 * sort as text, numbers inside compared as numbers. Without this script the table keeps its natural order. */
(function (w, d) {
  function key(row, i) { return row.cells[i].textContent.trim(); }

  function sort(table, i, dir) {
    var body = table.tBodies[0], rows = [].slice.call(body.rows);
    var numeric = rows.some(function (r) { return !isNaN(parseFloat(key(r, i))); });
    rows.sort(function (a, b) {
      var x = key(a, i), y = key(b, i), p, q;
      if (!numeric) return x.localeCompare(y, undefined, {numeric: true}) * dir;
      p = parseFloat(x); q = parseFloat(y);
      if (isNaN(p) || isNaN(q)) return isNaN(p) - isNaN(q);
      return (p - q) * dir;
    });
    rows.forEach(function (r) { body.appendChild(r); });
  }

  function setup(table) {
    if (!table.tHead || table.getAttribute("data-sortable")) return;
    table.setAttribute("data-sortable", "");
    [].forEach.call(table.tHead.rows[0].cells, function (th, i) {
      var b = d.createElement("button");
      b.type = "button";
      b.className = "mi-sort";
      b.textContent = th.textContent + " \u21c5";
      th.textContent = "";
      th.appendChild(b);
      b.addEventListener("click", function () {
        var dir = th.getAttribute("aria-sort") == "ascending" ? -1 : 1;
        [].forEach.call(table.tHead.rows[0].cells, function (o) { o.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", dir > 0 ? "ascending" : "descending");
        sort(table, i, dir);
      });
    });
  }

  function run() { [].forEach.call(d.querySelectorAll(".mi-overview table"), setup); }

  run();
  if (!w.miSortTables && w.document$) {  // after an instant navigation back to a page with a table
    w.miSortTables = true;
    w.document$.subscribe(run);
  }
})(window, document);
