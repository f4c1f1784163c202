import type { RequestContext } from '../auth/context';
import { auditAs } from '../accounts/audit';
import type { DB } from '../db';
import { DomainError } from '../errors';

/** A company's conversation settings: the loopbaan-APK interval and the reminder lead. */

export const DEFAULT_APK_MONTHS = 24;
export const DEFAULT_REMINDER_DAYS = 3;

export async function settingsOf(db: DB, companyId: string) {
	const row = await db
		.selectFrom('conversation_setting')
		.select(['apk_interval_months', 'reminder_days'])
		.where('company_id', '=', companyId)
		.executeTakeFirst();
	return {
		apkIntervalMonths: row?.apk_interval_months ?? DEFAULT_APK_MONTHS,
		reminderDays: row?.reminder_days ?? DEFAULT_REMINDER_DAYS
	};
}

export async function saveSettings(
	db: DB,
	ctx: RequestContext,
	input: { apkIntervalMonths: number; reminderDays: number }
): Promise<void> {
	if (!ctx.roles.includes('hr')) throw new DomainError('not_allowed');
	await db.transaction().execute(async (trx) => {
		await trx
			.insertInto('conversation_setting')
			.values({
				company_id: ctx.company.id,
				apk_interval_months: input.apkIntervalMonths,
				reminder_days: input.reminderDays,
				updated_by: ctx.user.id
			})
			.onConflict((oc) =>
				oc.column('company_id').doUpdateSet({
					apk_interval_months: input.apkIntervalMonths,
					reminder_days: input.reminderDays,
					updated_by: ctx.user.id,
					updated_at: new Date()
				})
			)
			.execute();
		await auditAs(trx, ctx, {
			action: 'conversation_setting.saved',
			entityType: 'conversation_setting',
			data: input
		});
	});
}
