import { error, fail } from '@sveltejs/kit';
import { message, setError, withFiles } from 'sveltekit-superforms';
import { domainErrorMessage } from '$lib/errors';
import { m } from '$lib/paraglide/messages';
import { evidenceFormSchema, evidenceRemoveSchema } from '$lib/schemas/evidence';
import { requireCompany } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db/app';
import { DomainError } from '$lib/server/errors';
import { domainFail, formFor, notFoundOr, readForm, requireIds } from '$lib/server/forms';
import { formTokenOf } from '$lib/server/once';
import { MAX_FILE_BYTES } from '$lib/server/files/check';
import { addEvidence, listEvidence, removeEvidence } from '$lib/server/trajectories/evidence';
import { trajectoryAccess } from '$lib/server/trajectories/access';
import { getTrajectory } from '$lib/server/trajectories/detail';
import { recordPageRead } from '$lib/server/privacy/access-log';
import { readSearch } from '$lib/server/search';
import { workProcessSearch } from '$lib/schemas/search';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const ctx = requireCompany(event);
	const db = await getDb();
	const [detail, evidence] = await Promise.all([
		getTrajectory(db, ctx, event.params.id),
		listEvidence(db, ctx, event.params.id)
	]);
	if (!detail || !evidence) error(404, m.error_not_found());
	// After the access check: a refused look is not a read.
	await recordPageRead(db, ctx, event, { trajectoryId: detail.trajectory.id }, 'evidence_list');
	const chosen = readSearch(event.url, workProcessSearch).werkproces;
	const form = await formFor(evidenceFormSchema, { kind: 'note', workProcessId: chosen });
	return {
		trajectory: detail.trajectory,
		coreTasks: detail.coreTasks.map((ct) => ({
			code: ct.code,
			title: ct.title,
			workProcesses: ct.workProcesses.map((wp) => ({
				id: wp.id,
				code: wp.code,
				title: wp.title,
				evidence: evidence.filter((e) => e.workProcessId === wp.id)
			}))
		})),
		canAdd: detail.can.assess || detail.can.selfAssess,
		form
	};
};

export const actions: Actions = {
	add: async (event) => {
		const ctx = requireCompany(event, 'learner', 'trainer');
		const db = await getDb();
		const access = await trajectoryAccess(db, ctx, event.params.id);
		if (!access) error(404, m.error_not_found());
		if (!access.can.assess && !access.can.selfAssess) error(403, m.error_forbidden());
		const data = await event.request.formData();
		const form = await readForm(data, evidenceFormSchema);
		if (!form.valid) return fail(400, withFiles({ form }));
		const file = form.data.kind === 'file' ? form.data.file : undefined;
		// Refused before the bytes are read; the service checks the content.
		if (file && file.size > MAX_FILE_BYTES) {
			return setError(form, 'file', domainErrorMessage('file_too_large'));
		}
		try {
			await addEvidence(
				db,
				ctx,
				event.params.id,
				{
					workProcessId: form.data.workProcessId,
					kind: form.data.kind,
					title: form.data.title,
					body: form.data.body,
					url: form.data.url,
					file: file ? { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) } : null
				},
				formTokenOf(data)
			);
		} catch (e) {
			return domainFail(form, e);
		}
		form.data.title = '';
		form.data.body = '';
		form.data.url = '';
		return message(form, { type: 'success', text: m.evidence_added() });
	},
	remove: async (event) => {
		const ctx = requireCompany(event, 'learner', 'trainer');
		const form = await readForm(event.request, evidenceRemoveSchema);
		requireIds(form, 'evidenceId');
		try {
			await removeEvidence(await getDb(), ctx, event.params.id, form.data.evidenceId);
		} catch (e) {
			if (e instanceof DomainError && e.code === 'not_allowed') error(403, m.error_forbidden());
			notFoundOr(e);
		}
		return { removed: true };
	}
};
