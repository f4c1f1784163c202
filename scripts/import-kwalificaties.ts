/**
 * npm run import:kwalificaties -- [--dry-run] <file.xml>…
 * Imports SBB XML exports into DATABASE_URL, or PGlite in PGLITE_DIR. Prints what
 * changes; with --dry-run nothing is saved. Exit code 1 on a bad file (nothing saved).
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { configFromEnv, openDatabase } from '../src/lib/server/db/index';
import { migrateToLatest } from '../src/lib/server/db/migrate';
import { applyImport, hashContent, planImport } from '../src/lib/server/qualifications/import';
import { QualificationImportError } from '../src/lib/server/qualifications/parse';
import { parseFiles } from '../src/lib/server/qualifications/uploads';

const args = process.argv.slice(2);
const dryRun = args.includes('--dry-run');
const paths = args.filter((a) => !a.startsWith('--'));
if (!paths.length) {
	console.error('usage: npm run import:kwalificaties -- [--dry-run] <file.xml>…');
	process.exit(2);
}

const files = paths.map((p) => ({ name: basename(p), content: readFileSync(p, 'utf8') }));
let parsed;
try {
	parsed = parseFiles(files);
} catch (e) {
	if (e instanceof QualificationImportError) {
		console.error(`import refused (${e.code}): ${JSON.stringify(e.details)} — nothing was saved`);
		process.exit(1);
	}
	throw e;
}

const handle = await openDatabase(configFromEnv());
try {
	await migrateToLatest(handle.db);
	const plan = dryRun
		? await planImport(handle.db, parsed)
		: await applyImport(handle.db, parsed, {
				userId: null,
				fileName: files.map((f) => f.name).join(', '),
				fileHash: hashContent(files.map((f) => f.content).join('\n'))
			});
	for (const d of plan.dossiers) {
		const what =
			d.action === 'add'
				? 'added as version 1'
				: d.action === 'unchanged'
					? `unchanged (version ${d.currentVersion})`
					: `new version ${d.newVersion} (supersedes ${d.currentVersion}; +${d.added.length} −${d.removed.length} ~${d.changed.length})`;
		console.log(
			`${d.nr} ${d.title}: ${what} — ${d.qualifications} qualifications, ${d.coreTasks} core tasks, ${d.workProcesses} work processes`
		);
	}
	console.log(`${handle.description}: ${dryRun ? 'dry run, nothing saved' : 'import committed'}`);
} finally {
	await handle.db.destroy();
}
