import { describe, expect, it } from 'vitest';
import { restartDelay, workerCount } from '../../scripts/cluster.js';

describe('cluster mode (scripts/cluster.js)', () => {
	it('reads WEB_CONCURRENCY as a whole number from 1 to 64, else 1', () => {
		expect(workerCount(undefined)).toBe(1);
		expect(workerCount('2')).toBe(2);
		expect(workerCount('64')).toBe(64);
		for (const bad of ['', '0', '-1', '1.5', '65', 'twee']) expect(workerCount(bad)).toBe(1);
	});

	it('replaces a dead worker after 1 s, doubling for each death within a minute, up to 30 s', () => {
		const deaths: number[] = [];
		const delays = [0, 1, 2, 3, 4, 5, 6].map((i) => restartDelay(deaths, i * 1000));
		expect(delays).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000]);
	});

	it('forgets deaths older than a minute', () => {
		const deaths: number[] = [];
		restartDelay(deaths, 0);
		restartDelay(deaths, 1000);
		// a minute after the first death only the second one still counts
		expect(restartDelay(deaths, 60_000)).toBe(2000);
		expect(restartDelay(deaths, 200_000)).toBe(1000);
	});
});
