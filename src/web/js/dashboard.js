/* khuyencong — the dashboard's map and charts, bundled by the Makefile (esbuild)
 * with d3 and topojson-client from npm into the embedded asset dashboard.js.
 *
 * Progressive: the page is complete without it. The server writes every
 * figure as a table (the accessible fallback, and the data); this script
 * draws from those tables:
 *   - div[data-map-src]: the 34 provinces (the TopoJSON at that URL) coloured
 *     by the values of the table data-map-table names, whose rows are
 *     tr[data-code] with data-value (đồng or a count; absent: outside the
 *     caller's scope), the province's link in the row header and the value as
 *     text in td.num. Hover or focus shows the name and value; a click (or
 *     Enter) follows the row's link, the đề án list of that province.
 *   - table[data-charts]: a small bar chart per body row, one bar per column
 *     whose header has data-series, of the cells' data-v.
 * No inline script or style attribute: the CSP allows only this file, and
 * colours are classes of app.css. Only the small d3 modules are used (d3-scale
 * alone would add 28 KB of colour and format code this page does not need). */
import {geoIdentity, geoPath} from 'd3-geo';
import {quantileSorted} from 'd3-array';
import {create} from 'd3-selection';
import {feature} from 'topojson-client';

const CLASSES = 5;

/* The rows of the map's table: code -> {name, href, value, text}. */
function readProvinces(table) {
	const rows = new Map();
	table.querySelectorAll('tbody tr[data-code]').forEach((tr) => {
		const link = tr.querySelector('th a');
		const head = tr.querySelector('th');
		const cell = tr.querySelector('td.num');
		rows.set(tr.dataset.code, {
			name: head ? head.textContent.trim() : tr.dataset.code,
			href: link ? link.getAttribute('href') : null,
			value: tr.dataset.value === undefined ? null : Number(tr.dataset.value),
			text: cell ? cell.textContent.trim() : '',
		});
	});
	return rows;
}

/* The class of a value, "zero" for none, "out" outside the scope; limits[i]
 * are the [low, high] values of class i. Up to five distinct values, each
 * is its own class (no made-up ranges); beyond, quintiles. The darkest class
 * always holds the largest value. */
function classifier(rows) {
	const positive = [...rows.values()].map((r) => r.value).filter((v) => v > 0)
		.sort((a, b) => a - b);
	const distinct = [...new Set(positive)];
	const limits = distinct.length <= CLASSES
		? distinct.map((v) => [v, v])
		: [...Array(CLASSES).keys()].map((i) => [quantileSorted(positive, i / CLASSES),
			quantileSorted(positive, (i + 1) / CLASSES)]);
	const first = CLASSES - limits.length;
	const of = (v) => {
		if (v === null)
			return 'out';
		if (!(v > 0))
			return 'zero';
		let k = 0;
		while (k < limits.length - 1 && v > limits[k][1])
			k++;
		return 'q' + (first + k);
	};
	return {of: of, limits: limits, first: first};
}

function legend(box, cls, unitText, toText) {
	const ul = create('ul').attr('class', 'map-legend').attr('aria-label', 'Chú giải');
	const item = (klass, text) => {
		const li = ul.append('li');
		li.append('span').attr('class', 'swatch ' + klass).attr('aria-hidden', 'true');
		li.append('span').text(text);
	};
	cls.limits.forEach(([low, high], i) => {
		const range = low === high ? toText(low) : toText(low) + ' – ' + toText(high);
		item('q' + (cls.first + i), range + ' ' + unitText);
	});
	item('zero', 'Chưa có số liệu');
	item('out', 'Ngoài phạm vi xem');
	box.appendChild(ul.node());
}

async function drawMap(box) {
	const table = document.getElementById(box.dataset.mapTable);
	if (!table)
		return;
	const res = await fetch(box.dataset.mapSrc, {credentials: 'same-origin'});
	if (!res.ok)
		return;
	const topo = await res.json();
	const provinces = feature(topo, topo.objects.provinces);
	const rows = readProvinces(table);
	const cls = classifier(rows);
	const width = 420, height = 560;
	/* Planar, not spherical: the rings keep RFC 7946 winding, which d3's
	 * spherical projections would read as the rest of the globe; at these
	 * latitudes plain longitude and latitude are as good as Mercator. */
	const path = geoPath(geoIdentity().reflectY(true).fitSize([width, height], provinces));
	const status = create('p').attr('class', 'map-status').attr('aria-live', 'polite');
	const show = (r) => status.text(r ? r.name + ': ' + (r.text || '—') : '');
	const svg = create('svg')
		.attr('viewBox', `0 0 ${width} ${height}`)
		.attr('role', 'group')
		.attr('aria-label', box.dataset.mapLabel || 'Bản đồ các tỉnh');
	for (const f of provinces.features) {
		const r = rows.get(f.properties.code) || {name: f.properties.name, value: null};
		const label = r.name + ': ' + (r.text || '—');
		const g = r.href ? svg.append('a').attr('href', r.href) : svg.append('g');
		g.attr('class', 'province').attr('data-code', f.properties.code)
			.attr('aria-label', label);
		g.append('path').attr('class', cls.of(r.value)).attr('d', path(f))
			.append('title').text(label);
		g.on('mouseenter focus', () => show(r)).on('mouseleave blur', () => show(null));
	}
	box.replaceChildren(svg.node(), status.node());
	const million = new Intl.NumberFormat('vi-VN', {maximumFractionDigits: 1});
	const count = new Intl.NumberFormat('vi-VN', {maximumFractionDigits: 0});
	const money = box.dataset.mapMoney === '1';
	legend(box, cls, box.dataset.mapUnit || '',
		(v) => (money ? million.format(v / 1e6) : count.format(v)));
	box.classList.add('drawn');
}

/* One small chart per body row of table[data-charts]. */
function drawCharts(table) {
	const heads = [...table.querySelectorAll('thead th')];
	const series = heads.map((th, i) => ({i: i, name: th.dataset.series}))
		.filter((s) => s.name);
	if (!series.length)
		return;
	const grid = create('div').attr('class', 'small-multiples').attr('aria-hidden', 'true');
	table.querySelectorAll('tbody tr').forEach((tr) => {
		const cells = [...tr.children];
		const bars = series.map((s) => ({
			name: s.name,
			v: Number(cells[s.i] && cells[s.i].dataset.v) || 0,
			text: cells[s.i] ? cells[s.i].textContent.trim() : '',
		}));
		const title = cells[0] ? cells[0].textContent.trim() : '';
		const link = tr.querySelector('a');
		const fig = grid.append('figure').attr('class', 'mini-chart');
		const cap = fig.append('figcaption');
		if (link)
			cap.append('a').attr('href', link.getAttribute('href')).attr('tabindex', '-1')
				.text(title);
		else
			cap.text(title);
		const w = 300, row = 22, left = 80;
		const max = Math.max(1, ...bars.map((b) => b.v));
		const x = (v) => (v * (w - left - 70)) / max;
		const svg = fig.append('svg').attr('viewBox', `0 0 ${w} ${row * bars.length + 4}`);
		bars.forEach((b, k) => {
			const y = k * row + 2;
			svg.append('text').attr('x', 0).attr('y', y + 14).text(b.name);
			svg.append('rect').attr('class', 'bar s' + k).attr('x', left).attr('y', y)
				.attr('width', Math.max(1, x(b.v))).attr('height', row - 6);
			svg.append('text').attr('x', left + Math.max(1, x(b.v)) + 4).attr('y', y + 14)
				.text(b.text);
		});
	});
	table.insertAdjacentElement('beforebegin', grid.node());
}

document.addEventListener('DOMContentLoaded', () => {
	document.querySelectorAll('div[data-map-src]').forEach((box) => {
		drawMap(box).catch(() => {
			/* the table stays: the figures are all there */
		});
	});
	document.querySelectorAll('table[data-charts]').forEach(drawCharts);
});
