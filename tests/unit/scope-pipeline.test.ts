import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import { CROSS_COMPANY } from '../../src/lib/server/db/cross-company';
import {
	acrossCompanies,
	inCompany,
	scopeStats,
	sendScopeFirst,
	tenantScopedPool
} from '../../src/lib/server/db/scope';

/**
 * The tenant wall's scope statement travels in the same write as the statement behind it
 * (src/lib/server/db/scope.ts). A pooled client stands in for pg's, recording what it is
 * asked to send and when the stream is corked; its answers are released by the test.
 */
function fakeClient() {
	const sent: { text: string; values: unknown; corked: number }[] = [];
	const answers: { resolve: (v: unknown) => void; reject: (e: unknown) => void }[] = [];
	let corked = 0;
	const stream = {
		cork: () => corked++,
		uncork: () => corked--
	};
	const client = {
		connection: { stream },
		query: (text: string, values: unknown) => {
			sent.push({ text, values, corked });
			return new Promise((resolve, reject) => answers.push({ resolve, reject }));
		}
	};
	sendScopeFirst(client as unknown as pg.ClientBase);
	const pool = tenantScopedPool({
		connect: () => Promise.resolve(client),
		end: () => Promise.resolve()
	} as unknown as pg.Pool);
	const run = (text: string) =>
		(client.query as (t: string, v: unknown[]) => Promise<unknown>)(text, []);
	return { sent, answers, pool, run, corked: () => corked };
}

const LINDE = '00000000-0000-4000-8000-000000000001';
const VAN_DIJK = '00000000-0000-4000-8000-000000000002';

describe('the scope statement rides with the first statement', () => {
	it('sends both in one corked write, and only when the connection carries another scope', async () => {
		const c = fakeClient();
		const before = scopeStats.sets;
		await inCompany(LINDE, () => c.pool.connect());
		const first = c.run('select 1 from learner');
		expect(c.sent.map((s) => [s.text.startsWith('select set_config'), s.values, s.corked])).toEqual(
			[
				[true, [LINDE, ''], 1],
				[false, [], 1]
			]
		);
		expect(c.corked()).toBe(0);
		c.answers[0].resolve('scope set');
		c.answers[1].resolve('rows');
		expect(await first).toBe('rows');
		expect(scopeStats.sets).toBe(before + 1);

		// The same company again: nothing extra. Another scope: set again.
		await inCompany(LINDE, () => c.pool.connect());
		const again = c.run('select 2');
		expect(c.sent).toHaveLength(3);
		c.answers[2].resolve('again');
		expect(await again).toBe('again');
		await acrossCompanies(CROSS_COMPANY.jobs, () => c.pool.connect());
		void c.run('select 3');
		expect(c.sent[3].values).toEqual(['', 'all']);
		expect(scopeStats.sets).toBe(before + 2);
	});

	it('withholds the result of a statement whose scope could not be set, and sets it again next time', async () => {
		const c = fakeClient();
		await inCompany(VAN_DIJK, () => c.pool.connect());
		const read = c.run('select * from learner');
		c.answers[0].reject(new Error('out of memory'));
		c.answers[1].resolve('rows of the previous scope');
		await expect(read).rejects.toThrow('out of memory');

		await inCompany(VAN_DIJK, () => c.pool.connect());
		void c.run('select * from learner');
		expect(c.sent[2].values).toEqual([VAN_DIJK, '']);
	});

	it('keeps the scope when the statement behind it fails', async () => {
		const c = fakeClient();
		await inCompany(LINDE, () => c.pool.connect());
		const failing = c.run('select broken');
		c.answers[0].resolve('scope set');
		c.answers[1].reject(new Error('syntax error'));
		await expect(failing).rejects.toThrow('syntax error');
		await inCompany(LINDE, () => c.pool.connect());
		void c.run('select 1');
		expect(c.sent).toHaveLength(3);
	});
});
