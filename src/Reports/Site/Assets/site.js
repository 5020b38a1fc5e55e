// Wasm Observatory: the site's own script (no dependencies, no network, works from file://).
// Charts: each div.chart carries its numbers in script.chart-data (written by ChartData.Figure);
// this draws an interactive SVG from them (values on hover, series toggled from the legend, x range
// zoomed) and hides the static ScottPlot SVG, which stays for readers without scripts.
// Tables: table.sortable gets a filter box and sortable headers.
// Permalinks: every toggle, zoom, sort and filter is kept in the URL fragment (#key=value&...),
// so a copied address opens the same view.
(function () {
  'use strict';
  var SVGNS = 'http://www.w3.org/2000/svg';
  var PALETTE = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf',
    '#aec7e8', '#ffbb78', '#98df8a', '#ff9896', '#c5b0d5', '#c49c94', '#f7b6d2', '#c7c7c7', '#dbdb8d', '#9edae5'];
  var state = readHash();

  function readHash() {
    var m = {};
    location.hash.slice(1).split('&').forEach(function (kv) {
      if (!kv) return;
      var i = kv.indexOf('=');
      m[decodeURIComponent(i < 0 ? kv : kv.slice(0, i))] = i < 0 ? '' : decodeURIComponent(kv.slice(i + 1));
    });
    return m;
  }

  function set(key, value) {
    if (value === '' || value == null) delete state[key]; else state[key] = String(value);
    var parts = Object.keys(state).sort().map(function (k) { return encodeURIComponent(k) + '=' + encodeURIComponent(state[k]); });
    history.replaceState(null, '', parts.length ? '#' + parts.join('&') : location.pathname + location.search);
  }

  // The shared vocabulary of units (Core.Units.TimeText): ns, µs, ms, s with three significant digits.
  function duration(ns) {
    var units = [[1e9, 's'], [1e6, 'ms'], [1e3, 'µs'], [1, 'ns']];
    for (var i = 0; i < units.length; i++) {
      if (Math.abs(ns) >= units[i][0] || i === units.length - 1) {
        var v = ns / units[i][0];
        return (Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(2)) + ' ' + units[i][1];
      }
    }
  }
  function value(unit, v) { return unit === 'ns' ? duration(v) : (v >= 100 ? v.toFixed(0) : v.toFixed(2)) + '×'; }

  function el(name, attrs, parent) {
    var e = document.createElementNS(SVGNS, name);
    for (var k in attrs) e.setAttribute(k, attrs[k]);
    if (parent) parent.appendChild(e);
    return e;
  }

  function ticks(lo, hi, log) {
    var out = [];
    if (log) {
      var decades = Math.log10(hi) - Math.log10(lo);
      var steps = decades > 4 ? [1] : decades > 1.5 ? [1, 2, 5] : [1, 1.5, 2, 3, 5, 7];
      for (var e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++)
        steps.forEach(function (m) { var v = m * Math.pow(10, e); if (v >= lo && v <= hi) out.push(v); });
      return out;
    }
    var step = Math.pow(10, Math.floor(Math.log10((hi - lo) / 5 || 1)));
    if ((hi - lo) / step > 10) step *= 2;
    if ((hi - lo) / step > 10) step *= 2.5;
    for (var t = Math.ceil(lo / step) * step; t <= hi; t += step) out.push(t);
    return out;
  }

  function Chart(div) {
    var data = JSON.parse(div.querySelector('script.chart-data').textContent);
    var id = div.id || 'chart';
    var hidden = (state[id + '.off'] || '').split(',').filter(Boolean).map(Number);
    var last = +(state[id + '.last'] || 0);
    var W = 1000, H = 380, L = 78, R = 12, T = 12, B = 46;
    var bars = data.kind === 'bars';

    div.classList.add('live');
    var controls = document.createElement('div');
    controls.className = 'chart-controls';
    div.appendChild(controls);
    var plot = document.createElement('div');
    plot.className = 'plot';
    div.appendChild(plot);
    var tip = document.createElement('div');
    tip.className = 'chart-tip';
    tip.hidden = true;
    plot.appendChild(tip);
    var svg = el('svg', { viewBox: '0 0 ' + W + ' ' + H, role: 'img', 'aria-label': 'interactive chart' });
    plot.appendChild(svg);

    if (!bars && data.x.length > 10) {
      var zoom = document.createElement('div');
      zoom.className = 'chart-zoom';
      zoom.appendChild(document.createTextNode('runs: '));
      [0, 365, 90, 30, 7].filter(function (n) { return n === 0 || n < data.x.length; }).forEach(function (n) {
        var b = document.createElement('button');
        b.type = 'button';
        b.textContent = n === 0 ? 'all' : 'last ' + n;
        b.dataset.last = n;
        b.addEventListener('click', function () { last = n; set(id + '.last', n || ''); draw(); });
        zoom.appendChild(b);
      });
      controls.appendChild(zoom);
    }
    var legend = document.createElement('div');
    legend.className = 'chart-legend';
    data.series.forEach(function (s, i) {
      var b = document.createElement('button');
      b.type = 'button';
      b.dataset.series = s.name;
      b.title = 'show or hide ' + s.name;
      var sw = document.createElement('span');
      sw.className = 'swatch';
      sw.style.background = PALETTE[i % PALETTE.length];
      b.appendChild(sw);
      b.appendChild(document.createTextNode(s.name));
      b.addEventListener('click', function () {
        var at = hidden.indexOf(i);
        if (at < 0) hidden.push(i); else hidden.splice(at, 1);
        set(id + '.off', hidden.sort(function (a, b) { return a - b; }).join(','));
        draw();
      });
      legend.appendChild(b);
    });
    controls.appendChild(legend);

    var sx, sy, x0, x1;
    function draw() {
      while (svg.firstChild) svg.removeChild(svg.firstChild);
      legend.querySelectorAll('button').forEach(function (b, i) { b.setAttribute('aria-pressed', hidden.indexOf(i) < 0); });
      controls.querySelectorAll('.chart-zoom button').forEach(function (b) { b.setAttribute('aria-pressed', +b.dataset.last === last); });
      x0 = bars ? -0.5 : (last > 0 ? Math.max(0, data.x.length - last) : 0) - 0.5;
      x1 = data.x.length - 0.5;
      var vals = [];
      data.series.forEach(function (s, i) {
        if (hidden.indexOf(i) >= 0) return;
        s.points.forEach(function (p) { if (p[0] >= x0 && p[0] <= x1) for (var k = 1; k < p.length; k++) if (!data.log || p[k] > 0) vals.push(p[k]); });
      });
      if (bars && !data.log) vals.push(0);
      if (vals.length === 0) { el('text', { x: W / 2, y: H / 2, 'text-anchor': 'middle' }, svg).textContent = 'no series shown'; return; }
      var lo = Math.min.apply(null, vals), hi = Math.max.apply(null, vals);
      if (data.log) { lo /= 1.2; hi *= 1.2; } else { var pad = (hi - lo) * 0.06 || 1; lo = bars ? Math.min(0, lo) : lo - pad; hi += pad; }
      var f = data.log ? Math.log10 : function (v) { return v; };
      sx = function (x) { return L + (x - x0) / (x1 - x0) * (W - L - R); };
      sy = function (v) { return T + (1 - (f(v) - f(lo)) / (f(hi) - f(lo))) * (H - T - B); };
      ticks(lo, hi, data.log).forEach(function (t) {
        el('line', { x1: L, x2: W - R, y1: sy(t), y2: sy(t), stroke: '#e3e6ee' }, svg);
        el('text', { x: L - 6, y: sy(t) + 4, 'text-anchor': 'end', 'font-size': 11, fill: '#4a5670' }, svg).textContent = value(data.unit, t);
      });
      var first = Math.ceil(x0), n = Math.floor(x1) - first + 1, every = Math.max(1, Math.ceil(n / 10));
      // From the newest run backwards: the latest night always has its label.
      for (var x = Math.floor(x1); x >= first; x -= every)
        el('text', { x: sx(x), y: H - B + 16, 'text-anchor': 'middle', 'font-size': 11, fill: '#4a5670' }, svg).textContent = data.x[x].length > 24 ? data.x[x].slice(0, 23) + '…' : data.x[x];
      el('line', { x1: L, x2: L, y1: T, y2: H - B, stroke: '#99a' }, svg);
      el('line', { x1: L, x2: W - R, y1: H - B, y2: H - B, stroke: '#99a' }, svg);
      (data.markers || []).forEach(function (m) {
        if (m.x < x0 || m.x > x1) return;
        el('line', { x1: sx(m.x), x2: sx(m.x), y1: T, y2: H - B, stroke: '#8b0000', 'stroke-dasharray': '6 4', 'stroke-width': 1.5 }, svg);
        el('text', { x: sx(m.x) + 4, y: T + 12, 'font-size': 11, fill: '#8b0000' }, svg).textContent = m.text;
      });
      var shown = data.series.map(function (s, i) { return i; }).filter(function (i) { return hidden.indexOf(i) < 0; });
      if (data.unit === 'ratio') el('line', { x1: L, x2: W - R, y1: sy(1), y2: sy(1), stroke: '#333', 'stroke-dasharray': '4 3' }, svg);
      shown.forEach(function (i, slot) {
        var s = data.series[i], colour = PALETTE[i % PALETTE.length];
        var pts = s.points.filter(function (p) { return p[0] >= x0 && p[0] <= x1; });
        if (bars) {
          var band = (W - L - R) / (x1 - x0) * 0.8, w = band / shown.length;
          pts.forEach(function (p) {
            var left = sx(p[0]) - band / 2 + slot * w, base = sy(data.log ? lo : Math.max(lo, 0));
            el('rect', { x: left, y: Math.min(sy(p[1]), base), width: Math.max(1, w * 0.9), height: Math.abs(base - sy(p[1])), fill: colour, 'data-series': s.name }, svg);
            if (p.length > 3) el('line', { x1: left + w * 0.45, x2: left + w * 0.45, y1: sy(p[2]), y2: sy(p[3]), stroke: '#222' }, svg);
          });
        } else {
          var d = pts.map(function (p, k) { return (k ? 'L' : 'M') + sx(p[0]).toFixed(1) + ' ' + sy(p[1]).toFixed(1); }).join('');
          el('path', { d: d, fill: 'none', stroke: colour, 'stroke-width': 1.6, 'data-series': s.name }, svg);
          if (pts.length <= 60) pts.forEach(function (p) { el('circle', { cx: sx(p[0]), cy: sy(p[1]), r: 3, fill: colour }, svg); });
        }
      });
      guide = el('line', { y1: T, y2: H - B, stroke: '#556', 'stroke-width': 1, visibility: 'hidden' }, svg);
    }
    var guide;

    svg.addEventListener('mousemove', function (ev) {
      var box = svg.getBoundingClientRect();
      var px = (ev.clientX - box.left) / box.width * W;
      var x = Math.round(x0 + (px - L) / (W - L - R) * (x1 - x0));
      if (px < L || x < Math.ceil(x0) || x > x1) { tip.hidden = true; return; }
      var rows = [];
      data.series.forEach(function (s, i) {
        if (hidden.indexOf(i) >= 0) return;
        s.points.forEach(function (p) { if (p[0] === x) rows.push([s.name, p[1], i]); });
      });
      if (rows.length === 0) { tip.hidden = true; return; }
      rows.sort(function (a, b) { return b[1] - a[1]; });
      tip.textContent = '';
      var head = document.createElement('strong');
      head.textContent = data.x[x];
      tip.appendChild(head);
      rows.slice(0, 16).forEach(function (r) {
        var line = document.createElement('div');
        var sw = document.createElement('span');
        sw.className = 'swatch';
        sw.style.cssText = 'display:inline-block;width:.6rem;height:.6rem;margin-right:.3rem;background:' + PALETTE[r[2] % PALETTE.length];
        line.appendChild(sw);
        line.appendChild(document.createTextNode(r[0] + ': ' + value(data.unit, r[1])));
        tip.appendChild(line);
      });
      if (rows.length > 16) tip.appendChild(document.createTextNode('… and ' + (rows.length - 16) + ' more'));
      tip.hidden = false;
      var left = ev.clientX - box.left + 14;
      tip.style.left = (left + tip.offsetWidth > box.width ? left - tip.offsetWidth - 28 : left) + 'px';
      tip.style.top = Math.max(0, ev.clientY - box.top - 10) + 'px';
      guide.setAttribute('x1', sx(x)); guide.setAttribute('x2', sx(x)); guide.setAttribute('visibility', 'visible');
    });
    svg.addEventListener('mouseleave', function () { tip.hidden = true; if (guide) guide.setAttribute('visibility', 'hidden'); });
    draw();
  }

  function sortKey(td) {
    var t = td.textContent.trim();
    var m = t.match(/^([-+]?[\d,]*\.?\d+(?:e[-+]?\d+)?)\s*(ns|µs|us|ms|s|×|x|%)?/i);
    if (!m) return t.toLowerCase();
    var scale = { ns: 1, 'µs': 1e3, us: 1e3, ms: 1e6, s: 1e9 }[m[2]] || 1;
    return parseFloat(m[1].replace(/,/g, '')) * scale;
  }

  function Table(table, index) {
    var id = table.id || 'table' + index;
    var body = table.tBodies[0];
    if (!body) return;
    var input = document.createElement('input');
    input.type = 'search';
    input.className = 'table-filter';
    input.placeholder = 'filter rows…';
    input.setAttribute('aria-label', 'filter ' + id);
    input.dataset.table = id;
    table.parentNode.insertBefore(input, table);
    var heads = table.tHead ? Array.prototype.slice.call(table.tHead.rows[0].cells) : [];

    function filter(q) {
      q = q.toLowerCase();
      Array.prototype.forEach.call(body.rows, function (r) { r.hidden = q !== '' && r.textContent.toLowerCase().indexOf(q) < 0; });
    }
    function sort(col, descending) {
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var x = a.cells[col] ? sortKey(a.cells[col]) : '', y = b.cells[col] ? sortKey(b.cells[col]) : '';
        // Numbers before text (failed, —), whichever the direction.
        if (typeof x !== typeof y) return typeof x === 'number' ? -1 : 1;
        var c = x < y ? -1 : x > y ? 1 : 0;
        return descending ? -c : c;
      });
      rows.forEach(function (r) { body.appendChild(r); });
      heads.forEach(function (h, i) { if (i === col) h.setAttribute('aria-sort', descending ? 'descending' : 'ascending'); else h.removeAttribute('aria-sort'); });
    }
    input.addEventListener('input', function () { filter(input.value); set(id + '.q', input.value); });
    heads.forEach(function (h, i) {
      h.addEventListener('click', function (ev) {
        if (ev.target.closest('a')) return;
        var descending = h.getAttribute('aria-sort') === 'ascending';
        sort(i, descending);
        set(id + '.sort', (descending ? '-' : '') + i);
      });
    });
    if (state[id + '.sort']) { var s = state[id + '.sort']; sort(Math.abs(parseInt(s, 10)), s.charAt(0) === '-'); }
    if (state[id + '.q']) { input.value = state[id + '.q']; filter(input.value); }
  }

  document.querySelectorAll('div.chart').forEach(function (div) { if (div.querySelector('script.chart-data')) Chart(div); });
  document.querySelectorAll('table.sortable').forEach(Table);
  // A permalink pasted into this tab: rebuild the view from the new fragment.
  window.addEventListener('hashchange', function () { location.reload(); });
})();
