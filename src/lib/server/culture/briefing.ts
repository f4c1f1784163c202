import { todayIso } from '../../time';
import type { RequestContext } from '../auth/context';
import type { DB } from '../db';
import { CULTURE_MIN_RESPONSES } from './instrument';
import { listActions, type CultureAction } from './plan';
import { roundResults, type Finding } from './results';

/**
 * What a conversation planned from the template "Leercultuur in het team" (migration 0033)
 * brings to the table (issue 15): the company's latest closed scan with results — what
 * stands out, in words — and its improvement plan's open actions. Only figures over 5 or
 * more answers (the results' own rule), so a learner in the conversation sees what HR
 * sees of the team and nothing about a person.
 */
export interface CultureBriefing {
	roundId: string;
	closesOn: string;
	employeeResponses: number;
	findings: (Finding & { nl: string; en: string })[];
	actions: CultureAction[];
}

export async function cultureBriefing(
	db: DB,
	ctx: RequestContext,
	today = todayIso()
): Promise<CultureBriefing | null> {
	const latest = await db
		.selectFrom('culture_round_result')
		.select('round_id')
		.where('company_id', '=', ctx.company.id)
		.where('closes_on', '<', today)
		.where('employees', '>=', CULTURE_MIN_RESPONSES)
		.orderBy('closes_on', 'desc')
		.limit(1)
		.executeTakeFirst();
	if (!latest) return null;
	const [results, actions] = await Promise.all([
		roundResults(db, ctx, latest.round_id, today),
		listActions(db, ctx, latest.round_id, today)
	]);
	const names = new Map(results.dimensions.map((d) => [d.code, { nl: d.nl, en: d.en }]));
	return {
		roundId: results.id,
		closesOn: results.closesOn,
		employeeResponses: results.employeeResponses,
		findings: results.findings.map((f) => ({
			...f,
			...(names.get(f.code) ?? { nl: f.code, en: f.code })
		})),
		actions: actions.filter((a) => a.status === 'open' || a.status === 'in_progress')
	};
}
