import { describe, expect, it } from 'vitest';
import { DEFAULT_TEMPLATES } from '../../migrations/0008_conversations';
import {
	actionSchema,
	isRealDate,
	planSchema,
	templateContentSchema,
	type TemplateContent
} from '../../src/lib/schemas/conversations';
import { answersToFields, validateAnswers } from '../../src/lib/server/conversations/answers';
import { addMonths } from '../../src/lib/time';
import { daysFromToday } from '../clock';

const content: TemplateContent = {
	sections: [
		{
			id: 's',
			title: 'S',
			visibleToHr: false,
			questions: [
				{ id: 'open', type: 'open', label: 'Open', required: true },
				{ id: 'scale', type: 'scale', label: 'Schaal', required: false },
				{ id: 'one', type: 'choice', label: 'Eén', required: false, options: ['a', 'b'] },
				{ id: 'many', type: 'multi', label: 'Meer', required: false, options: ['a', 'b', 'c'] },
				{ id: 'wp', type: 'work_process', label: 'Wp', required: false },
				{ id: 'goals', type: 'goals', label: 'Doelen', required: true }
			]
		}
	]
};
const wps = new Set([10, 11]);

describe('conversation answers', () => {
	it('normalises valid answers', () => {
		const { answers, errors } = validateAnswers(
			content,
			{
				open: '  tekst ',
				scale: '4',
				one: 'b',
				many: ['c', 'a', 'a'],
				wp: ['11', '10'],
				goals: 'één\n\n twee \n'
			},
			{ requireAll: true, workProcessIds: wps }
		);
		expect(errors).toEqual({});
		expect(answers).toEqual({
			open: 'tekst',
			scale: 4,
			one: 'b',
			many: ['a', 'c'],
			wp: [10, 11],
			goals: ['één', 'twee']
		});
		expect(answersToFields(content, answers)).toMatchObject({
			goals: 'één\ntwee',
			wp: ['10', '11'],
			scale: '4'
		});
	});

	it('reports unknown choices, bad scales, foreign work processes; required only when asked', () => {
		const raw = { open: '', scale: '7', one: 'z', many: ['x'], wp: ['99'], goals: '' };
		expect(validateAnswers(content, raw, { requireAll: true, workProcessIds: wps }).errors).toEqual(
			{
				open: 'required',
				scale: 'scale',
				one: 'choose',
				many: 'choose',
				wp: 'work_process',
				goals: 'required'
			}
		);
		const draft = validateAnswers(
			content,
			{ open: '' },
			{ requireAll: false, workProcessIds: wps }
		);
		expect(draft).toEqual({ answers: {}, errors: {} });
	});
});

describe('templates', () => {
	it('the platform defaults are valid templates', () => {
		expect(DEFAULT_TEMPLATES).toHaveLength(5);
		for (const t of DEFAULT_TEMPLATES) {
			expect(templateContentSchema.safeParse({ sections: t.sections }).success, t.name).toBe(true);
		}
	});

	it('refuses choice questions without options and duplicate question ids', () => {
		const bad = {
			sections: [
				{
					id: 's',
					title: 'S',
					visibleToHr: true,
					questions: [
						{ id: 'q', type: 'choice', label: 'Kies', required: false, options: ['a'] },
						{ id: 'q', type: 'open', label: 'Open', required: false }
					]
				}
			]
		};
		const result = templateContentSchema.safeParse(bad);
		expect(result.success).toBe(false);
		const paths = result.error!.issues.map((i) => i.path.join('.'));
		expect(paths).toEqual(
			expect.arrayContaining(['sections.0.questions.0.options', 'sections.0.questions.1.id'])
		);
	});
});

describe('next date', () => {
	it('adds months, keeping the end of the month', () => {
		expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
		expect(addMonths('2026-11-28', 24)).toBe('2028-11-28');
	});
});

describe('plan and action input', () => {
	const plan = {
		learnerId: '00000000-0000-4000-8000-000000000001',
		templateId: '00000000-0000-4000-8000-000000000002',
		trainerId: '00000000-0000-4000-8000-000000000003',
		plannedDate: daysFromToday(30),
		plannedTime: '14:30'
	};
	it('accepts real dates and times only', () => {
		expect(isRealDate('2028-02-29')).toBe(true);
		expect(isRealDate('2026-02-31')).toBe(false);
		expect(isRealDate('2026-1-3')).toBe(false);
		expect(planSchema.safeParse(plan).success).toBe(true);
		expect(planSchema.safeParse({ ...plan, plannedDate: '2026-02-31' }).success).toBe(false);
		expect(planSchema.safeParse({ ...plan, plannedTime: '24:00' }).success).toBe(false);
		expect(
			actionSchema.safeParse({ description: 'x', ownerRole: 'hr', dueDate: '2030-13-01' }).success
		).toBe(false);
		expect(actionSchema.safeParse({ description: 'x', ownerRole: 'hr', dueDate: '' }).success).toBe(
			true
		);
	});
});
