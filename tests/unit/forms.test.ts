import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { isHttpError, isActionFailure } from '@sveltejs/kit';
import { DomainError, NotFoundError } from '../../src/lib/server/errors';
import { domainFail, formFor, isNotFound, readForm } from '../../src/lib/server/forms';

const schema = z.object({ name: z.string().min(1), roles: z.array(z.string()).default([]) });

function post(fields: Record<string, string | string[]>): Request {
	const body = new FormData();
	for (const [k, v] of Object.entries(fields)) for (const x of [v].flat()) body.append(k, x);
	return new Request('http://localhost/', { method: 'POST', body });
}

describe('the form pipeline (src/lib/server/forms.ts)', () => {
	it('reads and validates a posted form through zod', async () => {
		const ok = await readForm(post({ name: 'Anna', roles: ['hr', 'trainer'] }), schema);
		expect(ok.valid).toBe(true);
		expect(ok.data).toEqual({ name: 'Anna', roles: ['hr', 'trainer'] });
		const bad = await readForm(post({ name: '' }), schema);
		expect(bad.valid).toBe(false);
		expect(bad.errors.name?.length).toBe(1);
	});

	it('fills a form for load without error messages', async () => {
		const form = await formFor(schema, { name: '' }, { id: 'x' });
		expect(form.id).toBe('x');
		expect(form.errors).toEqual({});
	});

	it('puts a domain error next to its field, keeping the other input', async () => {
		const form = await readForm(post({ name: 'Anna' }), schema);
		const failure = domainFail(form, new DomainError('email_taken', 'name'));
		expect(isActionFailure(failure)).toBe(true);
		expect(failure.status).toBe(400);
		expect(failure.data.form.errors.name?.[0]).toBeTruthy();
		expect(failure.data.form.data.name).toBe('Anna');
	});

	it('puts an array field’s error under _errors', async () => {
		const form = await readForm(post({ name: 'Anna', roles: 'hr' }), schema);
		const failure = domainFail(form, new DomainError('last_hr', 'roles'));
		expect((failure.data.form.errors.roles as { _errors?: string[] })._errors?.[0]).toBeTruthy();
	});

	it('makes a domain error without a (known) field the form’s message', async () => {
		const form = await readForm(post({ name: 'Anna' }), schema);
		for (const field of [undefined, 'nope']) {
			const failure = domainFail(form, new DomainError('email_taken', field));
			expect(failure.data.form.message).toMatchObject({ type: 'error' });
		}
	});

	it('turns not-found into a 404 and rethrows anything else', async () => {
		const form = await readForm(post({ name: 'Anna' }), schema);
		for (const e of [new NotFoundError(), new DomainError('member_not_found')]) {
			expect(isNotFound(e)).toBe(true);
			try {
				domainFail(form, e);
				expect.unreachable();
			} catch (thrown) {
				expect(isHttpError(thrown, 404)).toBe(true);
			}
		}
		const boom = new Error('boom');
		expect(() => domainFail(form, boom)).toThrow(boom);
		expect(isNotFound(new DomainError('learner_unknown'))).toBe(false);
	});
});
