import type { DB } from '../db';
import type { ExportFile } from './export';
import { iso } from './export-iso';
import { groupBy, idsOrNone } from './export-rows';

/** One of the user's learner records (one per company they learn at), as ./export.ts reads it. */
export interface OwnLearner {
	id: string;
	company: string;
	name: string;
	email: string | null;
	created_at: Date;
	created_by: string | null;
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

/**
 * The personal-data export (./export.ts): the user's learner records, each with its
 * trajectories (target, trainers, judgements, exemptions, evidence) and the certificates
 * they obtained; and the feedback they gave their trainers as a learner. Every query
 * starts from the user's own learner records, so no other learner's data is read.
 *
 * Evidence files are not in the document: `files` lists them with the path they get in
 * the zip (`bewijs/…`); the route streams them from storage.
 */
export async function learnerPart(db: DB, learners: OwnLearner[]) {
	const lids = idsOrNone(learners);
	const [trajectories, certificates, feedbackGiven] = await Promise.all([
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
			.execute()
	]);

	const trajectoryIds = idsOrNone(trajectories);
	const [trainers, targets, assessments, exemptions, evidence] = await Promise.all([
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
			.execute()
	]);

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

	const trainersOf = groupBy(trainers, (r) => r.trajectory_id);
	const targetsOf = groupBy(targets, (r) => r.trajectory_id);
	const assessmentsOf = groupBy(assessments, (r) => r.trajectory_id);
	const exemptionsOf = groupBy(exemptions, (r) => r.trajectory_id);
	const evidenceOf = groupBy(evidence, (r) => r.trajectory_id);
	const trajectoriesOf = groupBy(trajectories, (r) => r.learner_id);
	const certificatesOf = groupBy(certificates, (r) => r.learner_id);

	const learnerRecords = learners.map((l) => ({
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
				certificate: t.certificate_code ? { code: t.certificate_code, title: t.certificate } : null,
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
	}));

	return {
		learnerRecords,
		feedbackGiven: feedbackGiven.map((f) => ({
			company: f.company,
			trainer: f.trainer,
			explains: f.explains,
			listens: f.listens,
			recognises: f.recognises,
			available: f.available,
			submittedAt: iso(f.submitted_at)
		})),
		files
	};
}
