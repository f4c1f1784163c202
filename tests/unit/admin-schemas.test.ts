import { describe, expect, it } from 'vitest';
import {
	criteriaSchema,
	panelSchema,
	roundCreateSchema,
	roundMoments,
	rulesSchema,
	weightOf
} from '../../src/lib/schemas/award-admin';
import { frameworkDraftSchema } from '../../src/lib/schemas/framework';
import { templateArchiveSchema, templateEditSchema } from '../../src/lib/schemas/templates';

/**
 * The admin and HR forms moved onto the form pipeline (issue 17): what the services no
 * longer check themselves (lengths, ranges, well-formed dates) is the schema's.
 */

const round = {
	year: '2031',
	title: 'Beste LLO-praktijkopleider 2031',
	nominationsOpenAt: '2031-03-01T09:00',
	nominationsCloseAt: '2031-04-01T17:00',
	regionalJuryUntil: '2031-05-01T17:00',
	nationalJuryUntil: '2031-06-01T17:00',
	finalistsPerPanel: 3
};

const fieldsWithErrors = (result: { error?: { issues: { path: PropertyKey[] }[] } }) => [
	...new Set((result.error?.issues ?? []).map((i) => i.path.join('.')))
];

describe('award round forms', () => {
	it('accepts a round and turns its wall-clock times into Amsterdam moments', () => {
		const parsed = roundCreateSchema.parse(round);
		const moments = roundMoments(parsed);
		// March: winter time (UTC+1); May: summer time (UTC+2)
		expect(moments.nominationsOpenAt.toISOString()).toBe('2031-03-01T08:00:00.000Z');
		expect(moments.regionalJuryUntil.toISOString()).toBe('2031-05-01T15:00:00.000Z');
	});

	it('names each field that is wrong: year, title, a date, the finalists', () => {
		const result = roundCreateSchema.safeParse({
			...round,
			year: '1999',
			title: ' ',
			nominationsCloseAt: '2031-02-30T17:00',
			finalistsPerPanel: 21
		});
		expect(fieldsWithErrors(result).sort()).toEqual(
			['finalistsPerPanel', 'nominationsCloseAt', 'title', 'year'].sort()
		);
		// the hour skipped when summer time starts does not exist
		expect(
			fieldsWithErrors(
				roundCreateSchema.safeParse({ ...round, nominationsOpenAt: '2031-03-30T02:30' })
			)
		).toEqual(['nominationsOpenAt']);
	});

	it('keeps the eligibility rules whole and within their limits (0 switches one off)', () => {
		const rules = {
			llo_profile_complete: false,
			min_years_experience: 0,
			coached_adult_months: 60,
			no_win_in_last_years: 20,
			culture_scan_months: 12
		};
		expect(rulesSchema.safeParse(rules).success).toBe(true);
		expect(
			fieldsWithErrors(
				rulesSchema.safeParse({
					...rules,
					min_years_experience: 61,
					no_win_in_last_years: 1.5,
					culture_scan_months: 61
				})
			).sort()
		).toEqual(['culture_scan_months', 'min_years_experience', 'no_win_in_last_years']);
	});

	it('reads a weight with a comma or a point, from 0,1 to 10', () => {
		const schema = criteriaSchema(['a']);
		const form = (weight: string) => ({
			name_a: 'Vakmanschap',
			description_a: '',
			weight_a: weight
		});
		expect(schema.safeParse(form('1,5')).success).toBe(true);
		expect(weightOf('1,5')).toBe(1.5);
		expect(schema.safeParse(form('10')).success).toBe(true);
		for (const bad of ['0', '10,5', '1,25', 'x', '']) {
			expect(fieldsWithErrors(schema.safeParse(form(bad))), bad).toEqual(['weight_a']);
		}
		expect(fieldsWithErrors(schema.safeParse({ ...form('2'), name_a: '' }))).toEqual(['name_a']);
	});

	it('asks a jury panel for its name', () => {
		expect(
			fieldsWithErrors(panelSchema.safeParse({ name: '', kind: 'national', regionIds: [] }))
		).toEqual(['name']);
		expect(panelSchema.parse({ name: 'Midden', regionIds: [15] }).kind).toBe('regional');
	});
});

describe('HR template forms', () => {
	it('takes the editor content as JSON and the pressed button as the intent', () => {
		const form = { name: 'Reflectie', content: '{"sections":[]}', version: 3 };
		expect(templateEditSchema.parse(form).intent).toBe('save');
		expect(templateEditSchema.parse({ ...form, intent: 'publish' }).intent).toBe('publish');
		expect(fieldsWithErrors(templateEditSchema.safeParse({ ...form, content: '{' }))).toEqual([
			'content'
		]);
		expect(fieldsWithErrors(templateEditSchema.safeParse({ ...form, name: '' }))).toEqual(['name']);
	});

	it('refuses a template id that is no uuid', () => {
		expect(templateArchiveSchema.safeParse({ templateId: 'x', archived: true }).success).toBe(
			false
		);
	});
});

describe('competence framework draft', () => {
	it('has the fields of the draft’s areas, each name required', () => {
		const schema = frameworkDraftSchema(['A', 'B']);
		const area = (code: string, name: string) => ({
			[`name_${code}`]: name,
			[`description_${code}`]: '',
			[`indicators_${code}`]: 'Een\nTwee'
		});
		expect(schema.safeParse({ ...area('A', 'Vak'), ...area('B', 'Leren') }).success).toBe(true);
		expect(fieldsWithErrors(schema.safeParse({ ...area('A', 'Vak'), ...area('B', ' ') }))).toEqual([
			'name_B'
		]);
	});
});
