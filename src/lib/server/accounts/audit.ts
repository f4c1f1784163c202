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
	await db
		.insertInto('audit_log')
		.values({
			company_id: entry.companyId ?? null,
			actor_user_id: entry.actorUserId ?? null,
			action: entry.action,
			entity_type: entry.entityType,
			entity_id: entry.entityId ?? null,
			data: JSON.stringify(entry.data ?? {}),
			request_id: entry.requestId ?? null
		})
		.execute();
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
