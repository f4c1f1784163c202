import { describe, expect, it } from 'vitest';
import {
	acceptNewSchema,
	changePasswordSchema,
	resetPasswordSchema
} from '../../src/lib/schemas/auth';
import { passwordProblem, PASSWORD_MAX } from '../../src/lib/schemas/password';

const owner = { email: 'Linda.Smit@delinde.example', name: 'Linda Smit' };

describe('password policy', () => {
	it('accepts the demo password and long passphrases', () => {
		expect(passwordProblem('Vakmaat-demo-2026', owner)).toBeNull();
		expect(passwordProblem('een lange zin als wachtwoord', owner)).toBeNull();
		expect(passwordProblem('correct horse battery staple', owner)).toBeNull();
		expect(passwordProblem('fietsen langs de Vecht in mei', owner)).toBeNull();
		expect(passwordProblem('  spaties mogen ook  ', owner)).toBeNull();
	});

	it('counts Unicode code points: 12 to 128', () => {
		expect(passwordProblem('zonnebloem!')).toBe('too_short'); // 11
		expect(passwordProblem('zonnebloem!?')).toBeNull(); // 12
		// Six emoji are twelve UTF-16 units but six characters.
		expect(passwordProblem('🌻🌷🌼🌸🌹🌺')).toBe('too_short');
		expect(passwordProblem('🌻🌷🌼🌸🌹🌺🍀🌵🌴🌲🌳🍁')).toBeNull();
		expect(passwordProblem('ä'.repeat(60) + 'b'.repeat(60) + 'cdefghij')).toBeNull(); // 128
		expect(passwordProblem('ä'.repeat(60) + 'b'.repeat(60) + 'cdefghijk')).toBe('too_long');
		expect(passwordProblem('🌻'.repeat(PASSWORD_MAX + 1))).toBe('too_long');
	});

	it('refuses blank passwords', () => {
		expect(passwordProblem(' '.repeat(10))).toBe('blank');
		expect(passwordProblem(' '.repeat(20))).toBe('blank');
		expect(passwordProblem('\t\n  \u00a0  \t'.repeat(3))).toBe('blank');
	});

	it('refuses common and breached passwords, also padded or repeated', () => {
		for (const pw of [
			'1234567890!!',
			'123456789012345',
			'zyxwvutsrqponm',
			'asdfghjklzxcv',
			'password1234',
			'Password1234',
			'password12!!',
			'wachtwoord12',
			'welkom123456',
			'qwertyuiop12',
			'123456789012',
			'!!monkey2026!!',
			'qwertyqwerty',
			'dragondragon',
			'aaaaaaaaaaaa',
			'121212121212',
			'abcabcabcabc',
			'iloveyou1234'
		]) {
			expect(passwordProblem(pw), pw).toBe('common');
		}
	});

	it("refuses the user's email, its local part and their name", () => {
		for (const pw of [
			'linda.smit@delinde.example',
			'LINDA.SMIT@DELINDE.EXAMPLE',
			'mijn linda.smit is geheim',
			'Linda Smit 2026!',
			'lindasmit2026',
			'LindaSmit!!!',
			'Smit12345678',
			'smit!!2026!!'
		]) {
			expect(passwordProblem(pw, owner), pw).toBe('personal');
		}
		// Without an owner these are fine, and a long name inside another word is not.
		expect(passwordProblem('Linda Smit 2026!')).toBeNull();
		expect(passwordProblem('smit en linda op de fiets', owner)).toBeNull();
	});
});

describe('password forms use the policy', () => {
	const first = (r: { error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
		r.error?.issues.map((i) => `${String(i.path[0])}: ${i.message}`);

	it('reset: Dutch messages next to the field', () => {
		const schema = resetPasswordSchema(owner);
		expect(first(schema.safeParse({ password: 'password12', confirm: 'password12' }))).toEqual([
			'password: Het wachtwoord moet minstens 12 tekens hebben.'
		]);
		expect(
			first(schema.safeParse({ password: 'password1234', confirm: 'password1234' }))?.[0]
		).toMatch(/^password: Dit wachtwoord is te bekend/);
		expect(first(schema.safeParse({ password: ' '.repeat(10), confirm: ' '.repeat(10) }))).toEqual([
			'password: Een wachtwoord van alleen spaties kan niet.'
		]);
		expect(
			first(
				schema.safeParse({
					password: 'linda.smit@delinde.example',
					confirm: 'linda.smit@delinde.example'
				})
			)
		).toEqual(['password: Gebruik niet je naam of je e-mailadres in je wachtwoord.']);
		expect(first(schema.safeParse({ password: '', confirm: '' }))).toEqual([
			'password: Vul dit veld in.'
		]);
		expect(
			schema.safeParse({ password: 'Vakmaat-demo-2026', confirm: 'Vakmaat-demo-2026' }).success
		).toBe(true);
	});

	it('invitation: the name typed in the same form counts', () => {
		const schema = acceptNewSchema({ email: 'nieuw@delinde.example' });
		expect(
			first(
				schema.safeParse({
					name: 'Ayla Öztürk',
					password: 'ayla öztürk 2026',
					confirm: 'ayla öztürk 2026'
				})
			)
		).toEqual(['password: Gebruik niet je naam of je e-mailadres in je wachtwoord.']);
		expect(
			first(schema.safeParse({ name: 'Ayla', password: 'nieuw@delinde', confirm: 'nieuw@delinde' }))
		).toEqual(['password: Gebruik niet je naam of je e-mailadres in je wachtwoord.']);
		expect(
			schema.safeParse({
				name: 'Ayla Öztürk',
				password: 'een lange zin als wachtwoord',
				confirm: 'een lange zin als wachtwoord'
			}).success
		).toBe(true);
	});

	it('change: on the new password', () => {
		const r = changePasswordSchema(owner).safeParse({
			currentPassword: 'x',
			newPassword: 'LindaSmit123',
			confirm: 'LindaSmit123'
		});
		expect(first(r)).toEqual([
			'newPassword: Gebruik niet je naam of je e-mailadres in je wachtwoord.'
		]);
	});
});
