import { m } from '../../paraglide/messages.js';
import { routeLabel, statusLabel } from '../../i18n';
import type { DB } from '../db';
import type { RequestContext } from '../auth/context';
import { auditAs } from '../accounts/audit';
import { toCsv } from '../csv';
import type { DashboardFilters } from './dashboard';
import { listTrajectories } from './list';
import { todayIso } from '../../time';

/**
 * The company's trajectory list as CSV for Excel, with the dashboard's filters: one row
 * per trajectory (every status), progress from the same SQL as the pages (one statement, and the audit entry).
 * Headers and labels come from the message catalogue, in the request's language.
 */
export async function trajectoriesCsv(
	db: DB,
	ctx: RequestContext,
	filters: DashboardFilters
): Promise<{ filename: string; body: string; rows: number }> {
	const items = await listTrajectories(db, ctx, {
		route: filters.route,
		trainerId: filters.trainerId,
		limit: null
	});
	const header = [
		m.csv_col_learner(),
		m.csv_col_title(),
		m.csv_col_route(),
		m.csv_col_status(),
		m.csv_col_trainers(),
		m.csv_col_school(),
		m.csv_col_start(),
		m.csv_col_planned_end(),
		m.csv_col_covered(),
		m.csv_col_total(),
		m.csv_col_percent(),
		m.csv_col_last_assessed(),
		m.csv_col_stalled()
	];
	const rows = items.map((t) => [
		t.learnerName,
		t.title,
		routeLabel(t.route),
		statusLabel(t.status),
		t.trainers.join(', '),
		t.school,
		t.startDate,
		t.plannedEndDate,
		t.progress.covered,
		t.progress.total,
		t.progress.total ? Math.floor((t.progress.covered / t.progress.total) * 100) : 0,
		t.progress.lastAssessedOn,
		t.progress.stalled ? m.csv_yes() : m.csv_no()
	]);
	// Personal data leaves the application: who exported what is recorded.
	await auditAs(db, ctx, {
		action: 'trajectories.exported',
		entityType: 'company',
		entityId: ctx.company.id,
		data: { rows: rows.length, route: filters.route, trainerId: filters.trainerId }
	});
	const today = todayIso();
	return {
		filename: `leertrajecten-${ctx.company.slug}-${today}.csv`,
		body: toCsv(header, rows),
		rows: rows.length
	};
}
