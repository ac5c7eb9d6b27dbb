// Sortable tables that work from file://: a classic script, no modules. Each header of a
// `table.sortable` becomes a button; the current order is announced through aria-sort. Below it,
// the comparison pages' "only verified records" filter.
(function () {
  function key(cell, kind) {
    var v = cell.getAttribute('data-value');
    if (kind === 'number') {
      var n = parseFloat(v !== null ? v : cell.textContent);
      return isNaN(n) ? -Infinity : n;
    }
    return (v !== null ? v : cell.textContent).trim().toLowerCase();
  }
  function sortBy(table, index, kind, th) {
    var dir = th.getAttribute('aria-sort') === 'descending' ? 'ascending' : 'descending';
    if (!th.getAttribute('aria-sort') || th.getAttribute('aria-sort') === 'none') dir = kind === 'number' ? 'descending' : 'ascending';
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.forEach(function (r, i) { r._pos = i; });
    rows.sort(function (a, b) {
      var x = key(a.cells[index], kind), y = key(b.cells[index], kind);
      var c = x < y ? -1 : x > y ? 1 : a._pos - b._pos;
      return dir === 'ascending' ? c : (x === y ? a._pos - b._pos : -c);
    });
    rows.forEach(function (r) { body.appendChild(r); });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (h) { h.setAttribute('aria-sort', 'none'); });
    th.setAttribute('aria-sort', dir);
  }
  Array.prototype.forEach.call(document.querySelectorAll('table.sortable'), function (table) {
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, i) {
      var kind = th.getAttribute('data-sort');
      if (!kind) return;
      var b = document.createElement('button');
      b.type = 'button';
      b.className = 'sort';
      b.innerHTML = th.innerHTML;
      b.setAttribute('aria-label', 'Sort by ' + th.textContent.trim());
      th.innerHTML = '';
      th.appendChild(b);
      th.setAttribute('aria-sort', 'none');
      b.addEventListener('click', function () { sortBy(table, i, kind, th); });
    });
  });
})();
// "Only verified records" on comparison pages: rows carry data-unverified; the control stays
// hidden without JavaScript, where it could do nothing.
(function () {
  var box = document.getElementById('verified-only');
  var table = document.querySelector('table.compare');
  if (!box || !table) return;
  var wrap = box.closest('[data-filter]');
  var count = document.getElementById('verified-count');
  var rows = Array.prototype.slice.call(table.tBodies[0].rows);
  function apply() {
    var shown = 0;
    rows.forEach(function (r) {
      var hide = box.checked && r.hasAttribute('data-unverified');
      r.hidden = hide;
      if (!hide) shown++;
    });
    count.textContent = box.checked ? shown + ' of ' + rows.length + ' rows shown' : '';
  }
  box.addEventListener('change', apply);
  wrap.hidden = false;
  apply();
})();
