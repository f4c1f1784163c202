import { describe, expect, it } from 'vitest';
import { companySchema, inviteMemberSchema } from '../../src/lib/schemas/company';
import { loginSchema, resetPasswordSchema } from '../../src/lib/schemas/auth';

const valid = {
	name: 'Zorggroep De Linde',
	kvkNumber: '12345678',
	sbbNumber: '',
	street: 'Lindelaan 1',
	postcode: '3521 AB',
	city: 'Utrecht',
	regionId: 15,
	sectorChamberId: 3,
	hrEmail: 'hr@linde.nl'
};

function firstError(
	result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } },
	field: string
) {
	return result.error?.issues.find((i) => i.path[0] === field)?.message;
}

describe('company schema (Dutch messages)', () => {
	it('accepts a valid company', () => {
		expect(companySchema.safeParse(valid).success).toBe(true);
		expect(companySchema.safeParse({ ...valid, postcode: '3521ab' }).success).toBe(true);
	});
	it('checks the KvK number: exactly 8 digits', () => {
		for (const kvk of ['1234567', '123456789', '1234567a']) {
			const r = companySchema.safeParse({ ...valid, kvkNumber: kvk });
			expect(firstError(r, 'kvkNumber')).toBe('Een KvK-nummer bestaat uit precies 8 cijfers.');
		}
	});
	it('checks the Dutch postcode', () => {
		for (const pc of ['0123 AB', '12345', '1234 A1', 'ABCD EF']) {
			const r = companySchema.safeParse({ ...valid, postcode: pc });
			expect(firstError(r, 'postcode')).toBe(
				'Vul een Nederlandse postcode in, bijvoorbeeld 1234 AB.'
			);
		}
	});
	it('refuses over-long input and a missing choice', () => {
		const r = companySchema.safeParse({ ...valid, name: 'x'.repeat(161), regionId: 0 });
		expect(firstError(r, 'name')).toBe('Gebruik maximaal 160 tekens.');
		expect(firstError(r, 'regionId')).toBe('Maak een keuze.');
	});
});

describe('account schemas', () => {
	it('requires a valid email and a password', () => {
		const r = loginSchema.safeParse({ email: 'geen-email', password: '' });
		expect(firstError(r, 'email')).toMatch(/geldig e-mailadres/);
		expect(firstError(r, 'password')).toBe('Vul dit veld in.');
	});
	it('requires 12+ characters and matching confirmation', () => {
		expect(
			firstError(resetPasswordSchema().safeParse({ password: 'kort', confirm: 'kort' }), 'password')
		).toMatch(/12 tekens/);
		expect(
			firstError(
				resetPasswordSchema().safeParse({ password: 'lang genoeg!!', confirm: 'anders!!!!!' }),
				'confirm'
			)
		).toBe('De wachtwoorden zijn niet gelijk.');
	});
	it('requires at least one known role', () => {
		expect(inviteMemberSchema.safeParse({ email: 'a@b.nl', roles: [] }).success).toBe(false);
		expect(inviteMemberSchema.safeParse({ email: 'a@b.nl', roles: ['owner'] }).success).toBe(false);
		expect(
			inviteMemberSchema.safeParse({ email: 'a@b.nl', roles: ['trainer', 'hr'] }).success
		).toBe(true);
	});
});
