import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { requireCompany } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db/app';
import { getTrajectory } from '$lib/server/trajectories/detail';
import { recordPageRead } from '$lib/server/privacy/access-log';
import type { PageServerLoad } from './$types';
import { todayIso } from '$lib/time';

/** A printable praktijkverklaring: the work processes the learner masters in the trainer's judgement. */
export const load: PageServerLoad = async (event) => {
	const ctx = requireCompany(event);
	const db = await getDb();
	const detail = await getTrajectory(db, ctx, event.params.id);
	if (!detail) error(404, m.error_not_found());
	await recordPageRead(
		db,
		ctx,
		event,
		{ trajectoryId: detail.trajectory.id },
		'practice_statement'
	);
	const mastered = detail.coreTasks
		.map((ct) => ({
			code: ct.code,
			title: ct.title,
			workProcesses: ct.workProcesses
				.filter((wp) => wp.official?.level === 3)
				.map((wp) => ({ code: wp.code, title: wp.title, on: wp.official!.on, by: wp.official!.by }))
		}))
		.filter((ct) => ct.workProcesses.length);
	return {
		trajectory: detail.trajectory,
		trainers: detail.trainers,
		mastered,
		today: todayIso()
	};
};
