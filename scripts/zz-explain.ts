import pg from 'pg';
import { sql } from 'kysely';
import { openDatabase } from '../src/lib/server/db/index';
import { overviewData } from '../src/lib/server/adviser/overview';
import { parseOverviewFilters } from '../src/lib/server/adviser/filters';
const captured: { text: string; values: unknown[] }[] = [];
const orig = pg.Client.prototype.query;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
(pg.Client.prototype as any).query = function (this: pg.Client, ...args: any[]) {
	const q = args[0];
	if (typeof q === 'object' && q?.text) captured.push({ text: q.text, values: q.values });
	else if (typeof q === 'string') captured.push({ text: q, values: args[1] });
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	return (orig as any).apply(this, args);
};
const h = await openDatabase({ url: 'postgres://vakmaat_app@127.0.0.1/vakmaat_nat', max: 1, prepare: false });
const region = (await sql<{ id: number }>`select id from region where name='Groot Amsterdam'`.execute(h.db)).rows[0].id;
for (let i = 0; i < 5; i++) {
	captured.length = 0;
	const t = performance.now();
	await overviewData(h.db, [region], parseOverviewFilters(new URLSearchParams()));
	console.log('overviewData ms', (performance.now() - t).toFixed(1));
}
const big = captured.find((c) => c.text.includes('row_to_json'))!;
const fs = await import('node:fs');
fs.writeFileSync('/tmp/overview.sql', big.text);
fs.writeFileSync('/tmp/overview.json', JSON.stringify(big.values));
console.log(captured.map((c) => c.text.slice(0, 60)));
await h.db.destroy();
