/* The report's own script: sortable tables, and the plan's timeline and paged step table drawn from the
   JSON in #steps-data (read as text). User strings only ever reach the page as textContent or attribute
   values, never as markup. */
(function () {
  'use strict';
  var SVG_NS = 'http://www.w3.org/2000/svg';
  var PAGE = 100;

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    setAll(e, attrs);
    if (text !== undefined && text !== null) {
      e.textContent = String(text);
    }
    return e;
  }

  function svg(tag, attrs, text) {
    var e = document.createElementNS(SVG_NS, tag);
    setAll(e, attrs);
    if (text !== undefined && text !== null) {
      e.textContent = String(text);
    }
    return e;
  }

  function setAll(e, attrs) {
    if (attrs) {
      Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    }
  }

  function stateClass(s) {
    return 'st-' + s.replace(/ /g, '-');
  }

  function secs(v) {
    if (v === null || v === undefined) {
      return '';
    }
    return v < 10 ? v.toFixed(2) + ' s' : v < 600 ? v.toFixed(1) + ' s' : (v / 60).toFixed(1) + ' min';
  }

  // --- sortable tables ---

  function sortKey(td) {
    var raw = td.getAttribute('data-v');
    var v = raw === null ? td.textContent.trim() : raw;
    return /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(v) ? { n: parseFloat(v) } : { s: v.toLowerCase() };
  }

  function compare(x, y) {
    if (x.n !== undefined && y.n !== undefined) {
      return x.n - y.n;
    }
    if (x.n !== undefined) {
      return -1;
    }
    if (y.n !== undefined) {
      return 1;
    }
    return x.s < y.s ? -1 : x.s > y.s ? 1 : 0;
  }

  function sortBy(table, col, th) {
    var asc = th.getAttribute('aria-sort') !== 'ascending';
    Array.prototype.forEach.call(th.parentNode.cells, function (c) { c.removeAttribute('aria-sort'); });
    th.setAttribute('aria-sort', asc ? 'ascending' : 'descending');
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var r = compare(sortKey(a.cells[col]), sortKey(b.cells[col]));
      return asc ? r : -r;
    });
    rows.forEach(function (r) { body.appendChild(r); });
  }

  function sortable(table) {
    if (!table.tHead || !table.tBodies.length) {
      return;
    }
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, col) {
      th.classList.add('sort');
      th.setAttribute('tabindex', '0');
      th.setAttribute('title', 'sort by this column');
      th.addEventListener('click', function () { sortBy(table, col, th); });
      th.addEventListener('keydown', function (e) {
        if (e.key === 'Enter') {
          sortBy(table, col, th);
        }
      });
    });
  }

  // --- steps: summary, timeline, paged table ---

  function steps() {
    var holder = document.getElementById('steps-data');
    if (!holder) {
      return 0;
    }
    var data = JSON.parse(holder.textContent);
    var f = {};
    data.fields.forEach(function (name, i) { f[name] = i; });
    var all = data.steps;
    var hasJobs = all.some(function (r) { return r[f.job] !== null; });
    summary(all, f);
    timeline(all, f, data.span);
    table(all, f, hasJobs);
    return all.length;
  }

  function summary(all, f) {
    var counts = {};
    all.forEach(function (r) { counts[r[f.state]] = (counts[r[f.state]] || 0) + 1; });
    var parts = Object.keys(counts).map(function (s) { return counts[s] + ' ' + s; });
    var box = document.getElementById('steps-summary');
    box.textContent = all.length + ' steps: ' + parts.join(', ');
    var select = document.getElementById('steps-state');
    Object.keys(counts).forEach(function (s) {
      select.appendChild(el('option', { value: s }, s + ' (' + counts[s] + ')'));
    });
  }

  function timeline(all, f, span) {
    var box = document.getElementById('steps-timeline');
    var lanes = [];
    all.forEach(function (r) {
      if (lanes.indexOf(r[f.subroutine]) < 0) {
        lanes.push(r[f.subroutine]);
      }
    });
    var left = 150;
    var width = 1000;
    var plot = width - left - 20;
    var lane = 18;
    var height = lanes.length * lane + 30;
    var total = span > 0 ? span : 1;
    var s = svg('svg', { viewBox: '0 0 ' + width + ' ' + height, width: '100%', role: 'img',
      'aria-label': 'timeline of ' + all.length + ' steps', id: 'steps-timeline-svg' });
    lanes.forEach(function (name, i) {
      s.appendChild(svg('text', { x: left - 6, y: i * lane + 13, 'text-anchor': 'end' }, name));
      s.appendChild(svg('line', { x1: left, x2: width - 20, y1: i * lane + lane, y2: i * lane + lane, 'class': 'grid' }));
    });
    var axisY = lanes.length * lane + 4;
    s.appendChild(svg('line', { x1: left, x2: width - 20, y1: axisY, y2: axisY, 'class': 'axis' }));
    [0, 0.25, 0.5, 0.75, 1].forEach(function (q) {
      var x = left + q * plot;
      s.appendChild(svg('text', { x: x, y: axisY + 16, 'text-anchor': 'middle' }, secs(q * total)));
    });
    var bars = 0;
    all.forEach(function (r) {
      if (r[f.start] === null) {
        return;
      }
      var x = left + (r[f.start] / total) * plot;
      var w = Math.max(1, ((r[f.seconds] || 0) / total) * plot);
      var rect = svg('rect', { x: x.toFixed(2), y: lanes.indexOf(r[f.subroutine]) * lane + 3, width: w.toFixed(2),
        height: lane - 6, 'class': 'bar ' + stateClass(r[f.state]) });
      rect.appendChild(svg('title', null, r[f.id] + ': ' + r[f.state] + ', ' + secs(r[f.seconds])
        + (r[f.job] !== null ? ', job ' + r[f.job] : '')));
      s.appendChild(rect);
      bars++;
    });
    s.setAttribute('data-bars', String(bars));
    box.appendChild(s);
  }

  function table(all, f, hasJobs) {
    var head = document.getElementById('steps-head');
    var cols = ['#', 'step', 'state', 'start', 'duration', 'attempts', 'invocation'];
    if (hasJobs) {
      cols.push('Slurm job', 'host');
    }
    cols.push('error');
    var tr = el('tr');
    cols.forEach(function (c) { tr.appendChild(el('th', null, c)); });
    head.appendChild(tr);
    var body = document.getElementById('steps-body');
    var pager = document.getElementById('steps-pager');
    var filter = document.getElementById('steps-filter');
    var select = document.getElementById('steps-state');
    var page = 0;
    var shown = all;

    function row(r) {
      var t = el('tr', { 'data-step': r[f.id] });
      t.appendChild(el('td', { 'class': 'num' }, r[f.index]));
      t.appendChild(el('td', null, r[f.id]));
      var st = el('td');
      st.appendChild(el('span', { 'class': 'state ' + stateClass(r[f.state]) }, r[f.state]));
      t.appendChild(st);
      t.appendChild(el('td', { 'class': 'num' }, r[f.start] === null ? '' : '+' + secs(r[f.start])));
      t.appendChild(el('td', { 'class': 'num' }, r[f.start] === null ? '' : secs(r[f.seconds])));
      t.appendChild(el('td', { 'class': 'num' }, r[f.attempts]));
      t.appendChild(el('td', { 'class': 'num' }, r[f.invocation] || ''));
      if (hasJobs) {
        t.appendChild(el('td', null, r[f.job] === null ? '' : r[f.job]));
        t.appendChild(el('td', null, r[f.host] === null ? '' : r[f.host]));
      }
      var err = r[f.error] === null ? '' : r[f.error];
      t.appendChild(el('td', err.length > 160 ? { title: err, 'class': 'wrap' } : { 'class': 'wrap' },
        err.length > 160 ? err.slice(0, 160) + '...' : err));
      return t;
    }

    function draw() {
      var pages = Math.max(1, Math.ceil(shown.length / PAGE));
      page = Math.min(page, pages - 1);
      while (body.firstChild) {
        body.removeChild(body.firstChild);
      }
      shown.slice(page * PAGE, (page + 1) * PAGE).forEach(function (r) { body.appendChild(row(r)); });
      while (pager.firstChild) {
        pager.removeChild(pager.firstChild);
      }
      var prev = el('button', { type: 'button' }, 'previous');
      prev.disabled = page === 0;
      prev.addEventListener('click', function () { page--; draw(); });
      var next = el('button', { type: 'button' }, 'next');
      next.disabled = page >= pages - 1;
      next.addEventListener('click', function () { page++; draw(); });
      pager.appendChild(prev);
      pager.appendChild(el('span', { id: 'steps-page' }, 'page ' + (page + 1) + ' of ' + pages + ' (' + shown.length
        + ' of ' + all.length + ' steps)'));
      pager.appendChild(next);
    }

    function refilter() {
      var text = filter.value.toLowerCase();
      var state = select.value;
      shown = all.filter(function (r) {
        return (state === '' || r[f.state] === state) && (text === '' || r[f.id].toLowerCase().indexOf(text) >= 0);
      });
      page = 0;
      draw();
    }

    filter.addEventListener('input', refilter);
    select.addEventListener('change', refilter);
    draw();
  }

  function start() {
    var n = steps();
    var tables = document.querySelectorAll('table.sortable');
    Array.prototype.forEach.call(tables, sortable);
    var status = document.getElementById('report-status');
    status.textContent = 'Rendered in the browser: ' + (n > 0 ? n + ' steps, ' : '') + tables.length
      + ' sortable tables.';
    document.documentElement.setAttribute('data-rendered', 'true');
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
