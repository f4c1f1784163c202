import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable } from '../../src/lib/server/db/unavailable';

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('isDatabaseUnavailable (503, not 500)', () => {
	it.each([
		['server stopped', withCode('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432')],
		['connection reset', withCode('ECONNRESET')],
		['admin_shutdown (restart, pg_terminate_backend)', withCode('57P01')],
		['crash_shutdown', withCode('57P02')],
		['cannot_connect_now (starting up)', withCode('57P03')],
		['statement_timeout', withCode('57014')],
		['too_many_connections', withCode('53300')],
		['connection_failure', withCode('08006')],
		['connection_exception', withCode('08000')],
		['sqlclient_unable_to_establish_sqlconnection', withCode('08001')],
		['connection ended', new Error('Connection terminated unexpectedly')],
		['pool checkout timeout', new Error('timeout exceeded when trying to connect')],
		[
			'connect timeout',
			new Error('Connection terminated due to connection timeout', { cause: new Error('x') })
		],
		[
			'broken client reused',
			new Error('Client has encountered a connection error and is not queryable')
		],
		[
			'ECONNREFUSED on ::1 and 127.0.0.1',
			new AggregateError([withCode('ECONNREFUSED'), withCode('ECONNREFUSED')], '')
		],
		['wrapped in cause', new Error('query failed', { cause: withCode('57P01') })]
	])('%s', (_, err) => {
		expect(isDatabaseUnavailable(err)).toBe(true);
	});

	it.each([
		['a bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
		['unique violation', withCode('23505', 'duplicate key value')],
		['foreign key violation', withCode('23503')],
		['syntax error', withCode('42601')],
		['invalid uuid', withCode('22P02')],
		['serialization failure', withCode('40001')],
		['not an error', 'ECONNREFUSED'],
		['null', null],
		['undefined', undefined]
	])('%s is not', (_, err) => {
		expect(isDatabaseUnavailable(err)).toBe(false);
	});

	it('stops on a cause cycle', () => {
		const a = new Error('a') as Error & { cause?: unknown };
		const b = new Error('b', { cause: a });
		a.cause = b;
		expect(isDatabaseUnavailable(a)).toBe(false);
	});
});
