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
