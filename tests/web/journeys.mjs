// journeys.mjs — what an officer does all day, one journey per test, each
// failing on the first thing that is not as it should be.
import fs from 'node:fs';
import path from 'node:path';
import { check, signIn } from './harness.mjs';

const DIACRITICS_FREE_SEARCH = 'banh pia an khang';

// The text of the cell of row (the first whose text contains rowText) under
// the column headed header, in the first table that has both.
async function cell(page, rowText, header) {
	return page.evaluate(([rowText, header]) => {
		for (const table of document.querySelectorAll('table')) {
			const heads = [...table.querySelectorAll('thead th')].map((th) => th.textContent.trim());
			const k = heads.indexOf(header);
			if (k < 0)
				continue;
			for (const tr of table.querySelectorAll('tbody tr'))
				if (tr.textContent.includes(rowText))
					return tr.children[k] ? tr.children[k].textContent.trim() : null;
		}
		return null;
	}, [rowText, header]);
}

function number(text) {
	return Number(String(text || '0').replace(/\./g, '').replace(',', '.')) || 0;
}

async function submit(page, selector) {
	await Promise.all([page.waitForNavigation(), page.click(selector)]);
}

async function signInJourney({ page, base, shots }) {
	await page.goto(base + '/de-an');
	check(page.url().includes('/dang-nhap?tiep=%2Fde-an'), `a page asks for sign-in first (${page.url()})`);
	await page.fill('#f-username', 'quan.tri');
	await page.fill('#f-password', 'mat-khau-sai-roi');
	await submit(page, 'button[type=submit]');
	const msg = await page.textContent('.error-message');
	check(msg.includes('không đúng'), `a wrong password is refused in Vietnamese: ${msg}`);
	check((await page.inputValue('#f-username')) === 'quan.tri', 'the user name is kept');
	await shots.take(page, '01-dang-nhap-sai-mat-khau');
	await page.fill('#f-password', 'khuyencong-demo');
	await submit(page, 'button[type=submit]');
	check(page.url().endsWith('/de-an'), `signed in, back to the page asked for (${page.url()})`);
	const who = await page.textContent('header .who');
	check(who.includes('Trần Văn Quản') && who.includes('Toàn quốc'), `the header names the user and scope: ${who}`);
	// Styles and script come from the binary with a year-long cache.
	const css = await page.getAttribute('link[rel=stylesheet]', 'href');
	const res = await page.request.get(base + css);
	check(res.status() === 200 && /immutable/.test(res.headers()['cache-control']), 'the CSS is cached for good');
	const bg = await page.evaluate(() => getComputedStyle(document.querySelector('header')).backgroundColor);
	check(bg !== 'rgba(0, 0, 0, 0)', 'the stylesheet applies');
	await page.goto(base + '/?year=2019');
	await shots.take(page, '02-tong-quan');
	// Keyboard: the first Tab reaches the skip link, which leads to the content.
	await page.keyboard.press('Tab');
	const focused = await page.evaluate(() => document.activeElement.textContent);
	check(focused.includes('Bỏ qua'), `the first Tab reaches the skip link (${focused})`);
}

async function findEstablishment({ page, base, shots }) {
	await signIn(page, base, 'can.bo');
	await page.goto(base + '/co-so');
	await page.fill('#f-q', DIACRITICS_FREE_SEARCH);
	await submit(page, 'form.filters button[type=submit]');
	const rows = await page.locator('table.list tbody tr').allTextContents();
	check(rows.length >= 1 && rows.every((r) => r.includes('An Khang')), `rows found: ${rows.length}`);
	check(rows.some((r) => r.includes('Bánh pía An Khang')), 'the establishment is found by a name typed without diacritics');
	await shots.take(page, '03-tim-co-so-khong-dau');
	// The filtered list downloads as CSV with the same rows.
	const [download] = await Promise.all([page.waitForEvent('download'), page.click('text=Tải CSV')]);
	const csv = fs.readFileSync(await download.path(), 'utf8');
	check(csv.includes('Bánh pía An Khang'), 'the CSV holds the establishment');
	check(csv.trim().split('\n').length === rows.length + 1, `the CSV holds the filtered rows only (${csv.trim().split('\n').length - 1})`);
}

async function pickBeneficiary(page, row, query) {
	const input = page.locator('#beneficiaries tbody tr').nth(row).locator('input[data-find-establishment]');
	const select = page.locator('#beneficiaries tbody tr').nth(row).locator('select');
	await input.fill(query);
	await page.waitForFunction(([r]) => {
		const s = document.querySelectorAll('#beneficiaries tbody tr')[r].querySelector('select');
		return s && s.options.length > 0;
	}, [row]);
	return select.inputValue();
}

async function createProject({ page, base, shots, state }) {
	await signIn(page, base, 'can.bo');
	await page.goto(base + '/de-an/moi');
	// A code that exists already: refused next to the field, nothing typed is lost.
	await page.fill('#f-code', 'KCDP-2012-ST-005');
	await page.fill('#f-title', 'Hỗ trợ máy đóng gói bánh pía');
	await page.selectOption('#f-level', 'local');
	await page.selectOption('#f-activity_code', 'C03_DEMO_TECH');
	await page.selectOption('#f-province_code', 'current:92');
	await page.fill('#f-registration_year', '2026');
	await page.fill('#f-start_year', '2026');
	await page.fill('#f-end_year', '2026');
	await page.selectOption('#cost-lines tbody tr:nth-child(1) select', 'provincial');
	await page.fill('#cost-lines tbody tr:nth-child(1) input[name=line_item]', 'Hỗ trợ máy đóng gói');
	await page.fill('#cost-lines tbody tr:nth-child(1) input[name=line_planned]', '150.000.000');
	await page.click('[data-add-row=cost-lines]');
	await page.selectOption('#cost-lines tbody tr:nth-child(2) select', 'counterpart');
	await page.fill('#cost-lines tbody tr:nth-child(2) input[name=line_item]', 'Vốn đối ứng: lắp đặt, nhà xưởng');
	await page.fill('#cost-lines tbody tr:nth-child(2) input[name=line_planned]', '350000000');
	const words = await page.textContent('#cost-lines tbody tr:nth-child(2) .amount-words');
	check(words.includes('350.000.000'), `the amount is shown grouped while typed: ${words}`);
	const first = await pickBeneficiary(page, 0, DIACRITICS_FREE_SEARCH);
	await page.click('[data-add-row=beneficiaries]');
	const second = await pickBeneficiary(page, 1, 'banh pia hoa binh');
	check(first && second && first !== second, `two establishments chosen (${first}, ${second})`);
	await shots.take(page, '04-de-an-moi');
	await submit(page, 'form[action="/de-an"] button[type=submit]');
	const err = await page.textContent('#loi-code');
	check(err.includes('đã có'), `the duplicate code is named next to its field: ${err}`);
	check((await page.inputValue('#f-title')) === 'Hỗ trợ máy đóng gói bánh pía', 'the title is kept');
	check((await page.locator('#cost-lines tbody tr').count()) === 2, 'both cost lines are kept');
	check((await page.locator('#beneficiaries tbody select').evaluateAll((s) => s.map((x) => x.value))).join() === [first, second].join(), 'both beneficiaries are kept');
	await shots.take(page, '05-de-an-loi-ma-trung');
	await page.fill('#f-code', 'KCDP-2026-CT-01');
	await submit(page, 'form[action="/de-an"] button[type=submit]');
	check(/\/de-an\/\d+\?tb=da-them/.test(page.url()), `created (${page.url()})`);
	state.project = page.url().match(/\/de-an\/(\d+)/)[1];
	await page.goto(`${base}/de-an/${state.project}?tab=kinh-phi`);
	check((await cell(page, 'Tổng kinh phí', 'Dự kiến')) === '500.000.000', 'the total is the two lines');
	check((await page.textContent('.words')).includes('Năm trăm triệu đồng'), 'the total is written in words');
	await shots.take(page, '06-de-an-kinh-phi');
	await page.goto(`${base}/de-an/${state.project}?tab=thu-huong`);
	check((await page.locator('.tab-panel table tbody tr').count()) === 2, 'two beneficiaries');
}

// The disbursed funds of the year's results table (the total row).
async function disbursed(page, base, year) {
	await page.goto(`${base}/?year=${year}`);
	return number(await cell(page, 'TỔNG KINH PHÍ', 'Kinh phí: Giải ngân'));
}

async function approveAndDisburse({ page, base, shots, state }) {
	check(state.project, 'a đề án from the previous journey');
	await signIn(page, base, 'lanh.dao');
	const before = await disbursed(page, base, 2026);
	const url = `${base}/de-an/${state.project}`;
	await page.goto(url);
	for (const to of ['registered', 'appraised_basic', 'appraised', 'approved', 'contracted', 'in_progress']) {
		const form = page.locator(`form.move:has(button[value=${to}])`);
		check((await form.count()) === 1, `a button to move to ${to}`);
		if (await page.locator(`#dn-${to}`).count()) {
			await page.fill(`#dn-${to}`, '125/QĐ-SCT');
			await page.fill(`#dd-${to}`, '2026-03-02');
			if (to === 'approved')
				await shots.take(page, '07-phe-duyet');
		}
		await submit(page, `form.move button[value=${to}]`);
		check(page.url().includes('tb=da-chuyen'), `moved to ${to} (${page.url()})`);
	}
	const history = await page.locator('.tab-panel table').first().textContent();
	check(history.includes('125/QĐ-SCT'), 'the decision is in the status history');
	await shots.take(page, '08-lich-su-trang-thai');
	await page.goto(`${url}?tab=giai-ngan`);
	await page.selectOption('#f-cost_line_id', { label: 'Ngân sách tỉnh: Hỗ trợ máy đóng gói' });
	await page.selectOption('#f-kind', 'payment');
	await page.fill('#f-paid_on', '2026-06-15');
	await page.fill('#f-amount', '100.000.000');
	await page.fill('#f-voucher_no', 'UNC 0615');
	await submit(page, 'form[action$="/giai-ngan"] button[type=submit]');
	check(page.url().includes('tb=da-giai-ngan'), `disbursed (${page.url()})`);
	await shots.take(page, '09-giai-ngan');
	const after = await disbursed(page, base, 2026);
	check(Math.abs(after - before - 100) < 0.001, `the dashboard's disbursed funds rose by 100 triệu (${before} → ${after})`);
	await shots.take(page, '10-tong-quan-sau-giai-ngan');
	await page.goto(`${base}/bao-cao?mau=ket_qua_thuc_hien&period=2026`);
	const inReport = number(await cell(page, 'TỔNG KINH PHÍ', 'Kinh phí: Giải ngân'));
	check(inReport === after, `the report shows the same figure (${inReport})`);
}

async function regionalReport({ page, base, shots, artifacts }) {
	await signIn(page, base, 'quan.tri');
	await page.goto(base + '/bao-cao');
	await page.selectOption('#f-mau', 'ket_qua_thuc_hien');
	await page.fill('#f-period', '2016-H1');
	await page.selectOption('#f-region', 'moit_south');
	await submit(page, 'form.filters button[type=submit]');
	check((await page.textContent('main')).includes('Khu vực phía Nam'), 'the regional report is shown');
	const rows = await page.locator('table.report tbody tr').count();
	check(rows > 5, `the table has its rows (${rows})`);
	await shots.take(page, '11-bao-cao-vung-phia-nam');
	for (const [label, magic, ext] of [['Tải XLSX', 'PK', 'xlsx'], ['Tải PDF', '%PDF', 'pdf']]) {
		const [download] = await Promise.all([page.waitForEvent('download'), page.click(`text=${label}`)]);
		const file = path.join(artifacts, `bao-cao-vung-phia-nam.${ext}`);
		await download.saveAs(file);
		const head = fs.readFileSync(file).subarray(0, magic.length).toString('latin1');
		check(head === magic, `the ${ext} download is a ${ext} file`);
	}
	await submit(page, 'form[action^="/bao-cao/gui"] button[type=submit]');
	check(page.url().includes('tb=da-gui'), `submitted (${page.url()})`);
	check((await cell(page, '2016-H1', 'Lần')) === '1', 'the first version is listed');
	await shots.take(page, '12-bao-cao-da-gui');
}

async function provinceScope({ page, base, shots, state }) {
	check(state.project, 'a đề án of Cần Thơ from an earlier journey');
	await signIn(page, base, 'can.bo.hn');
	const res = await page.goto(`${base}/de-an/${state.project}`);
	check(res.status() === 403, `another province's đề án is refused (${res.status()})`);
	check((await page.textContent('h1')).includes('Không có quyền'), 'the page says so');
	await shots.take(page, '13-khong-co-quyen');
	await page.goto(base + '/co-so?q=' + encodeURIComponent(DIACRITICS_FREE_SEARCH));
	check((await page.locator('table.list tbody tr a').count()) === 0, 'no establishment of Cần Thơ in the list');
	// A form posted by hand with the user's own CSRF token is refused too.
	await page.goto(base + '/');
	const csrf = await page.getAttribute('input[name=_csrf]', 'value');
	const post = await page.request.post(`${base}/de-an/${state.project}/giai-ngan`, {
		form: { _csrf: csrf, cost_line_id: '1', kind: 'payment', paid_on: '2026-06-16', amount: '1' },
		headers: { Origin: base },
	});
	check(post.status() === 403, `a write to another province is refused (${post.status()})`);
	const api = await page.request.get(`${base}/api/v1/projects/${state.project}`);
	check(api.status() === 403, `and through the API (${api.status()})`);
}

const XSS = '<script>window.__xss=1</script><img src=x onerror="window.__xss=2">Cơ sở thử XSS';

async function storedScript({ page, base, shots }) {
	await signIn(page, base, 'can.bo');
	await page.goto(base + '/co-so/moi');
	await page.fill('#f-name', XSS);
	await page.selectOption('#f-legal_form', 'household_business');
	await page.selectOption('#f-province_code', 'current:92');
	await submit(page, 'form[action="/co-so"] button[type=submit]');
	check(page.url().includes('tb=da-them'), `created (${page.url()})`);
	check((await page.textContent('h1')) === XSS, 'the name is shown as text on its page');
	await page.goto(base + '/co-so?q=co+so+thu+xss');
	check((await page.textContent('table.list tbody')).includes(XSS), 'and as text in the list');
	await page.goto(`${base}/co-so?q=co+so+thu+xss&format=csv`).catch(() => {});
	await page.goto(base + '/de-an/moi');
	await page.locator('#beneficiaries input[data-find-establishment]').fill('co so thu xss');
	await page.waitForFunction(() => document.querySelector('#beneficiaries select').options.length > 0);
	check((await page.textContent('#beneficiaries select')).includes(XSS), 'and as text in the search results');
	const ran = await page.evaluate(() => window.__xss);
	check(ran === undefined, `the stored markup never ran (${ran})`);
	await page.goto(base + '/co-so?q=co+so+thu+xss');
	await shots.take(page, '14-ten-co-the-script');
	check((await page.evaluate(() => window.__xss)) === undefined, 'not on the list either');
}

// A spreadsheet an office keeps, built here: two establishments of Cần Thơ,
// the second with a tax code of five digits until it is fixed.
const IMPORT_HEAD = 'STT;Tên cơ sở;Mã số thuế;Tỉnh/TP;Số lao động\n';
const IMPORT_BAD = IMPORT_HEAD + '1;Cơ sở nước mắm Nhập Từ Tệp;1800777001;Cần Thơ;12\n' +
	'2;Cơ sở bánh tráng Nhập Từ Tệp;03012;Cần Thơ;5\n';
const IMPORT_FIXED = IMPORT_BAD.replace(';03012;', ';1800777002;');

async function chooseFile(page, text) {
	await page.setInputFiles('#f-tep', { name: 'danh-sach-co-so.csv', mimeType: 'text/csv', buffer: Buffer.from(text) });
	await submit(page, 'form.import button[type=submit]');
	check(/\/nhap-du-lieu\/\d+$/.test(page.url()), `the upload leads to its report (${page.url()})`);
	// A file still being read shows its progress; the page reloads itself when done.
	await page.waitForSelector('main .notice, main .error-message');
}

async function download(page, selector, artifacts, name) {
	const [d] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
	const file = path.join(artifacts, name);
	await d.saveAs(file);
	return fs.readFileSync(file).subarray(0, 2).toString('latin1');
}

async function importJourney({ page, base, shots, artifacts }) {
	await signIn(page, base, 'can.bo');
	await submit(page, 'nav.main a[href="/nhap-du-lieu"]');
	check((await page.textContent('h1')).includes('Nhập dữ liệu'), 'the navigation leads to the import page');
	check((await page.textContent('.scope-note')).includes('Cần Thơ'), 'the page says which province the user may import');
	check(await download(page, 'a[href="/api/v1/import/templates/establishments"]', artifacts, 'mau-co-so.xlsx') === 'PK',
		'the template of establishments downloads as XLSX');
	await shots.take(page, '15-nhap-du-lieu');

	await chooseFile(page, IMPORT_BAD);
	check((await cell(page, '03012', 'Dòng')) === '3', 'the problem names its row');
	check((await cell(page, '03012', 'Cột')) === 'C (Mã số thuế)', 'and its column');
	check((await cell(page, '03012', 'Lý do')).includes('cần 10 chữ số'), 'and why, in Vietnamese');
	check((await page.locator('button.commit').count()) === 0, 'a file with an error cannot be committed');
	check(await download(page, 'text=Tải báo cáo XLSX', artifacts, 'bao-cao-nhap.xlsx') === 'PK',
		'the report downloads as XLSX');
	await shots.take(page, '16-nhap-du-lieu-co-loi');

	// Fixed, uploaded again from the report's own form.
	await chooseFile(page, IMPORT_FIXED);
	check((await page.locator('table.problems').count()) === 0, 'the fixed file has no problem');
	check((await cell(page, 'danh-sach-co-so.csv', 'Thêm mới')) === '2', 'two establishments would be created');
	await shots.take(page, '17-nhap-du-lieu-chay-thu');
	await submit(page, 'button.commit');
	await page.waitForSelector('main .notice');
	check((await page.textContent('main .notice')).includes('đã ghi vào cơ sở dữ liệu'), 'committed');
	await shots.take(page, '18-nhap-du-lieu-da-ghi');

	await page.goto(base + '/co-so?q=' + encodeURIComponent('nhap tu tep'));
	const rows = await page.locator('table.list tbody tr').allTextContents();
	check(rows.some((r) => r.includes('Cơ sở nước mắm Nhập Từ Tệp')) && rows.some((r) => r.includes('Cơ sở bánh tráng Nhập Từ Tệp')),
		`both imported establishments are in the list (${rows.length} rows)`);
}

// A file too large to wait for: the page shows the progress of its dry run,
// which the script follows, then the report; the time is a measured figure.
async function importLargeFile({ page, base, shots, artifacts }) {
	await signIn(page, base, 'can.bo');
	await page.goto(base + '/nhap-du-lieu');
	const n = 50000;
	const lines = [IMPORT_HEAD];
	for (let i = 1; i <= n; i++)
		lines.push(`${i};Cơ sở thử tải lớn số ${i};${1900000000 + i};Cần Thơ;${i % 50}\n`);
	const buffer = Buffer.from(lines.join(''));
	await page.setInputFiles('#f-tep', { name: 'danh-sach-lon.csv', mimeType: 'text/csv', buffer });
	const start = Date.now();
	await submit(page, 'form.import button[type=submit]');
	check((await page.locator('.import-progress').count()) === 1, 'a large file shows the progress of its import');
	await page.waitForFunction(() => {
		const bar = document.querySelector('.import-progress progress');
		return !bar || Number(bar.value) > 0;
	}, null, { timeout: 120000 });
	await shots.take(page, '19-nhap-du-lieu-tien-do');
	await page.waitForSelector('main .notice', { timeout: 600000 });
	const seconds = (Date.now() - start) / 1000;
	check((await cell(page, 'danh-sach-lon.csv', 'Thêm mới')) === '50.000', 'the report follows the progress: 50 000 rows to create');
	const line = `chạy thử ${n} cơ sở (${buffer.length} byte CSV) qua trang nhập dữ liệu: ${seconds.toFixed(1)} s từ lúc tải lên tới báo cáo`;
	fs.writeFileSync(path.join(artifacts, 'do-luong-nhap.txt'), line + '\n');
	console.log('# ' + line);
}

// Page weight and server time: the dashboard and a 50-row list at national
// scale, read from the access log (the server's own measure).
async function measure({ page, base, server, artifacts }) {
	await signIn(page, base, 'quan.tri');
	const lines = [];
	for (const [what, url] of [['tổng quan (toàn quốc, 2019)', '/?year=2019'], ['danh sách 50 cơ sở (toàn quốc)', '/co-so'], ['danh sách 50 đề án (toàn quốc)', '/de-an']]) {
		let bytes = 0;
		const count = (r) => r.body().then((b) => { bytes += b.length; }).catch(() => {});
		const pending = [];
		const listener = (r) => pending.push(count(r));
		page.on('response', listener);
		await page.goto(base + url);
		await page.waitForLoadState('networkidle');
		await Promise.all(pending);
		page.off('response', listener);
		const html = (await (await page.request.get(base + url)).body()).length;
		const log = fs.readFileSync(server.log, 'utf8').trim().split('\n').filter((l) => l.includes(` path=${url.split('?')[0]} status=200`));
		const ms = log.map((l) => Number(/ ms=([\d.]+)/.exec(l)[1])).slice(-2);
		lines.push(`${what}: HTML ${html} byte, cả trang ${bytes} byte (lần đầu, gồm CSS và JS), máy chủ ${ms.join(' / ')} ms`);
	}
	fs.writeFileSync(path.join(artifacts, 'do-luong.txt'), lines.join('\n') + '\n');
	for (const l of lines)
		console.log('# ' + l);
}

export const journeys = [
	['đăng nhập: sai mật khẩu bị từ chối, đúng thì vào trang đã yêu cầu', signInJourney],
	['tìm cơ sở theo tên gõ không dấu, tải danh sách đã lọc', findEstablishment],
	['tạo đề án với hai nguồn kinh phí và hai cơ sở thụ hưởng (lỗi hiện cạnh trường, không mất dữ liệu)', createProject],
	['duyệt đề án đến giải ngân; tổng quan và báo cáo thay đổi theo', approveAndDisburse],
	['lập báo cáo vùng phía Nam 6 tháng đầu năm 2016 (seed001), tải XLSX và PDF, gửi', regionalReport],
	['cán bộ tỉnh khác không xem, không sửa được đề án của tỉnh này', provinceScope],
	['tên cơ sở chứa <script> luôn hiện như chữ', storedScript],
	['nhập dữ liệu có lỗi, sửa, ghi vào', importJourney],
	['nhập tệp lớn: thấy tiến độ rồi báo cáo', importLargeFile],
	['đo dung lượng trang và thời gian máy chủ', measure],
];
