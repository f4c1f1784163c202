import type { DB } from '../db';
import { CROSS_COMPANY } from '../db/cross-company';
import { acrossCompanies } from '../db/scope';
import { tallyData, tallyRound } from './tally';
import { phaseAt } from './phase';
import type { Round } from './rounds';

/** What the public page shows of a nominee: no account id (the page and its data are public). */
export interface PublicEntry {
	name: string;
	companyName: string;
	/** Motivations of the nominations whose nominee agreed to publish them. */
	motivations: { criterion: string; text: string }[][];
}

export interface PublicResult {
	year: number;
	title: string;
	publishedAt: Date;
	winner: PublicEntry | null;
	panels: { name: string; finalists: PublicEntry[] }[];
}

/** A published round for the public page; null (→ 404) when there is none that year. */
export async function publicResult(
	db: DB,
	year: number,
	now = new Date()
): Promise<PublicResult | null> {
	if (!Number.isInteger(year) || year < 2000 || year > 2100) return null;
	const round = (await db
		.selectFrom('award_round')
		.selectAll()
		.where('year', '=', year)
		.executeTakeFirst()) as Round | undefined;
	if (!round || phaseAt(round, now).phase !== 'published') return null;
	const data = await tallyData(db, round.id);
	const { criteria } = data;
	const results = tallyRound(round, data);
	const regional = results.filter((r) => r.panel.kind === 'regional');
	const shown = new Set(
		regional.flatMap((r) => r.results.filter((x) => x.finalist).map((x) => x.nomineeId))
	);
	if (round.winner_user_id) shown.add(round.winner_user_id);
	const ids = [...shown];
	// The published motivations, from whichever company nominated: the wall opens for them.
	const motivations = ids.length
		? await acrossCompanies(CROSS_COMPANY.awardResults, () =>
				db
					.selectFrom('nomination as n')
					.innerJoin('nomination_motivation as nm', 'nm.nomination_id', 'n.id')
					.select(['n.id', 'n.nominee_id', 'nm.criterion_id', 'nm.text'])
					.where('n.round_id', '=', round.id)
					.where('n.status', '=', 'accepted')
					.where('n.publish_consent', '=', true)
					.where('n.nominee_id', 'in', ids)
					.orderBy('n.created_at')
					.execute()
			)
		: [];
	const position = new Map(criteria.map((c) => [c.id, c]));
	const entry = (nomineeId: string, name: string, companyName: string): PublicEntry => {
		const byNomination = new Map<string, { criterion: string; text: string; pos: number }[]>();
		for (const m of motivations.filter((x) => x.nominee_id === nomineeId)) {
			const list = byNomination.get(m.id) ?? [];
			const c = position.get(m.criterion_id);
			list.push({ criterion: c?.name ?? '', text: m.text, pos: c?.position ?? 0 });
			byNomination.set(m.id, list);
		}
		return {
			name,
			companyName,
			motivations: [...byNomination.values()].map((l) =>
				l.sort((a, b) => a.pos - b.pos).map(({ criterion, text }) => ({ criterion, text }))
			)
		};
	};
	let winner: PublicEntry | null = null;
	for (const panel of results) {
		for (const r of panel.results) {
			if (r.nomineeId === round.winner_user_id && !winner) {
				winner = entry(r.nomineeId, r.name, r.companyName);
			}
		}
	}
	return {
		year: round.year,
		title: round.title,
		publishedAt: round.results_published_at!,
		winner,
		panels: regional.map((p) => ({
			name: p.panel.name,
			finalists: p.results
				.filter((r) => r.finalist)
				.map((r) => entry(r.nomineeId, r.name, r.companyName))
		}))
	};
}

/** Published rounds, newest first, for links. */
export async function publishedYears(db: DB, now = new Date()): Promise<number[]> {
	const rows = await db
		.selectFrom('award_round')
		.select('year')
		.where('results_published_at', '<=', now)
		.orderBy('year', 'desc')
		.execute();
	return rows.map((r) => r.year);
}
