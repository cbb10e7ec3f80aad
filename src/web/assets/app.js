/* khuyencong — the little JavaScript the pages use. Every page works without
 * it; it adds: rows added and removed in place (cost lines, beneficiaries),
 * amounts shown in Vietnamese format and against their cap while typed,
 * communes that follow the chosen province, a confirmation before a form
 * that cannot be undone, and the progress of an import. No inline script:
 * the CSP allows only this file. */
'use strict';

function groupDigits(text) {
	const digits = text.replace(/[^0-9]/g, '');
	return digits.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

/* A table with a <template> row and a button data-add-row="ID". */
function setupRows(root) {
	root.querySelectorAll('[data-add-row]').forEach((button) => {
		button.addEventListener('click', () => {
			const table = document.getElementById(button.dataset.addRow);
			const tpl = table && table.querySelector('template');
			if (!tpl)
				return;
			const row = tpl.content.firstElementChild.cloneNode(true);
			table.querySelector('tbody').appendChild(row);
			setupAmounts(row);
			const first = row.querySelector('input, select');
			if (first)
				first.focus();
		});
	});
	root.addEventListener('click', (ev) => {
		const b = ev.target.closest('[data-remove-row]');
		if (!b)
			return;
		const tr = b.closest('tr');
		const body = tr && tr.parentElement;
		if (tr)
			tr.remove();
		const next = body && body.querySelector('input, select');
		if (next)
			next.focus();
	});
}

/* An amount input data-amount: the figure grouped as typed, and a warning
 * when it passes data-cap (đồng). */
function setupAmounts(root) {
	root.querySelectorAll('input[data-amount]').forEach((input) => {
		const note = document.createElement('div');
		note.className = 'amount-words';
		note.setAttribute('aria-live', 'polite');
		input.insertAdjacentElement('afterend', note);
		const show = () => {
			const v = input.value.replace(/[^0-9]/g, '');
			note.textContent = v ? groupDigits(v) + ' đồng' : '';
			const cap = Number(input.dataset.cap || 0);
			if (cap && Number(v) > cap) {
				note.textContent += ' — vượt mức tối đa ' + groupDigits(String(cap)) + ' đồng';
				note.classList.add('cap', 'over');
			} else {
				note.classList.remove('cap', 'over');
			}
		};
		input.addEventListener('input', show);
		show();
	});
}

/* A province select data-communes="ID of the commune select". */
function setupCommunes(root) {
	root.querySelectorAll('select[data-communes]').forEach((province) => {
		const commune = document.getElementById(province.dataset.communes);
		if (!commune)
			return;
		province.addEventListener('change', async () => {
			const [list, code] = province.value.split(':');
			commune.innerHTML = '';
			commune.appendChild(new Option('— chọn xã —', ''));
			if (!code)
				return;
			const date = list === 'legacy' ? '2025-06-30' : '';
			const q = new URLSearchParams({level: 'commune', province: code, limit: '500'});
			if (date)
				q.set('date', date);
			try {
				const res = await fetch('/api/v1/units?' + q, {credentials: 'same-origin'});
				const data = await res.json();
				for (const u of data.items || [])
					commune.appendChild(new Option(u.name, u.list + ':' + u.code));
			} catch (e) {
				/* the field stays empty; the form still works without a commune */
			}
		});
	});
}

/* A search input data-find-establishment: the establishments whose name
 * matches fill the select of its row (or the select its value names). */
function setupEstablishmentSearch(root) {
	root.addEventListener('input', (ev) => {
		const input = ev.target.closest('input[data-find-establishment]');
		if (!input)
			return;
		const target = input.dataset.findEstablishment
			? document.getElementById(input.dataset.findEstablishment)
			: input.closest('tr').querySelector('select[data-establishments]');
		clearTimeout(input._timer);
		input._timer = setTimeout(async () => {
			const q = input.value.trim();
			if (q.length < 2 || !target)
				return;
			const res = await fetch('/api/v1/establishments?' +
				new URLSearchParams({q: q, limit: '20'}), {credentials: 'same-origin'});
			if (!res.ok)
				return;
			const data = await res.json();
			target.innerHTML = '';
			for (const e of data.items || [])
				target.appendChild(new Option(e.name + ' (số ' + e.id + ')', String(e.id)));
			target.dispatchEvent(new Event('change', {bubbles: true}));
			target.dataset.loaded = String((data.items || []).length);
		}, 250);
	});
}

function setupConfirm(root) {
	root.querySelectorAll('form[data-confirm]').forEach((form) => {
		form.addEventListener('submit', (ev) => {
			if (!window.confirm(form.dataset.confirm))
				ev.preventDefault();
		});
	});
}

/* An import still running (data-import-job="ID", web_import.c): its
 * progress from the jobs API every second; the page reloads with the report
 * when the import ends. Without script the page's link reloads it. */
function setupImportProgress(root) {
	const box = root.querySelector('[data-import-job]');
	if (!box)
		return;
	const text = box.querySelector('.progress-text');
	const bar = box.querySelector('progress');
	const poll = async () => {
		let job;
		try {
			const res = await fetch('/api/v1/import/jobs/' + box.dataset.importJob,
				{credentials: 'same-origin'});
			if (!res.ok) {
				window.location.reload();
				return;
			}
			job = await res.json();
		} catch (e) {
			setTimeout(poll, 3000); /* the server is busy or away: try again later */
			return;
		}
		if (job.state !== 'queued' && job.state !== 'running') {
			window.location.reload();
			return;
		}
		const pct = job.bytes_total > 0 ? Math.floor(100 * job.bytes_done / job.bytes_total) : 0;
		if (job.state === 'queued')
			text.textContent = 'Đang chờ: còn ' + job.ahead + ' việc nhập chạy trước.';
		else if (job.sheet)
			text.textContent = 'Đang đọc trang tính «' + job.sheet + '»: ' +
				groupDigits(String(job.rows)) + ' dòng (' + pct + '%).';
		bar.value = pct;
		bar.textContent = pct + '%';
		setTimeout(poll, 1000);
	};
	setTimeout(poll, 1000);
}

document.addEventListener('DOMContentLoaded', () => {
	setupRows(document);
	setupAmounts(document);
	setupCommunes(document);
	setupEstablishmentSearch(document);
	setupConfirm(document);
	setupImportProgress(document);
});
