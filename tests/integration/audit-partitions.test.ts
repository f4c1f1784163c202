import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_PARTITIONS_AHEAD, runHousekeeping } from '../../src/lib/server/housekeeping';
import { createTestDatabase, type TestDatabase } from './db';

/**
 * The audit log partitioned by month (migration 0030, issue 18): each UTC month its own
 * table, a default partition for a month without one, and the daily housekeeping keeping
 * the months ahead ready. Dates come from the database's own clock (the test clock moves
 * it under faketime), never a literal month.
 */
let t: TestDatabase;

beforeAll(async () => {
	t = await createTestDatabase();
}, 120_000);
afterAll(() => t?.close());

/** 'YYYY_MM' of the UTC month `offset` months from now, by the database's clock. */
async function monthName(offset: number): Promise<string> {
	const { rows } = await sql<{ m: string }>`
		select to_char(date_trunc('month', now() at time zone 'UTC') + make_interval(months => ${offset}::int), 'YYYY_MM') as m`.execute(
		t.db
	);
	return rows[0].m;
}

async function partitions(): Promise<string[]> {
	const { rows } = await sql<{ name: string }>`
		select c.relname as name from pg_inherits i
		join pg_class c on c.oid = i.inhrelid
		where i.inhparent = 'audit_log'::regclass order by 1`.execute(t.db);
	return rows.map((r) => r.name);
}

/** An ISO moment, as text. */
type RawMoment = string;

/** Where a row of the audit log is stored. */
async function partitionOf(id: string): Promise<string> {
	const { rows } = await sql<{ part: string }>`
		select tableoid::regclass::text as part from audit_log where id = ${id}`.execute(t.db);
	return rows[0].part;
}

async function insertAt(createdAt: RawMoment, action: string): Promise<string> {
	const { rows } = await sql<{ id: string }>`
		insert into audit_log (action, entity_type, created_at)
		values (${action}, 'test', ${createdAt}::timestamptz) returning id`.execute(t.db);
	return rows[0].id;
}
/** A moment in the middle of the UTC month `offset` months from now. */
async function midMonth(offset: number): Promise<RawMoment> {
	const { rows } = await sql<{ at: string }>`
		select to_char((date_trunc('month', now() at time zone 'UTC') + make_interval(months => ${offset}::int, days => 14)),
			'YYYY-MM-DD"T"12:00:00"Z"') as at`.execute(t.db);
	return rows[0].at;
}

describe('the audit log, partitioned by month', () => {
	it('has a partition for this month and the year ahead, and a default one', async () => {
		const names = await partitions();
		expect(names).toContain('audit_log_default');
		for (const offset of [0, 1, 6, 12]) {
			expect(names).toContain(`audit_log_${await monthName(offset)}`);
		}
	});

	it('stores a row in its month and reads it back through audit_log', async () => {
		const id = await insertAt(await midMonth(1), 'test.next_month');
		expect(await partitionOf(id)).toBe(`audit_log_${await monthName(1)}`);
		const row = await t.db
			.selectFrom('audit_log')
			.select(['action'])
			.where('id', '=', id)
			.executeTakeFirstOrThrow();
		expect(row.action).toBe('test.next_month');
	});

	it('a month without a partition goes to the default one, and moves when its month is made', async () => {
		const far = 30; // beyond the year the migration prepared
		const id = await insertAt(await midMonth(far), 'test.far_month');
		expect(await partitionOf(id)).toBe('audit_log_default');
		const { rows } = await sql<{ made: number }>`
			select ensure_audit_log_partitions((now() + make_interval(months => ${far}::int))::date, 0) as made`.execute(
			t.db
		);
		expect(rows[0].made).toBe(1);
		expect(await partitionOf(id)).toBe(`audit_log_${await monthName(far)}`);
		// Nothing left behind in the default partition, nothing duplicated.
		const count = await sql<{ n: number }>`
			select count(*)::int as n from audit_log where action = 'test.far_month'`.execute(t.db);
		expect(count.rows[0].n).toBe(1);
		// Again: nothing to do.
		const again = await sql<{ made: number }>`
			select ensure_audit_log_partitions((now() + make_interval(months => ${far}::int))::date, 0) as made`.execute(
			t.db
		);
		expect(again.rows[0].made).toBe(0);
	});

	it('each partition has the tenant wall of its parent', async () => {
		const { rows } = await sql<{ name: string; rls: boolean; forced: boolean; policies: number }>`
			select c.relname as name, c.relrowsecurity as rls, c.relforcerowsecurity as forced,
				(select count(*)::int from pg_policy p where p.polrelid = c.oid) as policies
			from pg_inherits i join pg_class c on c.oid = i.inhrelid
			where i.inhparent = 'audit_log'::regclass`.execute(t.db);
		expect(rows.length).toBeGreaterThan(12);
		for (const r of rows) expect(r, r.name).toMatchObject({ rls: true, forced: true, policies: 1 });
	});

	it('the daily housekeeping keeps the months ahead ready', async () => {
		const ahead = `audit_log_${await monthName(AUDIT_PARTITIONS_AHEAD)}`;
		// As if the year the migration prepared had run out: that month has no partition.
		await sql.raw(`alter table audit_log detach partition ${ahead}`).execute(t.db);
		await sql.raw(`drop table ${ahead}`).execute(t.db);
		expect(await partitions()).not.toContain(ahead);
		const result = await runHousekeeping(t.db);
		expect(result.skipped).toBe(false);
		expect(result.auditPartitions).toBe(1);
		expect(await partitions()).toContain(ahead);
	});
});
