import type { DB } from '../db';
import type { RequestContext } from '../auth/context';

export interface AuditEntry {
	companyId?: string | null;
	actorUserId?: string | null;
	action: string;
	entityType: string;
	entityId?: string | null;
	data?: Record<string, unknown>;
	requestId?: string | null;
}

/** Who did what to which record, when. Call inside the transaction that made the change. */
export async function audit(db: DB, entry: AuditEntry): Promise<void> {
	await auditInsert(db, entry).execute();
}

/**
 * The audit entry's insert, unexecuted: for a statement that writes it in its `with`
 * together with the read it records (the adviser's company page, adviser/company.ts).
 */
export function auditInsert(db: DB, entry: AuditEntry) {
	return db.insertInto('audit_log').values({
		company_id: entry.companyId ?? null,
		actor_user_id: entry.actorUserId ?? null,
		action: entry.action,
		entity_type: entry.entityType,
		entity_id: entry.entityId ?? null,
		data: JSON.stringify(entry.data ?? {}),
		request_id: entry.requestId ?? null
	});
}

/** The audit entry of a change made by the request's user in the request's company. */
export function auditAs(
	db: DB,
	ctx: RequestContext,
	entry: Omit<AuditEntry, 'companyId' | 'actorUserId' | 'requestId'>
): Promise<void> {
	return audit(db, {
		...entry,
		companyId: ctx.company.id,
		actorUserId: ctx.user.id,
		requestId: ctx.requestId
	});
}
