import { hash, verify } from '@node-rs/argon2';
import type { DB } from '../db';
import { DomainError } from '../errors';

/** Argon2id with OWASP's minimum: m=19456 KiB, t=2, p=1. */
const OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1, outputLen: 32 } as const;

export function hashPassword(password: string): Promise<string> {
	return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
	try {
		return await verify(passwordHash, password);
	} catch {
		return false;
	}
}

/** A hash to verify against when the user does not exist, so timing does not reveal it. */
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
	dummyHash ??= hashPassword('vakmaat-dummy-password');
	return dummyHash;
}

/** Checks a user's current password before a sensitive change; wrong: `wrong_password` on `field`. */
export async function requireCurrentPassword(
	db: DB,
	userId: string,
	password: string,
	field: string
): Promise<void> {
	const user = await db
		.selectFrom('app_user')
		.select('password_hash')
		.where('id', '=', userId)
		.executeTakeFirstOrThrow();
	if (!user.password_hash || !(await verifyPassword(user.password_hash, password))) {
		throw new DomainError('wrong_password', field);
	}
}
