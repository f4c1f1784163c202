import type { DomainErrorCode } from '../errors';

/**
 * A rule of the domain was broken by the input. `code` names a catalogue message
 * (domainErrorMessages in src/lib/errors.ts); `field` the form field it belongs next to.
 */
export class DomainError extends Error {
	constructor(
		readonly code: DomainErrorCode,
		readonly field?: string
	) {
		super(code);
		this.name = 'DomainError';
	}
}

export type { DomainErrorCode };

/** The codes that mean "no such thing, or not yours to see" (both are the same 404). */
export type NotFoundCode = Extract<DomainErrorCode, `${string}_not_found`>;

/**
 * The record asked for does not exist for this member (another company's, or one they
 * may not see, is the same answer). Still a DomainError with its code, so callers that
 * read `code` keep working; the route layer answers it with 404 (notFoundTo404 in
 * src/lib/server/route-errors.ts).
 */
export class NotFoundError extends DomainError {
	constructor(code: NotFoundCode, field?: string) {
		super(code, field);
		this.name = 'NotFoundError';
	}
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids from URLs and forms are checked before they reach SQL (a bad uuid is a 404, not a 500). */
export function isUuid(value: string): boolean {
	return UUID.test(value);
}

/**
 * The record asked for is not there for this user (it does not exist, or belongs to
 * another company or person): the route answers 404, exactly as for a record that does
 * not exist. Services throw it instead of importing SvelteKit's `error` (no HTTP in
 * services); src/lib/server/forms.ts (`notFoundOr`, `domainFail`) turns it into the 404.
 */
export class NotFoundError extends Error {
	constructor(readonly what = 'record') {
		super(`${what} not found`);
		this.name = 'NotFoundError';
	}
}
