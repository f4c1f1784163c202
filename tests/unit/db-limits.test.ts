import { describe, expect, it } from 'vitest';
import { serverLimitsFromEnv } from '../../src/lib/server/db/index';

describe('the app server pool’s limits', () => {
	it('defaults: 15 s statements, 60 s idle in a transaction, 5 s to connect, no parallel workers', () => {
		expect(serverLimitsFromEnv({})).toEqual({
			statementTimeoutMs: 15_000,
			idleInTransactionTimeoutMs: 60_000,
			connectTimeoutMs: 5_000,
			parallelWorkers: 0
		});
	});

	it('takes parallel workers from DATABASE_PARALLEL_WORKERS, and 0 for anything that is not a count', () => {
		expect(serverLimitsFromEnv({ DATABASE_PARALLEL_WORKERS: '2' }).parallelWorkers).toBe(2);
		for (const bad of ['-1', '1.5', 'veel', '1000']) {
			expect(serverLimitsFromEnv({ DATABASE_PARALLEL_WORKERS: bad }).parallelWorkers).toBe(0);
		}
	});
});
