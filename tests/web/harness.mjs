// harness.mjs — what every browser journey shares: a fresh database with the
// demonstration data and four accounts, the real server (`khuyencong serve`)
// on a free loopback port, Debian's Chromium driven by playwright-core, TAP
// output for tests/run.sh, and screenshots saved as test artifacts.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const CHROMIUM = process.env.KC_CHROMIUM || '/usr/bin/chromium';
export const PASSWORD = 'khuyencong-demo';
// name, full name, role, province (null: national)
export const USERS = [
	['quan.tri', 'Trần Văn Quản', 'admin', null],
	['lanh.dao', 'Lê Minh Đạo', 'manager', 'current:92'],
	['can.bo', 'Nguyễn Thị Lan', 'staff', 'current:92'],
	['can.bo.hn', 'Phạm Hà Nội', 'staff', 'current:01'],
];

export class Tap {
	constructor() { this.n = 0; this.failed = 0; }
	ok(name) { console.log(`ok ${++this.n} - ${name}`); }
	skip(name, why) { console.log(`ok ${++this.n} - ${name} # SKIP ${why}`); }
	fail(name, err) {
		this.failed++;
		console.log(`not ok ${++this.n} - ${name}`);
		for (const line of String(err && err.stack || err).split('\n'))
			console.log(`# ${line}`);
	}
	end() { console.log(`1..${this.n}`); }
}

export function check(cond, what) {
	if (!cond)
		throw new Error(`check failed: ${what}`);
}

function run(bin, args, input) {
	const r = spawnSync(bin, args, { input, encoding: 'utf8' });
	if (r.status !== 0)
		throw new Error(`${bin} ${args.join(' ')}: ${r.stderr}`);
	return r.stdout;
}

// Starts the server of the build dir on a fresh database; resolves to
// { base, stop(), dir }.
export async function startServer(build) {
	const bin = path.resolve(build, 'khuyencong');
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kc-web-'));
	const db = path.join(dir, 'demo.sqlite');
	run(bin, ['demo', '--db', db]);
	for (const [user, name, role, province] of USERS) {
		const args = ['user', 'add', '--db', db, '--username', user, '--name', name, '--role', role];
		if (province)
			args.push('--province', province);
		run(bin, args, PASSWORD + '\n');
	}
	const log = path.join(dir, 'access.log');
	const child = spawn(bin, ['serve', '--db', db, '--listen', '127.0.0.1:0', '--workers', '2',
		'--access-log', log], { stdio: ['ignore', 'ignore', 'pipe'] });
	let stderr = '';
	const base = await new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error('server did not start: ' + stderr)), 20000);
		child.stderr.on('data', (d) => {
			stderr += d;
			const m = /on (http:\/\/127\.0\.0\.1:\d+)\//.exec(stderr);
			if (m) {
				clearTimeout(timer);
				resolve(m[1]);
			}
		});
		child.on('exit', (code) => reject(new Error(`server exited ${code}: ${stderr}`)));
	});
	const stop = () => new Promise((resolve) => {
		child.removeAllListeners('exit');
		child.on('exit', (code, signal) => resolve({ code, signal, stderr }));
		child.kill('SIGTERM');
	});
	return { base, stop, dir, log, db, bin };
}

export async function launch(playwright) {
	const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'kc-chromium-'));
	const context = await playwright.chromium.launchPersistentContext(profile, {
		executablePath: CHROMIUM,
		headless: true,
		acceptDownloads: true,
		viewport: { width: 1280, height: 900 },
		locale: 'vi-VN',
		args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
			'--disable-background-networking', '--disable-component-update', '--disable-sync'],
	});
	return { context, profile };
}

// A page that fails its journey on a script error or a request that leaves
// the server (the pages make no external request).
export async function newPage(context, base, problems) {
	const page = await context.newPage();
	page.on('pageerror', (e) => problems.push(`script error: ${e.message}`));
	page.on('dialog', (d) => {
		if (d.type() === 'confirm')
			return d.accept();
		problems.push(`unexpected dialog: ${d.type()} ${d.message()}`);
		return d.dismiss();
	});
	page.on('request', (r) => {
		const u = r.url();
		if (!u.startsWith(base) && !u.startsWith('data:'))
			problems.push(`external request: ${u}`);
	});
	return page;
}

export async function signIn(page, base, user) {
	await page.context().clearCookies();
	await page.goto(base + '/dang-nhap');
	await page.fill('#f-username', user);
	await page.fill('#f-password', PASSWORD);
	await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
	check(!page.url().includes('/dang-nhap'), `${user} is signed in (at ${page.url()})`);
}

export class Shots {
	constructor(dir) { this.dir = dir; this.names = []; fs.mkdirSync(dir, { recursive: true }); }
	async take(page, name) {
		const file = path.join(this.dir, name + '.png');
		await page.screenshot({ path: file, fullPage: true });
		this.names.push(name + '.png');
	}
}
