import { describe, expect, it } from 'vitest';
import type { PanelWithMembers } from '../../src/lib/server/awards/panels';
import { juryProgress, type PanelResult } from '../../src/lib/server/awards/tally';

/** The admin's progress per juror (beheer/verkiezingen/[id]), without a database. */
const candidate = (nomineeId: string, regionId: number) => ({
	nomineeId,
	name: nomineeId,
	companyId: `company-${nomineeId}`,
	companyName: '',
	regionId
});
const panel = (id: string, regionIds: number[], jurors: string[]): PanelWithMembers => ({
	id,
	round_id: 'round',
	kind: 'regional',
	name: id,
	region_ids: regionIds,
	regions: [],
	members: jurors.map((userId) => ({
		id: `member-${id}-${userId}`,
		userId,
		name: userId,
		email: `${userId}@example.test`,
		replacedAt: null
	}))
});
const result = (p: PanelWithMembers, candidates: ReturnType<typeof candidate>[]): PanelResult => ({
	panel: p,
	candidates,
	results: []
});

describe('juryProgress', () => {
	const north = panel('north', [1], ['anna', 'bob']);
	const south = panel('south', [2], ['anna']);
	const results = [
		result(north, [candidate('n1', 1), candidate('n2', 1)]),
		result(south, [candidate('s1', 2)])
	];

	it('counts what each juror scored and may score: the panel’s candidates less their conflicts', () => {
		const progress = juryProgress([north, south], results, [
			{ panel_id: 'north', juror_id: 'anna', scored: 1, conflicted: ['n2'] },
			{ panel_id: 'south', juror_id: 'anna', scored: 0, conflicted: [] }
		]);
		expect(progress.map((p) => [p.panelId, p.name, p.scored, p.toScore])).toEqual([
			['north', 'anna', 1, 1],
			['north', 'bob', 0, 2],
			['south', 'anna', 0, 1]
		]);
	});

	it('a conflict with a candidate of another panel takes nothing off', () => {
		// Bob works at s1's company: a conflict in the round, but s1 is not north's.
		const progress = juryProgress([north], results, [
			{ panel_id: 'north', juror_id: 'bob', scored: 0, conflicted: ['s1'] }
		]);
		expect(progress.find((p) => p.name === 'bob')!.toScore).toBe(2);
	});
});
