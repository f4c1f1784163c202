/**
 * The mixed workload of `npm run bench -- --mix` (issue 20): sessions of every role at
 * once, weighted as real use would be, reads and the main writes, at a fixed request rate
 * for a fixed time after a warm-up; the rate is raised step by step until a page misses its
 * p95 target (or errors appear, or the client cannot keep the rate). The result is the
 * highest sustained rate at which every page met its target, with the p95 per page at that
 * rate and the server's CPU time per request.
 *
 * Open loop: requests start at the rate whatever the server's speed (a closed loop, as
 * autocannon's, slows down with the server and hides queueing). Each write is what a user
 * does: load the form page, fill the form as it is in the HTML (hidden fields, one option
 * of each scale, a short text, today's date), post it without JavaScript and expect the
 * redirect or page that follows. A user has at most one write in flight.
 */
import { sql, type Kysely } from 'kysely';
import { parse, type HTMLElement } from 'node-html-parser';
import { GENERATED_SLUG_PREFIX } from './known-accounts';
import { cpuByPid, cpuSpent, machineBusyMs, processesNamed, serverProcesses } from './proc';

type Role = 'learner' | 'trainer' | 'hr' | 'adviser' | 'juror';

interface User {
	role: Role;
	email: string;
	cookie?: string;
	slug: string;
	/** learner: own trajectory; trainer: a trajectory they train. */
	trajectoryId?: string;
	/** learner: a planned conversation. */
	conversationId?: string;
	/** adviser: companies in their regions; juror: their panel. */
	companyIds?: string[];
	panelId?: string;
	writing?: boolean;
}

interface Write {
	/** The page with the form. */
	form: (u: User) => string | null;
	/** Which form on the page: its action (`?/contact`; '' for the default action). */
	action: string;
	/** A submit button's name=value, or another action (formaction) to post to. */
	submit?: { name: string; value: string } | { formaction: string };
	/** Radio groups whose name matches are answered (the middle option); at most `limit`. */
	scales?: RegExp;
	limit?: number;
}

export interface Op {
	name: string;
	role: Role;
	weight: number;
	/** p95 target in ms (issue 20: 100 for learner and trainer pages, 250 for HR/adviser). */
	target: number;
	path?: (u: User) => string | null;
	write?: Write;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/**
 * The weights: a working day of a leerbedrijf — many learners and trainers, fewer HR
 * staff, a few advisers and jurors; about one request in ten is part of a write.
 */
export const OPS: Op[] = [
	{
		name: 'learner home',
		role: 'learner',
		weight: 22,
		target: 100,
		path: (u) => `/o/${u.slug}/leren`
	},
	{
		name: 'trajectory (learner)',
		role: 'learner',
		weight: 14,
		target: 100,
		path: (u) => (u.trajectoryId ? `/o/${u.slug}/trajecten/${u.trajectoryId}` : null)
	},
	{ name: 'passport', role: 'learner', weight: 3, target: 100, path: () => '/paspoort' },
	{
		name: 'qualification search',
		role: 'learner',
		weight: 3,
		target: 100,
		path: () => '/kwalificaties?q=begeleid'
	},
	{
		name: 'conversation answer',
		role: 'learner',
		weight: 2,
		target: 100,
		write: {
			form: (u) => (u.conversationId ? `/o/${u.slug}/gesprekken/${u.conversationId}` : null),
			action: '?/prepare',
			submit: { name: 'intent', value: 'save' }
		}
	},
	{
		name: 'trainer home',
		role: 'trainer',
		weight: 14,
		target: 100,
		path: (u) => `/o/${u.slug}/praktijkopleider`
	},
	{
		name: 'trajectory (trainer)',
		role: 'trainer',
		weight: 8,
		target: 100,
		path: (u) => (u.trajectoryId ? `/o/${u.slug}/trajecten/${u.trajectoryId}` : null)
	},
	{
		name: 'assessment',
		role: 'trainer',
		weight: 3,
		target: 100,
		write: {
			form: (u) => (u.trajectoryId ? `/o/${u.slug}/trajecten/${u.trajectoryId}/beoordelen` : null),
			action: '',
			scales: /^level_\d+$/,
			limit: 2
		}
	},
	{
		name: 'self-assessment',
		role: 'trainer',
		weight: 1,
		target: 100,
		write: {
			form: (u) => `/o/${u.slug}/praktijkopleider/profiel/zelfbeoordeling`,
			action: '?/submit',
			submit: { formaction: '?/draft' },
			scales: /^level_\d+$/
		}
	},
	{ name: 'HR dashboard', role: 'hr', weight: 4, target: 250, path: (u) => `/o/${u.slug}/hr` },
	{
		name: 'HR trajectory list',
		role: 'hr',
		weight: 3,
		target: 250,
		path: (u) => `/o/${u.slug}/hr/trajecten`
	},
	{ name: 'adviser overview', role: 'adviser', weight: 1, target: 250, path: () => '/sbb' },
	{
		name: 'adviser contact',
		role: 'adviser',
		weight: 0.3,
		target: 250,
		write: {
			form: (u) =>
				u.companyIds?.length
					? `/sbb/bedrijven/${u.companyIds[Math.floor(Math.random() * u.companyIds.length)]}`
					: null,
			action: '?/contact'
		}
	},
	{
		name: 'jury panel',
		role: 'juror',
		weight: 0.5,
		target: 250,
		path: (u) => (u.panelId ? `/jury/${u.panelId}` : null)
	}
];

/** Virtual users of every role from the generated data, spread over the companies. */
export async function mixUsers(
	db: AnyDb,
	perRole: number,
	known: { adviser: { email: string } | null; juror: { email: string; panelId: string } | null }
): Promise<User[]> {
	const like = `${GENERATED_SLUG_PREFIX}%`;
	const learners = await sql<{
		email: string;
		slug: string;
		trajectory_id: string;
		conversation_id: string | null;
	}>`
		select distinct on (md5(u.email)) u.email, c.slug, t.id as trajectory_id,
			(select v.id from conversation v where v.company_id = l.company_id
				and v.learner_id = l.id and v.status = 'planned' limit 1) as conversation_id
		from learner l
		join app_user u on u.id = l.user_id
		join company c on c.id = l.company_id
		join trajectory t on t.company_id = l.company_id and t.learner_id = l.id
		where c.slug like ${like} and t.status = 'active'
		order by md5(u.email) limit ${perRole}`.execute(db);
	const trainers = await sql<{ email: string; slug: string; trajectory_id: string }>`
		select distinct on (md5(u.email)) u.email, c.slug, tt.trajectory_id
		from trajectory_trainer tt
		join app_user u on u.id = tt.user_id
		join company c on c.id = tt.company_id
		join trajectory t on t.company_id = tt.company_id and t.id = tt.trajectory_id
		where c.slug like ${like} and t.status = 'active'
		order by md5(u.email) limit ${perRole}`.execute(db);
	const hr = await sql<{ email: string; slug: string }>`
		select distinct on (md5(u.email)) u.email, c.slug
		from membership m
		join app_user u on u.id = m.user_id
		join company c on c.id = m.company_id
		where c.slug like ${like} and 'hr' = any(m.roles)
		order by md5(u.email) limit ${Math.max(2, Math.ceil(perRole / 4))}`.execute(db);
	const users: User[] = [
		...learners.rows.map((r) => ({
			role: 'learner' as const,
			email: r.email,
			slug: r.slug,
			trajectoryId: r.trajectory_id,
			conversationId: r.conversation_id ?? undefined
		})),
		...trainers.rows.map((r) => ({
			role: 'trainer' as const,
			email: r.email,
			slug: r.slug,
			trajectoryId: r.trajectory_id
		})),
		...hr.rows.map((r) => ({ role: 'hr' as const, email: r.email, slug: r.slug }))
	];
	if (known.adviser) {
		const companies = await sql<{ id: string }>`
			select c.id from company c
			join adviser_region ar on ar.region_id = c.region_id
			join app_user u on u.id = ar.user_id
			where u.email = ${known.adviser.email} and c.slug like ${like}
			order by c.id limit 50`.execute(db);
		users.push({
			role: 'adviser',
			email: known.adviser.email,
			slug: '',
			companyIds: companies.rows.map((r) => r.id)
		});
	}
	if (known.juror) {
		users.push({ role: 'juror', email: known.juror.email, slug: '', panelId: known.juror.panelId });
	}
	return users;
}

/** The form's fields as a user without JavaScript would post them, filled in. */
export function fillForm(html: string, write: Write, today: string): URLSearchParams | null {
	const root = parse(html);
	const form = root
		.querySelectorAll('form')
		.find((f) => (f.getAttribute('action') ?? '') === write.action);
	if (!form) return null;
	const body = new URLSearchParams();
	const radios = new Map<string, HTMLElement[]>();
	for (const el of form.querySelectorAll('input, textarea, select')) {
		const name = el.getAttribute('name');
		if (!name || el.hasAttribute('disabled')) continue;
		const tag = el.tagName.toLowerCase();
		const type = (el.getAttribute('type') ?? 'text').toLowerCase();
		if (tag === 'textarea') {
			body.append(name, el.textContent.trim() || 'Benchmark: een korte notitie.');
		} else if (tag === 'select') {
			const options = el.querySelectorAll('option');
			const chosen =
				options.find((o) => o.hasAttribute('selected') && o.getAttribute('value')) ??
				options.find((o) => o.getAttribute('value') && o.getAttribute('value') !== '0');
			if (chosen) body.append(name, chosen.getAttribute('value') ?? '');
		} else if (type === 'radio') {
			radios.set(name, [...(radios.get(name) ?? []), el]);
		} else if (type === 'checkbox') {
			if (el.hasAttribute('checked')) body.append(name, el.getAttribute('value') ?? 'on');
		} else if (type === 'submit' || type === 'button' || type === 'file') {
			continue;
		} else if (type === 'date') {
			body.append(name, el.getAttribute('value') || today);
		} else {
			body.append(name, el.getAttribute('value') ?? (type === 'hidden' ? '' : 'Benchmark'));
		}
	}
	let answered = 0;
	for (const [name, group] of radios) {
		const checked = group.find((r) => r.hasAttribute('checked'));
		// A scale is answered (its middle real option; "no change" has an empty value),
		// up to `limit` of them; any other group keeps its default.
		const options = group.filter((r) => r.getAttribute('value'));
		if (write.scales?.test(name) && options.length && answered < (write.limit ?? Infinity)) {
			body.append(name, options[Math.floor(options.length / 2)].getAttribute('value') ?? '');
			answered++;
		} else if (checked) body.append(name, checked.getAttribute('value') ?? '');
	}
	if (write.submit && 'name' in write.submit) body.append(write.submit.name, write.submit.value);
	return body;
}

interface Sample {
	name: string;
	ms: number;
	ok: boolean;
}

export interface StepResult {
	rate: number;
	achieved: number;
	requests: number;
	dropped: number;
	/** CPU per request in ms: the app server (all its processes), PostgreSQL, the whole machine. */
	cpuMsPerRequest: number;
	pgCpuMsPerRequest: number;
	machineCpuMsPerRequest: number;
	pages: { name: string; target: number; n: number; p50: number; p95: number; errors: number }[];
	met: boolean;
	misses: string[];
}

function percentile(sorted: number[], p: number): number {
	if (!sorted.length) return NaN;
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export class Mix {
	private readonly byRole = new Map<Role, User[]>();
	private readonly ops: Op[];
	readonly skipped: string[] = [];

	constructor(
		private readonly origin: string,
		users: User[],
		private readonly today: string,
		private readonly serverPid: number
	) {
		for (const u of users) this.byRole.set(u.role, [...(this.byRole.get(u.role) ?? []), u]);
		this.ops = OPS.filter((op) => {
			if (this.byRole.get(op.role)?.length) return true;
			this.skipped.push(`${op.name} (no ${op.role} in the data)`);
			return false;
		});
	}

	users(): User[] {
		return [...this.byRole.values()].flat();
	}

	private async get(path: string, cookie?: string): Promise<{ status: number; html: string }> {
		const res = await fetch(`${this.origin}${path}`, {
			headers: cookie ? { cookie, accept: 'text/html' } : { accept: 'text/html' },
			redirect: 'manual'
		});
		return { status: res.status, html: await res.text() };
	}

	/** One operation as `u`; its samples (a write gives two: the form page and the post). */
	private async run(op: Op, u: User): Promise<Sample[]> {
		const samples: Sample[] = [];
		const timed = async <T>(name: string, fn: () => Promise<T>, ok: (r: T) => boolean) => {
			const t0 = performance.now();
			try {
				const r = await fn();
				samples.push({ name, ms: performance.now() - t0, ok: ok(r) });
				return r;
			} catch {
				samples.push({ name, ms: performance.now() - t0, ok: false });
				return null;
			}
		};
		if (op.path) {
			const path = op.path(u);
			if (path)
				await timed(
					op.name,
					() => this.get(path, u.cookie),
					(r) => r.status === 200
				);
			return samples;
		}
		const write = op.write!;
		const formPath = write.form(u);
		if (!formPath) return samples;
		u.writing = true;
		try {
			const page = await timed(
				`${op.name} (form)`,
				() => this.get(formPath, u.cookie),
				(r) => r.status === 200
			);
			if (!page || page.status !== 200) return samples;
			const body = fillForm(page.html, write, this.today);
			if (!body) {
				samples.push({ name: `${op.name} (save)`, ms: 0, ok: false });
				return samples;
			}
			const action =
				write.submit && 'formaction' in write.submit ? write.submit.formaction : write.action;
			const url = `${this.origin}${formPath.split('?')[0]}${action}`;
			await timed(
				`${op.name} (save)`,
				async () => {
					const res = await fetch(url, {
						method: 'POST',
						headers: {
							'content-type': 'application/x-www-form-urlencoded',
							accept: 'text/html',
							origin: this.origin,
							cookie: u.cookie ?? ''
						},
						body,
						redirect: 'manual'
					});
					await res.arrayBuffer();
					return res.status;
				},
				// A form without JavaScript: a redirect after the save, or the page again (200).
				(status) => status === 303 || status === 200
			);
		} finally {
			u.writing = false;
		}
		return samples;
	}

	private pick(): { op: Op; user: User } | null {
		const total = this.ops.reduce((s, o) => s + o.weight, 0);
		let r = Math.random() * total;
		let op = this.ops[this.ops.length - 1];
		for (const o of this.ops) {
			r -= o.weight;
			if (r <= 0) {
				op = o;
				break;
			}
		}
		const pool = this.byRole.get(op.role)!;
		const free = op.write ? pool.filter((u) => !u.writing) : pool;
		if (!free.length) return null;
		return { op, user: free[Math.floor(Math.random() * free.length)] };
	}

	/**
	 * Each operation once, as the first user of its role that can do it: an operation that
	 * cannot work on this data (no planned conversation, a form not found) is left out of the
	 * mix and named in the report, rather than counted as errors.
	 */
	async probe(): Promise<void> {
		for (const op of [...this.ops]) {
			const pool = this.byRole.get(op.role) ?? [];
			let ok = false;
			for (const u of pool.slice(0, 5)) {
				const samples = await this.run(op, u);
				if (samples.length && samples.every((s) => s.ok)) {
					ok = true;
					break;
				}
			}
			if (!ok) {
				this.ops.splice(this.ops.indexOf(op), 1);
				this.skipped.push(`${op.name} (did not succeed once as ${op.role})`);
			}
		}
	}

	/** `rate` operations per second for `seconds`; the samples of every request. */
	async drive(rate: number, seconds: number, maxInFlight = 256) {
		const samples: Sample[] = [];
		const inFlight = new Set<Promise<void>>();
		let dropped = 0;
		const start = performance.now();
		const end = start + seconds * 1000;
		let started = 0;
		while (performance.now() < end) {
			const due = Math.floor(((performance.now() - start) / 1000) * rate) + 1;
			while (started < due) {
				started++;
				const next = this.pick();
				if (!next || inFlight.size >= maxInFlight) {
					dropped++;
					continue;
				}
				const p: Promise<void> = this.run(next.op, next.user).then((s) => {
					samples.push(...s);
					inFlight.delete(p);
				});
				inFlight.add(p);
			}
			await new Promise((r) => setTimeout(r, Math.max(1, 1000 / rate / 2)));
		}
		await Promise.all(inFlight);
		return { samples, dropped, elapsed: (performance.now() - start) / 1000 };
	}

	async step(rate: number, warmup: number, seconds: number): Promise<StepResult> {
		if (warmup > 0) await this.drive(rate, warmup);
		const server0 = cpuByPid(serverProcesses(this.serverPid));
		const pg0 = cpuByPid(processesNamed('postgres'));
		const machine0 = machineBusyMs();
		const { samples, dropped, elapsed } = await this.drive(rate, seconds);
		const cpu = cpuSpent(server0, cpuByPid(serverProcesses(this.serverPid)));
		const pgCpu = cpuSpent(pg0, cpuByPid(processesNamed('postgres')));
		const machineCpu = machineBusyMs() - machine0;
		const perRequest = (ms: number) => (samples.length ? ms / samples.length : 0);
		const names = new Map<string, Sample[]>();
		for (const s of samples) names.set(s.name, [...(names.get(s.name) ?? []), s]);
		const misses: string[] = [];
		const pages = [...names.entries()]
			.map(([name, list]) => {
				const op = this.ops.find((o) => name === o.name || name.startsWith(`${o.name} (`))!;
				const ms = list.map((s) => s.ms).sort((a, b) => a - b);
				const p95 = percentile(ms, 95);
				const errors = list.filter((s) => !s.ok).length;
				// Too few samples for a p95 (a rare page at a low rate): its errors still count.
				if (list.length >= 20 && p95 > op.target) misses.push(`${name} p95 ${p95.toFixed(0)} ms`);
				if (errors) misses.push(`${name}: ${errors} errors`);
				return { name, target: op.target, n: list.length, p50: percentile(ms, 50), p95, errors };
			})
			.sort((a, b) => b.n - a.n);
		const achieved = samples.length / elapsed;
		if (dropped > rate * seconds * 0.01) misses.push(`${dropped} operations could not start`);
		return {
			rate,
			achieved,
			requests: samples.length,
			dropped,
			cpuMsPerRequest: perRequest(cpu),
			pgCpuMsPerRequest: perRequest(pgCpu),
			machineCpuMsPerRequest: perRequest(machineCpu),
			pages,
			met: misses.length === 0,
			misses
		};
	}
}
