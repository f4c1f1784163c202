import { m } from '../../paraglide/messages.js';
import { shownFigures } from '../../adviser/display';
import type { DB } from '../db';
import type { SessionUser } from '../auth/session';
import { toCsv } from '../csv';
import { auditOverview, overviewAll } from './overview';
import { type OverviewFilters } from './filters';
import { reasonThresholds } from './signals';
import { todayIso } from '../../time';

/**
 * The overview as CSV: every company matching the filters, in the page's order, with
 * exactly the columns and values the page shows (small numbers as "< 3", the signal and
 * its reasons in words), through the same shownFigures as the page.
 */
export async function overviewCsv(
	db: DB,
	user: SessionUser,
	regionIds: number[],
	filters: OverviewFilters,
	requestId?: string | null
): Promise<{ filename: string; body: string; rows: number }> {
	const rows = await overviewAll(db, regionIds, filters);
	const t = reasonThresholds();
	const header = [
		m.adviser_col_company(),
		m.adviser_col_kvk(),
		m.adviser_col_sector(),
		m.adviser_col_trainers(),
		m.adviser_col_llo(),
		m.adviser_col_learners(),
		m.adviser_col_routes(),
		m.adviser_col_progress(),
		m.adviser_col_stalled(),
		m.adviser_col_overdue(),
		m.adviser_col_last_contact(),
		m.adviser_follow_up_on(),
		m.adviser_col_scan(),
		m.adviser_col_scan_shared(),
		m.adviser_col_signal(),
		m.adviser_col_reasons()
	];
	const body = toCsv(
		header,
		rows.map((r) => {
			const s = shownFigures(r, t);
			return [
				r.name,
				r.kvkNumber,
				r.sectorChamber,
				s.trainers,
				s.llo,
				s.learners,
				s.routes,
				s.progress,
				s.stalled,
				`${s.overdueConversations} / ${s.overdueActions}`,
				r.lastContactOn ?? '',
				r.followUpOn ?? '',
				r.lastScanOn ?? '',
				r.cultureShared ? m.csv_yes() : m.csv_no(),
				s.signal,
				s.reasons.join('; ')
			];
		})
	);
	await auditOverview(
		db,
		user,
		regionIds,
		'adviser.overview_exported',
		{ filters, rows: rows.length },
		requestId
	);
	const stamp = todayIso();
	return { filename: `leerbedrijven-${stamp}.csv`, body, rows: rows.length };
}
