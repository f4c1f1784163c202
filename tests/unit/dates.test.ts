import { describe, expect, it } from 'vitest';
import { addMonths, daysFromToday, today } from '../clock';
import { checkDate, DATE_RULES, isRealDate } from '../../src/lib/schemas/dates';
import { actionSchema, planSchema, rescheduleSchema } from '../../src/lib/schemas/conversations';
import {
	assessmentFormSchema,
	newTrajectorySchema,
	obtainedCertificateSchema
} from '../../src/lib/schemas/assessments';
import { exemptionFormSchema } from '../../src/lib/schemas/evidence';
import { contactSchema } from '../../src/lib/schemas/adviser';

/**
 * Which dates make sense (src/lib/schemas/dates.ts), against the test clock: what cannot
 * be right is refused, what is merely unusual asks "Ja, deze datum klopt".
 */
const years = (n: number) => addMonths(today(), 12 * n);

function issues(result: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) {
	return (result.error?.issues ?? []).map((i) => String(i.path[0]));
}

describe('date rules', () => {
	it('knows real calendar dates', () => {
		expect(isRealDate('2028-02-29')).toBe(true);
		expect(isRealDate('2027-02-29')).toBe(false);
		expect(isRealDate('2026-1-3')).toBe(false);
	});

	it('plans a conversation from today, asks above a year ahead, refuses the past and the absurd', () => {
		const rule = DATE_RULES.conversation;
		expect(checkDate(today(), rule).kind).toBe('ok');
		expect(checkDate(daysFromToday(300), rule).kind).toBe('ok');
		expect(checkDate(daysFromToday(-1), rule)).toMatchObject({ kind: 'too_early' });
		expect(checkDate(daysFromToday(-1), rule)).toMatchObject({
			message: 'Deze datum ligt in het verleden. Kies vandaag of een latere datum.'
		});
		expect(checkDate(years(-6), rule).kind).toBe('too_early');
		expect(checkDate(daysFromToday(400), rule).kind).toBe('unusual');
		expect(checkDate(years(11), rule).kind).toBe('too_late');
		expect(checkDate('2099-06-01', rule).kind).toBe('too_late');
	});

	it('refuses a future assessment, asks about one over a year ago, refuses one of twenty years ago', () => {
		const rule = DATE_RULES.assessment;
		expect(checkDate(today(), rule).kind).toBe('ok');
		expect(checkDate(daysFromToday(1), rule)).toMatchObject({
			kind: 'too_late',
			message: 'Deze datum ligt in de toekomst. Kies vandaag of een eerdere datum.'
		});
		expect(checkDate(daysFromToday(-400), rule).kind).toBe('unusual');
		expect(checkDate(years(-20), rule).kind).toBe('too_early');
	});

	it('measures a trajectory end from its start', () => {
		const start = daysFromToday(-30);
		expect(checkDate(addMonths(start, 36), DATE_RULES.trajectoryEnd, start).kind).toBe('ok');
		expect(checkDate(addMonths(start, 84), DATE_RULES.trajectoryEnd, start).kind).toBe('unusual');
		expect(checkDate(addMonths(start, 130), DATE_RULES.trajectoryEnd, start).kind).toBe('too_late');
	});

	it('keeps development dates and follow-ups within sense', () => {
		expect(checkDate(daysFromToday(1), DATE_RULES.activity).kind).toBe('too_late');
		expect(checkDate(years(-3), DATE_RULES.activity).kind).toBe('unusual');
		expect(checkDate(years(-30), DATE_RULES.activity).kind).toBe('too_early');
		expect(checkDate(daysFromToday(-1), DATE_RULES.goal).kind).toBe('too_early');
		expect(checkDate(years(5), DATE_RULES.goal).kind).toBe('unusual');
		expect(checkDate(years(40), DATE_RULES.goal).kind).toBe('too_late');
		expect(checkDate(years(2), DATE_RULES.followUp).kind).toBe('unusual');
		expect(checkDate(years(8), DATE_RULES.followUp).kind).toBe('too_late');
	});
});

describe('forms ask for a confirmation of an unusual date', () => {
	const plan = {
		learnerId: '00000000-0000-4000-8000-000000000001',
		templateId: '00000000-0000-4000-8000-000000000002',
		trainerId: '00000000-0000-4000-8000-000000000003',
		plannedTime: '14:30'
	};

	it('planning and moving a conversation', () => {
		expect(planSchema.safeParse({ ...plan, plannedDate: daysFromToday(7) }).success).toBe(true);
		expect(issues(planSchema.safeParse({ ...plan, plannedDate: daysFromToday(-7) }))).toEqual([
			'plannedDate'
		]);
		expect(issues(planSchema.safeParse({ ...plan, plannedDate: '2099-01-01' }))).toEqual([
			'plannedDate'
		]);
		const farAhead = { ...plan, plannedDate: daysFromToday(500) };
		expect(issues(planSchema.safeParse(farAhead))).toEqual(['plannedDateConfirmed']);
		expect(planSchema.safeParse({ ...farAhead, plannedDateConfirmed: true }).success).toBe(true);
		expect(
			issues(
				rescheduleSchema.safeParse({
					plannedDate: daysFromToday(500),
					plannedTime: '10:00',
					trainerId: plan.trainerId
				})
			)
		).toEqual(['plannedDateConfirmed']);
	});

	it('an action due date', () => {
		const action = { description: 'x', ownerRole: 'hr' };
		expect(actionSchema.safeParse({ ...action, dueDate: '' }).success).toBe(true);
		expect(actionSchema.safeParse({ ...action, dueDate: daysFromToday(14) }).success).toBe(true);
		expect(issues(actionSchema.safeParse({ ...action, dueDate: daysFromToday(-1) }))).toEqual([
			'dueDate'
		]);
		expect(issues(actionSchema.safeParse({ ...action, dueDate: daysFromToday(400) }))).toEqual([
			'dueDateConfirmed'
		]);
	});

	it('assessments, certificates and exemptions in the past only', () => {
		const entries = [{ workProcessId: 1, level: 2 }];
		const assess = { kind: 'trainer', entries };
		expect(assessmentFormSchema.safeParse({ ...assess, assessedOn: today() }).success).toBe(true);
		expect(
			issues(assessmentFormSchema.safeParse({ ...assess, assessedOn: daysFromToday(3) }))
		).toEqual(['assessedOn']);
		expect(
			issues(assessmentFormSchema.safeParse({ ...assess, assessedOn: daysFromToday(-400) }))
		).toEqual(['assessedOnConfirmed']);
		expect(
			assessmentFormSchema.safeParse({
				...assess,
				assessedOn: daysFromToday(-400),
				assessedOnConfirmed: true
			}).success
		).toBe(true);
		const cert = { certificateId: 1, issuer: 'ROC' };
		expect(
			issues(obtainedCertificateSchema.safeParse({ ...cert, obtainedOn: daysFromToday(1) }))
		).toEqual(['obtainedOn']);
		expect(
			issues(obtainedCertificateSchema.safeParse({ ...cert, obtainedOn: years(-12) }))
		).toEqual(['obtainedOnConfirmed']);
		const ex = { workProcessIds: [1], basis: 'other' };
		expect(issues(exemptionFormSchema.safeParse({ ...ex, grantedOn: years(-60) }))).toEqual([
			'grantedOn'
		]);
		expect(exemptionFormSchema.safeParse({ ...ex, grantedOn: years(-2) }).success).toBe(true);
	});

	it('a trajectory: end after start, neither absurd', () => {
		const t = {
			newLearnerName: 'Nieuw',
			route: 'informal',
			targetKind: 'certificate',
			certificateId: 1,
			trainerIds: ['x']
		};
		expect(newTrajectorySchema.safeParse({ ...t, startDate: today() }).success).toBe(true);
		expect(
			issues(
				newTrajectorySchema.safeParse({
					...t,
					startDate: today(),
					plannedEndDate: daysFromToday(-1)
				})
			)
		).toEqual(['plannedEndDate']);
		expect(issues(newTrajectorySchema.safeParse({ ...t, startDate: years(-30) }))).toEqual([
			'startDate'
		]);
		expect(issues(newTrajectorySchema.safeParse({ ...t, startDate: daysFromToday(-500) }))).toEqual(
			['startDateConfirmed']
		);
		expect(
			issues(newTrajectorySchema.safeParse({ ...t, startDate: today(), plannedEndDate: years(20) }))
		).toEqual(['plannedEndDate']);
		expect(
			issues(newTrajectorySchema.safeParse({ ...t, startDate: today(), plannedEndDate: years(7) }))
		).toEqual(['plannedEndDateConfirmed']);
	});

	it("an adviser's contact and follow-up", () => {
		const c = { kind: 'visit' };
		expect(contactSchema.safeParse({ ...c, contactedOn: today() }).success).toBe(true);
		expect(issues(contactSchema.safeParse({ ...c, contactedOn: daysFromToday(2) }))).toEqual([
			'contactedOn'
		]);
		expect(
			issues(contactSchema.safeParse({ ...c, contactedOn: today(), followUpOn: years(3) }))
		).toEqual(['followUpOnConfirmed']);
	});
});
