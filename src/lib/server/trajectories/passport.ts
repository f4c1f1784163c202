import { sql } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { DB } from '../db';
import { CROSS_COMPANY } from '../db/cross-company';
import { acrossCompanies } from '../db/scope';
import { jsonRows } from '../db/json';
import { COMPETENT } from './progress';

/**
 * The learner's own LLO passport: everything they achieved, across all trajectories and
 * all companies they were a learner in. Read only through the learner's own account
 * (user id), never by a company: "regie bij de werkende".
 */
/** A qualification as the national structure names it (crebo, title, mbo level). */
export interface PassportQualification {
	crebo: string;
	title: string;
	level: number;
}

export interface PassportAchievement {
	/** Work process code, e.g. `B1-K1-W3`. */
	code: string;
	title: string;
	coreTask: { code: string; title: string };
	/** The qualification dossier the work process belongs to (SBB number and title). */
	dossier: { nr: string; title: string };
	/**
	 * The qualification it counts for: the profiel's own for a profiel part; for the
	 * basisdeel (shared by every profiel of a dossier) the trajectory's target
	 * qualification when that is in the same dossier, else null (see `dossier`).
	 */
	qualification: PassportQualification | null;
	source: 'competent' | 'exempt';
	on: string;
	by: string | null;
}

export interface PassportTrajectory {
	company: string;
	title: string;
	route: string;
	status: string;
	startDate: string;
	/** What the trajectory aims at: a qualification, an mbo-certificaat or chosen work processes. */
	target: {
		kind: 'qualification' | 'certificate' | 'work_processes';
		qualification: PassportQualification | null;
		certificate: { code: string; title: string } | null;
	};
	achievements: PassportAchievement[];
}

export interface Passport {
	name: string;
	email: string;
	generatedAt: string;
	trajectories: PassportTrajectory[];
	certificates: {
		company: string;
		code: string;
		title: string;
		obtainedOn: string;
		issuer: string;
	}[];
}

/** One row of the passport's achievements: a trajectory with one achieved work process (or none). */
interface AchievementRow {
	trajectory_id: string;
	company: string;
	trajectory_title: string;
	route: string;
	status: string;
	start_date: string;
	target_kind: PassportTrajectory['target']['kind'];
	target_crebo: string | null;
	target_title: string | null;
	target_level: number | null;
	cert_code: string | null;
	cert_title: string | null;
	code: string | null;
	title: string | null;
	core_task_code: string | null;
	core_task: string | null;
	dossier_nr: string | null;
	dossier_title: string | null;
	crebo: string | null;
	qualification: string | null;
	level: number | null;
	source: 'competent' | 'exempt' | null;
	achieved_on: string | null;
	by: string | null;
}

/**
 * The learner's trajectories with what they achieved in each (competent by the latest
 * trainer judgement, or exempt), newest trajectory first, in the qualification's order.
 */
function achievementRows(userId: string, companyId: string | null) {
	return sql<AchievementRow>`
		with mine as (
			select t.company_id, t.id, t.title, t.route, t.status, t.start_date, c.name as company,
				t.target_kind, t.qualification_id, t.certificate_id
			from learner l
			join trajectory t on t.company_id = l.company_id and t.learner_id = l.id
			join company c on c.id = l.company_id
			where l.user_id = ${userId}
				and (${companyId}::uuid is null or l.company_id = ${companyId}::uuid)
		),
		official as (
			select distinct on (a.company_id, a.trajectory_id, a.work_process_id)
				a.company_id, a.trajectory_id, a.work_process_id, a.level, a.assessed_on, u.name as by
			from assessment a
			join mine on mine.company_id = a.company_id and mine.id = a.trajectory_id
			left join app_user u on u.id = a.assessed_by
			where a.assessor_kind = 'trainer'
			order by a.company_id, a.trajectory_id, a.work_process_id, a.assessed_on desc, a.id desc
		),
		achieved as (
			select company_id, trajectory_id, work_process_id, 'competent' as source, assessed_on as achieved_on, by
			from official where level = ${COMPETENT}
			union all
			select e.company_id, e.trajectory_id, e.work_process_id, 'exempt', e.granted_on, null
			from exemption e join mine on mine.company_id = e.company_id and mine.id = e.trajectory_id
		)
		select mine.id as trajectory_id, mine.company, mine.title as trajectory_title, mine.route,
			mine.status, to_char(mine.start_date, 'YYYY-MM-DD') as start_date,
			mine.target_kind, tq.crebo as target_crebo, tq.title as target_title,
			tq.level as target_level, cert.code as cert_code, cert.title as cert_title,
			wp.code, wp.title, ct.code as core_task_code, ct.title as core_task,
			d.nr as dossier_nr, d.title as dossier_title,
			coalesce(q.crebo, case when tq.dossier_id = ct.dossier_id then tq.crebo end) as crebo,
			coalesce(q.title, case when tq.dossier_id = ct.dossier_id then tq.title end) as qualification,
			coalesce(q.level, case when tq.dossier_id = ct.dossier_id then tq.level end) as level,
			achieved.source, to_char(achieved.achieved_on, 'YYYY-MM-DD') as achieved_on, achieved.by
		from mine
		left join achieved on achieved.company_id = mine.company_id and achieved.trajectory_id = mine.id
		left join work_process wp on wp.id = achieved.work_process_id
		left join core_task ct on ct.id = wp.core_task_id
		left join qualification q on q.id = ct.qualification_id
		left join qualification_dossier d on d.id = ct.dossier_id
		left join certificate cert on cert.id = mine.certificate_id
		left join qualification tq on tq.id = coalesce(mine.qualification_id, cert.qualification_id)
		order by mine.start_date desc, mine.id, ct.position, wp.position`;
}

/** The certificates the learner obtained, newest first. */
function certificateRows(userId: string, companyId: string | null) {
	return sql<{ company: string; code: string; title: string; obtained_on: string; issuer: string }>`
		select c.name as company, cert.code, cert.title,
			to_char(oc.obtained_on, 'YYYY-MM-DD') as obtained_on, oc.issuer
		from learner l
		join obtained_certificate oc on oc.company_id = l.company_id and oc.learner_id = l.id
		join certificate cert on cert.id = oc.certificate_id
		join company c on c.id = l.company_id
		where l.user_id = ${userId}
			and (${companyId}::uuid is null or l.company_id = ${companyId}::uuid)
		order by oc.obtained_on desc`;
}

/**
 * The passport of `userId`. `companyId`: only what the records of that one company hold
 * (the anonymisation takes it as the snapshot it keeps, privacy/anonymise.ts), without
 * snapshots. Without it: every company's records plus the snapshots of companies whose
 * records were anonymised after the person left (passport_snapshot, migration 0028).
 *
 * One statement: the person's row, with their achievements, certificates and snapshots as
 * JSON arrays (the passport page and its download run only this and the leaving notices).
 */
export async function passportFor(
	db: DB,
	userId: string,
	opts: { companyId?: string } = {}
): Promise<Passport> {
	const companyId = opts.companyId ?? null;
	// The learner's own records in every company they learn(ed) in: the wall opens for
	// this statement, which starts from the user's own id everywhere.
	const { name, email, achievements, certificates, snapshots } = await acrossCompanies(
		CROSS_COMPANY.passport,
		() =>
			db
				.selectFrom('app_user as u')
				.select((eb) => [
					'u.name',
					'u.email',
					jsonRows(achievementRows(userId, companyId)).as('achievements'),
					jsonRows(certificateRows(userId, companyId)).as('certificates'),
					// One company's part (the anonymisation's snapshot) has none of the snapshots.
					companyId
						? sql<{ trajectories: unknown; certificates: unknown }[]>`'[]'::json`.as('snapshots')
						: jsonArrayFrom(
								eb
									.selectFrom('passport_snapshot as s')
									.select(['s.trajectories', 's.certificates'])
									.whereRef('s.user_id', '=', 'u.id')
							).as('snapshots')
				])
				.where('u.id', '=', userId)
				.executeTakeFirstOrThrow()
	);
	const trajectories = new Map<string, PassportTrajectory>();
	for (const r of achievements) {
		let t = trajectories.get(r.trajectory_id);
		if (!t) {
			t = {
				company: r.company,
				title: r.trajectory_title,
				route: r.route,
				status: r.status,
				startDate: r.start_date,
				target: {
					kind: r.target_kind,
					qualification:
						r.target_crebo && r.target_title && r.target_level !== null
							? { crebo: r.target_crebo, title: r.target_title, level: r.target_level }
							: null,
					certificate:
						r.cert_code && r.cert_title ? { code: r.cert_code, title: r.cert_title } : null
				},
				achievements: []
			};
			trajectories.set(r.trajectory_id, t);
		}
		if (r.code && r.source && r.achieved_on) {
			t.achievements.push({
				code: r.code,
				title: r.title ?? '',
				coreTask: { code: r.core_task_code ?? '', title: r.core_task ?? '' },
				dossier: { nr: r.dossier_nr ?? '', title: r.dossier_title ?? '' },
				qualification:
					r.crebo && r.qualification && r.level !== null
						? { crebo: r.crebo, title: r.qualification, level: r.level }
						: null,
				source: r.source,
				on: r.achieved_on,
				by: r.by
			});
		}
	}
	const all = [...trajectories.values()];
	const certs: Passport['certificates'] = certificates.map((c) => ({
		company: c.company,
		code: c.code,
		title: c.title,
		obtainedOn: c.obtained_on,
		issuer: c.issuer
	}));
	if (snapshots.length) {
		// Kept from companies that anonymised their records: merged in date order.
		for (const s of snapshots) {
			all.push(...(s.trajectories as PassportTrajectory[]));
			certs.push(...(s.certificates as Passport['certificates']));
		}
		all.sort((a, b) => b.startDate.localeCompare(a.startDate));
		certs.sort((a, b) => b.obtainedOn.localeCompare(a.obtainedOn));
	}
	return {
		name,
		email,
		generatedAt: new Date().toISOString(),
		trajectories: all,
		certificates: certs
	};
}
