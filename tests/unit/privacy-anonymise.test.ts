import { describe, expect, it } from 'vitest';
import { ANONYMISATION, UNLINKED_COLUMNS } from '../../src/lib/server/privacy/anonymisation-plan';
import { REGISTER } from '../../src/lib/server/privacy/register';

/**
 * The anonymisation after leaving a company (issue 18) takes the data register as its list
 * of what is personal: every personal column of a company table (one with company_id) must
 * say what happens to it, so a new column cannot be forgotten (add it to ANONYMISATION in
 * src/lib/server/privacy/anonymise.ts, and to the job when it is cleared or unlinked).
 */
const companyTables = REGISTER.filter(
	(t) => 'company_id' in t.personal || t.notPersonal.includes('company_id')
);

describe('the anonymiser handles every personal column of a company table', () => {
	it('finds the company tables', () => {
		expect(companyTables.map((t) => t.table)).toEqual(
			expect.arrayContaining(['learner', 'trajectory', 'assessment', 'evidence', 'conversation'])
		);
	});

	it('has a handling for each registered personal column', () => {
		const missing = companyTables.flatMap((t) =>
			Object.keys(t.personal)
				.filter((c) => !ANONYMISATION[t.table]?.[c])
				.map((c) => `${t.table}.${c}`)
		);
		expect(missing, 'personal columns the anonymiser does not handle').toEqual([]);
	});

	it('names only registered personal columns', () => {
		const stale = Object.entries(ANONYMISATION).flatMap(([table, cols]) => {
			const entry = REGISTER.find((t) => t.table === table);
			return Object.keys(cols)
				.filter((c) => !entry || !(c in entry.personal))
				.map((c) => `${table}.${c}`);
		});
		expect(stale).toEqual([]);
	});

	it('unlinks every column it says it unlinks', () => {
		// audit_log and template versions are unlinked by their own statements.
		const special = new Set([
			'audit_log.actor_user_id',
			'audit_log.subject_user_id',
			'conversation_template_version.published_by'
		]);
		const notDone = Object.entries(ANONYMISATION).flatMap(([table, cols]) =>
			Object.entries(cols)
				.filter(([c, how]) => how === 'unlinked' && !special.has(`${table}.${c}`))
				.filter(([c]) => !UNLINKED_COLUMNS[table]?.includes(c))
				.map(([c]) => `${table}.${c}`)
		);
		expect(notDone).toEqual([]);
	});
});
