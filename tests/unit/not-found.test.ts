import { isHttpError } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import { DomainError, NotFoundError } from '../../src/lib/server/errors';
import { notFoundTo404 } from '../../src/lib/server/route-errors';

describe('NotFoundError', () => {
	it('is a DomainError with its code, so callers reading code keep working', () => {
		const e = new NotFoundError('conversation_not_found');
		expect(e).toBeInstanceOf(DomainError);
		expect(e.code).toBe('conversation_not_found');
		expect(e.name).toBe('NotFoundError');
	});

	it('becomes a 404 in the route layer; other errors are left to the caller', () => {
		let thrown: unknown;
		try {
			notFoundTo404(new NotFoundError('trajectory_not_found'));
		} catch (e) {
			thrown = e;
		}
		expect(isHttpError(thrown, 404)).toBe(true);
		expect(() => notFoundTo404(new DomainError('conversation_locked'))).not.toThrow();
		expect(() => notFoundTo404(new Error('boom'))).not.toThrow();
	});
});
