import { resolve } from 'node:path';
import { sql } from 'kysely';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from './db';

/**
 * src/lib/server/db/schema.ts is written by hand. This test migrates a fresh database and
 * compares it with the Kysely types, table by table and column by column, so that a
 * migration without its type (or a type without its migration) fails here and not at run
 * time. Nullability and defaults are compared too, the way Kysely reads the types:
 * `| null` ⇔ the column is nullable, and a NOT NULL column that may be left out of an
 * insert (`Generated<…>`, or a ColumnType whose insert type allows undefined) must have a
 * default. (A column with a default may still be typed as required: stricter, not drift.)
 */

const SCHEMA_FILE = resolve('src/lib/server/db/schema.ts');

/**
 * Views that only SQL reads (never Kysely's query builder), so they need no type. A view
 * that Kysely queries is in `Database` and compared like a table.
 */
const SQL_ONLY_VIEWS = [
	// migration 0013: the one definition of "covered", used inside progress SQL
	'covered_work_process'
];

interface TypedColumn {
	/** The select type includes null (`| null`); undefined for `unknown` (anything goes). */
	nullable: boolean | undefined;
	/** The insert type allows leaving it out (Generated<…>, ColumnType<…, … | undefined>). */
	optionalOnInsert: boolean;
}

/** Tables and columns of the `Database` interface, read with the TypeScript compiler. */
function typedTables(): Map<string, Map<string, TypedColumn>> {
	const program = ts.createProgram([SCHEMA_FILE], {
		strict: true,
		noEmit: true,
		skipLibCheck: true,
		module: ts.ModuleKind.ESNext,
		moduleResolution: ts.ModuleResolutionKind.Bundler,
		target: ts.ScriptTarget.ES2022
	});
	const checker = program.getTypeChecker();
	const source = program.getSourceFile(SCHEMA_FILE);
	if (!source) throw new Error(`cannot read ${SCHEMA_FILE}`);
	const database = source.statements.find(
		(s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === 'Database'
	);
	if (!database) throw new Error('no `interface Database` in schema.ts');

	const parts = (t: ts.Type) => (t.isUnion() ? t.types : [t]);
	const has = (t: ts.Type, flag: ts.TypeFlags) => parts(t).some((p) => (p.flags & flag) !== 0);
	/** Kysely's ColumnType<S, I, U> is an object with __select__/__insert__ members. */
	const member = (t: ts.Type, name: '__select__' | '__insert__'): ts.Type[] =>
		parts(t).flatMap((p) => {
			const prop = p.getProperty(name);
			if (!prop) return [p];
			return parts(checker.getTypeOfSymbolAtLocation(prop, database));
		});

	const tables = new Map<string, Map<string, TypedColumn>>();
	const databaseType = checker.getTypeAtLocation(database);
	for (const table of databaseType.getProperties()) {
		const tableType = checker.getTypeOfSymbolAtLocation(table, database);
		const columns = new Map<string, TypedColumn>();
		for (const column of tableType.getProperties()) {
			const type = checker.getTypeOfSymbolAtLocation(column, database);
			const select = member(type, '__select__');
			const insert = member(type, '__insert__');
			const unknown = select.some((p) => (p.flags & ts.TypeFlags.Unknown) !== 0);
			columns.set(column.name, {
				nullable: unknown ? undefined : select.some((p) => has(p, ts.TypeFlags.Null)),
				optionalOnInsert: insert.some(
					(p) => (p.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Never)) !== 0
				)
			});
		}
		tables.set(table.name, columns);
	}
	return tables;
}

interface DbColumn {
	nullable: boolean;
	hasDefault: boolean;
}

let t: TestDatabase;
let db: Map<string, Map<string, DbColumn>>;
let views: Set<string>;
let typed: Map<string, Map<string, TypedColumn>>;

beforeAll(async () => {
	t = await createTestDatabase();
	// On PostgreSQL the test database is a schema of its own (first on the search_path);
	// on PGlite it is the public schema.
	const columns = await sql<{
		table_name: string;
		column_name: string;
		is_nullable: 'YES' | 'NO';
		column_default: string | null;
		is_identity: 'YES' | 'NO';
		is_generated: string;
	}>`select table_name, column_name, is_nullable, column_default, is_identity, is_generated
		from information_schema.columns
		where table_schema = current_schema() and table_name not like 'kysely_migration%'
			-- audit_log's monthly partitions (migration 0030) are typed as audit_log.
			and not exists (select 1 from pg_class pc join pg_namespace pn on pn.oid = pc.relnamespace
				where pn.nspname = table_schema and pc.relname = table_name and pc.relispartition)
		order by table_name, ordinal_position`.execute(t.db);
	db = new Map();
	for (const c of columns.rows) {
		if (!db.has(c.table_name)) db.set(c.table_name, new Map());
		db.get(c.table_name)!.set(c.column_name, {
			nullable: c.is_nullable === 'YES',
			hasDefault:
				c.column_default !== null || c.is_identity === 'YES' || c.is_generated === 'ALWAYS'
		});
	}
	const viewRows = await sql<{ table_name: string }>`select table_name
		from information_schema.views where table_schema = current_schema()`.execute(t.db);
	views = new Set(viewRows.rows.map((r) => r.table_name));
	typed = typedTables();
}, 120_000);

afterAll(() => t?.close());

describe('schema.ts against the migrated database', () => {
	it('reads both sides', () => {
		expect(db.size).toBeGreaterThan(60);
		expect(typed.size).toBeGreaterThan(60);
	});

	it('has the same tables and views', () => {
		const inDb = [...db.keys()].filter((name) => !SQL_ONLY_VIEWS.includes(name));
		expect([...typed.keys()].sort()).toEqual(inDb.sort());
		for (const name of SQL_ONLY_VIEWS) expect(views, `view ${name}`).toContain(name);
	});

	it('has the same columns in every table', () => {
		const diff: string[] = [];
		for (const [table, columns] of db) {
			const types = typed.get(table);
			if (!types) continue; // reported by the table test
			for (const column of columns.keys()) {
				if (!types.has(column)) diff.push(`${table}.${column}: in the database, not in schema.ts`);
			}
			for (const column of types.keys()) {
				if (!columns.has(column))
					diff.push(`${table}.${column}: in schema.ts, not in the database`);
			}
		}
		expect(diff).toEqual([]);
	});

	it('types a nullable column `| null` and a NOT NULL column without it', () => {
		const diff: string[] = [];
		for (const [table, columns] of db) {
			// A view's columns are all reported nullable: nothing to compare.
			if (views.has(table)) continue;
			for (const [column, c] of columns) {
				const type = typed.get(table)?.get(column);
				if (!type || type.nullable === undefined) continue;
				if (type.nullable !== c.nullable) {
					diff.push(
						`${table}.${column}: ${c.nullable ? 'nullable' : 'not null'} in the database, ` +
							`${type.nullable ? '| null' : 'not null'} in schema.ts`
					);
				}
			}
		}
		expect(diff).toEqual([]);
	});

	it('lets an insert leave out a NOT NULL column only when it has a default', () => {
		const diff: string[] = [];
		for (const [table, columns] of db) {
			if (views.has(table)) continue;
			for (const [column, c] of columns) {
				const type = typed.get(table)?.get(column);
				// Kysely lets every nullable column be left out of an insert.
				if (!type || c.nullable) continue;
				if (type.optionalOnInsert && !c.hasDefault) {
					diff.push(
						`${table}.${column}: optional on insert in schema.ts, no default in the database`
					);
				}
			}
		}
		expect(diff).toEqual([]);
	});
});
