#!/usr/bin/env node
// run.mjs — the browser journeys of issue 7, in Debian's Chromium (headless,
// driven by playwright-core) against the real server on a loopback port with
// a fresh database. Prints TAP for tests/run.sh; skips (counted as skipped)
// only when Chromium or playwright-core is absent. Screenshots go to
// BUILD/tests/web/artifacts/.
//   node tests/web/run.mjs BUILD_DIR
import fs from 'node:fs';
import path from 'node:path';
import { CHROMIUM, Shots, Tap, launch, newPage, startServer } from './harness.mjs';
import { journeys } from './journeys.mjs';

const build = process.argv[2] || 'build/release';
const tap = new Tap();

async function main() {
	let playwright;
	try {
		playwright = await import('playwright-core');
	} catch (e) {
		tap.skip('browser journeys', 'playwright-core is not installed (npm ci)');
		return;
	}
	if (!fs.existsSync(CHROMIUM)) {
		tap.skip('browser journeys', `no Chromium at ${CHROMIUM}`);
		return;
	}
	const artifacts = path.join(build, 'tests', 'web', 'artifacts');
	fs.rmSync(artifacts, { recursive: true, force: true });
	const shots = new Shots(artifacts);
	let server;
	try {
		server = await startServer(build);
	} catch (e) {
		tap.fail('the server starts on a fresh demonstration database', e);
		return;
	}
	tap.ok('the server starts on a fresh demonstration database');
	const { context, profile } = await launch(playwright);
	const state = {}; // what one journey leaves for the next (the new đề án's id)
	try {
		for (const [name, journey] of journeys) {
			const problems = [];
			const page = await newPage(context, server.base, problems);
			try {
				const result = await journey({ page, base: server.base, shots, state, server, artifacts });
				if (problems.length)
					throw new Error(problems.join('\n'));
				if (result === 'skip')
					tap.skip(name, 'the import page is not built yet (khuyencong import does it)');
				else
					tap.ok(name);
			} catch (e) {
				await shots.take(page, 'loi-' + tap.n).catch(() => {});
				tap.fail(name, e);
			}
			await page.close();
		}
	} finally {
		await context.close();
		fs.rmSync(profile, { recursive: true, force: true });
		const end = await server.stop();
		// The server ends cleanly on SIGTERM (and, in the ASan build, without
		// a leak or a sanitizer report).
		if (end.code === 0)
			tap.ok('the server stops cleanly on SIGTERM');
		else
			tap.fail('the server stops cleanly on SIGTERM', `exit ${end.code} ${end.signal}\n${end.stderr}`);
		fs.rmSync(server.dir, { recursive: true, force: true });
	}
	fs.writeFileSync(path.join(artifacts, 'screenshots.txt'), shots.names.join('\n') + '\n');
}

main().catch((e) => tap.fail('browser journeys', e)).finally(() => tap.end());
