import { sql } from 'kysely';
import type { TemplateContent } from '../../schemas/conversations';
import type { DB } from '../db';
import { CROSS_COMPANY } from '../db/cross-company';
import { acrossCompanies } from '../db/scope';
import { accessLog } from './access-log';
import { awardPart } from './export-awards';
import { iso } from './export-iso';
import { trainerPart } from './export-trainer';
import { leavingPart } from './leave';

/**
 * "Alles over mij" (issue 18): every personal datum Vakmaat holds about a user, across all
 * their companies, as one JSON document (format: docs/privacy.md, "The export"). Read
 * only through the user's own account; the tenant wall opens for their own records.
 *
 * What is deliberately left out, because it is another person's data or a secret:
 * - the password hash, second-factor keys and recovery codes (secrets, not information);
 * - in a conversation the user held as trainer: the learner's name and answers (the
 *   learner's data); the trainer gets their own preparation and the agreed record's dates;
 * - a trainer's preparation the trainer has not shared with the learner;
 * - feedback received below the threshold of FEEDBACK_THRESHOLD (profiles/feedback.ts) responses, and
 *   who gave it;
 * - who nominated the user when the nominator chose not to be named;
 * - other people's answers and scores in an award round.
 *
 * Evidence files are not in the document: `files` lists them with the path they get in
 * the zip (`bewijs/…`); the route streams them from storage.
 */

export const EXPORT_FORMAT = 'vakmaat-persoonsgegevens';
export const EXPORT_VERSION = 1;

export interface ExportFile {
	/** Path in the zip. */
	path: string;
	companyId: string;
	storageKey: string;
	sizeBytes: number | null;
}

/** A safe file name for the zip (no directories, no control characters). */
function zipName(name: string): string {
	const clean = name
		.normalize('NFC')
		.replace(/[\\/:*?"<>|]/g, '_')
		.replace(/\p{Cc}/gu, '_')
		.replace(/^\.+/, '_')
		.trim();
	return clean.slice(0, 120) || 'bestand';
}

export async function personalDataExport(db: DB, userId: string, now = new Date()) {
	return acrossCompanies(CROSS_COMPANY.privacyExport, () => build(db, userId, now));
}

async function build(db: DB, userId: string, now: Date) {
	const user = await db
		.selectFrom('app_user')
		.select([
			'id',
			'name',
			'email',
			'locale',
			'created_at',
			'password_changed_at',
			'totp_enabled_at'
		])
		.where('id', '=', userId)
		.executeTakeFirstOrThrow();

	const learners = await db
		.selectFrom('learner as l')
		.innerJoin('company as c', 'c.id', 'l.company_id')
		.leftJoin('app_user as by', 'by.id', 'l.created_by')
		.select([
			'l.id',
			'l.company_id',
			'c.name as company',
			'l.name',
			'l.email',
			'l.created_at',
			'by.name as created_by'
		])
		.where('l.user_id', '=', userId)
		.orderBy('c.name')
		.execute();
	const learnerIds = learners.map((l) => l.id);
	const none = ['00000000-0000-0000-0000-000000000000'];
	const lids = learnerIds.length ? learnerIds : none;

	const [
		platformRoles,
		adviserRegions,
		sessions,
		memberships,
		trajectories,
		certificates,
		conversations,
		feedbackGiven,
		mails
	] = await Promise.all([
		db
			.selectFrom('platform_role')
			.select(['role', 'created_at'])
			.where('user_id', '=', userId)
			.execute(),
		db
			.selectFrom('adviser_region as ar')
			.innerJoin('region as r', 'r.id', 'ar.region_id')
			.select('r.name')
			.where('ar.user_id', '=', userId)
			.orderBy('r.name')
			.execute(),
		db
			.selectFrom('user_session')
			.select(['created_at', 'expires_at', 'two_factor_verified'])
			.where('user_id', '=', userId)
			.orderBy('created_at', 'desc')
			.execute(),
		db
			.selectFrom('membership as m')
			.innerJoin('company as c', 'c.id', 'm.company_id')
			.select(['c.name', 'c.slug', 'm.roles', 'm.created_at', 'm.deactivated_at'])
			.where('m.user_id', '=', userId)
			.orderBy('c.name')
			.execute(),
		db
			.selectFrom('trajectory as t')
			.leftJoin('qualification as q', 'q.id', 't.qualification_id')
			.leftJoin('certificate as ce', 'ce.id', 't.certificate_id')
			.leftJoin('app_user as by', 'by.id', 't.created_by')
			.select([
				't.id',
				't.company_id',
				't.learner_id',
				't.title',
				't.route',
				't.status',
				't.target_kind',
				'q.crebo',
				'q.title as qualification',
				'ce.code as certificate_code',
				'ce.title as certificate',
				't.school',
				't.start_date',
				't.planned_end_date',
				't.created_at',
				'by.name as created_by',
				't.status_changed_at'
			])
			.where('t.learner_id', 'in', lids)
			.orderBy('t.start_date')
			.execute(),
		db
			.selectFrom('obtained_certificate as o')
			.innerJoin('certificate as ce', 'ce.id', 'o.certificate_id')
			.leftJoin('app_user as by', 'by.id', 'o.recorded_by')
			.select([
				'o.learner_id',
				'ce.code',
				'ce.title',
				'o.obtained_on',
				'o.issuer',
				'by.name as recorded_by',
				'o.created_at'
			])
			.where('o.learner_id', 'in', lids)
			.execute(),
		db
			.selectFrom('conversation as c')
			.innerJoin('company as co', 'co.id', 'c.company_id')
			.innerJoin('learner as l', (j) =>
				j.onRef('l.company_id', '=', 'c.company_id').onRef('l.id', '=', 'c.learner_id')
			)
			.innerJoin('conversation_template_version as v', 'v.id', 'c.template_version_id')
			.innerJoin('conversation_template as tp', 'tp.id', 'v.template_id')
			.leftJoin('app_user as tr', 'tr.id', 'c.trainer_user_id')
			.select([
				'c.id',
				'c.company_id',
				'co.name as company',
				'c.trajectory_id',
				'c.status',
				'c.planned_at',
				'c.held_at',
				'c.next_date',
				'c.learner_signed_at',
				'c.trainer_signed_at',
				'c.created_at',
				'tp.name as template',
				'v.number as template_version',
				'v.content',
				'tr.name as trainer',
				sql<boolean>`l.user_id is not distinct from ${userId}::uuid`.as('as_learner')
			])
			.where((eb) => eb.or([eb('c.learner_id', 'in', lids), eb('c.trainer_user_id', '=', userId)]))
			.orderBy('c.planned_at')
			.execute(),
		db
			.selectFrom('trainer_feedback as f')
			.innerJoin('company as co', 'co.id', 'f.company_id')
			.innerJoin('app_user as tr', 'tr.id', 'f.trainer_user_id')
			.select([
				'co.name as company',
				'tr.name as trainer',
				'f.explains',
				'f.listens',
				'f.recognises',
				'f.available',
				'f.submitted_at'
			])
			.where('f.learner_id', 'in', lids)
			.execute(),
		db
			.selectFrom('mail_outbox')
			.select(['kind', 'subject', 'body', 'status', 'created_at', 'sent_at'])
			.where(sql<boolean>`lower(recipient) = lower(${user.email})`)
			.orderBy('created_at', 'desc')
			.execute()
	]);

	const trajectoryIds = trajectories.length ? trajectories.map((t) => t.id) : none;
	const conversationIds = conversations.length ? conversations.map((c) => c.id) : none;
	const asLearner = new Set(conversations.filter((c) => c.as_learner).map((c) => c.id));

	const [trainers, targets, assessments, exemptions, evidence, answers, actions, addenda] =
		await Promise.all([
			db
				.selectFrom('trajectory_trainer as tt')
				.innerJoin('app_user as u', 'u.id', 'tt.user_id')
				.select(['tt.trajectory_id', 'u.name'])
				.where('tt.trajectory_id', 'in', trajectoryIds)
				.execute(),
			db
				.selectFrom('trajectory_work_process as tw')
				.innerJoin('work_process as w', 'w.id', 'tw.work_process_id')
				.select(['tw.trajectory_id', 'w.code'])
				.where('tw.trajectory_id', 'in', trajectoryIds)
				.orderBy('w.code')
				.execute(),
			db
				.selectFrom('assessment as a')
				.innerJoin('work_process as w', 'w.id', 'a.work_process_id')
				.leftJoin('app_user as by', 'by.id', 'a.assessed_by')
				.select([
					'a.trajectory_id',
					'w.code',
					'w.title',
					'a.level',
					'a.assessor_kind',
					'a.assessor_name',
					'by.name as assessed_by',
					'a.assessed_on',
					'a.comment',
					'a.created_at'
				])
				.where('a.trajectory_id', 'in', trajectoryIds)
				.orderBy('a.assessed_on')
				.orderBy('a.id')
				.execute(),
			db
				.selectFrom('exemption as x')
				.innerJoin('work_process as w', 'w.id', 'x.work_process_id')
				.leftJoin('app_user as by', 'by.id', 'x.recorded_by')
				.select([
					'x.trajectory_id',
					'w.code',
					'x.basis',
					'x.reference',
					'x.granted_on',
					'by.name as recorded_by',
					'x.created_at'
				])
				.where('x.trajectory_id', 'in', trajectoryIds)
				.execute(),
			db
				.selectFrom('evidence as e')
				.innerJoin('work_process as w', 'w.id', 'e.work_process_id')
				.leftJoin('app_user as by', 'by.id', 'e.created_by')
				.select([
					'e.id',
					'e.company_id',
					'e.trajectory_id',
					'w.code',
					'e.kind',
					'e.title',
					'e.body',
					'e.url',
					'e.file_name',
					'e.content_type',
					'e.size_bytes',
					'e.storage_key',
					'by.name as created_by',
					'e.created_at'
				])
				.where('e.trajectory_id', 'in', trajectoryIds)
				.orderBy('e.created_at')
				.execute(),
			db
				.selectFrom('conversation_answer')
				.select(['conversation_id', 'role', 'answers', 'shared_at', 'updated_at'])
				.where('conversation_id', 'in', conversationIds)
				.execute(),
			db
				.selectFrom('conversation_action as a')
				.leftJoin('work_process as w', 'w.id', 'a.work_process_id')
				.select([
					'a.conversation_id',
					'a.description',
					'a.owner_role',
					'a.due_date',
					'w.code',
					'a.done_at',
					'a.created_at'
				])
				.where('a.conversation_id', 'in', conversationIds)
				.orderBy('a.created_at')
				.execute(),
			db
				.selectFrom('conversation_addendum as d')
				.leftJoin('app_user as by', 'by.id', 'd.created_by')
				.select(['d.conversation_id', 'd.body', 'd.created_by', 'by.name', 'd.created_at'])
				.where('d.conversation_id', 'in', conversationIds)
				.orderBy('d.created_at')
				.execute()
		]);

	const trainer = await trainerPart(db, userId);
	const [awards, leaving] = await Promise.all([awardPart(db, userId), leavingPart(db, userId)]);
	const [about, adviserContacts] = await Promise.all([
		accessLog(db, userId, { from: null, to: null, limit: null, offset: 0 }),
		db
			.selectFrom('adviser_contact as ac')
			.innerJoin('company as co', 'co.id', 'ac.company_id')
			.select([
				'co.name as company',
				'ac.contacted_on',
				'ac.kind',
				'ac.notes',
				'ac.agreements',
				'ac.created_at'
			])
			.where('ac.adviser_id', '=', userId)
			.orderBy('ac.contacted_on')
			.execute()
	]);
	const byMe = await db
		.selectFrom('audit_log as a')
		.leftJoin('company as co', 'co.id', 'a.company_id')
		.select(['a.action', 'a.entity_type', 'a.entity_id', 'co.name as company', 'a.created_at'])
		.where('a.actor_user_id', '=', userId)
		.orderBy('a.created_at', 'desc')
		.execute();

	// Evidence files: a unique path per file in the zip.
	const files: ExportFile[] = [];
	const fileOf = new Map<string, string>();
	for (const e of evidence) {
		if (e.kind !== 'file' || !e.storage_key) continue;
		const path = `bewijs/${e.id.slice(0, 8)}-${zipName(e.file_name ?? 'bestand')}`;
		files.push({
			path,
			companyId: e.company_id,
			storageKey: e.storage_key,
			sizeBytes: e.size_bytes
		});
		fileOf.set(e.id, path);
	}

	const by = <T, K>(rows: T[], key: (r: T) => K) => {
		const m = new Map<K, T[]>();
		for (const r of rows) m.set(key(r), [...(m.get(key(r)) ?? []), r]);
		return m;
	};
	const trainersOf = by(trainers, (r) => r.trajectory_id);
	const targetsOf = by(targets, (r) => r.trajectory_id);
	const assessmentsOf = by(assessments, (r) => r.trajectory_id);
	const exemptionsOf = by(exemptions, (r) => r.trajectory_id);
	const evidenceOf = by(evidence, (r) => r.trajectory_id);
	const trajectoriesOf = by(trajectories, (r) => r.learner_id);
	const certificatesOf = by(certificates, (r) => r.learner_id);
	const answersOf = by(answers, (r) => r.conversation_id);
	const actionsOf = by(actions, (r) => r.conversation_id);
	const addendaOf = by(addenda, (r) => r.conversation_id);

	const questionsOf = (content: TemplateContent | null) =>
		Object.fromEntries(
			(content?.sections ?? []).flatMap((s) => s.questions.map((q) => [q.id, q.label]))
		);

	const conversationOut = (c: (typeof conversations)[number]) => {
		const recorded = c.status === 'held' || c.status === 'signed';
		const rows = answersOf.get(c.id) ?? [];
		const visible = rows.filter((r) =>
			asLearner.has(c.id)
				? r.role === 'learner' ||
					(r.role === 'trainer' && r.shared_at) ||
					(r.role === 'agreed' && recorded)
				: r.role === 'trainer'
		);
		const base = {
			id: c.id,
			company: c.company,
			role: asLearner.has(c.id) ? 'learner' : 'trainer',
			status: c.status,
			plannedAt: iso(c.planned_at),
			heldAt: iso(c.held_at),
			nextDate: c.next_date,
			learnerSignedAt: iso(c.learner_signed_at),
			trainerSignedAt: iso(c.trainer_signed_at),
			template: {
				name: c.template,
				version: c.template_version,
				questions: questionsOf(c.content)
			},
			answers: Object.fromEntries(
				visible.map((r) => [
					r.role,
					{ answers: r.answers, sharedAt: iso(r.shared_at), updatedAt: iso(r.updated_at) }
				])
			)
		};
		if (!asLearner.has(c.id)) {
			return {
				...base,
				addenda: (addendaOf.get(c.id) ?? [])
					.filter((d) => d.created_by === userId)
					.map((d) => ({ body: d.body, at: iso(d.created_at) }))
			};
		}
		return {
			...base,
			trajectoryId: c.trajectory_id,
			trainer: c.trainer,
			actions: (actionsOf.get(c.id) ?? []).map((a) => ({
				description: a.description,
				owner: a.owner_role,
				dueDate: a.due_date,
				workProcess: a.code,
				doneAt: iso(a.done_at),
				agreedAt: iso(a.created_at)
			})),
			addenda: (addendaOf.get(c.id) ?? []).map((d) => ({
				body: d.body,
				by: d.name,
				at: iso(d.created_at)
			}))
		};
	};

	const document = {
		format: EXPORT_FORMAT,
		version: EXPORT_VERSION,
		generatedAt: now.toISOString(),
		account: {
			id: user.id,
			name: user.name,
			email: user.email,
			locale: user.locale,
			createdAt: iso(user.created_at),
			passwordChangedAt: iso(user.password_changed_at),
			twoStepLoginSince: iso(user.totp_enabled_at),
			platformRoles: platformRoles.map((r) => ({ role: r.role, since: iso(r.created_at) })),
			adviserRegions: adviserRegions.map((r) => r.name),
			sessions: sessions.map((s) => ({
				startedAt: iso(s.created_at),
				expiresAt: iso(s.expires_at),
				twoFactorVerified: s.two_factor_verified
			}))
		},
		memberships: memberships.map((m) => ({
			company: m.name,
			companySlug: m.slug,
			roles: m.roles,
			since: iso(m.created_at),
			endedAt: iso(m.deactivated_at)
		})),
		leaving,
		learnerRecords: learners.map((l) => ({
			company: l.company,
			name: l.name,
			email: l.email,
			addedAt: iso(l.created_at),
			addedBy: l.created_by,
			trajectories: (trajectoriesOf.get(l.id) ?? []).map((t) => ({
				id: t.id,
				title: t.title,
				route: t.route,
				status: t.status,
				target: {
					kind: t.target_kind,
					qualification: t.crebo ? { crebo: t.crebo, title: t.qualification } : null,
					certificate: t.certificate_code
						? { code: t.certificate_code, title: t.certificate }
						: null,
					workProcesses: (targetsOf.get(t.id) ?? []).map((w) => w.code)
				},
				school: t.school,
				startDate: t.start_date,
				plannedEndDate: t.planned_end_date,
				createdAt: iso(t.created_at),
				createdBy: t.created_by,
				statusChangedAt: iso(t.status_changed_at),
				trainers: (trainersOf.get(t.id) ?? []).map((r) => r.name),
				assessments: (assessmentsOf.get(t.id) ?? []).map((a) => ({
					workProcess: a.code,
					workProcessTitle: a.title,
					level: a.level,
					assessorKind: a.assessor_kind,
					assessor: a.assessor_kind === 'school' ? a.assessor_name : a.assessed_by,
					assessedOn: a.assessed_on,
					comment: a.comment,
					recordedAt: iso(a.created_at)
				})),
				exemptions: (exemptionsOf.get(t.id) ?? []).map((x) => ({
					workProcess: x.code,
					basis: x.basis,
					reference: x.reference,
					grantedOn: x.granted_on,
					recordedBy: x.recorded_by,
					recordedAt: iso(x.created_at)
				})),
				evidence: (evidenceOf.get(t.id) ?? []).map((e) => ({
					id: e.id,
					workProcess: e.code,
					kind: e.kind,
					title: e.title,
					body: e.body,
					url: e.url,
					fileName: e.file_name,
					contentType: e.content_type,
					sizeBytes: e.size_bytes,
					file: fileOf.get(e.id) ?? null,
					addedBy: e.created_by,
					addedAt: iso(e.created_at)
				}))
			})),
			certificates: (certificatesOf.get(l.id) ?? []).map((c) => ({
				code: c.code,
				title: c.title,
				obtainedOn: c.obtained_on,
				issuer: c.issuer,
				recordedBy: c.recorded_by,
				recordedAt: iso(c.created_at)
			}))
		})),
		conversations: conversations.map(conversationOut),
		feedbackGiven: feedbackGiven.map((f) => ({
			company: f.company,
			trainer: f.trainer,
			explains: f.explains,
			listens: f.listens,
			recognises: f.recognises,
			available: f.available,
			submittedAt: iso(f.submitted_at)
		})),
		trainer,
		awards,
		adviserContacts: adviserContacts.map((a) => ({
			company: a.company,
			contactedOn: a.contacted_on,
			kind: a.kind,
			notes: a.notes,
			agreements: a.agreements,
			recordedAt: iso(a.created_at)
		})),
		mails: mails.map((m) => ({
			kind: m.kind,
			subject: m.subject,
			body: m.body,
			status: m.status,
			queuedAt: iso(m.created_at),
			sentAt: iso(m.sent_at)
		})),
		audit: {
			aboutMe: about.entries.map((e) => ({
				at: e.at.toISOString(),
				action: e.action,
				what: e.what,
				record: e.entityType,
				by: e.actor.name,
				roles: e.roles,
				company: e.company
			})),
			byMe: byMe.map((a) => ({
				at: iso(a.created_at),
				action: a.action,
				record: a.entity_type,
				recordId: a.entity_id,
				company: a.company
			}))
		}
	};
	return { document, files };
}

export type PersonalDataExport = Awaited<ReturnType<typeof personalDataExport>>['document'];
