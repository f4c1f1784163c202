import type { DB } from '../db';
import { nominationSelect } from '../awards/received';
import { iso } from './export-iso';

/** The personal-data export (./export.ts): the user's part in the award election. */
export async function awardPart(db: DB, userId: string) {
	const [nominations, jury] = await Promise.all([
		nominationSelect(db)
			.select([
				'n.id',
				'r.year',
				'c.name as company',
				'n.nominator_id',
				'n.nominee_id',
				'nominee.name as nominee',
				'nominator.name as nominator',
				'n.nominator_named',
				'n.evidence',
				'n.status',
				'n.publish_consent',
				'n.consented_at',
				'n.endorsement',
				'n.endorsed_at',
				'n.created_at'
			])
			.where((eb) => eb.or([eb('n.nominator_id', '=', userId), eb('n.nominee_id', '=', userId)]))
			.orderBy('n.created_at')
			.execute(),
		db
			.selectFrom('jury_member as m')
			.innerJoin('jury_panel as p', 'p.id', 'm.panel_id')
			.innerJoin('award_round as r', 'r.id', 'p.round_id')
			.select(['r.year', 'p.name', 'p.kind', 'm.added_at', 'm.replaced_at'])
			.where('m.user_id', '=', userId)
			.execute()
	]);
	const ids = nominations.length
		? nominations.map((n) => n.id)
		: ['00000000-0000-0000-0000-000000000000'];
	const [motivations, scores] = await Promise.all([
		db
			.selectFrom('nomination_motivation as nm')
			.innerJoin('award_criterion as c', 'c.id', 'nm.criterion_id')
			.select(['nm.nomination_id', 'c.name', 'nm.text'])
			.where('nm.nomination_id', 'in', ids)
			.execute(),
		db
			.selectFrom('jury_score as s')
			.innerJoin('award_criterion as c', 'c.id', 's.criterion_id')
			.innerJoin('jury_panel as p', 'p.id', 's.panel_id')
			.innerJoin('award_round as r', 'r.id', 'p.round_id')
			.select(['r.year', 'c.name', 's.score', 's.comment', 's.submitted_at'])
			.where('s.juror_id', '=', userId)
			.execute()
	]);
	if (!nominations.length && !jury.length) return null;
	return {
		nominationsMade: nominations
			.filter((n) => n.nominator_id === userId)
			.map((n) => ({
				year: n.year,
				nominee: n.nominee,
				company: n.company,
				named: n.nominator_named,
				evidence: n.evidence,
				status: n.status,
				motivations: motivations
					.filter((m) => m.nomination_id === n.id)
					.map((m) => ({ criterion: m.name, text: m.text })),
				createdAt: iso(n.created_at)
			})),
		nominationsReceived: nominations
			.filter((n) => n.nominee_id === userId)
			.map((n) => ({
				year: n.year,
				company: n.company,
				nominator: n.nominator_named ? n.nominator : null,
				evidence: n.evidence,
				status: n.status,
				publishConsent: n.publish_consent,
				consentedAt: iso(n.consented_at),
				endorsement: n.endorsement,
				endorsedAt: iso(n.endorsed_at),
				motivations: motivations
					.filter((m) => m.nomination_id === n.id)
					.map((m) => ({ criterion: m.name, text: m.text })),
				createdAt: iso(n.created_at)
			})),
		jury: jury.map((j) => ({
			year: j.year,
			panel: j.name,
			kind: j.kind,
			since: iso(j.added_at),
			until: iso(j.replaced_at),
			// Own scores, without whom they were about (the nominee's data).
			scores: scores
				.filter((s) => s.year === j.year)
				.map((s) => ({
					criterion: s.name,
					score: s.score,
					comment: s.comment,
					at: iso(s.submitted_at)
				}))
		}))
	};
}
