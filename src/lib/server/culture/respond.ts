import { sql } from 'kysely';
import { todayIso } from '../../time';
import { hashToken } from '../auth/tokens';
import type { DB } from '../db';
import { CROSS_COMPANY } from '../db/cross-company';
import { acrossCompanies, inCompany } from '../db/scope';
import type { CultureAudience } from '../db/schema';
import { DomainError } from '../errors';
import { instrumentOf, statementIds, type CultureDimension } from './instrument';
import { roundState, type RoundState } from './rounds';

/**
 * The respondent's side: a personal link, no login. The link's token finds the
 * invitation (by `token_hash`) and the respondent's earlier answer (by `response_key`, a
 * hash of the same token under another label); nothing stored leads from one to the
 * other (migration 0025).
 */
export function responseKey(token: string): string {
	return hashToken(`culture-response:${token}`);
}

/** Tokens are 32 characters of base32 (auth/tokens.ts); anything else is not a link. */
const TOKEN = /^[a-z2-7]{32}$/;

export interface Questionnaire {
	company: string;
	audience: CultureAudience;
	state: RoundState;
	opensOn: string;
	closesOn: string;
	dimensions: Pick<CultureDimension, 'id' | 'code' | 'nl' | 'en' | 'employee' | 'management'>[];
	openQuestionNl: string;
	openQuestionEn: string;
	/** The teams employees may choose from (none for management; migration 0036). */
	teams: string[];
	/** The earlier answer of this link, to change. */
	answers: Record<string, number> | null;
	openAnswer: string | null;
	team: number | null;
}

/**
 * The link's invitation. Finding its company is the one read across companies (the link
 * comes before anyone is known, issue 19's narrow wall); the rest runs inside that company.
 */
async function invitationOf(db: DB, token: string) {
	if (!TOKEN.test(token)) return null;
	const link = await acrossCompanies(CROSS_COMPANY.cultureLink, () =>
		db
			.selectFrom('culture_invitation')
			.select('company_id')
			.where('token_hash', '=', hashToken(token))
			.executeTakeFirst()
	);
	if (!link) return null;
	const inv = await inCompany(link.company_id, () => invitationIn(db, token));
	return inv ? { ...inv, companyId: link.company_id } : null;
}

async function invitationIn(db: DB, token: string) {
	return db
		.selectFrom('culture_invitation as i')
		.innerJoin('culture_round as r', (j) =>
			j.onRef('r.id', '=', 'i.round_id').onRef('r.company_id', '=', 'i.company_id')
		)
		.innerJoin('company as c', 'c.id', 'r.company_id')
		.select([
			'i.audience',
			'r.id as roundId',
			'r.company_id as companyId',
			'r.version_id as versionId',
			'r.opens_on as opensOn',
			'r.closes_on as closesOn',
			'r.teams',
			'c.name as company'
		])
		.where('i.token_hash', '=', hashToken(token))
		.executeTakeFirst();
}

/** The questionnaire behind a link; null for a link that does not exist (a 404). */
export async function questionnaire(
	db: DB,
	token: string,
	today = todayIso()
): Promise<Questionnaire | null> {
	const inv = await invitationOf(db, token);
	if (!inv) return null;
	return inCompany(inv.companyId, () => questionnaireIn(db, token, inv, today));
}

async function questionnaireIn(
	db: DB,
	token: string,
	inv: NonNullable<Awaited<ReturnType<typeof invitationOf>>>,
	today: string
): Promise<Questionnaire> {
	const [instrument, earlier] = await Promise.all([
		instrumentOf(db, inv.versionId),
		db
			.selectFrom('culture_response')
			.select(['answers', 'open_answer', 'team'])
			.where('response_key', '=', responseKey(token))
			.executeTakeFirst()
	]);
	return {
		company: inv.company,
		audience: inv.audience,
		state: roundState(inv, today),
		opensOn: inv.opensOn,
		closesOn: inv.closesOn,
		dimensions: instrument!.dimensions
			.filter((d) => d[inv.audience].length)
			.map(({ id, code, nl, en, employee, management }) => ({
				id,
				code,
				nl,
				en,
				employee,
				management
			})),
		openQuestionNl: instrument!.openQuestionNl,
		openQuestionEn: instrument!.openQuestionEn,
		teams: inv.audience === 'employee' ? inv.teams : [],
		answers: earlier?.answers ?? null,
		openAnswer: earlier?.open_answer ?? null,
		team: earlier?.team ?? null
	};
}

export interface ResponseInput {
	answers: Record<string, number>;
	openAnswer: string | null;
	/** Position (1-based) in the round's teams; null: not said. */
	team?: number | null;
}

/**
 * Stores (or replaces) the answer of a link while its round is open. Every statement of
 * the link's audience needs a value from 1 to 5 (`culture_answers_incomplete` names the
 * first missing one as field `s<id>`); a team must be one of the round's, and only an
 * employee gives one (`culture_team_unknown`). One answer per link: the response key is unique,
 * a double submit or a later change updates the same row. The invitation row is not
 * touched (see migration 0025).
 */
export async function saveResponse(
	db: DB,
	token: string,
	input: ResponseInput,
	today = todayIso()
): Promise<'stored'> {
	const inv = await invitationOf(db, token);
	if (!inv) throw new DomainError('culture_link_unknown');
	return inCompany(inv.companyId, () => saveIn(db, token, inv, input, today));
}

async function saveIn(
	db: DB,
	token: string,
	inv: NonNullable<Awaited<ReturnType<typeof invitationOf>>>,
	input: ResponseInput,
	today: string
): Promise<'stored'> {
	const state = roundState(inv, today);
	if (state === 'planned') throw new DomainError('culture_round_not_open');
	if (state === 'closed') throw new DomainError('culture_round_closed');
	const instrument = await instrumentOf(db, inv.versionId);
	const answers: Record<string, number> = {};
	for (const id of statementIds(instrument!, inv.audience)) {
		const value = input.answers[String(id)];
		if (!Number.isInteger(value) || value < 1 || value > 5) {
			throw new DomainError('culture_answers_incomplete', `s${id}`);
		}
		answers[String(id)] = value;
	}
	const team = input.team ?? null;
	if (team !== null && (inv.audience !== 'employee' || team < 1 || team > inv.teams.length)) {
		throw new DomainError('culture_team_unknown', 'team');
	}
	const openAnswer = input.openAnswer?.trim().slice(0, 2000) || null;
	await sql`
		insert into culture_response (company_id, round_id, audience, response_key, answers, open_answer, team)
		values (${inv.companyId}, ${inv.roundId}, ${inv.audience}, ${responseKey(token)},
			${JSON.stringify(answers)}::jsonb, ${openAnswer}, ${team})
		on conflict (response_key) do update
			set answers = excluded.answers, open_answer = excluded.open_answer, team = excluded.team`.execute(
		db
	);
	return 'stored';
}
