/* khuyencong — the little JavaScript the pages use. Every page works without
 * it; it adds: rows added and removed in place (cost lines, beneficiaries),
 * amounts shown in Vietnamese format and against their cap while typed,
 * communes that follow the chosen province (searched without diacritics),
 * a confirmation before a form that cannot be undone, and the progress of an
 * import. No inline script: the CSP allows only this file. */
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

/* The unit picker (web_units.c): a province select and a commune select
 * data-commune-select with its search input data-commune-search. The
 * communes follow the province (current ones, then the legacy ones marked
 * "(cũ)" with what they became) and the search needs no diacritics. */
function setupCommunes(root) {
	root.querySelectorAll('[data-unit-picker]').forEach((picker) => {
		const province = picker.querySelector('select[name=province_code]');
		const commune = picker.querySelector('select[data-commune-select]');
		const search = picker.querySelector('input[data-commune-search]');
		if (!province || !commune)
			return;
		search.hidden = false;
		const fill = (items) => {
			const keep = commune.value;
			commune.innerHTML = '';
			commune.appendChild(new Option('— không ghi xã —', ''));
			let group = null;
			for (const u of items) {
				if (!group || group.dataset.list !== u.list) {
					group = document.createElement('optgroup');
					group.dataset.list = u.list;
					group.label = u.list === 'legacy' ? 'Xã, phường cũ (trước 01/7/2025)'
						: 'Xã, phường hiện nay (từ 01/7/2025)';
					commune.appendChild(group);
				}
				const label = u.list === 'legacy'
					? u.name + ' (cũ)' + (u.became ? ' → nay thuộc ' + u.became : '') : u.name;
				const o = new Option(label, u.list + ':' + u.code);
				o.selected = o.value === keep;
				group.appendChild(o);
			}
			commune.dataset.loaded = String(items.length);
		};
		const load = async () => {
			if (!province.value) {
				fill([]);
				return;
			}
			const q = new URLSearchParams({province: province.value, limit: '300'});
			if (search.value.trim())
				q.set('q', search.value.trim());
			try {
				const res = await fetch('/api/v1/units/communes?' + q, {credentials: 'same-origin'});
				if (res.ok)
					fill((await res.json()).items || []);
			} catch (e) {
				/* the select keeps what the server rendered */
			}
		};
		province.addEventListener('change', () => {
			search.value = '';
			load();
		});
		search.addEventListener('input', () => {
			clearTimeout(search._timer);
			search._timer = setTimeout(load, 250);
		});
	});
}

/* The cost lines of the đề án form (web_project_edit.c): beside each
 * support amount, the cap of the row's rule as the server computes it
 * (GET data-cap-url, the check the save makes), and the reason asked for
 * when the amount passes it. The server still judges on saving. */
function setupCaps(root) {
	const table = root.querySelector('table[data-cap-url]');
	if (!table)
		return;
	const value = (row, name) => {
		const el = row.querySelector(`[name=${name}]`);
		return el ? el.value.replace(/[.\s]/g, '') : '';
	};
	const check = async (row) => {
		const hint = row.querySelector('[data-cap-hint]');
		const reason = row.querySelector('[data-cap-reason]');
		const rule = value(row, 'line_rule');
		const amount = value(row, 'line_approved') || value(row, 'line_planned');
		const q = new URLSearchParams({source_code: row.querySelector('[name=line_source]').value});
		if (rule)
			q.set('rule_id', rule);
		if (/^\d+$/.test(value(row, 'line_eligible')))
			q.set('eligible_cost', value(row, 'line_eligible'));
		if (/^\d+$/.test(amount))
			q.set('amount', amount);
		const why = row.querySelector('[name=line_reason]').value.trim();
		if (why)
			q.set('cap_override', why);
		if (!rule) {
			hint.textContent = '';
			hint.classList.remove('over');
			reason.toggleAttribute('data-optional', !why);
			return;
		}
		const res = await fetch(table.dataset.capUrl + '?' + q, {credentials: 'same-origin'});
		if (!res.ok)
			return;
		const cap = await res.json();
		let text = cap.allowed !== null && cap.allowed !== undefined
			? 'Tối đa ' + groupDigits(String(cap.allowed)) + ' đồng' : '';
		if (cap.limit)
			text += (text ? ' — ' : 'Mức tối đa: ') + cap.limit;
		if (cap.over && !cap.ok)
			text += '. Vượt mức tối đa: ghi lý do để lưu.';
		else if (!cap.ok && cap.message)
			text += '. ' + cap.message;
		hint.textContent = text;
		hint.classList.toggle('over', !!cap.over);
		reason.toggleAttribute('data-optional', !cap.over && !why);
		const input = row.querySelector('[name=line_reason]');
		input.required = !!cap.over;
	};
	table.addEventListener('input', (ev) => {
		const row = ev.target.closest('tr[data-cap-row]');
		if (!row || !ev.target.closest('[data-cap-input], [name=line_reason]'))
			return;
		clearTimeout(row._timer);
		row._timer = setTimeout(() => check(row), 300);
	});
	table.addEventListener('change', (ev) => {
		const row = ev.target.closest('tr[data-cap-row]');
		if (row && ev.target.matches('select'))
			check(row);
	});
	table.querySelectorAll('tbody tr[data-cap-row]').forEach((row) => {
		if (value(row, 'line_rule'))
			check(row);
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
	setupCaps(document);
	setupEstablishmentSearch(document);
	setupConfirm(document);
	setupImportProgress(document);
});
