/**
 * npm run measure:search — loads the three SBB files 40× under fresh dossier numbers and
 * crebos (≈ 480 qualifications, 3,800 work processes) into a scratch schema or PGlite and
 * times the qualification search. Set DATABASE_URL for PostgreSQL; otherwise in-memory PGlite.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { openDatabase } from '../src/lib/server/db/index';
import { migrateToLatest } from '../src/lib/server/db/migrate';
import { applyImport } from '../src/lib/server/qualifications/import';
import { searchQualifications } from '../src/lib/server/qualifications/browse';
import { parseQualificationXml } from '../src/lib/server/qualifications/parse';

const dir = process.argv[2] ?? 'tests/fixtures/sbb-kwalificatiestructuur-2016';
const copies = Number(process.env.COPIES ?? 40);
const sources = readdirSync(dir)
	.filter((f) => f.endsWith('.xml'))
	.map((f) => readFileSync(join(dir, f), 'utf8'));

let schema: string | undefined;
if (process.env.DATABASE_URL) {
	schema = `measure_${Date.now()}`;
	const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
	await c.connect();
	await c.query(`create schema ${schema}`);
	await c.end();
}
const handle = await openDatabase({
	url: process.env.DATABASE_URL,
	pgliteDir: 'memory://',
	schema
});
try {
	await migrateToLatest(handle.db);
	const started = performance.now();
	for (let i = 0; i < copies; i++) {
		for (const xml of sources) {
			// New dossier numbers and crebos per copy: <nr>, crebo text 2xxxx → shifted.
			const shifted = xml
				.replace(/<dossier nr="(\d+)"/g, (_, nr) => `<dossier nr="${nr}${i}"`)
				.replace(
					/>(2\d{4})</g,
					(_, crebo) => `>${String((Number(crebo) + i * 97) % 100000).padStart(5, '0')}<`
				)
				.replace(
					/titel="([^"]*)" hoofdstuk="(\d+)" niveau/g,
					(_, t, h) => `titel="${t} ${i}" hoofdstuk="${h}" niveau`
				);
			await applyImport(handle.db, parseQualificationXml(xml === shifted ? xml : shifted), {
				userId: null,
				fileName: null,
				fileHash: String(i)
			});
		}
	}
	const counts = await sql<{ q: number; wp: number }>`
		select (select count(*) from qualification)::int as q, (select count(*) from work_process)::int as wp`.execute(
		handle.db
	);
	console.log(
		`${handle.description}: loaded ${counts.rows[0].q} qualifications, ${counts.rows[0].wp} work processes in ${Math.round(performance.now() - started)} ms`
	);
	for (const q of [
		'25498',
		'helpende',
		'huishoud',
		'begeleid',
		'begeleiden cliënt',
		'onderwijsassistent',
		''
	]) {
		const times: number[] = [];
		let hits = 0;
		for (let r = 0; r < 20; r++) {
			const t0 = performance.now();
			hits = (await searchQualifications(handle.db, { q })).length;
			times.push(performance.now() - t0);
		}
		times.sort((a, b) => a - b);
		console.log(
			`search ${JSON.stringify(q).padEnd(22)} ${String(hits).padStart(3)} hits  median ${times[10].toFixed(1)} ms  p95 ${times[18].toFixed(1)} ms`
		);
	}
} finally {
	await handle.db.destroy();
	if (schema) {
		const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
		await c.connect();
		await c.query(`drop schema ${schema} cascade`);
		await c.end();
	}
}
