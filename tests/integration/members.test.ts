import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptInvitation, getInvitation } from '../../src/lib/server/accounts/invitations';
import {
	deactivateMember,
	inviteMember,
	listMembers,
	memberSummary,
	reactivateMember,
	revokeInvitation,
	updateMemberRoles
} from '../../src/lib/server/accounts/members';
import { createCompanyWithHr, listCompanies } from '../../src/lib/server/accounts/companies';
import { resolveCompanyContext } from '../../src/lib/server/auth/context';
import { createSession, validateSessionToken } from '../../src/lib/server/auth/session';
import { hashToken } from '../../src/lib/server/auth/tokens';
import { attemptLogin } from '../../src/lib/server/accounts/users';
import { DEMO_PASSWORD, seedDemo } from '../../src/lib/server/demo/seed';
import { createTestDatabase, type TestDatabase } from './db';
import { contextFor, mailsTo, sessionUser, tokenFromLatestMail, userId } from './fixtures';

const ORIGIN = 'http://localhost:5173';
let t: TestDatabase;
beforeAll(async () => {
	t = await createTestDatabase();
	await seedDemo(t.db);
});
afterAll(() => t.close());

describe('invitations', () => {
	it('HR invites a new colleague who sets name and password and becomes a member', async () => {
		const ctx = await contextFor(t.db, 'hr@delinde.example', 'zorggroep-de-linde');
		await inviteMember(
			t.db,
			ctx,
			{ email: 'nieuw.collega@example.nl', roles: ['learner'] },
			ORIGIN
		);
		const mail = mailsTo('nieuw.collega@example.nl').at(-1)!;
		expect(mail.subject).toContain('Zorggroep De Linde');
		expect(mail.text).toContain('Marieke Jansen');
		const token = tokenFromLatestMail('nieuw.collega@example.nl', '/uitnodiging');

		const view = await getInvitation(t.db, token);
		expect(view).toMatchObject({
			status: 'valid',
			companyName: 'Zorggroep De Linde',
			hasAccount: false
		});
		const { members, invitations } = await listMembers(t.db, ctx);
		expect(invitations.map((i) => i.email)).toContain('nieuw.collega@example.nl');
		expect(members.map((mb) => mb.email)).not.toContain('nieuw.collega@example.nl');

		const accepted = await acceptInvitation(
			t.db,
			token,
			{ kind: 'new', name: 'Nieuwe Collega', password: 'lang genoeg wachtwoord' },
			'r'
		);
		expect(accepted.companySlug).toBe('zorggroep-de-linde');
		const user = await sessionUser(t.db, 'nieuw.collega@example.nl');
		expect(user.name).toBe('Nieuwe Collega');
		const memberCtx = await resolveCompanyContext(t.db, user, 'zorggroep-de-linde', 'r');
		expect(memberCtx?.roles).toEqual(['learner']);
		expect((await attemptLogin(t.db, user.email, 'lang genoeg wachtwoord', '10.9.0.1')).ok).toBe(
			true
		);

		expect((await getInvitation(t.db, token)).status).toBe('used');
		await expect(
			acceptInvitation(
				t.db,
				token,
				{ kind: 'new', name: 'X', password: 'lang genoeg wachtwoord' },
				'r'
			)
		).rejects.toMatchObject({ code: 'token_used' });
	});

	it('refuses to invite an active member and an expired link', async () => {
		const ctx = await contextFor(t.db, 'hr@delinde.example', 'zorggroep-de-linde');
		await expect(
			inviteMember(t.db, ctx, { email: 'LERENDE@delinde.example', roles: ['learner'] }, ORIGIN)
		).rejects.toMatchObject({ code: 'already_member', field: 'email' });

		await inviteMember(t.db, ctx, { email: 'laat@example.nl', roles: ['trainer'] }, ORIGIN);
		const token = tokenFromLatestMail('laat@example.nl', '/uitnodiging');
		await t.db
			.updateTable('invitation')
			.set({ expires_at: new Date(Date.now() - 1000) })
			.where('token_hash', '=', hashToken(token))
			.execute();
		expect((await getInvitation(t.db, token)).status).toBe('expired');
		await expect(
			acceptInvitation(
				t.db,
				token,
				{ kind: 'new', name: 'Laat', password: 'lang genoeg wachtwoord' },
				'r'
			)
		).rejects.toMatchObject({ code: 'token_expired' });
		expect(await getInvitation(t.db, 'onzin')).toEqual({ status: 'unknown' });
	});

	it('a person with an account in another company accepts with their password', async () => {
		const ctx = await contextFor(t.db, 'hr@vandijkbouw.example', 'bouwbedrijf-van-dijk');
		await inviteMember(t.db, ctx, { email: 'lerende@delinde.example', roles: ['learner'] }, ORIGIN);
		const token = tokenFromLatestMail('lerende@delinde.example', '/uitnodiging');
		expect(await getInvitation(t.db, token)).toMatchObject({ status: 'valid', hasAccount: true });
		await expect(
			acceptInvitation(t.db, token, { kind: 'existing', password: 'fout' }, 'r')
		).rejects.toMatchObject({ code: 'wrong_password' });
		// A failed attempt leaves the invitation usable.
		await acceptInvitation(t.db, token, { kind: 'existing', password: DEMO_PASSWORD }, 'r');
		const user = await sessionUser(t.db, 'lerende@delinde.example');
		expect(await resolveCompanyContext(t.db, user, 'bouwbedrijf-van-dijk', 'r')).not.toBeNull();
		expect(await resolveCompanyContext(t.db, user, 'zorggroep-de-linde', 'r')).not.toBeNull();
	});

	it('re-inviting replaces the open invitation; a revoked one stops working', async () => {
		const ctx = await contextFor(t.db, 'hr@delinde.example', 'zorggroep-de-linde');
		await inviteMember(t.db, ctx, { email: 'twee@example.nl', roles: ['learner'] }, ORIGIN);
		const first = tokenFromLatestMail('twee@example.nl', '/uitnodiging');
		await inviteMember(t.db, ctx, { email: 'twee@example.nl', roles: ['trainer'] }, ORIGIN);
		const second = tokenFromLatestMail('twee@example.nl', '/uitnodiging');
		expect((await getInvitation(t.db, first)).status).toBe('used');
		expect(await getInvitation(t.db, second)).toMatchObject({
			status: 'valid',
			roles: ['trainer']
		});
		const open = (await listMembers(t.db, ctx)).invitations.filter(
			(i) => i.email === 'twee@example.nl'
		);
		expect(open).toHaveLength(1);
		await revokeInvitation(t.db, ctx, open[0].id);
		expect((await getInvitation(t.db, second)).status).toBe('used');
	});
});

describe('member management is scoped to the company', () => {
	it('HR cannot touch a member or invitation of another company (not found)', async () => {
		const delinde = await contextFor(t.db, 'hr@delinde.example', 'zorggroep-de-linde');
		const vanDijk = await contextFor(t.db, 'hr@vandijkbouw.example', 'bouwbedrijf-van-dijk');
		const tom = await userId(t.db, 'lerende@vandijkbouw.example');
		await expect(updateMemberRoles(t.db, delinde, tom, ['hr'])).rejects.toMatchObject({
			code: 'member_not_found'
		});
		await expect(deactivateMember(t.db, delinde, tom)).rejects.toMatchObject({
			code: 'member_not_found'
		});
		await inviteMember(t.db, vanDijk, { email: 'bouwer@example.nl', roles: ['learner'] }, ORIGIN);
		const inv = (await listMembers(t.db, vanDijk)).invitations.find(
			(i) => i.email === 'bouwer@example.nl'
		)!;
		await expect(revokeInvitation(t.db, delinde, inv.id)).rejects.toMatchObject({
			code: 'member_not_found'
		});
		const { members } = await listMembers(t.db, delinde);
		expect(members.map((mb) => mb.email)).not.toContain('lerende@vandijkbouw.example');
		await expect(updateMemberRoles(t.db, delinde, 'geen-uuid', ['hr'])).rejects.toMatchObject({
			code: 'member_not_found'
		});
	});

	it('changes roles but always keeps one active HR manager', async () => {
		const ctx = await contextFor(t.db, 'hr@zeeuwsekust.example', 'hotel-de-zeeuwse-kust');
		await expect(updateMemberRoles(t.db, ctx, ctx.user.id, ['trainer'])).rejects.toMatchObject({
			code: 'last_hr'
		});
		const bart = await userId(t.db, 'opleider@zeeuwsekust.example');
		await updateMemberRoles(t.db, ctx, bart, ['trainer', 'hr']);
		await updateMemberRoles(t.db, ctx, ctx.user.id, ['hr', 'trainer']);
		await updateMemberRoles(t.db, ctx, bart, ['trainer']);
		const summary = await memberSummary(t.db, ctx);
		expect(summary.hr).toBe(1);
		const audit = await t.db
			.selectFrom('audit_log')
			.select(['action', 'company_id'])
			.where('action', '=', 'membership.roles_changed')
			.execute();
		expect(audit.length).toBeGreaterThanOrEqual(3);
		expect(new Set(audit.map((a) => a.company_id))).toEqual(new Set([ctx.company.id]));
	});

	it('deactivating ends access and all sessions at once; reactivating restores access', async () => {
		const ctx = await contextFor(t.db, 'hr@delinde.example', 'zorggroep-de-linde');
		const peter = await sessionUser(t.db, 'p.dekker@delinde.example');
		const s = await createSession(t.db, peter.id);
		await expect(deactivateMember(t.db, ctx, ctx.user.id)).rejects.toMatchObject({
			code: 'cannot_deactivate_self'
		});
		await deactivateMember(t.db, ctx, peter.id);
		expect(await validateSessionToken(t.db, s.token)).toBeNull();
		expect(await resolveCompanyContext(t.db, peter, 'zorggroep-de-linde', 'r')).toBeNull();
		expect((await memberSummary(t.db, ctx)).learners).toBeGreaterThan(0);
		await reactivateMember(t.db, ctx, peter.id);
		expect(await resolveCompanyContext(t.db, peter, 'zorggroep-de-linde', 'r')).not.toBeNull();
	});
});

describe('companies (admin)', () => {
	const input = {
		name: 'Garage Öztürk & Zn',
		kvkNumber: '87654321',
		sbbNumber: '',
		street: 'Industrieweg 1',
		postcode: '5611ab',
		city: 'Eindhoven',
		regionId: 33,
		sectorChamberId: 2
	};

	it('creates a company and invites its first HR manager in one transaction', async () => {
		const admin = await sessionUser(t.db, 'admin@vakmaat.example');
		const created = await createCompanyWithHr(
			t.db,
			{ user: admin, requestId: 'r' },
			input,
			'hr@garage.example',
			ORIGIN
		);
		expect(created.slug).toBe('garage-ozturk-en-zn');
		const company = await t.db
			.selectFrom('company')
			.selectAll()
			.where('id', '=', created.id)
			.executeTakeFirstOrThrow();
		expect(company.postcode).toBe('5611 AB');
		expect(company.sbb_number).toBeNull();
		const token = tokenFromLatestMail('hr@garage.example', '/uitnodiging');
		const accepted = await acceptInvitation(
			t.db,
			token,
			{ kind: 'new', name: 'Ayla Öztürk', password: 'sterk wachtwoord 1' },
			'r'
		);
		expect(accepted.roles).toEqual(['hr']);

		const { rows, total } = await listCompanies(t.db, { search: 'öztürk' });
		expect(total).toBe(1);
		// One HR manager: a small number, hidden.
		expect(rows[0]).toMatchObject({ region: 'Zuidoost-Brabant', members: { hidden: 'small' } });
		expect((await listCompanies(t.db, { search: '8765' })).total).toBe(1);
		expect((await listCompanies(t.db, { search: '%' })).total).toBe(0);
	});

	it('refuses a duplicate KvK number and leaves nothing half-saved', async () => {
		const admin = await sessionUser(t.db, 'admin@vakmaat.example');
		const before = await t.db.selectFrom('company').select('id').execute();
		await expect(
			createCompanyWithHr(
				t.db,
				{ user: admin, requestId: 'r' },
				{ ...input, name: 'Ander' },
				'x@y.nl',
				ORIGIN
			)
		).rejects.toMatchObject({ code: 'kvk_taken', field: 'kvkNumber' });
		// A database error inside the transaction (unknown region) rolls back the company too.
		await expect(
			createCompanyWithHr(
				t.db,
				{ user: admin, requestId: 'r' },
				{ ...input, kvkNumber: '11112222', regionId: 99 },
				'x@y.nl',
				ORIGIN
			)
		).rejects.toThrow();
		const after = await t.db.selectFrom('company').select('id').execute();
		expect(after).toHaveLength(before.length);
		expect(mailsTo('x@y.nl')).toHaveLength(0);
	});
});
