import { sql } from 'kysely';
import type { DB } from './db';
import { isUuid } from './errors';

/**
 * One click, one record (issue 16): every form that creates something is idempotent
 * against a double submit and a resubmit after Back.
 *
 * The root layout renders a fresh token with every page (`formToken` in the page data,
 * a hidden `<FormToken />` input in every create form); the route reads it with
 * `formTokenOf` and hands it to the service, which runs its create through `once`
 * inside its own transaction:
 *
 * - the token is inserted (`on conflict do nothing`) under the primary key
 *   (user, purpose, token); a concurrent duplicate blocks on that key until the first
 *   transaction ends, then sees the conflict (or inserts, when the first rolled back);
 * - the first caller creates and stores what it returned (JSON) with the token;
 * - a duplicate creates nothing and returns the stored result, so the user sees the
 *   same success (the same id, the same redirect).
 *
 * `purpose` names what the form creates and its target (`conversation_action:<id>`), so
 * a stale token can never answer with a record of another form or another target.
 * After a successful submit the page data is loaded again (enhance's invalidateAll, or
 * the next full page without JavaScript), so the next intentional create has a new
 * token. A failed create rolls the token back with everything else: the same form can
 * be corrected and sent again. Without a token (a script, a page rendered before this
 * existed) the create simply runs. Tokens are removed by the daily housekeeping.
 */
export async function once<T>(
	trx: DB,
	userId: string,
	purpose: string,
	token: FormToken,
	create: () => Promise<T>
): Promise<T> {
	if (!token || !isUuid(token)) return create();
	if (!trx.isTransaction) throw new Error('once() must run inside the create transaction');
	const claimed = await sql<{ token: string }>`
		insert into form_token (user_id, purpose, token) values (${userId}, ${purpose}, ${token})
		on conflict do nothing returning token`.execute(trx);
	if (!claimed.rows.length) {
		const first = await trx
			.selectFrom('form_token')
			.select('result')
			.where('user_id', '=', userId)
			.where('purpose', '=', purpose)
			.where('token', '=', token)
			.executeTakeFirstOrThrow();
		return first.result as T;
	}
	const result = await create();
	await trx
		.updateTable('form_token')
		.set({ result: JSON.stringify(result ?? null) })
		.where('user_id', '=', userId)
		.where('purpose', '=', purpose)
		.where('token', '=', token)
		.execute();
	return result;
}

/** The token a create form sent (`formToken`), or null when absent or malformed. */
export type FormToken = string | null | undefined;

/** Who submitted and their token, for services that take no request context. */
export interface SubmittedBy {
	userId: string;
	token: FormToken;
}

export const FORM_TOKEN_FIELD = 'formToken';

export function formTokenOf(data: FormData): string | null {
	const value = data.get(FORM_TOKEN_FIELD);
	return typeof value === 'string' && isUuid(value) ? value.toLowerCase() : null;
}

/**
 * A create in a transaction of its own, run once per form token: `once` for the services
 * whose transaction holds nothing else (most creates).
 */
export function createOnce<T>(
	db: DB,
	userId: string,
	purpose: string,
	token: FormToken,
	create: (trx: DB) => Promise<T>
): Promise<T> {
	return db.transaction().execute((trx) => once(trx, userId, purpose, token, () => create(trx)));
}
